// WorkspaceBuilder — writes koe.sqlite while a run streams: respondents and opinions in large transactions
// through prepared statements, and the summary, cross-tabs and quotes at the end; then the indexes and the
// word index (FTS5 over koe's own words, built once on a second thread from a copy of them: WordIndexBuild).
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes

/// Builds a new workspace file. Use from one thread.
public final class WorkspaceBuilder {
    public let database: SQLiteDatabase
    private let insertRespondent: SQLiteInserter
    private let insertOpinion: SQLiteInserter
    private let insertTag: SQLiteInserter
    private let insertEvidence: SQLiteInserter
    private let insertExcluded: SQLiteInserter
    private let insertQuoteRank: SQLiteInserter
    /// Every opinion's informative words counted as `koe quotes` counts them, for each stored section.
    private var commonWords = QuoteCommonWords()
    /// The small-cell check's members per age × gender × district, counted as the rows stream.
    private var attribution = AttributionCells()
    private let insertRejected: SQLiteStatement
    /// The word index's rows, built apart (WordIndexBuild): every opinion's words are written there too.
    private let words: WordIndexBuild
    /// The buffer `addOpinion` joins an opinion's words in.
    private var joinedWords = RowBytes()
    private var opinionRowid = 0
    private var respondentRowid = 0
    private var inTransaction = false
    private var pendingRows = 0
    private var indexed = false
    /// Whether `buildIndexes` recorded the statistics of `earlyAnalyzed`, and whether rows went into those tables
    /// after it (then `finish` analyses the whole file again).
    private var analyzedEarly = false
    private var rowsAfterIndexes = false

    /// Creates `url` (replacing any file there) with koe's tables.
    public init(url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        database = try SQLiteDatabase(url: url)
        // A new file in a work folder: if the run fails it is discarded, so no journal is needed. 64 KiB pages
        // (the largest: fewer, fuller pages to write, sort and scan); a page cache of at most 16 MiB, so the
        // index sorts stay in memory at 100,000 respondents while a 1,000,000-respondent run stays under 512 MB.
        try database.execute(
            """
            PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384;
            """)
        try database.execute(WorkspaceSchema.tables)
        insertRespondent = try SQLiteInserter(database, table: "respondents", columns: 13)
        insertOpinion = try SQLiteInserter(database, table: "opinions", columns: 23, batchRows: 32)
        insertTag = try SQLiteInserter(database, table: "tags", columns: 3)
        insertEvidence = try SQLiteInserter(database, table: "evidence", columns: 6)
        insertExcluded = try SQLiteInserter(database, table: "excluded", columns: 3)
        insertQuoteRank = try SQLiteInserter(database, table: "quote_rank", columns: 5)
        insertRejected = try database.prepare("INSERT INTO rejected VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        words = try WordIndexBuild(beside: url)
    }

    deinit { joinedWords.deallocate() }

    /// The plan's areas in plan order.
    public func addAreas(_ areas: [PlanArea]) throws {
        let insert = try database.prepare("INSERT INTO areas VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        try transaction {
            for (i, area) in areas.enumerated() {
                try insert.run([
                    .text(area.code), .text(area.name), .integer(area.level), SQLiteValue(area.parentCode),
                    SQLiteValue(area.horizon?.rawValue), .integer(i + 1),
                ])
            }
        }
    }

    /// One survey respondent with normalized segments and its raw rating answers as a JSON object
    /// (`{"column": "answer"}`, keys in UTF-8 order; query with `json_extract`), as UTF-8 bytes.
    public func addRespondent(_ r: Respondent, segments: Segments, ratingsJSON: [UInt8]?) throws {
        try begin()
        if indexed { rowsAfterIndexes = true }
        respondentRowid += 1
        let l = r.location
        attribution.respondent(file: l.file, sheet: l.sheet, id: r.id, segments: segments)
        try insertRespondent.add { row in
            row.add(respondentRowid)
            row.add(l.file)
            row.add(l.sheet)
            row.add(l.row)
            row.add(r.id)
            row.add(segments.age)
            row.add(segments.gender)
            row.add(segments.district)
            row.add(r.segments.age)
            row.add(r.segments.gender)
            row.add(r.segments.district)
            row.add(r.weight)
            if let ratingsJSON { row.add { $0.append(contentsOf: ratingsJSON) } } else { row.addNull() }
        }
        pendingRows += 1
    }

    /// The same with the ratings JSON as a String.
    public func addRespondent(_ r: Respondent, segments: Segments, ratingsJSON: String?) throws {
        try addRespondent(r, segments: segments, ratingsJSON: ratingsJSON.map { Array($0.utf8) })
    }

    /// A batch of analysed opinions (in input order).
    public func addOpinions(_ batch: [TaggedOpinion]) throws {
        try begin()
        if indexed { rowsAfterIndexes = true }
        // Read in place through a pointer: passing `batch[i]` on copied every field of the opinion (a retain
        // and a release each, a measurable share of this thread at 100,000 respondents).
        try batch.withUnsafeBufferPointer { opinions in
            guard let first = opinions.baseAddress else { return }
            for i in opinions.indices {
                opinionRowid += 1
                try addOpinion(first + i, rowid: opinionRowid)
            }
        }
        pendingRows += batch.count
        if pendingRows >= 50_000 { try commit() }
    }

    /// One opinion row, then its evidence, tags and exclusions (each bound in place, no per-row values array).
    private func addOpinion(_ p: UnsafePointer<TaggedOpinion>, rowid: Int) throws {
        // The words joined by spaces once, for the opinion row and the word index's copy.
        var joined: UnsafeBufferPointer<UInt8>? = nil
        if !p.pointee.words.isEmpty {
            joinedWords.removeAll()
            for (i, word) in p.pointee.words.enumerated() {
                if i > 0 { joinedWords.append(0x20) }  // space
                joinedWords.append(word)
            }
            joined = joinedWords.written
        }
        try insertOpinion.add { row in
            row.add(rowid)
            row.add(p.pointee.opinion.id)
            row.add(p.pointee.opinion.kind.rawValue)
            row.add(p.pointee.opinion.location.file)
            row.add(p.pointee.opinion.location.sheet)
            row.add(p.pointee.opinion.location.row)
            row.add(p.pointee.opinion.location.column)
            row.add(p.pointee.opinion.location.columnLetter)
            row.add(p.pointee.opinion.respondent)
            row.add(p.pointee.opinion.text)
            row.add(p.pointee.normalized)
            row.add(p.pointee.segments.age)
            row.add(p.pointee.segments.gender)
            row.add(p.pointee.segments.district)
            row.add(p.pointee.type.rawValue)
            row.add(p.pointee.typeCue)
            row.add(p.pointee.horizon.rawValue)
            row.add(p.pointee.horizonCue)
            row.add(p.pointee.areas.isEmpty ? 0 : 1)
            row.add(p.pointee.decision.typeSource?.rawValue)
            row.add(p.pointee.decision.horizonSource?.rawValue)
            row.add(p.pointee.decision.question)
            if let joined { row.add { $0.append(contentsOf: joined) } } else { row.addNull() }
        }
        if p.pointee.opinion.kind == .workshop {
            attribution.workshopNote(source: p.pointee.opinion.location.file, segments: p.pointee.segments)
        }
        try addQuoteRank(p, rowid: rowid)
        try words.add(rowid: rowid, words: joined)
        for (code, items) in p.pointee.evidence {
            for item in items {
                try insertEvidence.add { row in
                    row.add(rowid)
                    row.add(code)
                    row.add(item.keyword)
                    row.add(item.surface)
                    row.add(item.start)
                    row.add(item.end)
                }
            }
        }
        for code in p.pointee.areas {
            let direct = p.pointee.evidence.contains { $0.code == code }
            try insertTag.add { row in
                row.add(rowid)
                row.add(code)
                row.add(direct ? 1 : 0)
            }
        }
        for x in p.pointee.excluded {
            try insertExcluded.add { row in
                row.add(rowid)
                row.add(x.code)
                row.add(x.word)
            }
        }
    }

    /// The opinion's quote score parts that do not depend on other opinions, as `koe quotes` builds its candidate
    /// from the opinions table (same text, words and type): the query ranks with them in SQL (QuoteRank). Made
    /// by the analysis worker (`quoteRank`), else here.
    private func addQuoteRank(_ p: UnsafePointer<TaggedOpinion>, rowid: Int) throws {
        let rank =
            p.pointee.quoteRank
            ?? QuoteRankParts(text: p.pointee.opinion.text, words: p.pointee.words, type: p.pointee.typeLabel)
        commonWords.count(
            rank, areas: p.pointee.areas, segments: p.pointee.segments, type: p.pointee.type.rawValue,
            horizon: p.pointee.horizon.rawValue)
        try insertQuoteRank.add { row in
            row.add(rowid)
            row.add(p.pointee.opinion.id)
            row.add(rank.score.base)
            row.add(Int(Int64(bitPattern: rank.textKey)))
            row.add { out in
                for (i, word) in rank.counted.enumerated() {
                    if i > 0 { out.append(0x20) }  // space
                    out.append(word)
                }
            }
        }
    }

    public func addRejected(_ r: RejectedRecord) throws {
        try begin()
        let l = r.location
        try insertRejected.run([
            .text(l.file), SQLiteValue(l.sheet), SQLiteValue(l.row), SQLiteValue(l.column ?? l.columnLetter), .text(r.code),
            .text(r.reason), .text(r.raw),
        ])
    }

    /// Run facts as key/value pairs (version, title, pipeline, codebook hash …).
    public func addMeta(_ pairs: [(String, String)]) throws {
        let insert = try database.prepare("INSERT OR REPLACE INTO meta VALUES (?1, ?2)")
        try transaction {
            try insert.run([.text("schema_version"), .text(WorkspaceSchema.version)])
            for (key, value) in pairs { try insert.run([.text(key), .text(value)]) }
        }
    }

    /// The input files and their counts.
    public func addSource(
        path: String, kind: String, sha256: String?, bytes: Int, respondents: Int, opinions: Int, skipped: Int, rejected: Int,
        error: String?
    ) throws {
        try begin()
        try database.prepare("INSERT INTO sources VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)").run([
            .text(path), .text(kind), SQLiteValue(sha256), .integer(bytes), .integer(respondents), .integer(opinions),
            .integer(skipped), .integer(rejected), SQLiteValue(error),
        ])
    }

    public func addSummary(_ rows: [SummaryRow]) throws {
        let insert = try database.prepare(
            "INSERT INTO summary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)")
        try transaction {
            for r in rows {
                try insert.run([
                    .text(r.area.code), .text(r.area.name), .integer(r.area.level), .integer(r.opinions), .integer(r.respondents),
                    .real(r.share), .integer(r.rank), SQLiteValue(r.importance), .integer(r.importanceN),
                    SQLiteValue(r.satisfaction), .integer(r.satisfactionN), SQLiteValue(r.improvementIndex),
                    SQLiteValue(r.quadrant), .integer(r.workshopNotes), SQLiteValue(r.weightedShare),
                    .integer(r.importanceMissing), .integer(r.satisfactionMissing),
                ])
            }
        }
    }

    public func addCrossTabs(_ rows: [CrossTabRow]) throws {
        let insert = try database.prepare("INSERT INTO crosstab VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
        try transaction {
            for r in rows {
                try insert.run([
                    .text(r.segment.rawValue), .text(r.area), .text(r.value), .integer(r.respondents), .integer(r.mentioning),
                    .real(r.share), .real(r.expected), SQLiteValue(r.adjustedResidual), SQLiteValue(r.test?.chi2),
                    SQLiteValue(r.test?.df), SQLiteValue(r.test?.p), SQLiteValue(r.test?.cramersV),
                    SQLiteValue(r.minExpected), SQLiteValue(r.fisherP), SQLiteValue(r.pHolm),
                ])
            }
        }
    }

    /// One selected quote of an area (masked and trimmed text and safe attribution, as printed; score parts).
    public func addQuote(
        area: String, position: Int, opinionID: String, maskedText: String, trimmed: Bool, attribution: String,
        score: QuoteScore, group: String?, groupSize: Int, review: String = "[]"
    ) throws {
        try begin()
        try database.prepare("INSERT INTO quotes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)").run([
            .text(area), .integer(position), .text(opinionID), .text(maskedText), .text(attribution), .real(score.total),
            .real(score.specificity), .real(score.length), .real(score.representativeness), .real(score.type),
            .real(score.diversity), .integer(trimmed ? 1 : 0), SQLiteValue(group), .integer(groupSize), .text(review),
        ])
    }

    /// The near-duplicate groups: one row per member opinion. The rows go in in the primary key's order (the ids'
    /// bytes, SQLite's BINARY order), each at the end of the table's B-tree instead of at a random place, and the
    /// group index is built once they are in (`finish`): the table's rows are the same in any order.
    public func addNearDuplicates(_ groups: [NearDuplicateGroup]) throws {
        let insert = try SQLiteInserter(database, table: "near_duplicates", columns: 3)
        let order = Self.byteOrder(groups.map(\.members))
        try transaction {
            for (g, m) in order {
                let group = groups[Int(g)]
                try insert.add { row in
                    row.add(group.members[Int(m)])
                    row.add(group.id)
                    row.add(group.count)
                }
            }
            try insert.flush()
        }
    }

    /// Every id as its (list, place) in `lists`, in the UTF-8 byte order of the ids. Ids share a long prefix (the
    /// file's name): each is sorted by the 8 bytes after the prefix common to all of them, then by its bytes.
    static func byteOrder(_ lists: [[String]]) -> [(list: Int32, place: Int32)] {
        var common: [UInt8]? = nil
        for list in lists {
            for id in list {
                guard let c = common else {
                    common = Array(id.utf8)
                    continue
                }
                var n = 0
                for b in id.utf8 {
                    guard n < c.count, c[n] == b else { break }
                    n += 1
                }
                if n < c.count { common = Array(c[0..<n]) }
            }
        }
        let skip = common?.count ?? 0
        var entries: [(key: UInt64, list: Int32, place: Int32)] = []
        entries.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() {
            for (p, id) in list.enumerated() {
                // The next 8 bytes big-endian, 0 after the end: a smaller key is a smaller id.
                var key: UInt64 = 0
                var taken = 0
                for b in id.utf8.dropFirst(skip) {
                    guard taken < 8 else { break }
                    key |= UInt64(b) << (56 - 8 * UInt64(taken))
                    taken += 1
                }
                entries.append((key, Int32(l), Int32(p)))
            }
        }
        entries.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            return lists[Int(a.list)][Int(a.place)].utf8.lexicographicallyPrecedes(lists[Int(b.list)][Int(b.place)].utf8)
        }
        return entries.map { ($0.list, $0.place) }
    }

    /// Workshop files' session labels (used in attributions).
    public func addSessions(_ labels: [String: String]) throws {
        let insert = try database.prepare("INSERT INTO sessions VALUES (?1, ?2)")
        try transaction {
            for (source, label) in labels.sorted(by: { $0.key < $1.key }) { try insert.run([.text(source), .text(label)]) }
        }
    }

    /// Builds the indexes if `buildIndexes` has not, commits, builds the late indexes (their rows come last) and
    /// records the statistics (ANALYZE). Call once at the end.
    public func finish() throws {
        try buildIndexes()
        try commit()
        try database.execute(WorkspaceSchema.lateIndexes)
        try analyze()
    }

    /// The tables complete once the input has ended (`buildIndexes`), whose statistics are recorded there, beside
    /// the near-duplicate grouping, not at the end of the run: the large ones.
    static let earlyAnalyzed = ["respondents", "opinions", "tags", "evidence", "quote_rank", "opinion_words_data", "opinion_words_idx"]

    /// `sqlite_stat1` as one `ANALYZE` of the whole file makes it: the tables not analysed early each analysed now,
    /// then every row put in the order the whole-file `ANALYZE` writes them (the tables in the order SQLite walks
    /// its schema, which `PRAGMA table_list` walks too; a table's rows in the order its `ANALYZE` wrote them).
    private func analyze() throws {
        guard analyzedEarly, !rowsAfterIndexes else {
            try database.execute("ANALYZE;")
            return
        }
        var tables: [String] = []
        let list = try database.prepare("PRAGMA main.table_list")
        while try list.next() {
            guard let name = list.text(1), list.text(2) == "table" || list.text(2) == "shadow" else { continue }
            tables.append(name)
        }
        let early = Set(Self.earlyAnalyzed)
        for table in tables where !early.contains(table) && !table.hasPrefix("sqlite_") {
            try database.execute("ANALYZE main.\(Self.quotedName(table));")
        }
        var rows: [String: [(idx: String?, stat: String?)]] = [:]
        let read = try database.prepare("SELECT tbl, idx, stat FROM main.sqlite_stat1 ORDER BY rowid")
        while try read.next() { rows[read.text(0) ?? "", default: []].append((read.text(1), read.text(2))) }
        try transaction {
            try database.execute("DELETE FROM main.sqlite_stat1;")
            let insert = try database.prepare("INSERT INTO main.sqlite_stat1 VALUES (?1, ?2, ?3)")
            for table in tables {
                for r in rows[table] ?? [] { try insert.run([.text(table), SQLiteValue(r.idx), SQLiteValue(r.stat)]) }
            }
        }
    }

    /// `name` as an SQL identifier.
    static func quotedName(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Builds the word index and the indexes (in a fixed order) once every respondent, opinion and rejected
    /// record is in; the rows added afterwards (summary, quotes …) only update them. Then the quote helper tables,
    /// and the statistics of the large tables (`earlyAnalyzed`). `finish` calls it if nobody did. The word index is
    /// rebuilt on a second thread in a file of its own (WordIndexBuild) while this connection builds the other
    /// indexes and the helper tables, and its rows are copied in last.
    public func buildIndexes() throws {
        guard !indexed else { return }
        try commit()
        let words = self.words
        defer { words.discard() }
        try words.start()
        try database.execute(WorkspaceSchema.wordIndex)
        try database.execute(WorkspaceSchema.indexes)
        indexed = true
        try writeQuoteHelpers()
        for table in Self.earlyAnalyzed where !Self.wordIndexTables.contains(table) {
            try database.execute("ANALYZE main.\(Self.quotedName(table));")
        }
        try commit()
        try words.finish(into: database)
        for table in Self.wordIndexTables { try database.execute("ANALYZE main.\(Self.quotedName(table));") }
        analyzedEarly = true
    }

    /// The word index's tables among `earlyAnalyzed`: analysed once its rows are copied in.
    static let wordIndexTables = ["opinion_words_data", "opinion_words_idx"]

    /// `quote_common` and `quote_common_segments` (the common words `koe quotes` reads instead of counting) and
    /// `attribution_cells` (what its small-cell check reads instead of every respondent).
    private func writeQuoteHelpers() throws {
        try begin()
        var codes: [String] = []
        let statement = try database.prepare("SELECT code FROM areas ORDER BY plan_order")
        while try statement.next() { codes.append(statement.text(0) ?? "") }
        try commonWords.write(to: database, areas: codes)
        if let rows = attribution.rows {
            let insert = try database.prepare("INSERT INTO attribution_cells VALUES (?1, ?2, ?3, ?4)")
            for r in rows {
                try insert.run([SQLiteValue(r.age), SQLiteValue(r.gender), SQLiteValue(r.district), .integer(r.members)])
            }
        } else {
            try database.execute(QuoteWorkspace.attributionCellsInsert)
        }
    }

    private func begin() throws {
        if !inTransaction {
            try database.execute("BEGIN")
            inTransaction = true
        }
    }

    private func commit() throws {
        for inserter in [insertRespondent, insertOpinion, insertTag, insertEvidence, insertExcluded, insertQuoteRank] {
            try inserter.flush()
        }
        if inTransaction {
            try database.execute("COMMIT")
            inTransaction = false
        }
        pendingRows = 0
    }

    func transaction(_ body: () throws -> Void) throws {
        try begin()
        try body()
        try commit()
    }
}
