// WorkspaceBuilder — writes koe.sqlite while a run streams: respondents and opinions in large transactions
// through prepared statements, and the summary, cross-tabs and quotes at the end; then the indexes and the
// word index (FTS5 over koe's own words, built once from the opinions table).
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes

/// Builds a new workspace file. Use from one thread.
public final class WorkspaceBuilder {
    public let database: SQLiteDatabase
    private let insertRespondent: SQLiteStatement
    private let insertOpinion: SQLiteStatement
    private let insertTag: SQLiteStatement
    private let insertEvidence: SQLiteStatement
    private let insertExcluded: SQLiteStatement
    private let insertRejected: SQLiteStatement
    private var opinionRowid = 0
    private var respondentRowid = 0
    private var inTransaction = false
    private var pendingRows = 0

    /// Creates `url` (replacing any file there) with koe's tables.
    public init(url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        database = try SQLiteDatabase(url: url)
        // A new file in a work folder: if the run fails it is discarded, so no journal is needed.
        try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        try database.execute(WorkspaceSchema.tables)
        insertRespondent = try database.prepare(
            "INSERT INTO respondents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        insertOpinion = try database.prepare(
            "INSERT INTO opinions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"
        )
        insertTag = try database.prepare("INSERT INTO tags VALUES (?1, ?2, ?3)")
        insertEvidence = try database.prepare("INSERT INTO evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        insertExcluded = try database.prepare("INSERT INTO excluded VALUES (?1, ?2, ?3)")
        insertRejected = try database.prepare("INSERT INTO rejected VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    }

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
    /// (`{"column": "answer"}`, keys in UTF-8 order; query with `json_extract`).
    public func addRespondent(_ r: Respondent, segments: Segments, ratingsJSON: String?) throws {
        try begin()
        respondentRowid += 1
        let l = r.location
        try insertRespondent.run([
            .integer(respondentRowid), .text(l.file), SQLiteValue(l.sheet), SQLiteValue(l.row), .text(r.id),
            SQLiteValue(segments.age), SQLiteValue(segments.gender), SQLiteValue(segments.district),
            SQLiteValue(r.segments.age), SQLiteValue(r.segments.gender), SQLiteValue(r.segments.district), SQLiteValue(r.weight),
            SQLiteValue(ratingsJSON),
        ])
        pendingRows += 1
    }

    /// A batch of analysed opinions (in input order).
    public func addOpinions(_ batch: [TaggedOpinion]) throws {
        try begin()
        for p in batch {
            opinionRowid += 1
            let o = p.opinion
            let l = o.location
            let rowid = SQLiteValue.integer(opinionRowid)
            try insertOpinion.run([
                rowid, .text(o.id), .text(o.kind.rawValue), .text(l.file), SQLiteValue(l.sheet), SQLiteValue(l.row),
                SQLiteValue(l.column), SQLiteValue(l.columnLetter), SQLiteValue(o.respondent), .text(o.text),
                .text(p.normalized), SQLiteValue(p.segments.age), SQLiteValue(p.segments.gender),
                SQLiteValue(p.segments.district), .text(p.type.rawValue), SQLiteValue(p.typeCue), .text(p.horizon.rawValue),
                SQLiteValue(p.horizonCue), .integer(p.areas.isEmpty ? 0 : 1), SQLiteValue(p.decision.typeSource?.rawValue),
                SQLiteValue(p.decision.horizonSource?.rawValue), SQLiteValue(p.decision.question),
                p.words.isEmpty ? .null : .text(p.words.joined(separator: " ")),
            ])
            var direct: Set<String> = []
            for (code, items) in p.evidence {
                direct.insert(code)
                for item in items {
                    try insertEvidence.run([
                        rowid, .text(code), .text(item.keyword), .text(item.surface), .integer(item.start), .integer(item.end),
                    ])
                }
            }
            for code in p.areas { try insertTag.run([rowid, .text(code), .integer(direct.contains(code) ? 1 : 0)]) }
            for x in p.excluded { try insertExcluded.run([rowid, .text(x.code), .text(x.word)]) }
        }
        pendingRows += batch.count
        if pendingRows >= 50_000 { try commit() }
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
        score: QuoteScore, group: String?, groupSize: Int
    ) throws {
        try begin()
        try database.prepare("INSERT INTO quotes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)").run([
            .text(area), .integer(position), .text(opinionID), .text(maskedText), .text(attribution), .real(score.total),
            .real(score.specificity), .real(score.length), .real(score.representativeness), .real(score.type),
            .real(score.diversity), .integer(trimmed ? 1 : 0), SQLiteValue(group), .integer(groupSize),
        ])
    }

    /// The near-duplicate groups: one row per member opinion.
    public func addNearDuplicates(_ groups: [NearDuplicateGroup]) throws {
        let insert = try database.prepare("INSERT INTO near_duplicates VALUES (?1, ?2, ?3)")
        try transaction {
            for g in groups {
                for member in g.members { try insert.run([.text(member), .text(g.id), .integer(g.count)]) }
            }
        }
    }

    /// Workshop files' session labels (used in attributions).
    public func addSessions(_ labels: [String: String]) throws {
        let insert = try database.prepare("INSERT INTO sessions VALUES (?1, ?2)")
        try transaction {
            for (source, label) in labels.sorted(by: { $0.key < $1.key }) { try insert.run([.text(source), .text(label)]) }
        }
    }

    /// Commits, builds the indexes and optimizes the word index. Call once at the end.
    public func finish() throws {
        try commit()
        try database.execute(WorkspaceSchema.indexes)
        try database.execute("ANALYZE;")
    }

    private func begin() throws {
        if !inTransaction {
            try database.execute("BEGIN")
            inTransaction = true
        }
    }

    private func commit() throws {
        if inTransaction {
            try database.execute("COMMIT")
            inTransaction = false
        }
        pendingRows = 0
    }

    private func transaction(_ body: () throws -> Void) throws {
        try begin()
        try body()
        try commit()
    }
}
