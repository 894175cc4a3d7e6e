// Summary and CS-portfolio tests; portfolio numbers computed independently with numpy (see comments).
import KoeCore
import XCTest

@testable import KoeAnalysis

final class SummaryTests: XCTestCase {
    func testCountsShareAndRankWithinLevel() {
        var builder = SummaryBuilder(areas: [
            PlanArea(code: "A", name: "子育て", level: 1),
            PlanArea(code: "1", name: "保育", level: 2),
            PlanArea(code: "B", name: "交通", level: 1),
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

    func testRatingMeansLeaveOutMissingAndCountIt() {
        var builder = SummaryBuilder(areas: [
            PlanArea(code: "A", name: "x", level: 1), PlanArea(code: "B", name: "y", level: 1),
        ])
        builder.addRating(area: "A", importance: 4)
        builder.addMissingRating(area: "A", .importance)
        builder.addRating(area: "A", importance: 3)
        builder.addRating(area: "A", importance: nil)  // invalid: neither in the mean nor missing
        builder.addMissingRating(area: "A", .importance)
        builder.addMissingRating(area: "A", .satisfaction)
        builder.addRating(area: "B", satisfaction: 2)
        builder.addMissingRating(area: "B", .satisfaction)
        builder.addMissingRating(area: "unknown", .satisfaction)
        let rows = builder.rows()
        XCTAssertEqual(rows[0].importance, 3.5)
        XCTAssertEqual(rows[0].importanceN, 2)
        XCTAssertEqual(rows[0].importanceMissing, 2)
        XCTAssertNil(rows[0].satisfaction)
        XCTAssertEqual(rows[0].satisfactionN, 0)
        XCTAssertEqual(rows[0].satisfactionMissing, 1)
        XCTAssertNil(rows[0].improvementIndex)
        XCTAssertEqual([rows[1].importanceMissing, rows[1].satisfactionN, rows[1].satisfactionMissing], [0, 1, 1])
    }

    /// The same through `RatingScale.read`: blank and わからない (9) are missing, "x" and 7 invalid.
    func testRatingReadingsFromTheScale() {
        var scale = RatingScale()
        scale.max = 4
        scale.highIsBad = true
        scale.missing = [9]
        var builder = SummaryBuilder(areas: [PlanArea(code: "A", name: "x", level: 1)])
        for raw in ["1", "4", "", "9", "x", "7", "２"] { builder.addRating(area: "A", .satisfaction, scale.read(raw)) }
        let row = builder.rows()[0]
        // Oriented: 1 → 4, 4 → 1, ２ → 2 → 3: mean 8 / 3.
        XCTAssertEqual(row.satisfactionN, 3)
        XCTAssertEqual(row.satisfaction ?? 0, 8.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(row.satisfactionMissing, 2)
        XCTAssertEqual(row.importanceMissing, 0)
    }

    /// A single-digit cell (the fast path) reads as the same number written with spaces (the general path).
    func testSingleDigitFastPathMatchesTheGeneralReading() {
        var scale = RatingScale()
        scale.max = 5
        scale.highIsBad = true
        scale.missing = [9]
        for d in 0...9 { XCTAssertEqual(scale.read(String(d)), scale.read(" \(d) "), "\(d)") }
        XCTAssertEqual(scale.read("2"), .value(4))
        XCTAssertEqual(scale.read("9"), .missing)
        XCTAssertEqual(scale.read("0"), .invalid)
    }

    /// Weighted share by hand. Usable weights: r1 2.0, r2 0.5, r3 1.5, r6 0 → total 4.0.
    /// A: r1 + r2 + r6 = 2.5 → 2.5 / 4 = 0.625; B: r2 + r3 = 2.0 → 0.5; C: nobody → 0.
    /// r4 (blank weight) and r5 (−1) are invalid, r7 comes from a source without weights: all three are in
    /// the unweighted shares (A 5/7, B 3/7) but not in the weighted ones.
    func testWeightedShareByHand() {
        var builder = SummaryBuilder(areas: [
            PlanArea(code: "A", name: "a", level: 1), PlanArea(code: "B", name: "b", level: 1),
            PlanArea(code: "C", name: "c", level: 1),
        ])
        builder.addOpinion(areas: ["A"], respondent: "r1", weight: .weighted(2.0))
        builder.addOpinion(areas: ["A"], respondent: "r1", weight: .weighted(2.0))
        builder.addOpinion(areas: ["A", "B"], respondent: "r2", weight: .weighted(0.5))
        builder.addOpinion(areas: ["B"], respondent: "r3", weight: .weighted(1.5))
        builder.addOpinion(areas: ["A"], respondent: "r4", weight: .weighted(nil))
        builder.addOpinion(areas: ["B"], respondent: "r5", weight: .weighted(-1))
        builder.addOpinion(areas: ["A"], respondent: "r6", weight: .weighted(0))
        builder.addOpinion(areas: ["A"], respondent: "r7", weight: .unweighted)
        builder.addOpinion(areas: ["B", "C"], respondent: nil, weight: .weighted(9))  // a workshop note: no weight
        let rows = builder.rows()
        XCTAssertEqual(rows.map(\.weightedShare), [0.625, 0.5, 0])
        XCTAssertEqual(rows.map(\.share), [5.0 / 7, 3.0 / 7, 0])
        XCTAssertEqual(rows.map(\.respondents), [5, 3, 0])
        XCTAssertEqual(builder.weights.weighted, 4)
        XCTAssertEqual(builder.weights.invalid, 2)
        XCTAssertEqual(builder.weights.unweighted, 1)
        XCTAssertEqual(builder.weights.total, 4.0)
    }

    func testNoWeightsGiveNoWeightedShare() {
        var builder = SummaryBuilder(areas: [PlanArea(code: "A", name: "a", level: 1)])
        builder.addOpinion(areas: ["A"], respondent: "r1")
        builder.addOpinion(areas: [], respondent: "r2", weight: RespondentWeight(configured: false, value: 3))
        XCTAssertNil(builder.rows()[0].weightedShare)
        XCTAssertEqual(builder.weights.unweighted, 2)
        // A weighted source whose weights are all zero or unusable: no weighted share either.
        var zero = SummaryBuilder(areas: [PlanArea(code: "A", name: "a", level: 1)])
        zero.addOpinion(areas: ["A"], respondent: "r1", weight: RespondentWeight(configured: true, value: 0))
        zero.addOpinion(areas: ["A"], respondent: "r2", weight: RespondentWeight(configured: true, value: .nan))
        zero.addOpinion(areas: ["A"], respondent: "r3", weight: RespondentWeight(configured: true, value: .infinity))
        XCTAssertNil(zero.rows()[0].weightedShare)
        XCTAssertEqual([zero.weights.weighted, zero.weights.invalid], [1, 2])
        XCTAssertEqual(RespondentWeight(configured: true, value: 1.25).usable, 1.25)
        XCTAssertNil(RespondentWeight(configured: true, value: -0.5).usable)
        XCTAssertNil(RespondentWeight(configured: false, value: 1).usable)
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
