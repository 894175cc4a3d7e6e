// CrossTab — respondents who mention each area, by age band, gender and 小学校区: a streaming count per
// segment value × area, then one 2 × k Pearson test per segment × area (crosstab.csv).
import KoeCore

/// A segment the cross-tabs are made over, in output order.
public enum CrossTabSegment: String, Sendable, Hashable, CaseIterable {
    case age, gender, district

    func value(of segments: Segments) -> String? {
        switch self {
        case .age: return segments.age
        case .gender: return segments.gender
        case .district: return segments.district
        }
    }
}

/// One row of crosstab.csv: one segment value's column of a segment × area table, with that table's test.
public struct CrossTabRow: Sendable, Hashable {
    public var segment: CrossTabSegment
    public var area: String
    /// The segment value (`30代`, `女性`, `広丘` …).
    public var value: String
    /// Respondents with this value (missing values are in no table).
    public var respondents: Int
    /// Of those, respondents with at least one opinion in the area (or an area below it).
    public var mentioning: Int
    /// mentioning / respondents.
    public var share: Double
    /// Expected count of the mentioning cell under independence.
    public var expected: Double
    /// The mentioning cell's adjusted standardized residual; nil when the table is degenerate.
    public var adjustedResidual: Double?
    /// The whole table's test, repeated on each of its rows; nil when the table is degenerate.
    public var test: TwoByKTest.Result?
    /// The test's p adjusted by Holm's method across every area tested in this segment (see `Holm`); nil
    /// when the table is degenerate.
    public var pHolm: Double?

    /// The table's smallest expected count (crosstab.csv `min_expected`); nil when the table is degenerate.
    public var minExpected: Double? { test?.minExpected }
    /// Fisher's exact two-sided p (crosstab.csv `fisher_p`); nil for k > 2 or a degenerate table.
    public var fisherP: Double? { test?.fisherP }
}

/// Accumulates survey respondents — each with its normalized segments and the areas it mentioned — as
/// counts per segment value × area (never a list of respondents), and computes the cross-tabs.
public struct CrossTabBuilder: Sendable {
    /// Area codes in plan order.
    public let areas: [String]
    private let areaIndex: [String: Int]
    private let ageOrder: [String: Int]
    /// Per segment: value → column, the column's respondents, and its mention counts (column-major, one
    /// run of `areas.count` per column).
    private var columns: [[String: Int]]
    private var values: [[String]]
    private var respondents: [[Int]]
    private var mentions: [[Int]]
    /// Respondents added (including those with every segment missing).
    public private(set) var total = 0
    /// The most values one segment may have; a cross-tab wider than this is unreadable, and without a
    /// gazetteer district answers are free text, so the counts stay bounded on any input.
    public let maxValues: Int
    /// Per segment, respondents left out because their value came after `maxValues` others.
    public private(set) var overflow: [CrossTabSegment: Int] = [:]

    /// `areas`: area codes in plan order; `ageBands`: the configured band labels, in the order they
    /// should appear.
    public init(areas: [String], ageBands: [String], maxValues: Int = 1000) {
        self.areas = areas
        self.maxValues = maxValues
        var index: [String: Int] = [:]
        for (i, code) in areas.enumerated() where index[code] == nil { index[code] = i }
        areaIndex = index
        var order: [String: Int] = [:]
        for (i, band) in ageBands.enumerated() where order[band] == nil { order[band] = i }
        ageOrder = order
        let count = CrossTabSegment.allCases.count
        columns = Array(repeating: [:], count: count)
        values = Array(repeating: [], count: count)
        respondents = Array(repeating: [], count: count)
        mentions = Array(repeating: [], count: count)
    }

    /// Counts one survey respondent. `mentioned`: codes of every area any of its opinions was tagged with
    /// (ancestors included; unknown codes are ignored); empty for a respondent who mentioned nothing.
    public mutating func add(_ segments: Segments, mentioned: Set<String>) {
        total += 1
        let indices = mentioned.compactMap { areaIndex[$0] }
        for (s, segment) in CrossTabSegment.allCases.enumerated() {
            guard let value = segment.value(of: segments) else { continue }
            let column: Int
            if let known = columns[s][value] {
                column = known
            } else if values[s].count >= maxValues {
                overflow[segment, default: 0] += 1
                continue
            } else {
                column = values[s].count
                columns[s][value] = column
                values[s].append(value)
                respondents[s].append(0)
                mentions[s].append(contentsOf: repeatElement(0, count: areas.count))
            }
            respondents[s][column] += 1
            let base = column * areas.count
            for i in indices { mentions[s][base + i] += 1 }
        }
    }

    /// The values seen for `segment`, in output order: age bands in the configured order, gender 男性,
    /// 女性, その他, then anything else by name (districts by name), 無回答 last.
    public func values(of segment: CrossTabSegment) -> [String] {
        let s = segment.index
        return values[s].sorted { a, b in
            let ka = sortKey(segment, a)
            let kb = sortKey(segment, b)
            return ka.rank != kb.rank ? ka.rank < kb.rank : a < b
        }
    }

    private func sortKey(_ segment: CrossTabSegment, _ value: String) -> (rank: Int, name: String) {
        if value == "無回答" { return (Int.max, value) }
        switch segment {
        case .age: return (ageOrder[value] ?? ageOrder.count, value)
        case .gender: return (["男性", "女性", "その他"].firstIndex(of: value) ?? 3, value)
        case .district: return (0, value)
        }
    }

    /// The 2 × k table of one segment and area; nil for an area code not in the plan.
    public func table(_ segment: CrossTabSegment, area: String) -> (values: [String], test: TwoByKTest)? {
        guard let a = areaIndex[area] else { return nil }
        let s = segment.index
        let ordered = values(of: segment)
        let counts = ordered.map { value -> (mentioning: Int, respondents: Int) in
            let column = columns[s][value] ?? 0
            return (mentions[s][column * areas.count + a], respondents[s][column])
        }
        return (ordered, TwoByKTest(counts))
    }

    /// Every row of crosstab.csv: segments age, gender, district; areas in plan order; values in
    /// `values(of:)` order. `pHolm` is adjusted within each segment over the areas whose table has a test.
    public func rows() -> [CrossTabRow] {
        var rows: [CrossTabRow] = []
        var seen: Set<String> = []
        let planAreas = areas.filter { seen.insert($0).inserted }
        for segment in CrossTabSegment.allCases {
            let tables = planAreas.compactMap { area in table(segment, area: area).map { (area, $0.values, $0.test) } }
            let adjusted = Holm.adjust(tables.map { $0.2.result?.p })
            for ((area, values, test), pHolm) in zip(tables, adjusted) {
                for (value, column) in zip(values, test.columns) {
                    rows.append(
                        CrossTabRow(
                            segment: segment, area: area, value: value, respondents: column.respondents,
                            mentioning: column.mentioning, share: Double(column.mentioning) / Double(column.respondents),
                            expected: column.expected, adjustedResidual: column.adjustedResidual, test: test.result,
                            pHolm: pHolm))
                }
            }
        }
        return rows
    }
}

extension CrossTabSegment {
    fileprivate var index: Int {
        switch self {
        case .age: return 0
        case .gender: return 1
        case .district: return 2
        }
    }
}
