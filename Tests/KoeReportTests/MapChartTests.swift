// MapChartTests — the 小学校区 map: GeoJSON reading (holes, multipolygons, 3-D positions, either winding, bounds
// and errors), the projection (north up, proportions kept), border-sharing simplification, and the SVG's
// district paths, hatching and unmatched lists; and the real polygons of ../shared/maps when present.
import Foundation
import KoeCore
import KoeSegments
import XCTest

@testable import KoeReport

final class MapChartTests: XCTestCase {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-map-\(UUID().uuidString)")

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func write(_ text: String, _ name: String = "map.geojson") throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A square of `size` km with its south-west corner `(x, y)` km from 137.9°E 36.1°N, as a ring.
    static func square(_ x: Double, _ y: Double, _ size: Double = 1, clockwise: Bool = false, z: Bool = false) -> String {
        let dlat = 1 / 111.0
        let dlon = 1 / (111.32 * cos(36.1 * Double.pi / 180))
        var corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
        if clockwise { corners.reverse() }
        corners.append(corners[0])
        let positions = corners.map { c in
            "[\(137.9 + c.0 * dlon), \(36.1 + c.1 * dlat)\(z ? ", 0.0" : "")]"
        }
        return "[" + positions.joined(separator: ",") + "]"
    }

    func sampleMap() throws -> DistrictMap {
        // 北: a 3 km square with a hole (1–2 km) filled by the enclave 中; 南: two parts south of it, written
        // clockwise with 3-D positions; a point feature and a nameless polygon are skipped.
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"北小学校区"},"geometry":{"type":"Polygon","coordinates":[\(Self.square(0, 0, 3)),\(Self.square(1, 1, 1, clockwise: true))]}},
            {"type":"Feature","properties":{"name":"中"},"geometry":{"type":"Polygon","coordinates":[\(Self.square(1, 1, 1))]}},
            {"type":"Feature","properties":{"name":"南"},"geometry":{"type":"MultiPolygon","coordinates":[[\(Self.square(0, -1, 1, clockwise: true, z: true))],[\(Self.square(2, -1, 1, clockwise: true, z: true))]]}},
            {"type":"Feature","properties":{"name":"点"},"geometry":{"type":"Point","coordinates":[137.9,36.1]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[\(Self.square(5, 5))]}}
            ]}
            """
        return try DistrictMap(url: try write(text), display: "map.geojson", nameProperty: "name", attribution: "テスト")
    }

    func testReadsPolygonsHolesMultipolygonsAndThreeDimensionalPositions() throws {
        let map = try sampleMap()
        XCTAssertEqual(map.districts.map(\.name), ["北小学校区", "中", "南"])
        XCTAssertEqual(map.districts.map { $0.rings.count }, [2, 1, 2])
        XCTAssertEqual(map.districts[0].rings[0].count, 4, "the closing position is dropped")
        XCTAssertEqual(map.skippedFeatures, 2)
        XCTAssertEqual(map.attribution, "テスト")
    }

    func testProjectionKeepsNorthUpAndProportions() throws {
        let p = ProjectedMap(try sampleMap(), width: 400, maxHeight: 600)
        func box(_ ring: [GridPoint]) -> (w: Double, h: Double, top: Int) {
            let xs = ring.map(\.x)
            let ys = ring.map(\.y)
            return (Double((xs.max() ?? 0) - (xs.min() ?? 0)), Double((ys.max() ?? 0) - (ys.min() ?? 0)), ys.min() ?? 0)
        }
        let north = box(p.rings[0][0])
        let south = box(p.rings[2][0])
        XCTAssertLessThan(north.top, south.top, "north is up")
        XCTAssertEqual(north.w / north.h, 1, accuracy: 0.01, "a square stays square (conformal)")
        XCTAssertEqual(south.w / south.h, 1, accuracy: 0.02)
        XCTAssertEqual(north.w / south.w, 3, accuracy: 0.02)
        // 3 km across in 384 px: about 7.8 m a pixel.
        XCTAssertEqual(p.metresPerPixel, 3000 / 384, accuracy: 0.1)
        // The hole is kept and drawn with the even-odd rule; the enclave fills it exactly.
        XCTAssertEqual(Set(p.rings[0][1]), Set(p.rings[1][0]))
    }

    func testSimplificationKeepsSharedBordersShared() throws {
        // Two districts sharing a wiggly border of 200 points: both must keep the same simplified border.
        var border: [(Double, Double)] = []
        for i in 0...200 { border.append((Double(i) / 200, 0.5 + 0.01 * sin(Double(i) / 7) + 0.0002 * Double(i % 3))) }
        func ring(_ points: [(Double, Double)]) -> String {
            let dlat = 1 / 111.0
            let dlon = 1 / (111.32 * cos(36.1 * Double.pi / 180))
            return "[" + (points + [points[0]]).map { "[\(137.9 + $0.0 * dlon), \(36.1 + $0.1 * dlat)]" }.joined(separator: ",") + "]"
        }
        let upper = [(0.0, 1.0)] + border + [(1.0, 1.0)]
        let lower = [(0.0, 0.0), (1.0, 0.0)] + border.reversed()
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"n":"上"},"geometry":{"type":"Polygon","coordinates":[\(ring(upper))]}},
            {"type":"Feature","properties":{"n":"下"},"geometry":{"type":"Polygon","coordinates":[\(ring(lower))]}}]}
            """
        let map = try DistrictMap(url: try write(text), display: "m", nameProperty: "n", attribution: nil)
        let p = ProjectedMap(map, width: 400, maxHeight: 400)
        XCTAssertLessThan(p.positionsOut, p.positionsIn / 3, "simplified: \(p.positionsIn) → \(p.positionsOut)")
        let a = Set(p.rings[0][0])
        let b = Set(p.rings[1][0])
        let shared = a.intersection(b)
        XCTAssertGreaterThan(shared.count, 4)
        // Every vertex of either ring on the border (not a corner of the square) is in the other ring too.
        let corners = Set(p.rings[0][0].filter { !b.contains($0) } + p.rings[1][0].filter { !a.contains($0) })
        XCTAssertEqual(corners.count, 4, "only the four outer corners are unshared: \(corners)")
    }

    func testChoroplethMarksDistrictsAndListsUnmatchedBothWays() throws {
        let map = try sampleMap()
        let report = MapReport(
            map: map, minCell: 5, areas: ["1"],
            rows: [
                ("1", "北", 40, 20, 2.5), ("1", "中", 3, 1, nil), ("1", "東", 10, 2, -0.5), ("1", "無回答", 4, 1, nil),
            ])
        XCTAssertEqual(report.missingOnMap, ["東"])
        XCTAssertEqual(report.missingInData, ["南"])
        let html = MapChart.html(
            report, areas: [ReportModel.Area(code: "1", name: "子育て", level: 1, opinions: 0, respondents: 0, share: 0, rank: 1)],
            chartLevel: 2)
        XCTAssertTrue(html.contains("data-district=\"北小学校区\">"), "matched without 小学校区")
        XCTAssertTrue(html.contains("data-district=\"中\" data-small=\"true\">"))
        XCTAssertTrue(html.contains("data-district=\"南\" data-small=\"true\">"), "no respondents is under min_cell too")
        XCTAssertTrue(html.contains("fill-rule=\"evenodd\""))
        XCTAssertTrue(html.contains(">▲50.0%</text>"))
        XCTAssertTrue(html.contains("地図に見つからない地区（集計には含まれています）: 東"))
        XCTAssertTrue(html.contains("回答のない校区（地図のみ）: 南"))
        XCTAssertTrue(html.contains("地図の出典: テスト"))
        XCTAssertEqual(MapChart.breaks(0.5), [0, 0.1, 0.2, 0.3, 0.4, 0.5])
    }

    func testBadFilesFailWithClearErrors() throws {
        func code(_ text: String) -> String? {
            do {
                _ = try DistrictMap(
                    url: try write(text, "\(UUID().uuidString).geojson"), display: "x.geojson", nameProperty: "name", attribution: nil)
                return nil
            } catch let e as KoeError { return e.diagnostic.code } catch { return "\(error)" }
        }
        XCTAssertEqual(code("not json"), "map-not-geojson")
        XCTAssertEqual(code("{\"type\":\"FeatureCollection\",\"features\":[]}"), "map-no-districts")
        let projected =
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-8000,30000],[-7000,30000],[-7000,31000],[-8000,30000]]]}}"
        XCTAssertEqual(code(projected), "map-bad-geometry")
        let tooLarge = dir.appendingPathComponent("large.geojson")
        XCTAssertTrue(FileManager.default.createFile(atPath: tooLarge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: tooLarge)
        try handle.truncate(atOffset: UInt64(DistrictMap.maxBytes + 1))  // sparse: nothing is written
        try handle.close()
        XCTAssertThrowsError(try DistrictMap(url: tooLarge, display: "large.geojson", nameProperty: "name", attribution: nil)) {
            XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "map-too-large")
        }
        XCTAssertThrowsError(
            try DistrictMap(url: dir.appendingPathComponent("none"), display: "none", nameProperty: "name", attribution: nil)
        ) {
            XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "map-not-found")
        }
    }

    /// The real 小学校区 of 小金井市 (国土数値情報 A27, ../shared/maps/SOURCE.md): 9 districts, 3-D positions,
    /// 前原 with a hole, 小金井第二 in two parts.
    func testRealPolygons() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/maps/koganei-shogakko-ku.geojson"
        ).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/maps is absent: \(url.path)") }
        let map = try DistrictMap(url: url, display: "koganei", nameProperty: "name", attribution: nil)
        XCTAssertEqual(map.districts.count, 9)
        XCTAssertEqual(
            map.districts.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } } + map.districts.reduce(0) { $0 + $1.rings.count }, 1680)
        let byName = Dictionary(uniqueKeysWithValues: map.districts.enumerated().map { ($1.name, $0) })
        let maehara = try XCTUnwrap(byName["前原"])
        let daini = try XCTUnwrap(byName["小金井第二"])
        XCTAssertEqual(map.districts[maehara].rings.count, 2)
        XCTAssertEqual(map.districts[daini].rings.count, 2)
        let p = ProjectedMap(map, width: 460, maxHeight: 420)
        XCTAssertEqual(p.rings[maehara].count, 2, "the hole survives simplification")
        XCTAssertLessThan(p.positionsOut, p.positionsIn / 2, "\(p.positionsIn) → \(p.positionsOut)")
        // 緑 lies north of 南, 東 east of 小金井第四.
        let label = { (name: String) in p.labelPoint(byName[name] ?? 0) ?? (0, 0) }
        XCTAssertLessThan(label("緑").y, label("南").y)
        XCTAssertGreaterThan(label("東").x, label("小金井第四").x)
        // About 5 km east–west (bbox 139.484455–139.534195 at 35.70°N: 4.50 km) in 444 px.
        XCTAssertEqual(p.metresPerPixel * 444, 4500, accuracy: 60)
    }
}
