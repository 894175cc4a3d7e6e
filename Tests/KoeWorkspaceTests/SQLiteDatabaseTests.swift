// SQLiteDatabase and SQLiteStatement, the owners of sqlite3 handles, tested directly: prepare/bind/step/reset on
// one statement, errors that name the file, a read-only database that refuses writes, and handles opened and
// released many times over (each class closes its handle in deinit).
import Foundation
import KoeCore
import XCTest

@testable import KoeWorkspace

final class SQLiteDatabaseTests: XCTestCase {
    private var url: URL!

    override func setUp() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-db-\(UUID().uuidString).sqlite")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: url) }

    func testStatementBindsStepsAndResets() throws {
        let db = try SQLiteDatabase(url: url)
        try db.execute("CREATE TABLE t(n INTEGER, s TEXT, x REAL)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
        try insert.run([.integer(1), .text("公園"), .real(0.5)])
        try insert.run([.integer(2), .null, .null])
        let select = try db.prepare("SELECT n, s, x FROM t WHERE n >= ?1 ORDER BY n")
        for _ in 0..<2 {
            select.bind([.integer(1)])
            var rows: [[String]] = []
            while try select.next() {
                rows.append([String(select.integer(0) ?? -1), select.text(1) ?? "nil", select.real(2).map { "\($0)" } ?? "nil"])
            }
            XCTAssertEqual(rows, [["1", "公園", "0.5"], ["2", "nil", "nil"]])
            select.reset()
        }
    }

    func testErrorsAndReadOnly() throws {
        let db = try SQLiteDatabase(url: url)
        try db.execute("CREATE TABLE t(n INTEGER)")
        XCTAssertThrowsError(try db.prepare("SELECT nothing FROM nowhere")) { error in
            XCTAssertNotNil((error as? KoeError)?.diagnostic.code)
        }
        let readOnly = try SQLiteDatabase(url: url, readOnly: true)
        XCTAssertThrowsError(try readOnly.execute("INSERT INTO t VALUES (1)"))
        let count = try readOnly.prepare("SELECT COUNT(*) FROM t")
        XCTAssertTrue(try count.next())
        XCTAssertEqual(count.integer(0), 0)
    }

    /// Databases and statements opened and dropped in turn (deinit finalizes and closes) keep working.
    func testHandlesOpenedAndReleasedRepeatedly() throws {
        try SQLiteDatabase(url: url).execute("CREATE TABLE t(n INTEGER)")
        for i in 0..<200 {
            let db = try SQLiteDatabase(url: url)
            try db.prepare("INSERT INTO t VALUES (?1)").run([.integer(i)])
        }
        let count = try SQLiteDatabase(url: url, readOnly: true).prepare("SELECT COUNT(*), SUM(n) FROM t")
        XCTAssertTrue(try count.next())
        XCTAssertEqual([count.integer(0), count.integer(1)], [200, 199 * 200 / 2])
    }
}
