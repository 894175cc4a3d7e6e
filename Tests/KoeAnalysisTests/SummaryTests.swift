// Summary and CS-portfolio tests; portfolio numbers computed independently with numpy (see comments).
import XCTest

@testable import KoeAnalysis

final class SummaryTests: XCTestCase {
    func testCountsShareAndRankWithinLevel() {
        var builder = SummaryBuilder(areas: [
            AreaDescriptor(code: "A", name: "子育て", level: 1),
            AreaDescriptor(code: "1", name: "保育", level: 2),
            AreaDescriptor(code: "B", name: "交通", level: 1),
        ])
        builder.addOpinion(areas: ["A", "1"], respondent: "r1")
        builder.addOpinion(areas: ["A", "1"], respondent: "r1")
        builder.addOpinion(areas: ["B"], respondent: "r2")
        builder.addOpinion(areas: ["B"], respondent: "r3")
        builder.addOpinion(areas: [], respondent: "r4")
        builder.addOpinion(areas: ["B"], respondent: nil)
        let rows = builder.rows()
        XCTAssertEqual(rows.map(\.opinions), [2, 2, 3])
        XCTAssertEqual(rows.map(\.respondents), [1, 1, 2])
        XCTAssertEqual(rows.map(\.workshopNotes), [0, 0, 1])
        XCTAssertEqual(rows.map(\.share), [0.25, 0.25, 0.5])
        XCTAssertEqual(rows.map(\.rank), [2, 1, 1])
        XCTAssertEqual(builder.totalRespondents, 4)
    }

    func testRatingMeansLeaveOutMissing() {
        var builder = SummaryBuilder(areas: [AreaDescriptor(code: "A", name: "x", level: 1)])
        builder.addRating(area: "A", importance: 4)
        builder.addRating(area: "A", importance: nil)
        builder.addRating(area: "A", importance: 3)
        let row = builder.rows()[0]
        XCTAssertEqual(row.importance, 3.5)
        XCTAssertEqual(row.importanceN, 2)
        XCTAssertNil(row.satisfaction)
        XCTAssertNil(row.improvementIndex)
    }

    /// Expected values from numpy: dev(v) = 50 + 10 (v − mean) / v.std() (population SD);
    /// θ = degrees(arccos((−x + y) / (d √2))), index = d (90 − θ) / 90, x = S − 50, y = I − 50.
    func testPortfolioAgainstNumpy() {
        let points: [(importance: Double, satisfaction: Double)] = [(3.4, 2.1), (2.9, 2.8), (3.1, 3.3), (2.2, 2.5)]
        let results = Portfolio.analyse(points)
        let expected: [(Double, Double, Double)] = [
            (61.32277, 36.873207, 16.52262), (50.0, 52.853651, -1.426825),
            (54.529108, 64.268254, -4.555691), (34.148122, 46.004889, -5.604395),
        ]
        for (r, e) in zip(results, expected) {
            XCTAssertEqual(r.importanceScore, e.0, accuracy: 1e-5)
            XCTAssertEqual(r.satisfactionScore, e.1, accuracy: 1e-5)
            XCTAssertEqual(r.improvementIndex, e.2, accuracy: 1e-5)
        }
        // Point 2 lies on the importance axis (偏差値 50 up to rounding): its quadrant is not asserted.
        XCTAssertEqual([0, 2, 3].map { results[$0].quadrant }, ["重点改善分野", "重点維持分野", "改善分野"])
    }

    func testPortfolioDegenerateInputs() {
        XCTAssertEqual(Portfolio.analyse([(3, 3)]).first?.improvementIndex, 0)
        XCTAssertEqual(Portfolio.deviationScores([2, 2, 2]), [50, 50, 50])
    }
}
