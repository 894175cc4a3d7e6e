// WordIndexBuild — the word index (FTS5 `opinion_words`) built on a second thread while the workspace's own
// connection builds the other indexes: every opinion's rowid and words also go into a file of their own beside
// the workspace as the run streams, FTS5 rebuilds the same index there once the input ends (same table, same
// settings, the same rows in the same order, so the same segments), and its rows are then copied into the
// workspace's shadow tables.
import Foundation
import KoeCore

/// One build of the word index in a temporary file (`fileURL`), removed by `finish`, by `discard` and on release.
final class WordIndexBuild: @unchecked Sendable {
    /// The temporary file.
    let url: URL
    /// Its connection: used by the builder's thread until `start`, then by the build's queue, which closes it.
    private var database: SQLiteDatabase?
    private var insert: SQLiteInserter?
    private let done = DispatchGroup()
    /// Set on the build's queue before it leaves `done`; read only after `done.wait()`.
    private var failure: Error?

    /// The temporary file of the workspace at `workspace`.
    static func fileURL(for workspace: URL) -> URL { URL(fileURLWithPath: workspace.path + "-words") }

    /// Creates the temporary file (replacing any file left there) with an `opinions` table of rowids and words,
    /// filled in one transaction until `start`.
    init(beside workspace: URL) throws {
        url = Self.fileURL(for: workspace)
        try? FileManager.default.removeItem(at: url)
        do {
            let database = try SQLiteDatabase(url: url)
            // A scratch file: no journal, no sync; rows appended in rowid order.
            try database.execute(
                """
                PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE opinions(opinion_rowid INTEGER PRIMARY KEY, words TEXT); BEGIN;
                """)
            insert = try SQLiteInserter(database, table: "opinions", columns: 2)
            self.database = database
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    deinit {
        insert = nil
        database = nil
        try? FileManager.default.removeItem(at: url)
    }

    /// One opinion's words (in rowid order, before `start`) as in `opinions.words`: joined by spaces, nil for none.
    func add(rowid: Int, words: UnsafeBufferPointer<UInt8>?) throws {
        guard let insert else { return }
        try insert.add { row in
            row.add(rowid)
            if let words { row.add { $0.append(contentsOf: words) } } else { row.addNull() }
        }
    }

    /// Commits the rows and starts the rebuild on a queue of its own (once).
    func start() throws {
        guard let insert, let database else { return }
        try insert.flush()
        try database.execute("COMMIT; PRAGMA cache_size = -16384;")
        self.insert = nil
        DispatchQueue(label: "koe.word-index").async(group: done) { [self] in
            do {
                try self.database?.execute(WorkspaceSchema.wordIndex + WorkspaceSchema.wordIndexBuild)
            } catch {
                failure = error
            }
            self.database = nil
        }
    }

    /// Waits for the build and puts its rows into the word index of `database` (made with
    /// `WorkspaceSchema.wordIndex`; called outside a transaction): `opinion_words_data` and `opinion_words_idx` as
    /// the rebuild left them; `opinion_words_config` keeps the workspace's own rows (the build's `hashsize` is
    /// removed there as in the workspace). Removes the temporary file, also when this fails.
    func finish(into database: SQLiteDatabase) throws {
        defer { discard() }
        try start()
        done.wait()
        if let failure { throw failure }
        try database.prepare("ATTACH DATABASE ?1 AS koe_words").run([.text(url.path)])
        defer { try? database.execute("DETACH DATABASE koe_words;") }
        do {
            try database.execute(
                """
                BEGIN;
                DELETE FROM main.opinion_words_data;
                INSERT INTO main.opinion_words_data SELECT * FROM koe_words.opinion_words_data;
                DELETE FROM main.opinion_words_idx;
                INSERT INTO main.opinion_words_idx SELECT * FROM koe_words.opinion_words_idx;
                COMMIT;
                """)
        } catch {
            try? database.execute("ROLLBACK;")
            throw error
        }
    }

    /// Waits for the build (if started) and removes the temporary file.
    func discard() {
        done.wait()
        insert = nil
        database = nil
        try? FileManager.default.removeItem(at: url)
    }
}
