// ExactTestTests — Fisher's exact p, the smallest expected count and Holm's adjustment, against SciPy and
// statsmodels.
//
// Reference values: scripts/eval/exact_reference.py with SciPy 1.17.1, statsmodels 0.15.0, NumPy 2.4.6:
//   scipy.stats.fisher_exact(table, alternative="two-sided").pvalue
//   scipy.stats.contingency.expected_freq(table).min()
//   statsmodels.stats.multitest.multipletests(p, method="holm")[1]
import Foundation
import KoeAnalysis
import XCTest

final class ExactTestTests: XCTestCase {
    private func assertRelative(_ actual: Double?, _ expected: Double, tolerance: Double, _ message: String = "", line: UInt = #line) {
        guard let actual else { return XCTFail("nil, expected \(expected) \(message)", line: line) }
        if expected == 0 { return XCTAssertEqual(actual, 0, message, line: line) }
        XCTAssertLessThanOrEqual(abs(actual - expected) / expected, tolerance, "\(actual) vs \(expected) \(message)", line: line)
    }

    /// [[a, b], [c, d]] → scipy.stats.fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue.
    private let fisherCases: [(table: [Int], p: Double)] = [
        ([0, 5, 6, 3], 0.030969030969030965),  // a zero cell
        ([3, 1, 1, 3], 0.48571428571428565),  // symmetric: the mirror table ties with the observed one
        ([80, 10, 20, 90], 5.706143198760569e-25),
        ([5000, 5200, 5200, 5000], 0.005325853131245954),  // symmetric, 20,400 respondents
        ([12000, 15000, 13500, 14200], 8.630575477535116e-24),  // 54,700 respondents
        ([1, 30000, 10, 25000], 0.003700883626089134),  // rare event among 55,011
        ([2, 7, 8, 2], 0.02301413756522116),
        ([10, 10, 10, 10], 1.0),  // the observed table is the mode
        ([7, 3, 5, 9], 0.21375689864046307),
        ([412, 388, 379, 421], 0.10954733308213238),
        ([45, 15, 30, 40], 0.00033057890508286753),
        ([900, 1100, 1100, 900], 3.0148872515049064e-10),
        ([1, 0, 0, 1], 1.0),
        ([20000, 5000, 5000, 20000], 0.0),  // below the smallest double (SciPy: 0.0)
    ]

    func testFisherMatchesSciPy() {
        for c in fisherCases {
            let t = c.table
            let p = FisherExact.twoSidedP(t[0], t[1], t[2], t[3])
            assertRelative(p, c.p, tolerance: 1e-10, "\(t)")
            // The two-sided p does not depend on how the table is written: transposed, rows or columns swapped.
            assertRelative(FisherExact.twoSidedP(t[0], t[2], t[1], t[3]), c.p, tolerance: 1e-10, "transposed \(t)")
            assertRelative(FisherExact.twoSidedP(t[2], t[3], t[0], t[1]), c.p, tolerance: 1e-10, "rows swapped \(t)")
            assertRelative(FisherExact.twoSidedP(t[1], t[0], t[3], t[2]), c.p, tolerance: 1e-10, "columns swapped \(t)")
        }
    }

    func testFisherEdgeCases() {
        // A zero row or column total: SciPy returns 1.
        XCTAssertEqual(FisherExact.twoSidedP(0, 0, 4, 6), 1)
        XCTAssertEqual(FisherExact.twoSidedP(0, 3, 0, 6), 1)
        XCTAssertEqual(FisherExact.twoSidedP(0, 0, 0, 0), 1)
        // Always a probability.
        for a in 0...6 {
            for b in 0...6 {
                let p = FisherExact.twoSidedP(a, b, 6 - a, b + 1)
                XCTAssertTrue((0...1).contains(p), "\(a) \(b): \(p)")
            }
        }
    }

    /// Tables of 200,000 respondents walk some thousands of terms, not 100,000: twenty of them well within
    /// a second. scipy.stats.fisher_exact([[50000 + 100 s, 50000 − 100 s], [50000, 50000]]).pvalue:
    /// s = 1 → 0.6579526977618355, s = 3 → 0.18116548544759448, s = 19 → 1.990064546510083e-17.
    func testFisherLargeTablesAreFastAndRight() {
        let start = Date()
        var p: [Int: Double] = [:]
        for s in 0..<20 { p[s] = FisherExact.twoSidedP(50_000 + 100 * s, 50_000 - 100 * s, 50_000, 50_000) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(p[0], 1)
        assertRelative(p[1], 0.6579526977618355, tolerance: 1e-10)
        assertRelative(p[3], 0.18116548544759448, tolerance: 1e-10)
        assertRelative(p[19], 1.990064546510083e-17, tolerance: 1e-10)
    }

    /// 2 × 2 tables in koe's orientation (mentioning row first, one column per value) give Fisher's p and
    /// min_expected; k > 2 gives no Fisher p.
    func testTwoByKResultCarriesFisherAndMinExpected() {
        // Columns (mentioning, respondents): (0, 6) and (5, 8) = [[0, 5], [6, 3]].
        let zeroCell = TwoByKTest([(0, 6), (5, 8)])
        assertRelative(zeroCell.result?.fisherP, 0.030969030969030965, tolerance: 1e-10)
        assertRelative(zeroCell.result?.minExpected, 2.142857142857143, tolerance: 1e-14)
        let strong = TwoByKTest([(80, 100), (10, 100)])
        assertRelative(strong.result?.fisherP, 5.706143198760569e-25, tolerance: 1e-10)
        assertRelative(strong.result?.minExpected, 45.0, tolerance: 1e-14)
        // expected_freq([[12, 25, 8], [28, 25, 22]]).min() = 11.25
        let threeColumns = TwoByKTest([(12, 40), (25, 50), (8, 30)])
        XCTAssertNil(threeColumns.result?.fisherP)
        assertRelative(threeColumns.result?.minExpected, 11.25, tolerance: 1e-14)
        // expected_freq([[3, 10, 22, 18, 9, 6, 4, 1], [17, 25, 26, 34, 31, 39, 34, 14]]).min() = 3.737201365187713
        let eight = TwoByKTest(
            Array(zip([3, 10, 22, 18, 9, 6, 4, 1], [20, 35, 48, 52, 40, 45, 38, 15])).map { ($0, $1) })
        assertRelative(eight.result?.minExpected, 3.737201365187713, tolerance: 1e-14)
        // Degenerate: no test at all.
        XCTAssertNil(TwoByKTest([(0, 5), (0, 7)]).result)
    }

    /// p → statsmodels.stats.multitest.multipletests(p, method="holm")[1].
    func testHolmMatchesStatsmodels() {
        let cases: [(p: [Double], holm: [Double])] = [
            ([0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]),
            ([0.02, 0.02, 0.02, 0.5], [0.08, 0.08, 0.08, 0.5]),  // ties
            ([0.9, 0.8, 0.7], [1.0, 1.0, 1.0]),  // capped at 1
            ([1e-10, 0.3, 0.3, 0.049, 0.6], [5e-10, 0.8999999999999999, 0.8999999999999999, 0.196, 0.8999999999999999]),
            ([0.5], [0.5]),
            (
                [0.001, 0.2, 0.04, 0.04, 0.012, 0.3, 0.7],
                [0.007, 0.6000000000000001, 0.2, 0.2, 0.07200000000000001, 0.6000000000000001, 0.7]
            ),
        ]
        for c in cases {
            let adjusted = Holm.adjust(c.p)
            XCTAssertEqual(adjusted.count, c.p.count)
            for (a, e) in zip(adjusted, c.holm) { assertRelative(a, e, tolerance: 1e-15, "\(c.p)") }
        }
    }

    /// nil (untested tables) stays nil and is not part of the family: same as statsmodels on the rest.
    func testHolmSkipsNil() {
        // multipletests([0.01, 0.04, 0.03, 0.005], method="holm")[1] = [0.03, 0.06, 0.06, 0.02]
        let adjusted = Holm.adjust([nil, 0.01, 0.04, nil, 0.03, 0.005, .nan])
        XCTAssertNil(adjusted[0])
        XCTAssertNil(adjusted[3])
        XCTAssertNil(adjusted[6])
        for (a, e) in zip([adjusted[1], adjusted[2], adjusted[4], adjusted[5]], [0.03, 0.06, 0.06, 0.02]) {
            assertRelative(a, e, tolerance: 1e-15)
        }
        XCTAssertEqual(Holm.adjust([]).count, 0)
        XCTAssertEqual(Holm.adjust([nil, nil]).compactMap { $0 }, [])
    }

    /// Property: adjusted ≥ raw, ≤ 1, and monotone in the order of the raw p.
    func testHolmIsMonotoneAndCapped() {
        var state: UInt64 = 42
        for _ in 0..<50 {
            let p: [Double?] = (0..<12).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return state >> 60 == 0 ? nil : Double(state >> 11) / Double(1 << 53) * 0.2
            }
            let adjusted = Holm.adjust(p)
            let pairs = zip(p, adjusted).compactMap { raw, adj in raw.flatMap { r in adj.map { (r, $0) } } }
            XCTAssertEqual(pairs.count, p.compactMap { $0 }.count)
            for (raw, adj) in pairs {
                XCTAssertGreaterThanOrEqual(adj, raw)
                XCTAssertLessThanOrEqual(adj, 1)
            }
            let sorted = pairs.sorted { $0.0 < $1.0 }
            for (x, y) in zip(sorted, sorted.dropFirst()) { XCTAssertLessThanOrEqual(x.1, y.1) }
        }
    }
}
