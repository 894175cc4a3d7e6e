// QuoteQuery — `koe quotes` over koe.sqlite: opens a workspace (refusing a missing or stale one with a
// Japanese message), filters opinions by area (with descendants), segments, type, horizon and words (FTS5
// over koe's own word keys), and ranks them with the same selector, groups and attribution as quotes.md.
import Foundation
import KoeCore
import KoeQuotes

/// What to look for. Empty fields do not filter.
public struct QuoteFilter: Sendable {
    public var area: String?
    public var age: String?
    public var gender: String?
    public var district: String?
    /// 要望 / 課題 / 評価 / 提案・ありたい姿.
    public var type: String?
    /// short / long.
    public var horizon: String?
    /// Word keys (koe's tokenizer and normalizer) that must all occur in the opinion.
    public var words: [String] = []
    public var limit = 20

    public init() {}
}

/// A quote found in the workspace, with its provenance.
public struct WorkspaceQuote: Sendable {
    public var candidate: QuoteCandidate
    public var source: String
    public var row: Int?
    public var column: String?
    public var horizon: String
}

/// A read-only workspace opened for `koe quotes`.
public final class QuoteWorkspace {
    public let database: SQLiteDatabase
    public let url: URL

    /// Opens `url`; a missing file or one written by another schema version is a `KoeError` that says to run
    /// `koe run` first.
    public init(url: URL) throws {
        self.url = url
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw KoeError(
                code: "workspace-missing", message: "ワークスペース（koe.sqlite）が見つかりません: \(url.path)",
                hint: "先に koe run パイプライン.yml を実行してください（出力フォルダに koe.sqlite ができます）",
                location: SourceLocation(file: url.path))
        }
        try InputFile.requireRegular(url, display: url.path)
        database = try SQLiteDatabase(url: url, readOnly: true)
        let version = try? meta("schema_version")
        guard version == WorkspaceSchema.version else {
            throw KoeError(
                code: "workspace-stale",
                message: "ワークスペース（koe.sqlite）の形式が古いか壊れています（形式 \(version ?? "不明")、必要な形式 \(WorkspaceSchema.version)）: \(url.path)",
                hint: "koe run をもう一度実行してワークスペースを作り直してください", location: SourceLocation(file: url.path))
        }
    }

    /// A value of the meta table.
    public func meta(_ key: String) throws -> String? {
        let statement = try database.prepare("SELECT value FROM meta WHERE key = ?1")
        statement.bind([.text(key)])
        return try statement.next() ? statement.text(0) : nil
    }

    /// Whether `key` is one term of the word index (some opinion has it among its words).
    public func hasWord(_ key: String) throws -> Bool {
        let statement = try database.prepare("SELECT 1 FROM opinion_words WHERE opinion_words MATCH ?1 LIMIT 1")
        statement.bind([.text(Self.match([key]))])
        return try statement.next()
    }

    /// The input files recorded by the run (path as given, bytes).
    public func sources() throws -> [(path: String, bytes: Int)] {
        let statement = try database.prepare("SELECT path, bytes FROM sources ORDER BY source_id")
        var out: [(String, Int)] = []
        while try statement.next() { out.append((statement.text(0) ?? "", statement.integer(1) ?? 0)) }
        return out
    }

    /// The area codes of the plan, in plan order.
    public func areaCodes() throws -> [String] {
        let statement = try database.prepare("SELECT code FROM areas ORDER BY plan_order")
        var out: [String] = []
        while try statement.next() { out.append(statement.text(0) ?? "") }
        return out
    }

    /// The attribution counts the run used: every survey respondent, and each workshop session once.
    /// `scanning`: count them from the respondents and opinions even when the run stored `attribution_cells`.
    public func attributionGuard(scanning: Bool = false) throws -> AttributionGuard {
        let minCellText = try meta("min_cell")
        guard let minCell = UserNumber.parse(minCellText ?? "5", UserNumber.minCell) else {
            throw KoeError(
                code: "workspace-damaged",
                message:
                    "ワークスペースの min_cell（\(InertText.singleLine(minCellText ?? ""))）が正しくありません（\(UserNumber.minCell.lowerBound)〜\(UserNumber.minCell.upperBound) の整数のはずです）",
                hint: "ワークスペースが壊れているか書き換えられています。koe run をもう一度実行してください", location: SourceLocation(file: url.path))
        }
        var guardian = AttributionGuard(minCell: minCell)
        let stored = try !scanning && hasTable("attribution_cells")
        let statement = try database.prepare(
            stored ? "SELECT age, gender, district, members FROM attribution_cells" : Self.attributionCells)
        while try statement.next() {
            let segments = Segments(age: statement.text(0), gender: statement.text(1), district: statement.text(2))
            guardian.count(segments, members: statement.integer(3) ?? 0)
        }
        return guardian
    }

    /// The members of each age × gender × district cell the small-cell check counts: every survey respondent
    /// once (an id repeated on several rows of a file counts at its first row), each workshop session once per
    /// segments.
    static let attributionCells = """
        SELECT age, gender, district, COUNT(*) FROM (
            SELECT age, gender, district FROM respondents WHERE respondent_rowid IN
                (SELECT MIN(respondent_rowid) FROM respondents GROUP BY source, sheet, IFNULL(respondent, 'row ' || respondent_rowid))
            UNION ALL
            SELECT age, gender, district FROM (SELECT DISTINCT source, age, gender, district FROM opinions WHERE kind = 'workshop'))
        GROUP BY age, gender, district ORDER BY age, gender, district
        """

    /// Stores `attributionCells` as the table `attribution_cells` (written by the run).
    static let attributionCellsInsert = "INSERT INTO attribution_cells " + attributionCells + ";"

    /// Ranked quotes matching `filter`: at most `filter.limit`, one per respondent, each near-duplicate group
    /// once (with its size), chosen by the same score parts and diversity as quotes.md.
    /// `scanning`: rank by building every matching opinion as a candidate (the reference the `quote_rank` path is
    /// compared with, and the way for a workspace without that table).
    public func quotes(_ filter: QuoteFilter, scanning: Bool = false) throws -> [WorkspaceQuote] {
        let filtered = try filterSQL(filter)
        if !scanning, try hasQuoteRank() {
            return try rankedQuotes(filter, conditions: filtered.conditions, values: filtered.values)
        }
        let sql = """
            SELECT o.id, o.text, o.kind, o.source, o.row, o.column_label, o.respondent, o.age, o.gender, o.district,
                o.type, o.horizon, w.words, d.group_id, d.group_size
            FROM opinions o LEFT JOIN opinion_words w ON w.rowid = o.opinion_rowid
                LEFT JOIN near_duplicates d ON d.opinion_id = o.id
            """ + filtered.whereClause + " ORDER BY o.opinion_rowid"
        let statement = try database.prepare(sql)
        statement.bind(filtered.values)
        var selector = QuoteSelector(perArea: max(0, filter.limit))
        var groups: [String: (id: String, size: Int)] = [:]
        let labels = try sessionLabels()
        while try statement.next() {
            let id = statement.text(0) ?? ""
            let kind = statement.text(2)
            let source = statement.text(3) ?? ""
            let type = statement.text(10)
            let candidate = QuoteCandidate(
                id: id, text: statement.text(1) ?? "",
                segments: Segments(age: statement.text(7), gender: statement.text(8), district: statement.text(9)),
                type: type == OpinionType.unknown.rawValue ? nil : type,
                respondent: statement.text(6).map { "\(source)#\($0)" } ?? id,
                session: kind == "workshop" ? labels[source] ?? SessionLabel.label(title: nil, file: source) : nil,
                words: (statement.text(12) ?? "").split(separator: " ").map(String.init))
            if let group = statement.text(13), let size = statement.integer(14) { groups[id] = (group, size) }
            selector.add(candidate, areas: ["q"])
        }
        let picked = selector.select(areas: [(code: "q", level: 1)]) { groups[$0] }["q"] ?? []
        let lookup = try database.prepare("SELECT source, row, column_label, horizon FROM opinions WHERE id = ?1")
        return try picked.map { c in
            lookup.bind([.text(c.id)])
            defer { lookup.reset() }
            guard try lookup.next() else { return WorkspaceQuote(candidate: c, source: "", row: nil, column: nil, horizon: "unknown") }
            return WorkspaceQuote(
                candidate: c, source: lookup.text(0) ?? "", row: lookup.integer(1), column: lookup.text(2),
                horizon: lookup.text(3) ?? "unknown")
        }
    }

    /// Workshop files' session labels.
    func sessionLabels() throws -> [String: String] {
        let statement = try database.prepare("SELECT source, label FROM sessions")
        var labels: [String: String] = [:]
        while try statement.next() { labels[statement.text(0) ?? ""] = statement.text(1) ?? "" }
        return labels
    }

    /// An FTS5 expression requiring every word (each quoted, so no word is read as an operator).
    static func match(_ words: [String]) -> String {
        words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
    }
}
