import KoeCore
import XCTest

@testable import KoeFormats
// RatingsJSONTests — the workspace's ratings JSON: keys in UTF-8 order, escaped, the same bytes as a JSONObject
// built by sorting each time, also when the next respondent's columns differ.
@testable import KoeRender

final class RatingsJSONTests: XCTestCase {
    private func sortedObject(_ ratings: [String: String]) -> [UInt8] {
        var o = JSONObject()
        for (k, v) in ratings.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { o.add(k, v) }
        return o.bytes
    }

    func testSameBytesAsSortingEachTime() {
        var json = RatingsJSON()
        let respondents: [[String: String]] = [
            ["重要度_交通": "5", "満足度_交通": "2", "Q\"1": "a\\b", "B": ""],
            ["B": "1", "Q\"1": "x", "重要度_交通": "3", "満足度_交通": "4"],
            ["重要度_交通": "1", "満足度_防災": "2"],  // other columns: order worked out again
            ["重要度_交通": "2", "満足度_交通": "\n"],  // same count, one key differs
        ]
        for ratings in respondents {
            json.render(RatingAnswers(ratings))
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), String(decoding: sortedObject(ratings), as: UTF8.self))
        }
        json.render(RatingAnswers(respondents[0]))
        XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), #"{"B":"","Q\"1":"a\\b","満足度_交通":"2","重要度_交通":"5"}"#)
    }

    /// A file's respondents share one column array; blank cells are left out of the object.
    func testSharedColumnsWithBlankCells() {
        var json = RatingsJSON()
        let columns = ["重要度_交通", "B", "満足度_交通", "A\u{3000}"]
        let rows: [[String?]] = [["5", nil, "2", "1"], [nil, "3", nil, nil], ["1", "2", "3", "\""]]
        for values in rows {
            let answers = RatingAnswers(columns: columns, values: values)
            json.render(answers)
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), String(decoding: sortedObject(answers.dictionary), as: UTF8.self))
        }
        json.render(RatingAnswers(columns: columns, values: rows[1]))
        XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), #"{"B":"3"}"#)
    }

    /// The one-pass rendering (no value to escape) and the escaping one give a sorted object's bytes, also when
    /// they alternate row by row and a value grows the room.
    func testPlainAndEscapedRowsAlternate() {
        var json = RatingsJSON()
        let columns = ["満足度_交通", "重要度_交通", "Z", "A"]
        let long = String(repeating: "とても満足している", count: 40)
        let rows: [[String?]] = [
            ["5", "4", "3", "2"], ["1", "\u{2028}", nil, "2"], [long, "…", "x", nil], ["3", "a\tb", "2", "1"],
            [nil, nil, nil, nil], ["", "4", long + long, "1"], ["1\u{2029}", "2", "3", "4"],
        ]
        for values in rows {
            let answers = RatingAnswers(columns: columns, values: values)
            json.render(answers)
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), String(decoding: sortedObject(answers.dictionary), as: UTF8.self))
        }
        json.render(RatingAnswers(columns: columns, values: rows[0]))
        XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), #"{"A":"2","Z":"3","満足度_交通":"5","重要度_交通":"4"}"#)
    }
}
