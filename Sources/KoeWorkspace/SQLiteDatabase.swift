// SQLiteDatabase — a small owner of a system SQLite connection and its prepared statements: open, execute,
// prepare once and step many times, with errors that name the workspace file.
import CSQLite
import Foundation
import KoeCore

/// SQLITE_TRANSIENT: SQLite copies bound text before `bind` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Set up once before the first connection: no global allocation statistics (each allocation would take a
/// process-wide mutex; koe never reads them).
private let configured: Bool = koe_sqlite3_disable_memstatus() == SQLITE_OK

/// One SQLite connection. Not thread-safe: use it from one thread at a time.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    public let url: URL
    /// Opened only to read (`koe quotes`): a failure then means a damaged workspace, not a full disk.
    let readOnly: Bool

    /// Opens (`readOnly`) or creates the database at `url`.
    public init(url: URL, readOnly: Bool = false) throws {
        self.url = url
        self.readOnly = readOnly
        _ = configured
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(url.path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw KoeError(
                code: "workspace-unreadable", message: "ワークスペース（koe.sqlite）を開けません: \(url.path)",
                hint: readOnly ? "koe run をもう一度実行して作り直してください" : "出力フォルダの書き込み権限を確認してください")
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(message)
            throw error(text)
        }
    }

    /// A statement prepared once (bind, step, reset for each row).
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw error(String(cString: sqlite3_errmsg(handle))) }
        return SQLiteStatement(statement, database: self)
    }

    func error(_ detail: String) -> KoeError {
        let full = sqlite3_errcode(handle) == SQLITE_FULL
        if readOnly {
            return KoeError(
                code: "workspace-damaged", message: "ワークスペース（koe.sqlite）が壊れているか、一部の表が欠けています（\(detail)）",
                hint: "koe run をもう一度実行してワークスペースを作り直してください", location: SourceLocation(file: url.path))
        }
        return KoeError(
            code: "workspace-error",
            message: "ワークスペース（koe.sqlite）を書き込めませんでした: " + (full ? FileErrorReason.japanese(errno: ENOSPC) : detail),
            hint: "ディスクの空き容量と書き込み権限を確認し、koe run をもう一度実行してください", location: SourceLocation(file: url.path))
    }
}

/// A prepared statement. Columns and parameters are 1-based for binding, 0-based for reading (as in SQLite).
public final class SQLiteStatement {
    let statement: OpaquePointer
    unowned let database: SQLiteDatabase

    init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds parameters 1…n in order (String, Int, Double, nil).
    public func bind(_ values: [SQLiteValue]) {
        sqlite3_reset(statement)
        for (i, value) in values.enumerated() { bind(value, at: Int32(i + 1)) }
    }

    public func bind(_ value: SQLiteValue, at index: Int32) {
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let n): sqlite3_bind_int64(statement, index, Int64(n))
        case .real(let x): sqlite3_bind_double(statement, index, x)
        case .text(let s):
            var s = s
            s.withUTF8 { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    sqlite3_bind_text(statement, index, "", 0, transient)
                    return
                }
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    _ = sqlite3_bind_text(statement, index, $0, Int32(buffer.count), transient)
                }
            }
        }
    }

    /// Runs a statement that returns no rows (after `bind`).
    public func run(_ values: [SQLiteValue] = []) throws {
        if !values.isEmpty { bind(values) }
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            throw database.error(String(cString: sqlite3_errmsg(database.handle)))
        }
    }

    /// Steps to the next row; false at the end.
    public func next() throws -> Bool {
        let status = sqlite3_step(statement)
        if status == SQLITE_ROW { return true }
        if status == SQLITE_DONE { return false }
        throw database.error(String(cString: sqlite3_errmsg(database.handle)))
    }

    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }

    public func integer(_ column: Int32) -> Int? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, column))
    }

    public func real(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    public func reset() { sqlite3_reset(statement) }
}

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    public init(_ n: Int?) { self = n.map { .integer($0) } ?? .null }
    public init(_ x: Double?) { self = x.map { .real($0) } ?? .null }
}
