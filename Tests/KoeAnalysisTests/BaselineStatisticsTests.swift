// BaselineStatisticsTests — the previous-wave tests against SciPy (numbers from
// `python3 scripts/eval/baseline_reference.py`), and the codebook matching of BaselineComparison.
import KoeCore
import XCTest

@testable import KoeAnalysis

final class BaselineStatisticsTests: XCTestCase {
    /// p = 2 * scipy.stats.norm.sf(|z|) of the pooled z.
    func testTwoProportionZEqualsSciPy() throws {
        let cases: [(Int, Int, Int, Int, Double, Double)] = [
            (61, 346, 26, 217, 1.804643621722788, 0.0711304673400116),
            (126, 346, 77, 217, 0.22422552615495092, 0.8225818221034018),
            (3, 10, 7, 12, -1.3289511319499718, 0.1838640928387193),
            (0, 50, 4, 60, -1.8598708280026723, 0.0629038035128773),
            (999, 1000, 990, 1000, 2.721095431170487, 0.006506597483637528),
        ]
        for (x1, n1, x2, n2, z, p) in cases {
            let t = try XCTUnwrap(TwoProportionTest(x1, of: n1, x2, of: n2))
            XCTAssertEqual(t.z, z, accuracy: abs(z) * 1e-13)
            XCTAssertEqual(t.p, p, accuracy: p * 1e-12)
        }
        XCTAssertNil(TwoProportionTest(0, of: 10, 0, of: 20))  // nobody mentions: no variance
        XCTAssertNil(TwoProportionTest(5, of: 5, 3, of: 3))
        XCTAssertNil(TwoProportionTest(1, of: 0, 0, of: 3))
    }

    /// scipy.stats.ttest_ind(a, b, equal_var=False) and ttest_ind_from_stats(…, equal_var=False).
    func testWelchEqualsSciPy() throws {
        let a: [Double] = [4, 3, 3, 4, 2, 4, 3, 1, 4, 4, 3, 2]
        let b: [Double] = [2, 3, 1, 2, 2, 3, 1, 2, 4]
        var x = RatingAccumulator()
        var y = RatingAccumulator()
        for v in a { x.add(v) }
        for v in b { y.add(v) }
        XCTAssertEqual(x.variance ?? 0, 0.9924242424242423, accuracy: 1e-15)
        XCTAssertEqual(y.variance ?? 0, 0.9444444444444444, accuracy: 1e-15)
        let t = try XCTUnwrap(
            WelchTest(
                n1: x.n, mean1: x.mean ?? 0, variance1: x.variance ?? 0, n2: y.n, mean2: y.mean ?? 0, variance2: y.variance ?? 0))
        XCTAssertEqual(t.t, 1.9879073672921936, accuracy: 1e-13)
        XCTAssertEqual(t.df, 17.619511997480366, accuracy: 1e-11)
        XCTAssertEqual(t.p, 0.06258898994583527, accuracy: 1e-13)
        let big = try XCTUnwrap(WelchTest(n1: 1200, mean1: 3.2, variance1: 0.9, n2: 800, mean2: 3.1, variance2: 1.3))
        XCTAssertEqual(big.t, 2.0519567041703097, accuracy: 1e-12)
        XCTAssertEqual(big.p, 0.04034776331492589, accuracy: 1e-13)
        let small = try XCTUnwrap(WelchTest(n1: 3, mean1: 2, variance1: 0.5, n2: 4, mean2: 4, variance2: 2))
        XCTAssertEqual(small.t, -2.449489742783178, accuracy: 1e-12)
        XCTAssertEqual(small.p, 0.06263118369422295, accuracy: 1e-13)
        XCTAssertNil(WelchTest(n1: 1, mean1: 2, variance1: 0, n2: 4, mean2: 4, variance2: 2))
        XCTAssertNil(WelchTest(n1: 5, mean1: 2, variance1: 0, n2: 4, mean2: 4, variance2: 0))
    }

    /// scipy.stats.chi2_contingency([[a, n1 − a], [b, n2 − b]], correction=False, lambda_="log-likelihood").
    func testWordG2EqualsSciPy() {
        let cases: [(Int, Int, Int, Int, Double, Double)] = [
            (7, 610, 0, 401, 7.1053654628409415, 0.00768535540772028),
            (60, 610, 25, 401, 4.2212248357024365, 0.039921333313461774),
            (2, 610, 6, 401, 4.15370819255119, 0.04154345127578354),
            (500, 1000, 300, 900, 54.37218993776722, 1.658940772576795e-13),
        ]
        for (a, n1, b, n2, g2, p) in cases {
            let g = BaselineWordChange.g2(a, of: n1, b, of: n2)
            XCTAssertEqual(g, g2, accuracy: g2 * 1e-12)
            XCTAssertEqual(ChiSquareDistribution.upperTail(g, df: 1) ?? 0, p, accuracy: p * 1e-9)
        }
        var now = WordCounts()
        var before = WordCounts()
        for _ in 0..<40 { now.add(["バス", "バス", "公園"]) }
        for _ in 0..<60 { now.add(["駅"]) }
        for _ in 0..<10 { before.add(["バス"]) }
        for _ in 0..<90 { before.add(["駅", "買い物"]) }
        XCTAssertEqual(now.frequency["バス"], 40, "once per opinion")
        let changes = BaselineWordChange.changes(now: now, before: before)
        XCTAssertEqual(changes.map(\.word), ["公園", "バス", "買い物", "駅"])
        XCTAssertEqual(changes.map(\.rose), [true, true, false, false])
    }

    func testCodebooksMatchedByCodeWithRenamesAndSegmentSchemes() {
        let now = WaveSnapshot(
            areas: [
                PlanArea(code: "A", name: "子育て", level: 1), PlanArea(code: "B", name: "交通（新）", level: 1),
                PlanArea(code: "D", name: "新設", level: 1),
            ],
            ageBands: ["10代", "20代"], shareBase: 100, mentioning: ["A": 30, "B": 10, "D": 5],
            cells: [
                WaveCell(segment: .age, area: "A", value: "10代", respondents: 40, mentioning: 10),
                WaveCell(segment: .gender, area: "A", value: "女性", respondents: 60, mentioning: 20),
                WaveCell(segment: .gender, area: "A", value: "男性", respondents: 40, mentioning: 10),
                WaveCell(segment: .district, area: "A", value: "新町", respondents: 40, mentioning: 10),
            ], ratings: [RatingStatistics(area: "A", kind: .importance, n: 90, mean: 3.1, variance: 0.8)])
        let before = WaveSnapshot(
            areas: [
                PlanArea(code: "A", name: "子育て", level: 1), PlanArea(code: "B", name: "交通", level: 1),
                PlanArea(code: "C", name: "廃止", level: 1),
            ],
            ageBands: ["10代", "20代", "30代"], shareBase: 80, mentioning: ["A": 16, "B": 12],
            cells: [
                WaveCell(segment: .age, area: "A", value: "10代", respondents: 20, mentioning: 2),
                WaveCell(segment: .gender, area: "A", value: "女性", respondents: 50, mentioning: 10),
            ], ratings: [RatingStatistics(area: "A", kind: .importance, n: 70, mean: 2.9, variance: 0.7)])
        let c = BaselineComparison(now: now, before: before, label: "old.sqlite", titleBefore: "前回")
        XCTAssertEqual(c.changes.map { "\($0.kind.rawValue):\($0.code)" }, ["renamed:B", "added:D", "removed:C"])
        XCTAssertEqual(c.changes.first?.nameBefore, "交通")
        // Whole A and B; gender 女性 only (男性 is not in the baseline); no age (another band scheme).
        XCTAssertEqual(c.shares.map { "\($0.area)/\($0.segment?.rawValue ?? "-")/\($0.value ?? "-")" }, ["A/-/-", "A/gender/女性", "B/-/-"])
        XCTAssertEqual(c.shares[0].shareNow, 0.3)
        XCTAssertEqual(c.shares[0].shareBefore, 0.2)
        XCTAssertEqual(c.notes.count, 2)
        XCTAssertTrue(c.notes[0].contains("年代の区分が前回と違う"))
        XCTAssertTrue(c.notes[1].contains("今回のみ: 新町、前回のみ: なし"), c.notes[1])
        XCTAssertEqual(c.means.count, 1)
        XCTAssertEqual(c.means[0].diff, 0.2, accuracy: 1e-12)
        // min expected of [[30, 70], [16, 64]]: 80 × 46 / 180.
        XCTAssertEqual(c.shares[0].minExpected ?? 0, 80.0 * 46 / 180, accuracy: 1e-12)
    }
}
