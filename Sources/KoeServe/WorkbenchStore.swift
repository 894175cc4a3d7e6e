// WorkbenchStore — koe serve's access to the workspace: one read connection (the `koe quotes` query code) and,
// unless read-only, one write connection in WAL mode with a busy timeout, so two tabs (or two processes)
// writing at once wait for each other instead of failing or losing a choice. Calls are serialized by a lock.
import Foundation
import KoeCore
import KoePipeline
import KoeQuotes
import KoeRender
import KoeText
import KoeWorkspace

/// One plan area as the pages show it.
public struct WorkbenchArea: Sendable {
    public var code: String
    public var name: String
    public var level: Int
    public var parent: String?
}

/// The workspace behind the workbench.
public final class WorkbenchStore: @unchecked Sendable {
    public let url: URL
    public let readOnly: Bool
    let workspace: QuoteWorkspace
    let writer: SQLiteDatabase?
    let attribution: AttributionGuard
    let masker = Masker()
    public let areas: [WorkbenchArea]
    private let lock = NSLock()

    /// Opens the workspace at `url` (a missing or stale one is a KoeError); unless `readOnly`, switches it to WAL
    /// and adds the choice tables when an older run did not write them.
    public init(url: URL, readOnly: Bool) throws {
        self.url = url
        self.readOnly = readOnly
        _ = try QuoteWorkspace(url: url)  // existence and schema version, before anything is written
        if readOnly {
            writer = nil
        } else {
            let db = try SQLiteDatabase(url: url)
            try db.execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            try db.execute(ChoiceTables.schema)
            writer = db
        }
        workspace = try QuoteWorkspace(url: url)
        try workspace.database.execute("PRAGMA busy_timeout = 10000;")
        attribution = try workspace.attributionGuard()
        let statement = try workspace.database.prepare("SELECT code, name, level, parent FROM areas ORDER BY plan_order")
        var areas: [WorkbenchArea] = []
        while try statement.next() {
            areas.append(
                WorkbenchArea(
                    code: statement.text(0) ?? "", name: statement.text(1) ?? "", level: statement.integer(2) ?? 1,
                    parent: statement.text(3)))
        }
        self.areas = areas
    }

    /// Runs `body` with the connections, one caller at a time.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private var cachedTokenizer: Tokenizer?

    /// koe's tokenizer, made once (call under the lock).
    func tokenizer() throws -> Tokenizer {
        if let cachedTokenizer { return cachedTokenizer }
        let made = try Tokenizer()
        cachedTokenizer = made
        return made
    }

    /// Plan order of each area code.
    lazy var planOrder: [String: Int] = Dictionary(
        areas.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })

    /// A meta value of the run.
    func meta(_ key: String) throws -> String? { try workspace.meta(key) }

    /// Whether the choice tables can be read.
    func hasChoiceTables() throws -> Bool { try ChoiceTables.exist(in: workspace.database) }

    /// The text of opinion `id`, or a KoeError naming it.
    func opinionText(_ id: String) throws -> String {
        let statement = try workspace.database.prepare("SELECT text FROM opinions WHERE id = ?1")
        statement.bind([.text(id)])
        guard try statement.next(), let text = statement.text(0) else {
            throw KoeError(code: "unknown-opinion", message: "意見 \(id) はこのワークスペースにありません", hint: "一覧を読み込み直してください")
        }
        return text
    }

    /// The directly tagged areas of opinion `id`, in plan order.
    func areas(of id: String) throws -> [String] {
        let statement = try workspace.database.prepare(
            "SELECT t.area FROM tags t JOIN opinions o ON o.opinion_rowid = t.opinion_rowid WHERE o.id = ?1 AND t.direct = 1")
        statement.bind([.text(id)])
        var out: [String] = []
        while try statement.next() { out.append(statement.text(0) ?? "") }
        return out.sorted { (planOrder[$0] ?? .max) < (planOrder[$1] ?? .max) }
    }

    /// The choices recorded for opinion `id` (area, choice, confirmed, changed), in the order made.
    func choices(of id: String) throws -> [(area: String, choice: String, confirmed: Bool, changed: Bool)] {
        guard try hasChoiceTables() else { return [] }
        let statement = try workspace.database.prepare(
            "SELECT area, choice, confirmed, changed FROM choices WHERE opinion_id = ?1 ORDER BY seq")
        statement.bind([.text(id)])
        var out: [(String, String, Bool, Bool)] = []
        while try statement.next() {
            out.append((statement.text(0) ?? "", statement.text(1) ?? "", statement.integer(2) == 1, statement.integer(3) == 1))
        }
        return out
    }

    /// Spans masked by hand for opinion `id`.
    func extraMasks(of id: String) throws -> [String] {
        guard try hasChoiceTables() else { return [] }
        let statement = try workspace.database.prepare("SELECT span FROM extra_masks WHERE opinion_id = ?1 ORDER BY seq")
        statement.bind([.text(id)])
        var out: [String] = []
        while try statement.next() { out.append(statement.text(0) ?? "") }
        return out
    }

    /// `quote` as printed (masked, trimmed, attributed), with the hand-masked spans masked too.
    func printed(_ quote: QuoteCandidate, extraMasks: [String]) -> PrintedQuote {
        var candidate = quote
        candidate.text = ChoiceTables.applyMasks(extraMasks, to: quote.text, mask: Masker.mask)
        var printed = PrintedQuote(candidate, masker: masker, attribution: attribution)
        printed.text = ChoiceTables.applyMasks(extraMasks, to: printed.text, mask: Masker.mask)
        return printed
    }

    /// The review reasons of a printed quote (why a person must look before it is used).
    func review(_ printed: PrintedQuote) -> [String] {
        printed.review
    }

    /// Runs `body` in an immediate write transaction on the write connection.
    func write(_ body: (SQLiteDatabase) throws -> Void) throws {
        guard let writer else {
            throw KoeError(code: "read-only", message: "読み取り専用で起動しているため保存できません")
        }
        try writer.execute("BEGIN IMMEDIATE")
        do {
            try body(writer)
            try writer.execute("COMMIT")
        } catch {
            try? writer.execute("ROLLBACK")
            throw error
        }
    }
}
