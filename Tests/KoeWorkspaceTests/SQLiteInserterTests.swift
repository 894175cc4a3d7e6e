// SQLiteInserterTests — bulk inserts in batches: every row lands once, in the order added, with NULLs, empty
// texts, numbers and bytes written in place exactly as bound one by one would.
import Foundation
import KoeWorkspace
import XCTest

final class SQLiteInserterTests: XCTestCase {
    func testBatchesAndRemainderKeepOrderAndValues() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ins-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let db = try SQLiteDatabase(url: url)
        try db.execute("CREATE TABLE t(n INTEGER, s TEXT, x REAL, w TEXT); BEGIN;")
        let insert = try SQLiteInserter(db, table: "t", columns: 4, batchRows: 4)
        // 10 rows: two full batches of 4 and a remainder of 2 written by flush().
        for i in 0..<10 {
            try insert.add { row in
                row.add(i)
                if i == 3 { row.addNull() } else { row.add(i == 5 ? "" : "意見\(i)") }
                row.add(i.isMultiple(of: 2) ? Double(i) / 4 : nil)
                row.add { $0.append(contentsOf: Array("語\(i) 句".utf8)) }
            }
        }
        try insert.flush()
        try db.execute("COMMIT;")
        let read = try db.prepare("SELECT rowid, n, quote(s), quote(x), w FROM t ORDER BY rowid")
        var rows: [String] = []
        while try read.next() {
            rows.append(
                ["\(read.integer(0) ?? -1)", "\(read.integer(1) ?? -1)", read.text(2) ?? "?", read.text(3) ?? "?", read.text(4) ?? "?"]
                    .joined(separator: "|"))
        }
        XCTAssertEqual(rows.count, 10)
        XCTAssertEqual(rows[0], "1|0|'意見0'|0.0|語0 句")
        XCTAssertEqual(rows[3], "4|3|NULL|NULL|語3 句")
        XCTAssertEqual(rows[5], "6|5|''|NULL|語5 句")
        XCTAssertEqual(rows[9], "10|9|'意見9'|NULL|語9 句")
        XCTAssertEqual(rows[8], "9|8|'意見8'|2.0|語8 句")
    }

    func testWrongColumnCountIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ins-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let db = try SQLiteDatabase(url: url)
        try db.execute("CREATE TABLE t(a, b);")
        let insert = try SQLiteInserter(db, table: "t", columns: 2)
        XCTAssertThrowsError(try insert.add { $0.add(1) })
    }

    /// Texts longer than the row buffer's first room (it grows while a batch is collected) land intact, and the
    /// buffer is reused after each batch.
    func testGrowingRowBufferKeepsEveryText() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ins-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let db = try SQLiteDatabase(url: url)
        try db.execute("CREATE TABLE t(s TEXT, w TEXT); BEGIN;")
        let insert = try SQLiteInserter(db, table: "t", columns: 2, batchRows: 3)
        let texts = (0..<11).map { String(repeating: "声\($0)", count: 1 + ($0 * 997) % 3000) }
        for text in texts {
            try insert.add { row in
                row.add(text)
                row.add { out in
                    for (i, word) in ["a", text, "語"].enumerated() {
                        if i > 0 { out.append(0x20) }
                        out.append(word)
                    }
                }
            }
        }
        try insert.flush()
        try db.execute("COMMIT;")
        let read = try db.prepare("SELECT s, w FROM t ORDER BY rowid")
        var n = 0
        while try read.next() {
            XCTAssertEqual(read.text(0), texts[n])
            XCTAssertEqual(read.text(1), "a \(texts[n]) 語")
            n += 1
        }
        XCTAssertEqual(n, texts.count)
    }
}
