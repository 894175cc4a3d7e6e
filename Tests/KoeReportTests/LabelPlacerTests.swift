// LabelPlacerTests — a crowded scatter: labels never overlap each other, a point or an obstacle, stay inside
// the plot, and the same input gives the same placement.
import KoeCore
import XCTest

@testable import KoeReport

final class LabelPlacerTests: XCTestCase {
    func testCrowdedLabelsNeverOverlap() {
        let bounds = LabelBox(x: 0, y: 0, width: 600, height: 400)
        let placer = LabelPlacer(fontSize: 12, bounds: bounds, pointRadius: 5)
        // 40 points packed into an 80 × 60 patch in the middle, each with a long name and its code.
        var random = SplitMix64(seed: 42)
        let items = (0..<40).map { i in
            LabelPlacer.Item(
                x: 260 + random.nextUnit() * 80, y: 170 + random.nextUnit() * 60,
                texts: ["\(i) 子どもを産み育てる環境", "\(i)"])
        }
        let obstacle = LabelBox(x: 250, y: 150, width: 60, height: 16)
        let placements = placer.place(items, obstacles: [obstacle])
        XCTAssertEqual(placements, placer.place(items, obstacles: [obstacle]), "deterministic")
        let boxes = placements.compactMap { $0?.box }
        XCTAssertGreaterThanOrEqual(boxes.count, 36, "nearly every point gets a label")
        XCTAssertTrue(placements.contains { $0?.leader == true }, "a crowded chart needs leader lines")
        XCTAssertTrue(placements.contains { $0?.text.count ?? 0 > 3 }, "some labels keep their names")
        for (i, a) in boxes.enumerated() {
            XCTAssertFalse(a.overlaps(obstacle))
            XCTAssertTrue(a.x >= 0 && a.y >= 0 && a.x + a.width <= 600 && a.y + a.height <= 400)
            for b in boxes[(i + 1)...] { XCTAssertFalse(a.overlaps(b), "\(a) overlaps \(b)") }
            for item in items {
                let point = LabelBox(x: item.x - 5, y: item.y - 5, width: 10, height: 10)
                XCTAssertFalse(a.overlaps(point))
            }
        }
    }

    func testRoomyLabelsSitRightOfTheirPoint() throws {
        let placer = LabelPlacer(fontSize: 12, bounds: LabelBox(x: 0, y: 0, width: 400, height: 300))
        let p = try XCTUnwrap(placer.place([LabelPlacer.Item(x: 100, y: 100, texts: ["1 子育て"])]).first ?? nil)
        XCTAssertEqual(p.text, "1 子育て")
        XCTAssertFalse(p.leader)
        XCTAssertGreaterThan(p.box.x, 100)
        XCTAssertEqual(p.box.y + p.box.height / 2, 100, accuracy: 0.001)
    }

    func testTextWidths() {
        XCTAssertEqual(TextMetrics.width("子育て", fontSize: 10), 30)
        XCTAssertEqual(TextMetrics.width("1-1", fontSize: 10), 18, accuracy: 1e-9)
        XCTAssertEqual(htmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        XCTAssertEqual(num(-0.04), "0")
        XCTAssertEqual(num(12.25), "12.3")
        XCTAssertEqual(num(3), "3")
        XCTAssertEqual(ReportRenderer.grouped(1_234_567), "1,234,567")
    }
}
