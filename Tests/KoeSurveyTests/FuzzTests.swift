// Fuzzing the survey reader with mutated exports (bounded here; scripts/fuzz/survey.sh runs it longer):
// no crash, no hang, and every data record is accounted for (respondent or rejected).
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeSurvey

final class FuzzTests: XCTestCase {
    private static let seeds: [[UInt8]] = [
        Array("id,年代,意見\r\n1,30代,\"駅前が\r\n暗い\"\r\n2,40代,公園\r\n3,,\"\"\"引用\"\"\"\r\n".utf8),
        [0xFF, 0xFE] + [UInt8]("番号\t意見\r\n1\t公園\r\n".data(using: .utf16LittleEndian)!),
        [0x94, 0xD4, 0x8D, 0x86, 0x2C, 0x88, 0xD3, 0x8C, 0xA9, 0x0D, 0x0A, 0x31, 0x2C, 0x87, 0x40, 0x0D, 0x0A],
        Array("\u{FEFF}\"\"\n\"付箋1\"\n\"付箋 2\"\n".utf8),
    ]
    private static let interesting: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x09, 0x3B, 0x00, 0xFF, 0xEF, 0xBB, 0xBF, 0x81, 0x87, 0xE3]

    func testMutatedInputsNeverCrashAndAddUp() throws {
        let iterations = Int(ProcessInfo.processInfo.environment["KOE_FUZZ_ITERATIONS"] ?? "") ?? 400
        var rng = SplitMix(seed: UInt64(ProcessInfo.processInfo.environment["KOE_FUZZ_SEED"] ?? "") ?? 42)
        let dir = try TempDir()
        for iteration in 0..<iterations {
            var bytes = Self.seeds[Int(rng.next() % UInt64(Self.seeds.count))]
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: if !bytes.isEmpty { bytes.remove(at: position) }
                case 1: bytes.insert(Self.interesting[Int(rng.next() % UInt64(Self.interesting.count))], at: position)
                case 2: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
                default: bytes.insert(contentsOf: bytes[position...].prefix(8), at: position)
                }
            }
            let url = try dir.write("f\(iteration).csv", bytes)
            let sink = CollectingSink()
            let counts: SurveyReadCounts
            do {
                counts = try SurveyReader().read(url: url, displayPath: "f.csv", into: sink, diagnostics: DiagnosticCollector())
            } catch let error as KoeError {
                XCTAssertNotNil(error.diagnostic.location, "\(error)")  // a fatal error still names the file
                continue
            }
            XCTAssertEqual(counts.records, sink.respondents.count + sink.rejected.count, "iteration \(iteration)")
            XCTAssertEqual(counts.opinions, sink.opinions.count)
            XCTAssertEqual(counts.skipped, sink.skipped.count)
            // Every opinion's text is exactly what the parser returned (no replacement characters invented).
            XCTAssertFalse(sink.opinions.contains { $0.text.contains("\u{FFFD}") && !bytes.containsSubsequence([0xEF, 0xBF, 0xBD]) })
            if let inspection = try? SurveyInspector.inspect(url: url, displayPath: "f.csv") {
                XCTAssertEqual(inspection.records, counts.records, "iteration \(iteration)")
                XCTAssertEqual(inspection.rejected, counts.rejected, "iteration \(iteration)")
            }
        }
    }

    /// The same table as CSV and as .xlsx gives the same opinions (text, row, column, respondent).
    func testCSVAndXLSXAgree() throws {
        var rng = SplitMix(seed: 7)
        let dir = try TempDir()
        let words = ["駅前", "公園", "バス", "子育て", "図書館", "𠮷", "😀", "改行\nあり", "カンマ, あり", "\"引用\"", "特になし", ""]
        for trial in 0..<20 {
            var rows: [[String]] = [["番号", "地区", "意見"]]
            for n in 1...(2 + Int(rng.next() % 8)) {
                let text = (0..<Int(rng.next() % 4)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined()
                rows.append(["\(n)", ["広丘", "吉田"][n % 2], text])
            }
            let csv = try dir.write("t\(trial).csv", writeCSV(rows))
            let cells = rows.enumerated().map { r, row in
                "<row r=\"\(r + 1)\">"
                    + row.enumerated().map { c, v in
                        let escaped = v.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                        return
                            "<c r=\"\(ExcelColumn.letter(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped)</t></is></c>"
                    }.joined() + "</row>"
            }.joined()
            let xlsx = dir.url.appendingPathComponent("t\(trial).xlsx")
            let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            try makeXLSX(
                at: xlsx, sheets: [("s", "<worksheet xmlns=\"\(ns)\"><sheetData>\(cells)</sheetData></worksheet>")],
                sharedStrings: "<sst xmlns=\"\(ns)\"/>", styles: "<styleSheet xmlns=\"\(ns)\"/>")
            let options = SurveyOptions(columnRoles: ["意見": .text, "地区": .district])
            let a = try readSurvey(csv, name: "t.csv", options: options)
            let b = try readSurvey(xlsx, name: "t.xlsx", options: options)
            func shape(_ r: ReadResult) -> [String] {
                r.sink.opinions.map {
                    "\($0.location.row!)|\($0.location.columnLetter!)|\($0.respondent!)|\($0.text)|\($0.segments.district ?? "")"
                }
            }
            XCTAssertEqual(shape(a), shape(b), "trial \(trial)")
            XCTAssertEqual(a.counts, b.counts, "trial \(trial)")
        }
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
