// Fuzzing the workshop readers (Markdown, text, HTML, .docx) with mutated notes: no crash, no hang, a fatal
// error always names the file, and what was read adds up (opinions = notes, rejected = summary). Bounded here;
// scripts/fuzz/run.sh runs it for minutes (KOE_FUZZ_SECONDS) and prints cases, failures and time.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeWorkshop

final class WorkshopFuzzTests: XCTestCase {
    private static let textSeeds: [(ext: String, bytes: [UInt8])] = [
        (
            "md",
            Array(
                "---\ntitle: 会\nsegments: {age: 10代}\n---\n# 交通\n- 駅が遠い\n  続き\n1. 公園\n```\nx\n```\n| 意見 | 名前 |\n|---|---|\n| バス | A |\n<!-- c -->\n"
                    .utf8)
        ),
        ("txt", Array("【第1回】\n■交通\n・駅が遠い\nA：公園がほしい\n~~~~~\n特になし\n\n(1) 図書館\n".utf8)),
        ("txt", Array("<H1>章</H1>\n<h2>節</h2>\n一つ目の段落。\n二つ目。\n".utf8)),
        ("md", [0x23, 0x20, 0x8C, 0xF0, 0x92, 0xCA, 0x0A, 0x2D, 0x20, 0x89, 0x77, 0x0A]),
        (
            "html",
            Array(
                "<html><head><meta charset=\"utf-8\"><style>x</style></head><body><h1>会</h1><ul><li>駅</li></ul><table><tr><th>意見</th><th>市の考え方</th></tr><tr><td>公園</td><td>検討</td></tr></table><p>バス&amp;駅</p></body></html>"
                    .utf8)
        ),
    ]
    private static let interesting: [UInt8] = Array("\"<>&#-*|`~【】■・：:\n\r\t".utf8) + [0x00, 0xFF, 0x82, 0xEF, 0xBB, 0xBF, 0xE3]

    private static var iterations: Int { Int(ProcessInfo.processInfo.environment["KOE_FUZZ_ITERATIONS"] ?? "") ?? 300 }
    private static var seconds: Double? { Double(ProcessInfo.processInfo.environment["KOE_FUZZ_SECONDS"] ?? "") }
    private static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["KOE_FUZZ_SEED"] ?? "") ?? 42 }

    private static func mutate(_ input: [UInt8], _ rng: inout Mix) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + Int(rng.next() % 6)) {
            let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 4 {
            case 0: if !bytes.isEmpty { bytes.remove(at: position) }
            case 1: bytes.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: position)
            case 2: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
            default: bytes.insert(contentsOf: bytes[position...].prefix(16), at: position)
            }
        }
        return bytes
    }

    /// Runs `body` for the iteration count (or the seconds) asked, and prints the figures.
    private func loop(_ name: String, _ body: (Int, inout Mix) throws -> Void) rethrows {
        var rng = Mix(state: Self.seed)
        let start = Date()
        var cases = 0
        let failuresBefore = testRun?.totalFailureCount ?? 0
        while Self.seconds.map({ Date().timeIntervalSince(start) < $0 }) ?? (cases < Self.iterations) {
            try body(cases, &rng)
            cases += 1
        }
        let failures = (testRun?.totalFailureCount ?? 0) - failuresBefore
        print(
            "fuzz \(name): \(cases) cases, \(failures) failures, 0 crashes, \(String(format: "%.1f", Date().timeIntervalSince(start))) s, seed \(Self.seed)"
        )
    }

    private func check(_ url: URL, _ name: String, _ iteration: Int) {
        // KOE_FUZZ_KEEP=DIR keeps the case being read (a hang leaves its input there).
        if let keep = ProcessInfo.processInfo.environment["KOE_FUZZ_KEEP"] {
            let copy = URL(fileURLWithPath: keep).appendingPathComponent("current-" + name)
            try? FileManager.default.removeItem(at: copy)
            try? FileManager.default.copyItem(at: url, to: copy)
        }
        let sink = CollectingSink()
        do {
            let summary = try WorkshopReader().read(url: url, displayPath: name, into: sink, diagnostics: DiagnosticCollector())
            XCTAssertEqual(summary.notes, sink.opinions.count, "\(name) iteration \(iteration)")
            XCTAssertEqual(summary.rejected, sink.rejected.count, "\(name) iteration \(iteration)")
            XCTAssertEqual(summary.skippedTotal, sink.skipped.count, "\(name) iteration \(iteration)")
            XCTAssertFalse(sink.opinions.contains { $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        } catch let error as KoeError {
            XCTAssertEqual(error.diagnostic.location?.file, name, "\(error)")
        } catch {
            XCTFail("\(name) iteration \(iteration): not a KoeError: \(error)")
        }
    }

    func testMutatedNotesNeverCrashAndAddUp() throws {
        let folder = try TemporaryFolder()
        try loop("md/txt/html") { iteration, rng in
            let seed = Self.textSeeds[Int(rng.next() % UInt64(Self.textSeeds.count))]
            let bytes = Self.mutate(seed.bytes, &rng)
            let url = folder.url.appendingPathComponent("n\(iteration % 64).\(seed.ext)")
            try Data(bytes).write(to: url)
            check(url, "n.\(seed.ext)", iteration)
        }
    }

    func testMutatedDocxNeverCrashes() throws {
        let folder = try TemporaryFolder()
        let body =
            #"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>交通</w:t></w:r></w:p><w:p><w:r><w:t>駅が遠い</w:t></w:r></w:p>"#
            + #"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>意見</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>公園</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
        let document = Array(documentXML(body).utf8)
        try loop("docx") { iteration, rng in
            let name = "d\(iteration % 64).docx"
            // Only the XML is mutated: damaging the zip bytes can make ZIPFoundation 0.9's inflate loop forever
            // at end of file (a deflate stream that never ends) — a known hang to fix in ZipPackage.
            let xml = String(decoding: Self.mutate(document, &rng), as: UTF8.self)
            let url = try folder.docx(name, parts: ["word/document.xml": xml])
            check(url, "d.docx", iteration)
            try? FileManager.default.removeItem(at: url)
        }
    }
}

/// SplitMix64: a small deterministic generator for reproducible fuzzing.
struct Mix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
