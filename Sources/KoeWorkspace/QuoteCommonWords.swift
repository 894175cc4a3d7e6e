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

    /// One section: an area's number ("" is 0) and a field's number (-1: the area alone).
    private struct Section: Hashable {
        var area: Int32
        var field: Int32
    }

    private var counters = CommonWordCounters()
    private var areaNumbers: [String: Int32] = ["": 0]
    private var fieldNumbers: [Field: Int32] = [:]
    private var sections: [Section: Int] = [:]

    /// The filter fields an opinion matches (a missing segment matches no filter).
    static func fields(segments: Segments, type: String, horizon: String) -> [Field] {
        let pairs: [(String, String?)] = [
            ("age", segments.age), ("gender", segments.gender), ("district", segments.district), ("type", type),
            ("horizon", horizon),
        ]
        return pairs.compactMap { pair in pair.1.flatMap { $0.isEmpty ? nil : Field(segment: pair.0, value: $0) } }
    }

    /// Counts one opinion (in opinion order) tagged with `areas` and matching `fields`.
    mutating func count(_ candidate: QuoteCandidate, areas: [String], fields: [Field]) {
        let fieldNumbers = fields.map { field in
            self.fieldNumbers[field]
                ?? {
                    let n = Int32(self.fieldNumbers.count)
                    self.fieldNumbers[field] = n
                    return n
                }()
        }
        for area in [""] + areas {
            let a =
                areaNumbers[area]
                ?? {
                    let n = Int32(areaNumbers.count)
                    areaNumbers[area] = n
                    return n
                }()
            counters.count(candidate, section: section(Section(area: a, field: -1)))
            for f in fieldNumbers { counters.count(candidate, section: section(Section(area: a, field: f))) }
        }
    }

    /// The counters' number of `key`, numbered in order of first use.
    private mutating func section(_ key: Section) -> Int {
        if let n = sections[key] { return n }
        let n = sections.count
        sections[key] = n
        return n
    }

    /// The common words of `area` ("" for all) narrowed by `field` (nil: the area alone); none when never counted.
    private func commonWords(area: String, field: Field?) -> [String] {
        guard let a = areaNumbers[area] else { return [] }
        let f: Int32?
        if let field { f = fieldNumbers[field] } else { f = -1 }
        guard let f, let n = sections[Section(area: a, field: f)] else { return [] }
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
