#!/usr/bin/env python3
"""Writes Samples/map/shogakko-ku.geojson, a SCHEMATIC 小学校区 map of the fictional sample city.

The ten districts of Samples/districts.csv are drawn as unions of 1.5 km grid cells near 36.1°N 137.95°E
(roughly where a mid-sized Nagano city lies); they are not real boundaries. Borders get a deterministic
wiggle (the same points for both neighbours, so shared borders stay shared). The file exercises what real
files have: 高出 has a hole filled by the enclave 大門, 片丘 has an unassigned hole, 楢川 is a MultiPolygon
with an exclave, 洗馬 is written with clockwise outer rings (against RFC 7946), 塩尻東 has 3-D positions.

usage: python3 Samples/tools/make_map.py [OUT.geojson]
"""
import json
import math
import os
import sys

GRID = """
吉 吉 広 広 片 片 片
吉 吉 広 広 片 . 片
吉 高 高 高 片 片 片
洗 高 大 高 塩 塩 北
洗 高 高 高 塩 塩 北
洗 洗 宗 宗 塩 北 北
洗 宗 宗 宗 楢 楢 .
楢 宗 楢 楢 楢 楢 楢
"""
NAMES = {"吉": "吉田", "広": "広丘", "片": "片丘", "高": "高出", "大": "大門", "塩": "塩尻東", "北": "北小野",
         "洗": "洗馬", "宗": "宗賀", "楢": "楢川"}
ORDER = ["大門", "塩尻東", "片丘", "高出", "広丘", "吉田", "宗賀", "洗馬", "北小野", "楢川"]
LON0, LAT0 = 137.90, 36.16
DLAT = 1.5 / 111.0
DLON = 1.5 / (111.32 * math.cos(math.radians(36.1)))


def cells():
    out = {}
    for y, line in enumerate(GRID.strip().splitlines()):
        for x, mark in enumerate(line.split()):
            if mark != ".":
                out.setdefault(NAMES[mark], []).append((x, y))
    return out


def rings(cell_list):
    """Boundary rings of a union of cells (math coordinates X = x, Y = -y): outer CCW, holes CW."""
    edges = set()
    for x, y in cell_list:
        c = [(x, -y - 1), (x + 1, -y - 1), (x + 1, -y), (x, -y)]
        for i in range(4):
            e = (c[i], c[(i + 1) % 4])
            if (e[1], e[0]) in edges:
                edges.remove((e[1], e[0]))
            else:
                edges.add(e)
    following = {}
    for a, b in edges:
        following.setdefault(a, []).append(b)
    out = []
    while following:
        start = min(following)
        ring, point = [start], start
        while True:
            nxt = following[point].pop()
            if not following[point]:
                del following[point]
            if nxt == start:
                break
            ring.append(nxt)
            point = nxt
        out.append(ring)
    return out


def signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1])) / 2


def wiggle(a, b):
    """Points strictly between lattice points a and b, the same for (a, b) and (b, a)."""
    lo, hi = min(a, b), max(a, b)
    seed = (lo[0] * 31 + lo[1] * 17 + hi[0] * 7 + hi[1] * 3) % 11
    pts = []
    for k in range(1, 6):
        t = k / 6
        off = 0.07 * math.sin(t * math.pi * (1 + seed % 3)) * (1 if seed % 2 else -1)
        dx, dy = hi[0] - lo[0], hi[1] - lo[1]
        pts.append((lo[0] + dx * t - dy * off, lo[1] + dy * t + dx * off))
    return pts if (lo, hi) == (a, b) else list(reversed(pts))


def lonlat(p, three_d):
    pos = [round(LON0 + p[0] * DLON, 6), round(LAT0 + p[1] * DLAT, 6)]
    return pos + [0.0] if three_d else pos


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "map", "shogakko-ku.geojson")
    by_name = cells()
    features = []
    for name in ORDER:
        polygons = []
        for ring in rings(by_name[name]):
            dense = []
            for a, b in zip(ring, ring[1:] + ring[:1]):
                dense.append(a)
                dense += wiggle(a, b)
            if name == "洗馬":
                dense.reverse()  # clockwise outer ring: readers must accept either winding
            coords = [lonlat(p, name == "塩尻東") for p in dense]
            coords.append(coords[0])
            if (signed_area(ring) > 0) or not polygons:
                polygons.append([coords])
            else:
                polygons[-1].append(coords)  # a hole belongs to the outer ring before it
        geometry = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons})
        features.append({"type": "Feature", "properties": {"name": name, "note": "模式図（実際の校区境界ではありません）"},
                         "geometry": geometry})
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{out}: {len(features)} districts", file=sys.stderr)


if __name__ == "__main__":
    main()
