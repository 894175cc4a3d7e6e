// Fuzzing the survey reader with mutated exports, CSV and .xlsx (bounded here; scripts/fuzz/run.sh runs it longer):
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

    private static var seconds: Double? { Double(ProcessInfo.processInfo.environment["KOE_FUZZ_SECONDS"] ?? "") }
    private static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["KOE_FUZZ_SEED"] ?? "") ?? 42 }

    /// Iterations to run: `KOE_FUZZ_SECONDS` of them when set, else `KOE_FUZZ_ITERATIONS` (default `fallback`).
    private func cases(_ fallback: Int) -> AnySequence<Int> {
        let start = Date()
        let iterations = Int(ProcessInfo.processInfo.environment["KOE_FUZZ_ITERATIONS"] ?? "") ?? fallback
        guard let seconds = Self.seconds else { return AnySequence(0..<iterations) }
        return AnySequence(sequence(first: 0) { $0 + 1 }.lazy.prefix { _ in Date().timeIntervalSince(start) < seconds })
    }

    private func report(_ name: String, cases: Int, since start: Date, failuresBefore: Int) {
        let failures = (testRun?.totalFailureCount ?? 0) - failuresBefore
        print(
            "fuzz \(name): \(cases) cases, \(failures) failures, 0 crashes, \(String(format: "%.1f", Date().timeIntervalSince(start))) s, seed \(Self.seed)"
        )
    }

    func testMutatedInputsNeverCrashAndAddUp() throws {
        var rng = SplitMix(seed: Self.seed)
        let dir = try TempDir()
        let start = Date(), failuresBefore = testRun?.totalFailureCount ?? 0
        var done = 0
        defer { report("csv/tsv", cases: done, since: start, failuresBefore: failuresBefore) }
        for iteration in cases(400) {
            done = iteration + 1
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
            let url = try dir.write("f\(iteration % 64).csv", bytes)
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

    /// Mutated .xlsx workbooks (sheet XML, shared strings, or the zip bytes): no crash, a fatal error names the
    /// file, and records = respondents + rejected.
    func testMutatedXLSXNeverCrashAndAddUp() throws {
        var rng = SplitMix(seed: Self.seed)
        let dir = try TempDir()
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let sheet = Array(
            ("<worksheet xmlns=\"\(ns)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>意見</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>駅が遠い</t></is></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45299.5</v></c><c r=\"B3\" t=\"s\"><v>1</v></c></row></sheetData>"
                + "<mergeCells count=\"1\"><mergeCell ref=\"A1:A2\"/></mergeCells></worksheet>").utf8)
        let strings = Array("<sst xmlns=\"\(ns)\"><si><t>番号</t></si><si><r><t>公園</t></r><rPh><t>コウエン</t></rPh></si></sst>".utf8)
        let styles = "<styleSheet xmlns=\"\(ns)\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>"
        let start = Date(), failuresBefore = testRun?.totalFailureCount ?? 0
        var done = 0
        defer { report("xlsx", cases: done, since: start, failuresBefore: failuresBefore) }
        for iteration in cases(150) {
            done = iteration + 1
            func mutated(_ input: [UInt8]) -> [UInt8] {
                var bytes = input
                for _ in 0..<(1 + Int(rng.next() % 5)) {
                    let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 4 {
                    case 0: if !bytes.isEmpty { bytes.remove(at: position) }
                    case 1: bytes.insert(Array("<>\"&/=0123456789rcvt".utf8)[Int(rng.next() % 20)], at: position)
                    case 2: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
                    default: bytes.insert(contentsOf: bytes[position...].prefix(24), at: position)
                    }
                }
                return bytes
            }
            let url = dir.url.appendingPathComponent("x\(iteration % 64).xlsx")
            try? FileManager.default.removeItem(at: url)
            let which = rng.next() % 3
            try makeXLSX(
                at: url, sheets: [("s", String(decoding: which == 0 ? mutated(sheet) : sheet, as: UTF8.self))],
                sharedStrings: String(decoding: which == 1 ? mutated(strings) : strings, as: UTF8.self), styles: styles)
            if which == 2 { try Data(mutated([UInt8](try Data(contentsOf: url)))).write(to: url) }
            let sink = CollectingSink()
            do {
                let counts = try SurveyReader().read(url: url, displayPath: "x.xlsx", into: sink, diagnostics: DiagnosticCollector())
                XCTAssertEqual(counts.records, sink.respondents.count + sink.rejected.count, "iteration \(iteration)")
                XCTAssertEqual(counts.opinions, sink.opinions.count, "iteration \(iteration)")
            } catch let error as KoeError {
                XCTAssertEqual(error.diagnostic.location?.file, "x.xlsx", "\(error)")
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
