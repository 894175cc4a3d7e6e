// ChoiceTables — the plan team's decisions kept in koe.sqlite: which quote is used for (or rejected from) an
// area, and spans masked by hand; keyed by opinion id and a hash of the opinion's text, carried into the next
// run's workspace (a choice whose text changed is kept but marked changed, never silently applied).
import Crypto
import Foundation

/// The `choices` and `extra_masks` tables (documented in docs/outputs.md and docs/serve.md).
public enum ChoiceTables {
    /// Created by every run and, for older workspaces, by `koe serve` before its first write.
    public static let schema = """
        CREATE TABLE IF NOT EXISTS choices(
            opinion_id TEXT NOT NULL, area TEXT NOT NULL, choice TEXT NOT NULL, text_sha256 TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL,
            PRIMARY KEY(opinion_id, area)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS extra_masks(
            opinion_id TEXT NOT NULL, span TEXT NOT NULL, text_sha256 TEXT NOT NULL, changed INTEGER NOT NULL DEFAULT 0,
            seq INTEGER NOT NULL, PRIMARY KEY(opinion_id, span)) WITHOUT ROWID;
        """

    /// Lower-case hex SHA-256 of an opinion's verbatim text (UTF-8).
    public static func textHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `database` has the choice tables (workspaces written before they existed do not).
    public static func exist(in database: SQLiteDatabase) throws -> Bool {
        let statement = try database.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('choices', 'extra_masks')")
        return try statement.next() && statement.integer(0) == 2
    }

    /// `text` with every hand-masked span replaced by the mask (longest spans first, so a span inside another
    /// cannot leave part of the longer one readable).
    public static func applyMasks(_ spans: [String], to text: String, mask: String) -> String {
        var out = text
        for span in spans.sorted(by: { $0.count > $1.count }) where !span.isEmpty {
            out = out.replacingOccurrences(of: span, with: mask)
        }
        return out
    }

    /// Copies the choices and hand masks of the workspace at `previous` into `database` (a new run's workspace
    /// whose opinions are loaded). A row whose opinion text hash differs from the new text, or whose opinion is
    /// gone, is kept with `changed = 1`. Returns how many rows were carried and how many of them changed.
    @discardableResult
    public static func carry(from previous: URL, into database: SQLiteDatabase) throws -> (carried: Int, changed: Int) {
        try database.execute(schema)
        guard FileManager.default.fileExists(atPath: previous.path),
            let old = try? SQLiteDatabase(url: previous, readOnly: true), (try? exist(in: old)) == true
        else { return (0, 0) }
        let lookup = try database.prepare("SELECT text FROM opinions WHERE id = ?1")
        var hashes: [String: String?] = [:]
        func currentHash(_ id: String) throws -> String? {
            if let known = hashes[id] { return known }
            lookup.bind([.text(id)])
            defer { lookup.reset() }
            let hash = try lookup.next() ? lookup.text(0).map(textHash) : nil
            hashes[id] = hash
            return hash
        }
        var carried = 0
        var changed = 0
        let choices = try old.prepare("SELECT opinion_id, area, choice, text_sha256, confirmed, changed, seq FROM choices ORDER BY seq")
        let insertChoice = try database.prepare("INSERT OR REPLACE INTO choices VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        try database.execute("BEGIN")
        while try choices.next() {
            let id = choices.text(0) ?? ""
            let hash = choices.text(3) ?? ""
            let current = try currentHash(id)
            let isChanged = (choices.integer(5) ?? 0) != 0 || current != hash
            try insertChoice.run([
                .text(id), .text(choices.text(1) ?? ""), .text(choices.text(2) ?? ""), .text(hash),
                .integer(choices.integer(4) ?? 0), .integer(isChanged ? 1 : 0), .integer(choices.integer(6) ?? 0),
            ])
            carried += 1
            if isChanged { changed += 1 }
        }
        let masks = try old.prepare("SELECT opinion_id, span, text_sha256, changed, seq FROM extra_masks ORDER BY seq")
        let insertMask = try database.prepare("INSERT OR REPLACE INTO extra_masks VALUES (?1, ?2, ?3, ?4, ?5)")
        while try masks.next() {
            let id = masks.text(0) ?? ""
            let hash = masks.text(2) ?? ""
            let current = try currentHash(id)
            let isChanged = (masks.integer(3) ?? 0) != 0 || current != hash
            try insertMask.run([
                .text(id), .text(masks.text(1) ?? ""), .text(hash), .integer(isChanged ? 1 : 0), .integer(masks.integer(4) ?? 0),
            ])
            carried += 1
            if isChanged { changed += 1 }
        }
        try database.execute("COMMIT")
        return (carried, changed)
    }
}
