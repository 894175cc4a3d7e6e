// Fast paths of the survey reader agree with the plain ones: cell trimming and the rating dictionary.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeSurvey

final class SurveyFastPathTests: XCTestCase {
    /// The trimming rule without the fast path (Unicode White_Space plus U+3000 at either end).
    func slowTrimmed(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace || f == "\u{3000}" { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace || l == "\u{3000}" { scalars.removeLast() }
        return String(scalars)
    }

    func testTrimmedMatchesTheScalarRule() {
        var ends = (0..<0x80).compactMap { Unicode.Scalar($0) }.map { String($0) }
        ends += ["\u{85}", "\u{A0}", "\u{2000}", "\u{3000}", "\u{FEFF}", "\u{200B}", "あ", "𠮷", "e\u{301}"]
        ends += ["\u{3001}", "\u{2028}", "\u{2FFF}", "\u{9FFF}", "\u{A000}", "\u{3099}", "ア", "代", "\u{FF10}", "é"]
        for a in ends {
            for b in ["", "x", "中央 地区"] {
                for s in [a + b, b + a, a + b + a, a, NSString(string: a + b) as String] {
                    XCTAssertEqual(ColumnRoleDetector.trimmed(s), slowTrimmed(s), "\(s.unicodeScalars.map(\.value))")
                }
            }
        }
    }

    /// Opinion ids written byte by byte equal the interpolated text (`OpinionID.survey`).
    func testOpinionIDMatchesInterpolation() {
        for stem in ["", "survey", "市民アンケート2024", "a-b c", String(repeating: "長", count: 40)] {
            for row in [0, 1, 2, 9, 10, 99, 100, 12345, 1_048_576, Int.max, -1, -42, Int.min] {
                for letter in ["A", "Z", "AB", "XFD", ""] {
                    XCTAssertEqual(Emitter.opinionID(stem: stem, row: row, letter: letter), "\(stem)-\(row)-\(letter)")
                }
            }
        }
        XCTAssertEqual(
            Emitter.opinionID(stem: OpinionID.stem("x/回答.csv"), row: 7, letter: "C"),
            OpinionID.survey(file: "x/回答.csv", row: 7, columnLetter: "C"))
    }

    func testAgeChecksWithoutTheRegexOnDigitsAndLongAnswers() {
        // Digits alone, long free answers and real ages: the guards in front of the age regexes answer as the
        // regexes do.
        for digits in ["0", "5", "１", "42", "120", "1234", "000000000000"] {
            XCTAssertFalse(ColumnRoleDetector.isAge(digits), digits)
        }
        for age in ["30代", "34歳", "65歳以上", "20〜29歳", "18-24", "１０代", "70才", "40台"] {
            XCTAssertTrue(ColumnRoleDetector.isAge(age), age)
            XCTAssertTrue(ColumnShapes.isAgeValue(age), age)
        }
        for english in ["under 18", "65 or older", "25 to 34", "65+", "less than 120 years old – 130 years old"] {
            XCTAssertTrue(ColumnShapes.isAgeValue(english), english)
        }
        let long = String(repeating: "30代の子育て世帯が住みやすい町にしてほしい。", count: 5)
        XCTAssertFalse(ColumnRoleDetector.isAge(long))
        XCTAssertFalse(ColumnShapes.isAgeValue(long))
        XCTAssertFalse(ColumnShapes.isAgeValue(String(repeating: "1", count: 70) + " years"))
        XCTAssertTrue(ColumnShapes.isAgeValue("5"), "a number from 0 to 120 is an age value")
    }

    func testRatingsWithAllCellsAndWithGaps() throws {
        let dir = try TempDir()
        let csv = """
            No,重要度_交通,満足度_交通,重要度_防災,感想
            1,5,4,3,バスが少ない
            2, 2 ,,1,道が暗い
            3,,,,駐車場
            4,１,2,　3　,公園
            5,4,4,4,図書館

            """
        let url = try dir.write("ratings.csv", csv)
        let references = ["重要度_交通", "満足度_交通", "重要度_防災", "B"]
        let r = try readSurvey(url, options: SurveyOptions(columnRoles: ["感想": .text], ratingColumns: references))
        XCTAssertEqual(
            r.sink.respondents.map(\.ratings),
            [
                ["重要度_交通": "5", "満足度_交通": "4", "重要度_防災": "3", "B": "5"],
                ["重要度_交通": "2", "重要度_防災": "1", "B": "2"],
                [:],
                ["重要度_交通": "１", "満足度_交通": "2", "重要度_防災": "3", "B": "１"],
                ["重要度_交通": "4", "満足度_交通": "4", "重要度_防災": "4", "B": "4"],
            ])
        // Each row owns its dictionary: changing one does not leak into the next.
        var first = r.sink.respondents[0].ratings
        first["重要度_交通"] = "x"
        XCTAssertEqual(r.sink.respondents[4].ratings["重要度_交通"], "4")
    }

    /// Ids are built with the stem computed once per file; they must stay OpinionID's.
    func testIDsAreOpinionIDs() throws {
        let dir = try TempDir()
        let url = try dir.write("ids.csv", "回答者,感想,要望\n,バスが少ない,公園を\nR-9,,図書館\n")
        let display = "data/2025.v2/ids.csv"
        let r = try readSurvey(url, name: display, options: SurveyOptions(columnRoles: ["回答者": .id, "感想": .text, "要望": .text]))
        XCTAssertEqual(
            r.sink.opinions.map(\.id),
            [
                OpinionID.survey(file: display, row: 2, columnLetter: "B"), OpinionID.survey(file: display, row: 2, columnLetter: "C"),
                OpinionID.survey(file: display, row: 3, columnLetter: "C"),
            ])
        XCTAssertEqual(r.sink.opinions.first?.id, "ids-2-B")
        XCTAssertEqual(r.sink.respondents.map(\.id), ["\(OpinionID.stem(display))-2", "R-9"])
    }

    /// The parser's one-pass record check agrees with the standard library's UTF-8 validation.
    func testThreeByteUTF8CheckMatchesTheStandardLibrary() {
        // Every three-byte lead with second and third bytes at and around the edges of their ranges, whole and cut
        // short, after an ASCII byte or a kana: the kana and kanji fast path answers as the standard library does.
        var checked = 0
        for lead: UInt8 in 0xE0...0xEF {
            for c1: UInt8 in [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0] {
                for c2: UInt8 in [0x41, 0x80, 0xBF, 0xC0] {
                    for before in [[UInt8](), [0x41], Array("あ".utf8)] {
                        for bytes in [before + [lead, c1, c2], before + [lead, c1], before + [lead]] {
                            let expected = String(validating: bytes, as: UTF8.self) != nil
                            XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Scan.isValid($0) }, expected, "\(bytes)")
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, 16 * 7 * 4 * 3 * 3)
    }

    func testRecordUTF8CheckMatchesTheStandardLibrary() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("あ".utf8), Array("𠮷".utf8), Array("é".utf8), [0x41], [0x2C], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xE3, 0x81], [0x80], [0xF0, 0x9F, 0x98, 0x80], [0xE0, 0x9F, 0x80], [0xEF, 0xBF, 0xBF],
        ]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) { bytes += pieces.randomElement(using: &rng) ?? [] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Scan.isValid($0) }, expected, "\(bytes)")
        }
    }

    /// The guards in front of the role detector's regexes (a digit, a separator, no kana or other kanji) never
    /// change an answer: each check agrees with its regexes run on every value.
    func testRegexGuardsAgreeWithTheRegexes() {
        let values = [
            "3", "30代", "女性", "吉田", "特になし", "とくにありません", "$1,200", "25 %", "about 80", "3000円", "2万円", "10-15",
            "$75.50", "約3時間", "3 buses an hour would help", "駅前に2台分の駐輪場を", "１２０円", "2024/4/1", "2024-04-01 10:00",
            "2024年4月1日", "12:30", "4/1/24", "1.2.3.4", "::1", "fe80::1", "12", "1e5", "３０歳", "二十代", "5人", "3ｶ月",
            "2時間～3時間", "10–20%", "ca. 5 km", "1,000人", "3日", "年4回", "0", "",
        ]
        for v in values {
            let t = ColumnRoleDetector.asciiDigits(v).lowercased()
            XCTAssertEqual(ColumnShapes.isQuantity(v), v.utf8.count <= 40 && t.wholeMatch(of: ShapePatterns.quantity) != nil, v)
            let ip =
                v.utf8.count <= 39 && v.utf8.allSatisfy({ $0 < 0x80 })
                && (v.wholeMatch(of: Patterns.ipv4) != nil || v.wholeMatch(of: Patterns.ipv6) != nil && v.contains("::"))
            XCTAssertEqual(ColumnRoleDetector.isIP(v), ip, v)
            if let first = v.unicodeScalars.first, first.properties.numericType != nil, v.utf8.count <= 64 {
                let d = ColumnRoleDetector.asciiDigits(v)
                let stamp = [Patterns.isoDate, Patterns.japaneseDate, Patterns.usDate, Patterns.time].contains {
                    d.wholeMatch(of: $0) != nil
                }
                XCTAssertEqual(ColumnRoleDetector.isTimestamp(v), stamp, v)
            }
        }
    }
}
