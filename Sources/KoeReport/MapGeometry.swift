// MapGeometry — the districts projected for drawing: a spherical transverse Mercator centred on the city
// (conformal: shapes keep their proportions, north up along the central meridian), fitted to the chart, snapped
// to a 0.1 px grid and simplified by Douglas–Peucker along shared borders (arcs between junctions are simplified
// once, so neighbours keep a common edge without gaps or slivers).
import Foundation
import KoeSegments

/// A point on the chart, in tenths of a pixel (integers, so shared vertices compare exactly).
struct GridPoint: Hashable, Comparable {
    var x: Int
    var y: Int
    static func < (a: GridPoint, b: GridPoint) -> Bool { (a.x, a.y) < (b.x, b.y) }
}

/// The projected, simplified map for one chart size.
struct ProjectedMap {
    /// Per district (in `DistrictMap.districts` order), its rings on the grid.
    var rings: [[[GridPoint]]]
    var width: Double
    var height: Double
    /// Metres per pixel at the centre (for the scale bar).
    var metresPerPixel: Double
    /// Positions before and after simplification.
    var positionsIn = 0
    var positionsOut = 0

    static let earthRadius = 6_371_008.8

    /// Projects and fits `map` into `width` × at most `maxHeight` px (with `margin` around it).
    init(_ map: DistrictMap, width: Double, maxHeight: Double, margin: Double = 8, tolerance: Double = 0.7) {
        let all = map.districts.flatMap { $0.rings.flatMap { $0 } }
        let lons = all.map(\.lon)
        let lats = all.map(\.lat)
        let lon0 = ((lons.min() ?? 0) + (lons.max() ?? 0)) / 2
        let lat0 = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
        let project = { (p: MapPoint) -> (Double, Double) in Self.transverseMercator(p, lon0: lon0, lat0: lat0) }
        let xy = map.districts.map { $0.rings.map { $0.map(project) } }
        let flat = xy.flatMap { $0.flatMap { $0 } }
        let minX = flat.map(\.0).min() ?? 0
        let maxX = flat.map(\.0).max() ?? 1
        let minY = flat.map(\.1).min() ?? 0
        let maxY = flat.map(\.1).max() ?? 1
        let spanX = max(maxX - minX, 1e-9)
        let spanY = max(maxY - minY, 1e-9)
        let scale = min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY)
        self.width = width
        self.height = (spanY * scale + 2 * margin).rounded(.up)
        let offsetX = (width - spanX * scale) / 2
        metresPerPixel = Self.earthRadius / scale
        // North up: y grows southwards on the screen.
        let grid = xy.map { district in
            district.compactMap { ring -> [GridPoint]? in
                var out: [GridPoint] = []
                for p in ring {
                    let g = GridPoint(
                        x: Int(((offsetX + (p.0 - minX) * scale) * 10).rounded()), y: Int(((margin + (maxY - p.1) * scale) * 10).rounded()))
                    if out.last != g { out.append(g) }
                }
                if out.count > 1, out.first == out.last { out.removeLast() }
                return out.count >= 3 ? out : nil
            }
        }
        positionsIn = all.count
        rings = BorderSimplifier(rings: grid, tolerance: tolerance * 10).simplified()
        positionsOut = rings.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    }

    /// Spherical transverse Mercator about `lon0` (conformal), in units of the earth's radius; y from `lat0`.
    static func transverseMercator(_ p: MapPoint, lon0: Double, lat0: Double) -> (Double, Double) {
        let phi = p.lat * .pi / 180
        let lambda = (p.lon - lon0) * .pi / 180
        let b = cos(phi) * sin(lambda)
        let x = atanh(max(min(b, 0.999_999_999), -0.999_999_999))
        let y = atan2(tan(phi), cos(lambda)) - lat0 * .pi / 180
        return (x, y)
    }

    /// A district's path data: every ring as M … Z (drawn with fill-rule evenodd, so holes show whatever the winding).
    func pathData(_ district: Int) -> String {
        var out = ""
        for ring in rings[district] {
            for (i, p) in ring.enumerated() {
                out += (i == 0 ? "M" : "L") + Self.coordinate(p.x) + " " + Self.coordinate(p.y)
            }
            out += "Z"
        }
        return out
    }

    static func coordinate(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let v = abs(tenths)
        return v % 10 == 0 ? "\(sign)\(v / 10)" : "\(sign)\(v / 10).\(v % 10)"
    }

    /// A point well inside the district, for its label: the midpoint of the widest inside stretch of a few
    /// horizontal lines through its largest ring (even–odd rule, so holes are outside).
    func labelPoint(_ district: Int) -> (x: Double, y: Double)? {
        let rs = rings[district]
        guard let largest = rs.max(by: { Self.area($0) < Self.area($1) }) else { return nil }
        let ys = largest.map(\.y)
        guard let top = ys.min(), let bottom = ys.max(), bottom > top else { return nil }
        var best: (width: Double, x: Double, y: Double)?
        for k in 1...9 {
            let y = Double(top) + Double(bottom - top) * Double(k) / 10 + 0.5
            var xs: [Double] = []
            for ring in rs {
                for (i, a) in ring.enumerated() {
                    let b = ring[(i + 1) % ring.count]
                    let (ay, by) = (Double(a.y), Double(b.y))
                    if (ay <= y) != (by <= y) { xs.append(Double(a.x) + (y - ay) / (by - ay) * Double(b.x - a.x)) }
                }
            }
            xs.sort()
            var i = 0
            while i + 1 < xs.count {
                let w = xs[i + 1] - xs[i]
                // Prefer the middle lines a little: labels near the centre read better.
                let weighted = w * (1 - abs(Double(k) - 5) * 0.04)
                if best == nil || weighted > best?.width ?? 0 { best = (weighted, (xs[i] + xs[i + 1]) / 2, y) }
                i += 2
            }
        }
        return best.map { ($0.x / 10, $0.y / 10) }
    }

    static func area(_ ring: [GridPoint]) -> Double {
        var s = 0.0
        for (i, a) in ring.enumerated() {
            let b = ring[(i + 1) % ring.count]
            s += Double(a.x) * Double(b.y) - Double(b.x) * Double(a.y)
        }
        return abs(s) / 2
    }
}
