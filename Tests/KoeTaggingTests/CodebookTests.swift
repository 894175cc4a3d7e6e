// YAML codebook: tree, levels, plan order, and validation errors with line and column.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class CodebookTests: XCTestCase {
    let tokenizer = try! Tokenizer()

    func load(_ yaml: String, diagnostics: DiagnosticSink? = nil) throws -> Codebook {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-cb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("codebook.yml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return try Codebook.load(url: url, displayPath: "codebook.yml", tokenizer: tokenizer, diagnostics: diagnostics)
    }

    /// (line, column, code) of the thrown error.
    func error(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> (Int?, String?, String)? {
        do {
            _ = try load(yaml)
            XCTFail("expected an error", file: file, line: line)
        } catch let e as KoeError {
            XCTAssertEqual(e.diagnostic.location?.file, "codebook.yml", file: file, line: line)
            return (e.diagnostic.location?.row, e.diagnostic.location?.columnLetter, e.diagnostic.code)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    static let sample = """
        - code: A
          name: 子育て世代に選ばれる地域の創造
          children:
            - code: "1"
              name: 子どもを産み育てる環境が整い、親子と周囲が笑顔になっている
              children:
                - code: "1-1"
                  name: 出産・子育てのサポートの体制が充実し、親の不安感と負担感を抑えている
                  horizon: short
                  keywords: [保育園, 子育て支援, 出産, 学童保育]
                  exclude: [観光]
                  children:
                    - code: "1-1-(1)"
                      name: 保育の受け皿
                      keywords: [待機児童]
        - code: B
          name: 住みよい持続可能な地域の創造
          horizon: long
          rule: "(バス | 鉄道) & !バスケット"
        """

    func testTreeInPlanOrder() throws {
        let codebook = try load(Self.sample)
        XCTAssertEqual(codebook.areas.map(\.code), ["A", "1", "1-1", "1-1-(1)", "B"])
        XCTAssertEqual(codebook.areas.map(\.level), [1, 2, 3, 4, 1])
        XCTAssertEqual(codebook.areas.map(\.parentCode), [nil, "A", "1", "1-1", nil])
        XCTAssertEqual(codebook.areas[2].horizon, .short)
        XCTAssertEqual(codebook.areas[4].horizon, .long)
        XCTAssertEqual(codebook.areas[2].keywords.map(\.text), ["保育園", "子育て支援", "出産", "学童保育"])
        XCTAssertEqual(codebook.areas[2].keywords[3].keys, ["学童", "保育"])
        XCTAssertEqual(codebook.areas[2].location.row, 7)
        XCTAssertEqual(codebook.ancestors(of: "1-1-(1)"), ["1-1", "1", "A"])
        XCTAssertEqual(codebook.areas[4].rule?.canonical, "((バス | 鉄道) & !バスケット)")
    }

    func testUnknownKey() {
        let e = error("- code: A\n  name: x\n  keyword: [公園]\n")
        XCTAssertEqual(e?.0, 3)
        XCTAssertEqual(e?.1, "3")
        XCTAssertEqual(e?.2, "unknown-key")
    }

    func testDuplicateCode() {
        let e = error("- code: A\n  name: x\n  children:\n    - code: A\n      name: y\n")
        XCTAssertEqual(e?.0, 4)
        XCTAssertEqual(e?.2, "duplicate-code")
    }

    func testEmptyKeywordsAndKeywordWithoutTokens() {
        XCTAssertEqual(error("- code: A\n  name: x\n  keywords: []\n").map { [$0.0 ?? 0] + [$0.2.count] }?.first, 3)
        XCTAssertEqual(error("- code: A\n  name: x\n  keywords: []\n")?.2, "empty-keywords")
        let e = error("- code: A\n  name: x\n  keywords:\n    - 公園\n    - \"・・・\"\n")
        XCTAssertEqual(e?.0, 5)
        XCTAssertEqual(e?.1, "7")
        XCTAssertEqual(e?.2, "keyword-no-tokens")
    }

    func testBadHorizonAndRuleErrorPositions() {
        let h = error("- code: A\n  name: x\n  horizon: soon\n")
        XCTAssertEqual(h?.0, 3)
        XCTAssertEqual(h?.2, "bad-value")
        // Column points inside the quoted rule: 「学童」 glued to or.
        let r = error("- code: A\n  name: x\n  rule: \"保育園 or学童\"\n")
        XCTAssertEqual(r?.0, 3)
        XCTAssertEqual(r?.1, "16")
        XCTAssertEqual(r?.2, "rule-missing-space")
        let block = error("- code: A\n  name: x\n  rule: |\n    保育園 or 学童\n    or 公園 学童\n")
        XCTAssertEqual(block?.0, 5)
        XCTAssertEqual(block?.1, "11")
        XCTAssertEqual(block?.2, "rule-missing-operator")
    }

    func testAllProblemsReportedFirstThrown() {
        let collector = DiagnosticCollector()
        XCTAssertThrowsError(try load("- code: A\n  nam: x\n  keywords: []\n- code: A\n  name: y\n", diagnostics: collector))
        XCTAssertEqual(collector.diagnostics.map { [$0.location?.row ?? 0] }, [[2], [3], [1], [4]])
        XCTAssertEqual(collector.diagnostics.map(\.code), ["unknown-key", "empty-keywords", "missing-name", "duplicate-code"])
    }

    func testYAMLSyntaxAndReferences() {
        XCTAssertEqual(error("- code: A\n  name: [x\n")?.2, "yaml-syntax")
        XCTAssertEqual(error("- code: A\n  name: a\n  rule: <＊Z>\n")?.2, "unknown-code-reference")
        let cycle = error("- code: A\n  name: a\n  rule: <＊B>\n- code: B\n  name: b\n  rule: <＊A>\n")
        XCTAssertEqual(cycle?.2, "code-reference-cycle")
        XCTAssertEqual(error("- name: x\n")?.2, "missing-code")
        XCTAssertEqual(error("- code: A\n  keywords: [x]\n")?.2, "missing-name")
        let twice = error("- code: A\n  name: x\n  keywords: [x]\n  keywords: [y]\n")
        XCTAssertEqual(twice?.0, 4)
        XCTAssertEqual(twice?.2, "duplicate-key")
    }
}

final class SampleCodebookTests: XCTestCase {
    func testYamaguchiSampleLoads() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/yamaguchi-codebook.yml")
        let codebook = try Codebook.load(url: url, displayPath: "Samples/yamaguchi-codebook.yml", tokenizer: try Tokenizer())
        XCTAssertEqual(codebook.areas.count, 10)
        XCTAssertEqual(
            Set(codebook.areas.dropFirst().map(\.name)),
            [
                "学校別再編", "再編全体の考え方", "再編整備の進め方", "望ましい学校規模", "定時制課程",
                "意見募集・地域説明会", "未来デザイン科", "再編統合・募集停止", "通学・交通など",
            ])
        let tagger = try Tagger(codebook: codebook)
        XCTAssertEqual(tagger.tag(try Tokenizer().tokenize("定時制の夜間部を残してほしい")).areas, ["Y", "Y6"])
    }
}

extension CodebookTests {
    func testAliasBombIsBounded() {
        // Nine levels of aliases would be 10^9 keywords if expanded; nested lists are rejected, not walked.
        var yaml = "- code: A\n  name: a\n  keywords: &k0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 {
            yaml +=
                "- code: B\(i)\n  name: b\n  exclude: &k\(i) [" + Array(repeating: "*k\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        XCTAssertEqual(error(yaml)?.2, "wrong-type")
        var nested = "- code: R\n  name: r\n  children: &k\n    - {code: K, name: k, keywords: [x]}\n"
        nested += "- code: S\n  name: s\n  children: *k\n"
        XCTAssertEqual(error(nested)?.2, "duplicate-code", "an alias repeating a subtree repeats its codes")
    }
}

extension CodebookTests {
    func testRenderedRuleErrorShowsRuleCaretAndHint() {
        do {
            _ = try load("- code: A\n  name: x\n  rule: \"保育園 or学童\"\n")
            XCTFail("should fail")
        } catch let e as KoeError {
            let text = e.description
            XCTAssertTrue(text.hasPrefix("codebook.yml:3:16: error[rule-missing-space]:"), text)
            XCTAssertTrue(text.contains("\n    rule: \"保育園 or学童\"\n"), text)
            XCTAssertTrue(text.contains("\n           　　　   ^"), "caret under 学: \(text)")
            XCTAssertTrue(text.contains("直すと: 保育園 or 学童"), text)
            print(text)
        } catch {
            XCTFail("\(error)")
        }
    }
}
