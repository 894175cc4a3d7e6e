// Core value tests: Excel column letters, stable ids, diagnostic rendering, attribution text.
import XCTest

@testable import KoeCore

final class CoreTests: XCTestCase {
    func testExcelColumnLettersRoundTrip() {
        XCTAssertEqual(ExcelColumn.letter(0), "A")
        XCTAssertEqual(ExcelColumn.letter(25), "Z")
        XCTAssertEqual(ExcelColumn.letter(26), "AA")
        XCTAssertEqual(ExcelColumn.letter(99), "CV")
        XCTAssertEqual(ExcelColumn.letter(16383), "XFD")
        for i in [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383] {
            XCTAssertEqual(ExcelColumn.index(ExcelColumn.letter(i)), i)
        }
        XCTAssertEqual(ExcelColumn.index("bh"), 59)
        XCTAssertNil(ExcelColumn.index("年代"))
        XCTAssertNil(ExcelColumn.index("ABCD"))
    }

    func testOpinionIDsAreStableAndReadable() {
        XCTAssertEqual(
            OpinionID.survey(file: "../Samples/survey/citizen-survey.csv", row: 12, columnLetter: "F"),
            "citizen-survey-12-F")
        XCTAssertEqual(OpinionID.note(file: "workshops/高校生.md", line: 7), "高校生-L7")
        XCTAssertEqual(OpinionID.note(file: "notes.docx", line: 7, index: 1), "notes-L7-2")
        XCTAssertEqual(OpinionID.stem(".hidden"), ".hidden")
    }

    func testDiagnosticRendering() {
        let d = Diagnostic(
            .error, code: "unclosed-quote", message: "引用符が閉じていません", hint: "引用符を閉じてください",
            location: SourceLocation(file: "a.csv", row: 12, column: "自由記述", columnLetter: "F"))
        XCTAssertEqual(d.description, "a.csv:12:F: error[unclosed-quote]: 引用符が閉じていません（列: 自由記述）\n  ヒント: 引用符を閉じてください")
        XCTAssertEqual(Diagnostic(.warning, code: "x", message: "m").description, "warning[x]: m")
    }

    func testAttributionLeavesOutUnknownParts() {
        XCTAssertEqual(Segments(age: "30代", gender: "女性", district: "広丘").attribution, "（30代・女性・広丘）")
        XCTAssertEqual(Segments(age: "10代", district: "広丘").attribution, "（10代・広丘）")
        XCTAssertEqual(Segments().attribution, "")
    }

    func testRawSegmentsFill() {
        let note = RawSegments(age: nil, gender: "女性")
        XCTAssertEqual(
            note.filled(from: RawSegments(age: "10代", gender: "男性", district: "広丘")),
            RawSegments(age: "10代", gender: "女性", district: "広丘"))
    }
}
