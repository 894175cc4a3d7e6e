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
    private let areaCodes: AreaCodeIndex
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
    /// Per interned segment combination (`add(_:combination:areaIndices:)`), three entries: each segment's
    /// column, `missing` (no value), `overflowed` (a new value after `maxValues`), or `unresolved` (not yet
    /// counted).
    private var combinationColumns: [Int32] = []
    private static let unresolved: Int32 = -1
    private static let missing: Int32 = -2
    private static let overflowed: Int32 = -3

    /// `areas`: area codes in plan order; `ageBands`: the configured band labels, in the order they
    /// should appear.
    public init(areas: [String], ageBands: [String], maxValues: Int = 1000) {
        self.areas = areas
        self.maxValues = maxValues
        var index: [String: Int] = [:]
        for (i, code) in areas.enumerated() where index[code] == nil { index[code] = i }
        areaIndex = index
        areaCodes = AreaCodeIndex(areas)
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
        add(segments, combination: nil, areaIndices: mentioned.compactMap { areaIndex[$0] })
    }

    /// The index in `areas` of an area code (the first, when a code is listed twice), or nil.
    public func areaIndex(of code: String) -> Int? { areaCodes.index(code) ?? areaIndex[code] }

    /// Counts one survey respondent. `combination`: an id standing for exactly these segments (the same id
    /// always with equal segments, e.g. `AttributionGuard.id(of:)`), so its columns are looked up once; nil
    /// looks them up by value. `areaIndices`: the distinct indices in `areas` of the areas it mentioned.
    public mutating func add<Indices: Collection<Int>>(_ segments: Segments, combination: Int?, areaIndices: Indices) {
        total += 1
        let base = combination.map { $0 * 3 } ?? -1
        if base >= 0 && base + 2 >= combinationColumns.count {
            combinationColumns.append(contentsOf: repeatElement(Self.unresolved, count: base + 3 - combinationColumns.count))
        }
        for s in 0..<3 {
            let cell: Int32
            if base >= 0 {
                // Once known, a combination's cell never changes: values are only added, and a full segment
                // stays full.
                if combinationColumns[base + s] == Self.unresolved { combinationColumns[base + s] = column(s, segments) }
                cell = combinationColumns[base + s]
            } else {
                cell = column(s, segments)
            }
            if cell == Self.missing { continue }
            if cell == Self.overflowed {
                overflow[CrossTabSegment.allCases[s], default: 0] += 1
                continue
            }
            let column = Int(cell)
            respondents[s][column] += 1
            let first = column * areas.count
            for i in areaIndices { mentions[s][first + i] += 1 }
        }
    }

    /// The column of segment `s`'s value (added when new and there is room), `missing` or `overflowed`.
    private mutating func column(_ s: Int, _ segments: Segments) -> Int32 {
        guard let value = CrossTabSegment.allCases[s].value(of: segments) else { return Self.missing }
        if let known = columns[s][value] { return Int32(known) }
        if values[s].count >= maxValues { return Self.overflowed }
        let column = values[s].count
        columns[s][value] = column
        values[s].append(value)
        respondents[s].append(0)
        mentions[s].append(contentsOf: repeatElement(0, count: areas.count))
        return Int32(column)
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

/// Area codes to their index in plan order by an FNV-1a key of the code's bytes (no String hashing on the
/// delivery path). A byte-equal code gets the index a `[String: Int]` keeping the first would give; any other
/// code (unknown, or spelled differently) gets nil, and the caller asks the dictionary.
struct AreaCodeIndex: Sendable {
    private var table = KeyTable()
    private let codes: [String]
    private let indices: [Int]

    init(_ areas: [String]) {
        var first: [String: Int] = [:]
        for (i, code) in areas.enumerated() where first[code] == nil { first[code] = i }
        var codes: [String] = []
        var indices: [Int] = []
        for code in areas {
            let key = Self.key(code)
            // A byte string seen before, or another code with the same key: left to the dictionary.
            guard table[key] == nil, let index = first[code] else { continue }
            table.set(key, Int32(codes.count))
            codes.append(code)
            indices.append(index)
        }
        self.codes = codes
        self.indices = indices
    }

    func index(_ code: String) -> Int? {
        guard let slot = table[Self.key(code)], WordKey.sameBytes(codes[Int(slot)], code) else { return nil }
        return indices[Int(slot)]
    }

    static func key(_ code: String) -> UInt64 {
        var code = code
        return code.withUTF8 { bytes in bytes.reduce(WordKey.basis) { WordKey.mix($0, UInt32($1)) } }
    }
}
