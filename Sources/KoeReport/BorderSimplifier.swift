// BorderSimplifier — Douglas–Peucker that keeps neighbouring districts joined: rings are cut at junctions (a
// vertex whose neighbours differ between the rings that share it), every arc between two junctions is
// simplified once in a canonical direction, and each ring is put back together from its arcs.

/// Simplifies rings of grid points with shared borders.
struct BorderSimplifier {
    /// Per district, per ring.
    let rings: [[[GridPoint]]]
    /// Largest distance (grid units) a removed vertex may lie from the simplified line.
    let tolerance: Double

    func simplified() -> [[[GridPoint]]] {
        let junctions = findJunctions()
        var cache: [[GridPoint]: [GridPoint]] = [:]
        return rings.map { district in
            district.map { ring in
                let out = simplify(ring, junctions: junctions, cache: &cache)
                // A ring that collapses (a tiny island or hole) keeps its own outline.
                return Set(out).count >= 3 && ProjectedMap.area(out) > 0 ? out : ring
            }
        }
    }

    /// Vertices where borders meet: shared by rings with different neighbours there.
    private func findJunctions() -> Set<GridPoint> {
        var neighbours: [GridPoint: Set<[GridPoint]>] = [:]
        var seen: [GridPoint: Int] = [:]
        for district in rings {
            for ring in district {
                let n = ring.count
                for (i, p) in ring.enumerated() {
                    let a = ring[(i + n - 1) % n]
                    let b = ring[(i + 1) % n]
                    neighbours[p, default: []].insert(a < b ? [a, b] : [b, a])
                    seen[p, default: 0] += 1
                }
            }
        }
        var out: Set<GridPoint> = []
        for (p, pairs) in neighbours where pairs.count > 1 || (seen[p] ?? 0) > 2 { out.insert(p) }
        return out
    }

    private func simplify(_ ring: [GridPoint], junctions: Set<GridPoint>, cache: inout [[GridPoint]: [GridPoint]]) -> [GridPoint] {
        let n = ring.count
        var cuts = ring.indices.filter { junctions.contains(ring[$0]) }
        if cuts.isEmpty {
            // A ring sharing no junction (an island, or a hole filled by one enclave): start at its smallest
            // vertex, so the hole and the enclave are cut alike.
            guard let start = ring.indices.min(by: { ring[$0] < ring[$1] }) else { return ring }
            let far =
                ring.indices.max { a, b in
                    distance2(ring[a], ring[start]) < distance2(ring[b], ring[start])
                } ?? start
            cuts = far == start ? [start] : [min(start, far), max(start, far)]
        }
        var out: [GridPoint] = []
        for (k, from) in cuts.enumerated() {
            let to = k + 1 < cuts.count ? cuts[k + 1] : cuts[0] + n
            let arc = (from...to).map { ring[$0 % n] }
            let done = simplifiedArc(arc, cache: &cache)
            out.append(contentsOf: done.dropLast())
        }
        return out
    }

    /// An arc simplified in its canonical direction (the same whichever ring it comes from).
    private func simplifiedArc(_ arc: [GridPoint], cache: inout [[GridPoint]: [GridPoint]]) -> [GridPoint] {
        let reversed = Array(arc.reversed())
        let forward = arc.lexicographicallyPrecedes(reversed) || arc == reversed
        let key = forward ? arc : reversed
        let result: [GridPoint]
        if let hit = cache[key] {
            result = hit
        } else {
            result = douglasPeucker(key)
            cache[key] = result
        }
        return forward ? result : result.reversed()
    }

    /// Douglas–Peucker with the end points kept (iterative, so long arcs cannot overflow the stack).
    func douglasPeucker(_ points: [GridPoint]) -> [GridPoint] {
        guard points.count > 2 else { return points }
        var keep = Array(repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let limit = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            var worst = 0.0
            var index = a
            for i in (a + 1)..<b {
                let d = segmentDistance2(points[i], points[a], points[b])
                if d > worst {
                    worst = d
                    index = i
                }
            }
            if worst > limit {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    private func distance2(_ a: GridPoint, _ b: GridPoint) -> Double {
        let dx = Double(a.x - b.x)
        let dy = Double(a.y - b.y)
        return dx * dx + dy * dy
    }

    private func segmentDistance2(_ p: GridPoint, _ a: GridPoint, _ b: GridPoint) -> Double {
        let (ax, ay, bx, by, px, py) = (Double(a.x), Double(a.y), Double(b.x), Double(b.y), Double(p.x), Double(p.y))
        let dx = bx - ax
        let dy = by - ay
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return distance2(p, a) }
        let t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / length2))
        let qx = ax + t * dx - px
        let qy = ay + t * dy - py
        return qx * qx + qy * qy
    }
}
