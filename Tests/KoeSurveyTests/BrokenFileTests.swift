// Five kinds of broken file — unclosed quote, wrong field count, invalid CP932 byte, truncated UTF-16,
// corrupt xlsx — each reported with file, Excel row and column; the rest imported; --strict throws.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeSurvey

final class BrokenFileTests: XCTestCase {
    /// (row, column letter, code) of each diagnostic.
    private func triples(_ diagnostics: [Diagnostic]) -> [[String]] {
        diagnostics.map { [String($0.location?.row ?? 0), $0.location?.columnLetter ?? "", $0.code] }
    }

    private func printMessages(_ diagnostics: [Diagnostic]) {
        if ProcessInfo.processInfo.environment["KOE_PRINT_INSPECT"] != nil { diagnostics.forEach { print($0.description) } }
    }

    func testUnclosedQuote() throws {
        let dir = try TempDir()
        let url = try dir.write("unclosed.csv", "番号,意見\n1,\"駅前が暗い\"\n2,\"バスが\n3,\"図書館\"\n4,公園\n")
        let r = try readSurvey(url)
        printMessages(r.diagnostics)
        XCTAssertEqual(triples(r.diagnostics), [["3", "B", "unclosed-quote"]])
        XCTAssertEqual(r.sink.opinions.map(\.text), ["駅前が暗い", "図書館", "公園"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 4, 5])
        XCTAssertEqual(r.sink.rejected.first?.raw, "2,\"バスが")
        XCTAssertEqual(r.counts, SurveyReadCounts(records: 4, opinions: 3, skipped: 0, rejected: 1))
        XCTAssertThrowsError(try readSurvey(url, options: SurveyOptions(strict: true))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unclosed-quote")
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.row, 3)
        }
    }

    func testWrongFieldCount() throws {
        let dir = try TempDir()
        let url = try dir.write("width.csv", "番号,年代,意見\r\n1,30代,道が狭い\r\n2,40代\r\n3,50代,公園,余分\r\n4,60代,バス,,\r\n")
        let r = try readSurvey(url)
        printMessages(r.diagnostics)
        XCTAssertEqual(triples(r.diagnostics), [["3", "C", "field-count"], ["4", "D", "field-count"]])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 5])  // trailing empty cells are tolerated
        XCTAssertEqual(r.counts.rejected, 2)
    }

    func testInvalidCP932Byte() throws {
        let dir = try TempDir()
        // 回答,意見 / 1,公園 / 2,<0x82 0x20 invalid> / 3,①
        var bytes = Array("番号,意見\r\n1,".utf8)
        bytes = [0x94, 0xD4, 0x8D, 0x86, 0x2C, 0x88, 0xD3, 0x8C, 0xA9, 0x0D, 0x0A]  // 番号,意見
        bytes += Array("1,".utf8) + [0x8C, 0xF6, 0x89, 0x80, 0x0D, 0x0A]  // 公園
        bytes += Array("2,".utf8) + [0x82, 0xA0, 0xFF, 0xFF, 0x0D, 0x0A]  // あ + invalid
        bytes += Array("3,".utf8) + [0x87, 0x40, 0x0D, 0x0A]  // ①
        let url = try dir.write("sjis.csv", bytes)
        let i = try SurveyInspector.inspect(url: url, displayPath: "sjis.csv")
        XCTAssertEqual(i.encoding?.encoding, .cp932)
        XCTAssertLessThan(i.encoding?.confidence ?? 1, 0.9)
        XCTAssertEqual(i.rejected, 1)
        let r = try readSurvey(url)
        printMessages(r.diagnostics)
        XCTAssertEqual(triples(r.diagnostics), [["3", "B", "invalid-bytes"]])
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公園", "①"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 4])
    }

    func testTruncatedUTF16() throws {
        let dir = try TempDir()
        var bytes: [UInt8] = [0xFF, 0xFE] + [UInt8]("番号\t意見\r\n1\t公園\r\n2\t駅前".data(using: .utf16LittleEndian)!)
        bytes.append(0x42)  // a lone byte: the file was cut in the middle of a character
        let url = try dir.write("cut.txt", bytes)
        let r = try readSurvey(url)
        printMessages(r.diagnostics)
        XCTAssertEqual(triples(r.diagnostics), [["3", "B", "invalid-bytes"]])
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公園"])
        XCTAssertEqual(r.sink.rejected.first?.raw, "2\t駅前\\x42")  // the stray byte shown, not dropped
    }

    func testCorruptXLSX() throws {
        let dir = try TempDir()
        let url = dir.url.appendingPathComponent("broken.xlsx")
        let sheet =
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>意見</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>"
        try makeXLSX(
            at: url, sheets: [("回答", sheet)], sharedStrings: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>",
            styles: "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>")
        XCTAssertThrowsError(try readSurvey(url)) { error in
            let d = (error as? KoeError)?.diagnostic
            if ProcessInfo.processInfo.environment["KOE_PRINT_INSPECT"] != nil, let d { print(d.description) }
            XCTAssertEqual(d?.code, "xlsx-corrupt")
            XCTAssertEqual(d?.location?.row, 2)
            XCTAssertEqual(d?.location?.columnLetter, "A")
            XCTAssertEqual(d?.location?.sheet, "回答")
        }
        // Not a zip at all.
        let fake = try dir.write("fake.xlsx", "id,text\n1,hello\n")
        XCTAssertThrowsError(try readSurvey(fake)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "not-a-zip")
        }
    }

    func testMissingFileAndDirectory() throws {
        let dir = try TempDir()
        XCTAssertThrowsError(try readSurvey(dir.url.appendingPathComponent("nothing.csv"))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "file-not-found")
        }
        XCTAssertThrowsError(try readSurvey(dir.url)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "file-unreadable")
        }
        XCTAssertThrowsError(try readSurvey(try dir.write("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "xls-not-supported")
        }
        XCTAssertThrowsError(try TextEncoding.named("latin-9", location: SourceLocation(file: "a.yml", row: 4))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unknown-encoding")
        }
    }

    func testInvalidUTF8NamesRowAndSuggestsCP932() throws {
        let dir = try TempDir()
        let bytes = Array("id,意見\n1,公園\n2,".utf8) + [0x8C, 0xF6] + Array("\n3,駅\n".utf8)
        let r = try readSurvey(try dir.write("mixed.csv", bytes))
        XCTAssertEqual(triples(r.diagnostics), [["3", "B", "invalid-bytes"]])
        XCTAssertTrue(r.diagnostics.first?.hint?.contains("--encoding cp932") ?? false)
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公園", "駅"])
    }

    /// Regression (fuzz seed 21): a delimiter inside a UTF-8 sequence (`E4 BB , A3`, 代 cut in two) leaves bytes
    /// that are valid once the fields are joined; each field is broken, so the record is rejected, not read as U+FFFD.
    func testDelimiterInsideACharacterIsInvalidBytes() throws {
        let dir = try TempDir()
        let bytes = Array("id,年代,意見\n1,30代,公園\n2,40".utf8) + [0xE4, 0xBB, 0x2C, 0xA3] + Array("駅前\n3,50代,バス\n".utf8)
        let r = try readSurvey(try dir.write("split.csv", bytes))
        XCTAssertEqual(triples(r.diagnostics), [["3", "B", "invalid-bytes"]])
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公園", "バス"])
        XCTAssertFalse(r.sink.opinions.contains { $0.text.contains("\u{FFFD}") })
        XCTAssertEqual(r.sink.rejected.map(\.raw), ["2,40\\xE4\\xBB,\\xA3駅前"])
        XCTAssertEqual(r.counts, SurveyReadCounts(records: 3, opinions: 2, skipped: 0, rejected: 1))
        // The parser alone: the first broken field is named.
        let parser = CSVParser()
        var records: [CSVRecord] = []
        let line: [UInt8] = [0x32, 0x2C, 0xE4, 0xBB, 0x2C, 0xA3, 0x0A]
        try line.withUnsafeBufferPointer { try parser.feed($0) { records.append($0) } }
        XCTAssertEqual(records.map(\.problem), [.invalidBytes(column: 1)])
    }
}
