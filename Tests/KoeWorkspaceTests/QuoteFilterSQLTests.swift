// QuoteFilterSQL, the one filter → SQL translation of `koe quotes` and `koe kwic`: conditions in a fixed order with
// numbered parameters, empty fields left out, words quoted for FTS5, and a caller's LIMIT numbered after them.
import XCTest

@testable import KoeWorkspace

final class QuoteFilterSQLTests: XCTestCase {
    func testEveryFieldInOrderWithNumberedParameters() {
        var filter = QuoteFilter()
        filter.area = "1-1"
        filter.age = "30代"
        filter.gender = ""  // empty: no condition
        filter.district = "広丘"
        filter.type = "要望"
        filter.horizon = "short"
        filter.words = ["保育", "say \"hi\""]
        var sql = QuoteFilterSQL(filter)
        XCTAssertEqual(
            sql.whereClause,
            " WHERE o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = ?1) AND o.age = ?2 AND o.district = ?3"
                + " AND o.type = ?4 AND o.horizon = ?5"
                + " AND o.opinion_rowid IN (SELECT rowid FROM opinion_words WHERE opinion_words MATCH ?6)")
        XCTAssertEqual(
            sql.values, [.text("1-1"), .text("30代"), .text("広丘"), .text("要望"), .text("short"), .text("\"保育\" AND \"say \"\"hi\"\"\"")])
        XCTAssertEqual(sql.parameter(.integer(50)), "?7")
        XCTAssertEqual(sql.values.last, .integer(50))
    }

    func testAnEmptyFilterHasNoWhereClause() {
        var sql = QuoteFilterSQL(QuoteFilter())
        XCTAssertEqual(sql.whereClause, "")
        XCTAssertEqual(sql.values, [])
        XCTAssertEqual(sql.parameter(.integer(1)), "?1")
    }
}
