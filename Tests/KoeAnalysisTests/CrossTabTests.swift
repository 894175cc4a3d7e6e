// CrossTabTests — the 2 × k Pearson test and the cross-tab builder, checked against SciPy's numbers.
//
// Reference values: scripts/eval/crosstab_reference.py with SciPy 1.17.1 / NumPy 2.4.6:
// scipy.stats.chi2_contingency(table, correction=False) for chi2, p, df and expected counts; the adjusted
// residual (O − E) / √(E (1 − R/n) (1 − C/n)) and Cramér's V computed from the same table;
// scipy.stats.chi2.sf(x, df) and scipy.special.gammaincc(a, x) for the distribution.
import KoeAnalysis
import KoeCore
import XCTest

final class CrossTabTests: XCTestCase {
    /// Relative error (absolute near zero).
    private func assertClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-10, _ message: String = "", line: UInt = #line) {
        guard let actual else { return XCTFail("nil, expected \(expected) \(message)", line: line) }
        let error = abs(actual - expected) / max(1, abs(expected))
        XCTAssertLessThanOrEqual(error, tolerance, "\(actual) vs \(expected) \(message)", line: line)
    }

    private func assertRelative(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-10, line: UInt = #line) {
        guard let actual else { return XCTFail("nil, expected \(expected)", line: line) }
        XCTAssertLessThanOrEqual(abs(actual - expected) / expected, tolerance, "\(actual) vs \(expected)", line: line)
    }

    private func check(
        _ test: TwoByKTest, chi2: Double, df: Int, p: Double, v: Double, expected: [Double], residuals: [Double], line: UInt = #line
    ) {
        guard let result = test.result else { return XCTFail("degenerate", line: line) }
        assertClose(result.chi2, chi2, line: line)
        XCTAssertEqual(result.df, df, line: line)
        assertRelative(result.p, p, tolerance: 1e-9, line: line)
        assertClose(result.cramersV, v, line: line)
        XCTAssertEqual(test.columns.count, expected.count, line: line)
        for (column, (e, r)) in zip(test.columns, zip(expected, residuals)) {
            assertClose(column.expected, e, line: line)
            assertClose(column.adjustedResidual, r, line: line)
        }
    }

    func testTwoByThreeMatchesSciPy() {
        let test = TwoByKTest([(12, 40), (25, 50), (8, 30)])
        check(
            test, chi2: 5.7955555555555565, df: 2, p: 0.05514562983925021, v: 0.21976418337913095,
            expected: [15.0, 18.75, 11.25], residuals: [-1.2, 2.3904572186687876, -1.415260740274725])
        XCTAssertEqual(test.n, 120)
        XCTAssertEqual(test.mentioning, 45)
    }

    func testTwoByEightMatchesSciPy() {
        let mentioning = [3, 10, 22, 18, 9, 6, 4, 1]
        let respondents = [20, 35, 48, 52, 40, 45, 38, 15]
        let test = TwoByKTest(Array(zip(mentioning, respondents)).map { ($0, $1) })
        check(
            test, chi2: 25.371166700098748, df: 7, p: 0.0006519739168043296, v: 0.2942635088289463,
            expected: [
                4.982935153583618, 8.720136518771332, 11.959044368600683, 12.955631399317406, 9.965870307167236,
                11.211604095563139, 9.467576791808874, 3.737201365187713,
            ],
            residuals: [
                -1.062039943018071, 0.5330260474613134, 3.66437614495939, 1.7833035768645753, -0.3799769207329888,
                -1.9523963157822763, -2.1981719561838275, -1.6775187400687057,
            ])
    }

    func testColumnWithoutRespondentsIsDropped() {
        let test = TwoByKTest([(5, 20), (0, 0), (9, 25), (2, 18)])
        XCTAssertEqual(test.columns.map(\.respondents), [20, 25, 18])
        check(
            test, chi2: 3.4239494680851066, df: 2, p: 0.18050898319711225, v: 0.23312744208977018,
            expected: [5.079365079365079, 6.349206349206349, 4.571428571428571],
            residuals: [-0.04934942912910556, 1.5682526242264214, -1.6475320033697853])
    }

    func testStrongAssociationHasTinyP() {
        let test = TwoByKTest([(80, 100), (10, 100)])
        check(
            test, chi2: 98.98989898989899, df: 1, p: 2.5379295183482714e-23, v: 0.7035264706814485,
            expected: [45.0, 45.0], residuals: [9.94936676326182, -9.94936676326182])
    }

    func testDegenerateTablesHaveNoTest() {
        // Nobody mentions the area.
        let nobody = TwoByKTest([(0, 5), (0, 7), (0, 9)])
        XCTAssertNil(nobody.result)
        XCTAssertEqual(nobody.columns.map(\.expected), [0, 0, 0])
        XCTAssertEqual(nobody.columns.compactMap(\.adjustedResidual), [])
        // Everybody does.
        let everybody = TwoByKTest([(5, 5), (7, 7)])
        XCTAssertNil(everybody.result)
        XCTAssertEqual(everybody.columns.map(\.expected), [5, 7])
        // One column (k = 1), also after dropping empty ones.
        XCTAssertNil(TwoByKTest([(3, 10)]).result)
        XCTAssertNil(TwoByKTest([(3, 10), (0, 0)]).result)
        XCTAssertNil(TwoByKTest([]).result)
        XCTAssertEqual(TwoByKTest([]).n, 0)
    }

    func testUpperTailMatchesSciPy() {
        let cases: [(x: Double, df: Int, p: Double)] = [
            (85.7, 1, 2.094129092263263e-20), (95.0, 2, 2.3496983374528227e-21), (0.5, 1, 0.47950012218695337),
            (3.84, 1, 0.05004352124870519), (12.0, 5, 0.03478778050624185), (18.307, 10, 0.05000058909139812),
            (2.0, 10, 0.9963401531726563), (120.0, 10, 5.060046065842555e-21), (250.0, 10, 5.427833960969259e-48),
        ]
        for c in cases { assertRelative(ChiSquareDistribution.upperTail(c.x, df: c.df), c.p, tolerance: 1e-9) }
        XCTAssertEqual(ChiSquareDistribution.upperTail(0, df: 3), 1)
        XCTAssertNil(ChiSquareDistribution.upperTail(1, df: 0))
        XCTAssertNil(ChiSquareDistribution.upperTail(.nan, df: 2))
    }

    func testRegularizedUpperGammaMatchesSciPy() {
        // Both branches: x < a + 1 (series) and x ≥ a + 1 (continued fraction).
        let cases: [(a: Double, x: Double, q: Double)] = [
            (0.5, 0.1, 0.6547208460185768), (0.5, 3.0, 0.014305878435429641), (5.0, 2.0, 0.9473469826562889),
            (5.0, 9.0, 0.05496364149510497), (2.5, 3.4, 0.2359445376945211),
        ]
        for c in cases { assertClose(ChiSquareDistribution.regularizedUpperGamma(c.a, c.x), c.q) }
    }

    func testBuilderCountsRespondentsAndOrdersValues() {
        var builder = CrossTabBuilder(areas: ["A", "1", "1-1", "2"], ageBands: ["10代", "20代", "30代", "80歳以上"])
        builder.add(Segments(age: "30代", gender: "女性", district: "広丘"), mentioned: ["A", "1", "1-1"])
        builder.add(Segments(age: "80歳以上", gender: "無回答", district: "大門"), mentioned: ["2"])
        builder.add(Segments(age: "無回答", gender: "男性", district: nil), mentioned: [])
        builder.add(Segments(age: "10代", gender: "その他", district: "広丘"), mentioned: ["A", "1", "unknown"])
        builder.add(Segments(), mentioned: ["A"])
        XCTAssertEqual(builder.total, 5)
        XCTAssertEqual(builder.values(of: .age), ["10代", "30代", "80歳以上", "無回答"])
        XCTAssertEqual(builder.values(of: .gender), ["男性", "女性", "その他", "無回答"])
        XCTAssertEqual(builder.values(of: .district), ["大門", "広丘"])
        let rows = builder.rows()
        // age: 4 areas × 4 values; gender: 4 × 4; district: 4 × 2.
        XCTAssertEqual(rows.count, 16 + 16 + 8)
        XCTAssertEqual(rows.first?.segment, .age)
        XCTAssertEqual(rows.last?.segment, .district)
        XCTAssertEqual(Array(rows.prefix(4)).map(\.area), ["A", "A", "A", "A"])
        let districtA = rows.filter { $0.segment == .district && $0.area == "A" }
        XCTAssertEqual(districtA.map(\.value), ["大門", "広丘"])
        XCTAssertEqual(districtA.map(\.mentioning), [0, 2])
        XCTAssertEqual(districtA.map(\.respondents), [1, 2])
        // Everybody in 広丘 and nobody in 大門 mention A: a 2 × 2 table with a test.
        XCTAssertNotNil(districtA.first?.test)
        let district2 = rows.filter { $0.segment == .district && $0.area == "2" }
        XCTAssertEqual(district2.map(\.share), [1, 0])
    }

    /// Gender × areas A, B, C: A = [[12, 25], [28, 25]], B = [[5, 6], [35, 44]], C nobody (no test).
    /// scipy.stats.chi2_contingency(t, correction=False)[1]: A 0.05534715768739143, B 0.9426330531277736;
    /// multipletests([pA, pB], method="holm")[1] = [0.11069431537478286, 0.9426330531277736];
    /// scipy.stats.fisher_exact(t).pvalue: A 0.0840479337291073, B 1.0 (the observed table is the mode).
    func testHolmAcrossTheAreasOfOneSegment() {
        var builder = CrossTabBuilder(areas: ["A", "B", "C"], ageBands: [])
        for i in 0..<40 {
            var mentioned: Set<String> = []
            if i < 12 { mentioned.insert("A") }
            if i >= 35 { mentioned.insert("B") }
            builder.add(Segments(gender: "男性"), mentioned: mentioned)
        }
        for i in 0..<50 {
            var mentioned: Set<String> = []
            if i < 25 { mentioned.insert("A") }
            if i < 6 { mentioned.insert("B") }
            builder.add(Segments(gender: "女性"), mentioned: mentioned)
        }
        let rows = builder.rows().filter { $0.segment == .gender }
        XCTAssertEqual(rows.map(\.area), ["A", "A", "B", "B", "C", "C"])
        let a = rows[0]
        let b = rows[2]
        assertRelative(a.test?.p, 0.05534715768739143, tolerance: 1e-9)
        assertRelative(b.test?.p, 0.9426330531277736, tolerance: 1e-9)
        assertRelative(a.pHolm, 0.11069431537478286, tolerance: 1e-9)
        assertRelative(b.pHolm, 0.9426330531277736, tolerance: 1e-9)
        XCTAssertEqual(rows[1].pHolm, a.pHolm)
        assertRelative(a.fisherP, 0.0840479337291073, tolerance: 1e-11)
        XCTAssertEqual(b.fisherP, 1)
        XCTAssertNil(rows[4].pHolm)
        XCTAssertNil(rows[4].fisherP)
        XCTAssertNil(rows[4].minExpected)
    }

    func testValuesPastTheLimitAreCountedApart() {
        var builder = CrossTabBuilder(areas: ["A"], ageBands: [], maxValues: 2)
        for district in ["広丘", "大門", "吉田", "広丘", "片丘"] {
            builder.add(Segments(gender: "女性", district: district), mentioned: ["A"])
        }
        XCTAssertEqual(builder.values(of: .district), ["大門", "広丘"])
        XCTAssertEqual(builder.overflow, [.district: 2])
        XCTAssertEqual(builder.table(.district, area: "A")?.test.n, 3)
        XCTAssertEqual(builder.table(.gender, area: "A")?.test.n, 5)
    }

    /// Property: for every segment × area table, the columns add up to the respondents whose value is known,
    /// the mentioning cells to the respondents who mention the area, and the expected counts to that too.
    func testMarginsAddUpToN() {
        var generator = SplitMix(seed: 20_260_725)
        let ages = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上", "無回答"]
        let genders = ["男性", "女性", "その他", "無回答"]
        let districts = ["大門", "広丘", "吉田", "片丘", "楢川"]
        let areas = ["A", "1", "1-1", "2", "B", "3"]
        for _ in 0..<20 {
            var builder = CrossTabBuilder(areas: areas, ageBands: Array(ages.dropLast()))
            var known: [CrossTabSegment: Int] = [:]
            var mentions: [CrossTabSegment: [String: Int]] = [:]
            let count = Int(generator.next() % 300)
            for _ in 0..<count {
                func pick(_ list: [String]) -> String? {
                    let i = Int(generator.next() % UInt64(list.count + 1))
                    return i < list.count ? list[i] : nil
                }
                let segments = Segments(age: pick(ages), gender: pick(genders), district: pick(districts))
                let mentioned = Set(areas.filter { _ in generator.next() % 3 == 0 })
                builder.add(segments, mentioned: mentioned)
                for segment in CrossTabSegment.allCases {
                    let value: String? =
                        switch segment {
                        case .age: segments.age
                        case .gender: segments.gender
                        case .district: segments.district
                        }
                    guard value != nil else { continue }
                    known[segment, default: 0] += 1
                    for area in mentioned { mentions[segment, default: [:]][area, default: 0] += 1 }
                }
            }
            XCTAssertEqual(builder.total, count)
            for segment in CrossTabSegment.allCases {
                for area in areas {
                    guard let (values, test) = builder.table(segment, area: area) else { return XCTFail("no table") }
                    XCTAssertEqual(values.count, test.columns.count)
                    let n = known[segment] ?? 0
                    XCTAssertEqual(test.n, n)
                    XCTAssertEqual(test.columns.reduce(0) { $0 + $1.respondents }, n)
                    XCTAssertEqual(test.mentioning, mentions[segment]?[area] ?? 0)
                    XCTAssertEqual(test.columns.reduce(0) { $0 + $1.mentioning }, test.mentioning)
                    assertClose(test.columns.reduce(0) { $0 + $1.expected }, Double(test.mentioning), tolerance: 1e-9)
                    if let result = test.result {
                        // The other row adds up too, and min_expected is the smallest of the 2 × k cells.
                        let notExpected = test.columns.map { Double($0.respondents) - $0.expected }
                        assertClose(notExpected.reduce(0, +), Double(test.n - test.mentioning), tolerance: 1e-9)
                        let cells = test.columns.map(\.expected) + notExpected
                        assertClose(result.minExpected, cells.min() ?? -1, tolerance: 1e-12)
                        XCTAssertEqual(result.fisherP == nil, test.columns.count != 2)
                        if let fisher = result.fisherP { XCTAssertTrue((0...1).contains(fisher)) }
                        XCTAssertGreaterThanOrEqual(result.chi2, 0)
                        XCTAssertTrue((0...1).contains(result.p))
                        XCTAssertTrue((0...1).contains(result.cramersV))
                    }
                }
            }
        }
    }
}

/// SplitMix64: a small deterministic generator for the property tests of this module.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
