// KH Coder's own coding-rule test file (CP932): every rule parses or fails with a clear error.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class KHCoderFileTests: XCTestCase {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/corpora").standardizedFileURL

    func testThemeCodEveryRuleParsesOrFailsClearly() throws {
        let url = Self.corpora.appendingPathComponent("khcoder-rules/theme.cod")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus absent: \(url.path)") }
        let text = try KHCoderRuleFile.decode(try Data(contentsOf: url), displayPath: "theme.cod")
        let entries = KHCoderRuleFile.entries(text: text, displayPath: "theme.cod", tokenizer: try Tokenizer())
        var report: [String] = []
        var outcome: [String: String] = [:]
        for entry in entries {
            switch entry.result {
            case .success(let rule):
                outcome[entry.name] = "ok"
                report.append("L\(entry.line) ＊\(entry.name): ok \(rule.canonical.prefix(60))")
            case .failure(let e):
                outcome[entry.name] = e.diagnostic.code
                XCTAssertNotNil(e.diagnostic.location?.row, entry.name)
                XCTAssertFalse(e.diagnostic.hint?.isEmpty ?? true, entry.name)
                XCTAssertTrue(
                    ["rule-needs-morphology", "rule-unsupported"].contains(e.diagnostic.code),
                    "\(entry.name): \(e.diagnostic)")
                report.append("L\(entry.line) ＊\(entry.name): \(e.diagnostic.code) (line \(e.diagnostic.location?.row ?? 0))")
            }
        }
        print(report.joined(separator: "\n"))
        XCTAssertEqual(entries.count, 34)
        XCTAssertEqual(outcome["死ぬ（2回以上）"], "ok")
        XCTAssertEqual(outcome["死ぬ（連用タ接続）"], "rule-needs-morphology")
        XCTAssertEqual(outcome["ない（形容詞B-連用タ接続）"], "rule-needs-morphology")
        XCTAssertEqual(outcome["近接3"], "ok")
        XCTAssertEqual(outcome["順序3"], "ok")
        XCTAssertEqual(outcome["見出し・上"], "rule-unsupported")
        XCTAssertEqual(outcome["外部変数（段落）"], "rule-unsupported")
        XCTAssertEqual(outcome["他のコード"], "ok")
        XCTAssertEqual(outcome["No.2-5"], "rule-unsupported")
        XCTAssertEqual(outcome["文字列"], "ok")
        XCTAssertEqual(outcome["信用・不信"], "ok", "multi-line rule")
        XCTAssertEqual(outcome["静：お嬢さん"], "rule-unsupported")
        XCTAssertEqual(outcome["静の母：奥さん"], "rule-unsupported")
        // Loading the whole file as a codebook fails on the first error, naming its line.
        let collector = DiagnosticCollector()
        XCTAssertThrowsError(try Codebook.load(url: url, displayPath: "theme.cod", tokenizer: try Tokenizer(), diagnostics: collector)) {
            error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.row, 14)
        }
        XCTAssertEqual(collector.diagnostics.count, outcome.values.filter { $0 != "ok" }.count)
    }

    func testUTF8RuleFileLoadsAsCodebook() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-khc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("rules.cod")
        try "# comment\n*子育て\n保育園 or 学童\n  or 子育て+支援\n\n＊交通\nバス & !バスケット\n".write(to: url, atomically: true, encoding: .utf8)
        let codebook = try Codebook.load(url: url, displayPath: "rules.cod", tokenizer: try Tokenizer())
        XCTAssertEqual(codebook.areas.map(\.code), ["子育て", "交通"])
        XCTAssertEqual(codebook.areas[0].location.row, 2)
        XCTAssertEqual(codebook.areas[0].rule?.canonical, "((保育園 | 学童) | 子育て+支援)")
        // CP932 bytes decode through ICU's windows-31j converter.
        let sjis = try XCTUnwrap("＊髙校\n①番 | ～\n".data(using: .shiftJIS))
        XCTAssertEqual(try KHCoderRuleFile.decode(sjis, displayPath: "x.cod"), "＊髙校\n①番 | ～\n")
    }

    func testErrorInMultiLineRulePointsAtItsLine() throws {
        let entries = KHCoderRuleFile.entries(text: "＊A\n保育園 or 学童\nor 公園 or遊び場\n", displayPath: "a.cod", tokenizer: try Tokenizer())
        guard case .failure(let e) = entries[0].result else { return XCTFail("should fail") }
        XCTAssertEqual(e.diagnostic.location?.row, 3)
        XCTAssertEqual(e.diagnostic.location?.columnLetter, "9")
        XCTAssertEqual(e.diagnostic.code, "rule-missing-space")
    }
}
