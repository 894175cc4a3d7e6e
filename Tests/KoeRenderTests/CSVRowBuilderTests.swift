// CSVRowBuilder tests: rows built cell by cell give the bytes of the String-rendering path.
import Foundation
import XCTest

@testable import KoeFormats

final class CSVRowBuilderTests: XCTestCase {
    /// Cells that exercise every neutralising and quoting rule.
    static let tricky: [String] = [
        "", "plain", "バスの本数", "=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx", "a,b", "say \"hi\"", "\"",
        "1行目\n2行目", "1行目\r\n2行目", "\u{0}=HYPERLINK(\"x\")", "\u{202E}=1", "\u{200B}+1", "\u{FEFF}@a",
        "\u{1B}[31m", "\u{85}-1", "\u{061C}=2", "\u{180E}x", "\u{2066}a,b", "\u{0}", "\u{202E}", " =1", " ",
        "'=1", "ｰ全角", "＝１", "（30代）", "𠮷野家", "é", "e\u{301}", "\u{3000}全角空白", "鿿", "\u{E000}",
        "~", "!", "\u{7F}=1", "\u{7F}", String(repeating: "長い意見、", count: 300),
        NSString(string: "bridged,=text") as String, NSString(string: "=bridged") as String,
    ]

    static let integers: [Int] = [0, 1, -1, 9, 10, -10, 12345, -99999, Int.max, Int.min]

    func testTextCellsMatchRender() {
        for text in Self.tricky {
            var out: [UInt8] = []
            CSVWriter.appendText(text, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), CSVWriter.render(.text(text)), text.debugDescription)
        }
    }

    /// The word-at-a-time scan finds a comma, quote, LF or CR at every position, and nothing else.
    func testNeedsQuotesMatchesByteScan() {
        let fillers = ["あ", "a", " ", "!", "+", "\u{1}", "\u{7F}", "-", "\t"]
        for filler in fillers {
            for length in 0..<20 {
                let plain = String(repeating: filler, count: length)
                XCTAssertFalse(quotes(plain), plain.debugDescription)
                for special in [",", "\"", "\n", "\r"] {
                    for at in 0...length {
                        var scalars = Array(plain.unicodeScalars)
                        scalars.insert(special.unicodeScalars.first!, at: min(at, scalars.count))
                        let text = String(String.UnicodeScalarView(scalars))
                        XCTAssertTrue(quotes(text), text.debugDescription)
                    }
                }
            }
        }
    }

    private func quotes(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { CSVWriter.needsQuotes($0) }
    }

    func testIntegersMatchStringInit() {
        for n in Self.integers {
            var out: [UInt8] = []
            CSVWriter.appendInteger(n, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(n))
        }
    }

    /// A file written through the builder holds the same bytes as one written from `[CSVCell]` rows and as
    /// the rows joined from `CSVWriter.render(_:)` strings.
    func testBuiltRowsMatchCellRows() throws {
        let optionals: [String?] = [nil] + Self.tricky.map { $0 }
        let numbers: [Int?] = [nil] + Self.integers.map { $0 }
        var rows: [[CSVCell]] = []
        for (i, text) in optionals.enumerated() {
            let n = numbers[i % numbers.count]
            rows.append([
                .text(Self.tricky[i % Self.tricky.count]), CSVCell(text), n.map { .integer($0) } ?? .empty,
                .number(1.25, digits: 1), .empty,
            ])
        }
        let built = try write { csv in
            for (i, text) in optionals.enumerated() {
                try csv.writeRow { row in
                    row.text(Self.tricky[i % Self.tricky.count])
                    row.text(text)
                    row.integer(numbers[i % numbers.count])
                    row.cell(.number(1.25, digits: 1))
                    row.cell(.empty)
                }
            }
        }
        let fromCells = try write { csv in for row in rows { try csv.writeRow(row) } }
        var expected: [UInt8] = [0xEF, 0xBB, 0xBF]
        expected += Array("h\r\n".utf8)
        for row in rows { expected += Array((row.map { CSVWriter.render($0) }.joined(separator: ",") + "\r\n").utf8) }
        XCTAssertEqual(built, expected)
        XCTAssertEqual(fromCells, expected)
    }

    private func write(_ body: (CSVWriter) throws -> Void) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-row-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let csv = try CSVWriter(file: OutputFile(url: url), header: ["h"])
        try body(csv)
        try csv.close()
        return try [UInt8](Data(contentsOf: url))
    }
}
