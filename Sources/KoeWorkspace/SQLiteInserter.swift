// SQLiteInserter — bulk inserts for the workspace: rows are collected (texts appended to one reusable byte
// buffer) and written `batchRows` at a time by one multi-row INSERT, its texts bound in place (SQLITE_STATIC).
// No values array per row, no String copies made by SQLite, and one statement run per batch, not per row.
import CSQLite

/// One parameter of a collected row.
enum SQLiteCell {
    case null
    case integer(Int64)
    case real(Double)
    /// A text at `offset` in the row buffer.
    case text(offset: Int, count: Int)
}

/// The bytes of collected rows: appended by pointer copies into memory the inserter owns (an Array's
/// `append(contentsOf:)` was a generic call per piece, millions of them per run). `SQLiteRow` holds one, and
/// WorkspaceBuilder one for an opinion's joined words; the owner deallocates it.
public struct RowBytes {
    fileprivate var base: UnsafeMutablePointer<UInt8>?
    fileprivate var capacity = 0
    /// Bytes written.
    public private(set) var count = 0

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base.unsafelyUnwrapped[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(count + bytes.count) }
        (base.unsafelyUnwrapped + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends `bytes`.
    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 of `value`, read in place (no copy of the String for native strings).
    @inline(__always)
    public mutating func append(_ value: String) {
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if done == nil {
            var copy = value
            copy.withUTF8 { append(contentsOf: $0) }
        }
    }

    /// Room for at least `needed` bytes (doubling), the bytes written kept.
    private mutating func grow(_ needed: Int) {
        let room = Swift.max(needed, 2 * capacity, 4096)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
        if let base {
            new.update(from: base, count: count)
            base.deallocate()
        }
        base = new
        capacity = room
    }

    /// The bytes written (valid until the next append).
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Frees the memory (the owner's last use).
    func deallocate() { base?.deallocate() }
}

/// The parameters of one row, added in column order. Only `SQLiteInserter.add(_:)` makes one.
public struct SQLiteRow {
    fileprivate var bytes = RowBytes()
    fileprivate var cells: [SQLiteCell] = []

    public mutating func addNull() { cells.append(.null) }

    public mutating func add(_ value: Int) { cells.append(.integer(Int64(value))) }

    public mutating func add(_ value: Int?) { cells.append(value.map { .integer(Int64($0)) } ?? .null) }

    public mutating func add(_ value: Double?) { cells.append(value.map { .real($0) } ?? .null) }

    /// Adds the UTF-8 of `value` (copied into the row buffer).
    public mutating func add(_ value: String) {
        let offset = bytes.count
        bytes.append(value)
        cells.append(.text(offset: offset, count: bytes.count - offset))
    }

    public mutating func add(_ value: String?) {
        if let value { add(value) } else { addNull() }
    }

    /// Adds text that `write` appends to the row buffer (JSON, joined words) without making a String.
    public mutating func add(write: (inout RowBytes) -> Void) {
        let offset = bytes.count
        write(&bytes)
        cells.append(.text(offset: offset, count: bytes.count - offset))
    }
}

/// Inserts rows into one table in the order added. Call `flush()` before the transaction commits.
public final class SQLiteInserter {
    private let database: SQLiteDatabase
    private let columns: Int
    private let batchRows: Int
    private let batch: SQLiteStatement
    private let single: SQLiteStatement
    /// The collected rows (the buffer's first byte is a placeholder, so it always has an address).
    private var pending: SQLiteRow = {
        var row = SQLiteRow()
        row.bytes.append(0)
        return row
    }()
    private var rows = 0

    /// `INSERT INTO table VALUES (…)` with `columns` parameters per row, `batchRows` rows per statement run.
    public init(_ database: SQLiteDatabase, table: String, columns: Int, batchRows: Int = 64) throws {
        self.database = database
        self.columns = columns
        self.batchRows = max(1, min(batchRows, 32_000 / max(1, columns)))
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        batch = try database.prepare(
            "INSERT INTO \(table) VALUES " + Array(repeating: one, count: self.batchRows).joined(separator: ","))
        single = try database.prepare("INSERT INTO \(table) VALUES " + one)
    }

    deinit { pending.bytes.deallocate() }

    /// Adds one row: `bind` adds every column in order.
    public func add(_ bind: (inout SQLiteRow) throws -> Void) throws {
        var row = SQLiteRow()
        swap(&row, &pending)
        defer { swap(&row, &pending) }
        try bind(&row)
        rows += 1
        guard row.cells.count == rows * columns else {
            throw database.error("列の数が合いません（\(columns) 列のはずが \(row.cells.count - (rows - 1) * columns) 列）")
        }
        if rows == batchRows {
            try run(batch, row: &row, cells: 0..<row.cells.count)
            clear(&row)
        }
    }

    /// Writes the rows still collected (fewer than a batch), one statement run each.
    public func flush() throws {
        var row = SQLiteRow()
        swap(&row, &pending)
        defer { swap(&row, &pending) }
        for r in 0..<rows { try run(single, row: &row, cells: r * columns..<(r + 1) * columns) }
        clear(&row)
    }

    private func clear(_ row: inout SQLiteRow) {
        row.bytes.removeAll()
        row.bytes.append(0)
        row.cells.removeAll(keepingCapacity: true)
        rows = 0
    }

    private func run(_ statement: SQLiteStatement, row: inout SQLiteRow, cells: Range<Int>) throws {
        let s = statement.statement
        let status: Int32 = {
            guard let base = UnsafeRawPointer(row.bytes.base)?.assumingMemoryBound(to: CChar.self) else { return SQLITE_MISUSE }
            for (i, cell) in row.cells[cells].enumerated() {
                let index = Int32(i + 1)
                switch cell {
                case .null: sqlite3_bind_null(s, index)
                case .integer(let n): sqlite3_bind_int64(s, index, n)
                case .real(let x): sqlite3_bind_double(s, index, x)
                case .text(let offset, let count): sqlite3_bind_text(s, index, base + offset, Int32(count), nil)  // static
                }
            }
            return sqlite3_step(s)
        }()
        sqlite3_reset(s)
        // No clear_bindings: every run binds all of the statement's parameters first, so no pointer into the row
        // buffer left bound is ever read.
        guard status == SQLITE_DONE else { throw database.error(String(cString: sqlite3_errmsg(database.handle))) }
    }
}
