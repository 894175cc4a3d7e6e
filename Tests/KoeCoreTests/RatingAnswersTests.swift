// RatingAnswersTests — a respondent's rating answers aligned with shared columns behave like a dictionary of
// the answers given: lookup, equality and hashing ignore blank cells and column order; JSON is an object.
import Foundation
import XCTest

@testable import KoeCore

final class RatingAnswersTests: XCTestCase {
    func testAlignedCellsActLikeADictionary() {
        let columns = ["重要度_交通", "満足度_交通", "B"]
        let row = RatingAnswers(columns: columns, values: ["5", nil, "5"])
        XCTAssertEqual(row["重要度_交通"], "5")
        XCTAssertNil(row["満足度_交通"])
        XCTAssertNil(row["重要度_防災"])
        XCTAssertEqual(row.count, 2)
        XCTAssertFalse(row.isEmpty)
        XCTAssertEqual(row.dictionary, ["重要度_交通": "5", "B": "5"])
        XCTAssertEqual(row, ["B": "5", "重要度_交通": "5"])
        XCTAssertEqual(row.hashValue, RatingAnswers(["B": "5", "重要度_交通": "5"]).hashValue)
        XCTAssertNotEqual(row, ["B": "5", "重要度_交通": "4"])
        XCTAssertNotEqual(row, ["B": "5"])
        XCTAssertTrue(RatingAnswers(columns: columns, values: [nil, nil, nil]).isEmpty)
        XCTAssertEqual(RatingAnswers(columns: columns, values: [nil, nil, nil]), [:])
        // NFD and NFC spellings of a column are one key, as in a dictionary.
        XCTAssertEqual(RatingAnswers(columns: ["が"], values: ["1"])["か\u{3099}"], "1")
    }

    func testSettingACellCopiesOnWrite() {
        let columns = ["Q1", "Q2"]
        let a = RatingAnswers(columns: columns, values: ["1", "2"])
        var b = a
        b["Q1"] = "x"
        b["Q3"] = "3"
        XCTAssertEqual(a["Q1"], "1")
        XCTAssertEqual(b.dictionary, ["Q1": "x", "Q2": "2", "Q3": "3"])
        b["Q2"] = nil
        XCTAssertEqual(b.count, 2)
    }

    func testCodableAsAnObjectOfTheAnswers() throws {
        let row = RatingAnswers(columns: ["Q1", "Q2"], values: ["1", nil])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(row), as: UTF8.self), #"{"Q1":"1"}"#)
        XCTAssertEqual(try JSONDecoder().decode(RatingAnswers.self, from: Data(#"{"Q1":"1"}"#.utf8)), row)
    }
}
