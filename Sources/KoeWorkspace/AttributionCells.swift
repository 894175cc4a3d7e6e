// AttributionCells — the `attribution_cells` rows (QuoteWorkspace.attributionCells) counted while the respondents
// and workshop notes stream, so that the run need not group every respondent again in SQL at the end. Counted
// only while that is sure to give the query's rows: each file's (and sheet's) respondent ids come in one block in
// strictly increasing order (so no id repeats); otherwise the query runs as before.
import KoeCore

/// Counts the members of each age × gender × district cell as `QuoteWorkspace.attributionCells` does.
struct AttributionCells {
    private struct Cell {
        var age: String?
        var gender: String?
        var district: String?
        var members: Int
    }

    private var cells: [Cell] = []
    /// Cell indexes by a hash of the three values' bytes.
    private var byHash: [UInt64: [Int]] = [:]
    /// The cell of the last respondent (most rows repeat a recent one's values).
    private var last = -1
    /// The file and sheet of the current block of respondents, the blocks before it, and its last id.
    private var block: (file: String, sheet: String?)?
    private var finished: [(file: String, sheet: String?)] = []
    private var lastID = ""
    /// The distinct workshop (source, age, gender, district) already counted, by a hash of their bytes.
    private var workshops: [UInt64: [[String?]]] = [:]
    /// False once the counts may differ from the query's (an id out of order, a file's block resumed later).
    private(set) var sure = true

    /// One survey respondent (the respondents table's source, sheet, respondent and normalized segments).
    mutating func respondent(file: String, sheet: String?, id: String, segments: Segments) {
        guard sure else { return }
        if let b = block, Self.same(b.file, file), Self.same(b.sheet, sheet) {
            // A repeated id counts once in the query: ids strictly increasing (by length, then bytes) never repeat.
            guard Self.precedes(lastID, id) else { return giveUp() }
        } else {
            if let b = block { finished.append(b) }
            guard !finished.contains(where: { Self.same($0.file, file) && Self.same($0.sheet, sheet) }) else { return giveUp() }
            block = (file, sheet)
        }
        lastID = id
        count(segments)
    }

    /// One workshop note (its source and normalized segments): each distinct source × segments is one member.
    mutating func workshopNote(source: String, segments: Segments) {
        guard sure else { return }
        let key = [source, segments.age, segments.gender, segments.district]
        let h = Self.hash(key)
        if workshops[h]?.contains(where: { Self.same($0, key) }) == true { return }
        workshops[h, default: []].append(key)
        count(segments)
    }

    /// The rows as the query returns them: (age, gender, district, members), ordered by age, gender and district
    /// (NULL first, then by bytes); nil when not sure.
    var rows: [(age: String?, gender: String?, district: String?, members: Int)]? {
        guard sure else { return nil }
        return cells.sorted { a, b in
            if let order = Self.order(a.age, b.age) { return order }
            if let order = Self.order(a.gender, b.gender) { return order }
            return Self.order(a.district, b.district) ?? false
        }
        .map { ($0.age, $0.gender, $0.district, $0.members) }
    }

    private mutating func giveUp() {
        sure = false
        cells = []
        byHash = [:]
        workshops = [:]
    }

    private mutating func count(_ s: Segments) {
        if last >= 0, Self.same(cells[last].age, s.age), Self.same(cells[last].gender, s.gender),
            Self.same(cells[last].district, s.district)
        {
            cells[last].members += 1
            return
        }
        let h = Self.hash(s.district, Self.hash(s.gender, Self.hash(s.age, WordKey.basis)))
        if let i = byHash[h]?.first(where: {
            Self.same(cells[$0].age, s.age) && Self.same(cells[$0].gender, s.gender) && Self.same(cells[$0].district, s.district)
        }) {
            cells[i].members += 1
            last = i
            return
        }
        byHash[h, default: []].append(cells.count)
        last = cells.count
        cells.append(Cell(age: s.age, gender: s.gender, district: s.district, members: 1))
    }

    /// SQLite's order of two TEXT values under BINARY collation, NULL first; nil when equal.
    private static func order(_ a: String?, _ b: String?) -> Bool? {
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?):
            if same(a, b) { return nil }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    /// `a` before `b` by UTF-8 length, then bytes (so strictly increasing ids are distinct).
    private static func precedes(_ a: String, _ b: String) -> Bool {
        let (m, n) = (a.utf8.count, b.utf8.count)
        return m != n ? m < n : a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Byte equality (NULL equals NULL, as GROUP BY and DISTINCT compare), at once for the same String value.
    private static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?):
            let (x, y) = (unsafeBitCast(a, to: (UInt64, UInt64).self), unsafeBitCast(b, to: (UInt64, UInt64).self))
            return (x.0 == y.0 && x.1 == y.1) || WordKey.sameBytes(a, b)
        default: return false
        }
    }

    private static func same(_ a: [String?], _ b: [String?]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    }

    /// FNV-1a 64 over each value's bytes with its length (NULL apart from every text).
    private static func hash(_ values: [String?]) -> UInt64 {
        values.reduce(WordKey.basis) { hash($1, $0) }
    }

    /// `h` extended by one value.
    private static func hash(_ value: String?, _ h: UInt64) -> UInt64 {
        guard let value else { return (h ^ 0xFF) &* 0x0000_0100_0000_01B3 }
        var h = h
        for b in value.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return (h ^ UInt64(value.utf8.count) ^ 0x1_0000) &* 0x0000_0100_0000_01B3
    }
}
