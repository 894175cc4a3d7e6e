// QuoteCommonWords — the run's common words of every section `koe quotes` may be asked for without counting:
// all opinions, each area, each single value of age, gender, district, type and horizon, and each area × one
// such value (tables `quote_common` and `quote_common_segments`), counted in opinion order as the query counts.
import KoeCore
import KoeQuotes

/// Counts each opinion's informative words towards every stored section while the run streams.
struct QuoteCommonWords {
    /// One filter field and its value, e.g. `age` = `30代`.
    struct Field: Hashable, Comparable {
        var segment: String
        var value: String
        static func < (a: Field, b: Field) -> Bool { (a.segment, a.value) < (b.segment, b.value) }
    }

    private var counters = CommonWordCounters()
    private var areaNumbers: [String: Int32] = ["": 0]
    private var fieldNumbers: [Field: Int32] = [:]
    /// The counters' number of each section, by area number and field number + 1 (0: the area alone); -1 where
    /// never counted. Sections are numbered in order of first use.
    private var sections: [[Int]] = []
    private var sectionCount = 0
    /// The field numbers of the values already seen, by their bytes: most opinions repeat the values of the
    /// opinion before, and Japanese values would otherwise be hashed as Strings (normalized) for every opinion.
    private var valueNumbers = FieldValueNumbers()

    /// The filter fields, in the order an opinion's are counted (a missing or empty value matches no filter).
    static let segmentNames = ["age", "gender", "district", "type", "horizon"]

    /// Counts one opinion (in opinion order) tagged with `areas`, with the segments, type and horizon it matches
    /// (`fields` of them), from its informative words.
    mutating func count(_ rank: QuoteRankParts, areas: [String], segments: Segments, type: String, horizon: String) {
        let numbers = (
            fieldNumber(0, segments.age), fieldNumber(1, segments.gender), fieldNumber(2, segments.district),
            fieldNumber(3, type), fieldNumber(4, horizon)
        )
        counters.number(rank.counted, keys: rank.countedKeys)
        count(area: 0, fields: numbers)
        for area in areas {
            let a =
                areaNumbers[area]
                ?? {
                    let n = Int32(areaNumbers.count)
                    areaNumbers[area] = n
                    return n
                }()
            count(area: a, fields: numbers)
        }
    }

    /// Counts towards area `a` alone, then narrowed by each field number that is not -1, in `segmentNames` order
    /// (the words numbered once by `count`).
    private mutating func count(area a: Int32, fields: (Int32, Int32, Int32, Int32, Int32)) {
        counters.countNumbered(section: section(area: a, field: -1))
        if fields.0 >= 0 { counters.countNumbered(section: section(area: a, field: fields.0)) }
        if fields.1 >= 0 { counters.countNumbered(section: section(area: a, field: fields.1)) }
        if fields.2 >= 0 { counters.countNumbered(section: section(area: a, field: fields.2)) }
        if fields.3 >= 0 { counters.countNumbered(section: section(area: a, field: fields.3)) }
        if fields.4 >= 0 { counters.countNumbered(section: section(area: a, field: fields.4)) }
    }

    /// The number of field `slot` (an index of `segmentNames`) with `value`; -1 for a missing or empty value.
    private mutating func fieldNumber(_ slot: Int, _ value: String?) -> Int32 {
        guard let value, !value.isEmpty else { return -1 }
        if let n = valueNumbers.number(slot, value) { return n }
        // A value not seen with these bytes: numbered by String equality, as the query compares them.
        let field = Field(segment: Self.segmentNames[slot], value: value)
        let n =
            fieldNumbers[field]
            ?? {
                let n = Int32(fieldNumbers.count)
                fieldNumbers[field] = n
                return n
            }()
        valueNumbers.add(slot, value, number: n)
        return n
    }

    /// The counters' number of area `a` narrowed by field `f` (-1: the area alone), numbered in order of first use.
    private mutating func section(area a: Int32, field f: Int32) -> Int {
        let (i, j) = (Int(a), Int(f) + 1)
        while sections.count <= i { sections.append([]) }
        if sections[i].count <= j { sections[i].append(contentsOf: repeatElement(-1, count: j + 1 - sections[i].count)) }
        if sections[i][j] >= 0 { return sections[i][j] }
        sections[i][j] = sectionCount
        sectionCount += 1
        return sectionCount - 1
    }

    /// The counters' number of a section already counted; nil if never.
    private func section(area a: Int32, field f: Int32) -> Int? {
        let (i, j) = (Int(a), Int(f) + 1)
        guard i < sections.count, j < sections[i].count, sections[i][j] >= 0 else { return nil }
        return sections[i][j]
    }

    /// The common words of `area` ("" for all) narrowed by `field` (nil: the area alone); none when never counted.
    private func commonWords(area: String, field: Field?) -> [String] {
        guard let a = areaNumbers[area] else { return [] }
        let f: Int32?
        if let field { f = fieldNumbers[field] } else { f = -1 }
        guard let f, let n = section(area: a, field: f) else { return [] }
        return counters.commonWords(n)
    }

    /// Writes `quote_common` (all and each area) and `quote_common_segments` (each field, alone and per area).
    func write(to database: SQLiteDatabase, areas: [String]) throws {
        let plain = try database.prepare("INSERT INTO quote_common VALUES (?1, ?2, ?3)")
        let narrowed = try database.prepare("INSERT INTO quote_common_segments VALUES (?1, ?2, ?3, ?4, ?5)")
        let sorted = fieldNumbers.keys.sorted()
        for area in [""] + areas {
            for (i, word) in commonWords(area: area, field: nil).enumerated() {
                try plain.run([.text(area), .integer(i), .text(word)])
            }
            for field in sorted {
                for (i, word) in commonWords(area: area, field: field).enumerated() {
                    try narrowed.run([.text(area), .text(field.segment), .text(field.value), .integer(i), .text(word)])
                }
            }
        }
    }
}

/// Field numbers by the bytes of a value, per field: first by the value's identity (the same small string or the
/// same storage: most opinions carry values already seen, without a hash), then by a hash of their UTF-8 bytes and
/// a byte comparison (no String hashing, which normalizes Japanese values), the value found last in the field
/// tried first.
struct FieldValueNumbers {
    private struct Entry {
        var value: String
        var number: Int32
    }

    /// Identities remembered per field.
    static let identities = 16

    private var slots: [[UInt64: [Entry]]] = Array(repeating: [:], count: 5)
    private var last: [Entry?] = Array(repeating: nil, count: 5)
    /// Per field, the bits of up to `identities` values seen (two words each) and their numbers; `kept` holds those
    /// values, so that their bits stay theirs (no storage is freed and reused for other bytes meanwhile).
    private var bits = [UInt64](repeating: 0, count: 5 * identities * 2)
    private var bitNumbers = [Int32](repeating: -1, count: 5 * identities)
    private var bitCounts = [Int](repeating: 0, count: 5)
    private var kept: [String] = []

    /// The number recorded for `value` (the same bytes) in field `slot`, if any.
    mutating func number(_ slot: Int, _ value: String) -> Int32? {
        let v = unsafeBitCast(value, to: (UInt64, UInt64).self)
        let base = slot * Self.identities
        let known: Int32? = bits.withUnsafeBufferPointer { b in
            for k in base..<base + bitCounts[slot] where b[2 * k] == v.0 && b[2 * k + 1] == v.1 { return bitNumbers[k] }
            return nil
        }
        if let known { return known }
        let found: Int32?
        if let e = last[slot], Self.sameBytes(e.value, value) {
            found = e.number
        } else if let e = slots[slot][Self.hash(value)]?.first(where: { Self.sameBytes($0.value, value) }) {
            last[slot] = e
            found = e.number
        } else {
            found = nil
        }
        if let found { remember(slot, value, found) }
        return found
    }

    /// Remembers the identity of `value` (numbered `number`) in field `slot` while there is room.
    private mutating func remember(_ slot: Int, _ value: String, _ number: Int32) {
        let k = slot * Self.identities + bitCounts[slot]
        guard bitCounts[slot] < Self.identities else { return }
        let v = unsafeBitCast(value, to: (UInt64, UInt64).self)
        kept.append(value)
        (bits[2 * k], bits[2 * k + 1]) = v
        bitNumbers[k] = number
        bitCounts[slot] += 1
    }

    mutating func add(_ slot: Int, _ value: String, number: Int32) {
        let e = Entry(value: value, number: number)
        slots[slot][Self.hash(value), default: []].append(e)
        last[slot] = e
        remember(slot, value, number)
    }

    /// Byte equality, at once for the same String value (equal bits: the same small string or the same storage,
    /// as most opinions of a respondent share their segment values).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (unsafeBitCast(a, to: (UInt64, UInt64).self), unsafeBitCast(b, to: (UInt64, UInt64).self))
        return (x.0 == y.0 && x.1 == y.1) || WordKey.sameBytes(a, b)
    }

    /// FNV-1a 64 over the UTF-8 bytes.
    private static func hash(_ value: String) -> UInt64 {
        var h = WordKey.basis
        for b in value.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

extension QuoteWorkspace {
    /// The run's common words for `filter` when stored: at most an area and one of age, gender, district, type
    /// or horizon, without words (nil otherwise, or for a workspace without the tables).
    public func storedCommonWords(_ filter: QuoteFilter) throws -> [String]? {
        guard filter.words.isEmpty else { return nil }
        let set = [
            ("age", filter.age), ("gender", filter.gender), ("district", filter.district), ("type", filter.type),
            ("horizon", filter.horizon),
        ].filter { !($0.1 ?? "").isEmpty }
        guard set.count <= 1 else { return nil }
        let statement: SQLiteStatement
        if let field = set.first {
            guard try hasTable("quote_common_segments") else { return nil }
            statement = try database.prepare(
                "SELECT word FROM quote_common_segments WHERE area = ?1 AND segment = ?2 AND value = ?3 ORDER BY position")
            statement.bind([.text(filter.area ?? ""), .text(field.0), .text(field.1 ?? "")])
        } else {
            guard try hasTable("quote_common") else { return nil }
            statement = try database.prepare("SELECT word FROM quote_common WHERE area = ?1 ORDER BY position")
            statement.bind([.text(filter.area ?? "")])
        }
        var words: [String] = []
        while try statement.next() { words.append(statement.text(0) ?? "") }
        return words
    }

    /// Whether the workspace has the table `name` (an older run may lack the query's helper tables).
    func hasTable(_ name: String) throws -> Bool {
        let statement = try database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        statement.bind([.text(name)])
        return try statement.next()
    }
}
