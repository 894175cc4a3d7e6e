// Issue 12 on workshop notes: nothing lost in plain text (no fences), KH Coder's <H1> text format, one bad
// byte rejects one line (shown as \x82), and the `encoding` the caller names is honoured — each on a file
// generated here with the shape of the real export.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeWorkshop

final class ImportFidelityNotesTests: XCTestCase {
    private func read(_ url: URL, _ name: String, options: WorkshopOptions = WorkshopOptions()) throws -> (
        CollectingSink, [Diagnostic], WorkshopSummary
    ) {
        let sink = CollectingSink()
        let diagnostics = DiagnosticCollector()
        let summary = try WorkshopReader(options: options).read(url: url, displayPath: name, into: sink, diagnostics: diagnostics)
        return (sink, diagnostics.diagnostics, summary)
    }

    /// Class 1: an OCR'd comment where a person typed a line of tildes and one of backticks as separators.
    func testPlainTextHasNoCodeFences() throws {
        let folder = try TemporaryFolder()
        let text = "■交通\n駅前の駐輪場を増やしてほしい。\n~~~~~~~~~~\nバスの本数を増やしてほしい。\n\n```\n公園の遊具を新しくしてほしい。\n"
        let (sink, diagnostics, summary) = try read(try folder.write("ocr.txt", text), "ocr.txt")
        assertTriples(
            noteTriples(sink),
            [(2, "交通", "駅前の駐輪場を増やしてほしい。"), (4, "交通", "バスの本数を増やしてほしい。"), (7, "交通", "公園の遊具を新しくしてほしい。")])
        XCTAssertEqual(summary.skipped["code-block"], nil)
        XCTAssertEqual(diagnostics.map(\.code), [])
    }

    /// Class 1: in Markdown a closed fence is code (counted), an unclosed one is read as notes with a warning.
    func testUnclosedMarkdownFenceIsImportedWithAWarning() throws {
        let folder = try TemporaryFolder()
        let closed = "# 会議\n- 意見1\n```\nコード\n```\n- 意見2\n"
        let (sink1, diagnostics1, summary1) = try read(try folder.write("closed.md", closed), "closed.md")
        assertTriples(noteTriples(sink1), [(2, "会議", "意見1"), (6, "会議", "意見2")])
        XCTAssertEqual(summary1.skipped["code-block"], 1)
        XCTAssertEqual(diagnostics1.map(\.code), [])
        let open = "# 会議\n- 意見1\n~~~\n## 分科会\n- 意見2\n- 意見3\n"
        let (sink2, diagnostics2, summary2) = try read(try folder.write("open.md", open), "open.md")
        assertTriples(noteTriples(sink2), [(2, "会議", "意見1"), (5, "会議 > 分科会", "意見2"), (6, "会議 > 分科会", "意見3")])
        XCTAssertNil(summary2.skipped["code-block"])
        XCTAssertEqual(diagnostics2.map { [String($0.location?.row ?? 0), $0.code] }, [["3", "unclosed-fence"]])
    }

    /// Class 2: KH Coder's text format in CP932 — <H1>/<H2> lines are headings, each other line one paragraph.
    func testKHCoderHeadingTagsInCP932() throws {
        let folder = try TemporaryFolder()
        let text = "<H1>第1回 市民会議</H1>\n<h2>交通</h2>\n駅前の駐輪場を増やしてほしい。\nバスの本数が少ない。\n\n<H2>子育て</H2>\n保育園を増やしてほしい。\n"
        let bytes = try CP932Encoder().encode(text)
        let url = folder.url.appendingPathComponent("khcoder.txt")
        try Data(bytes).write(to: url)
        let (sink, _, summary) = try read(url, "khcoder.txt")
        assertTriples(
            noteTriples(sink),
            [
                (3, "第1回 市民会議 > 交通", "駅前の駐輪場を増やしてほしい。"), (4, "第1回 市民会議 > 交通", "バスの本数が少ない。"),
                (7, "第1回 市民会議 > 子育て", "保育園を増やしてほしい。"),
            ])
        XCTAssertEqual(summary.notes, 3)
    }

    /// Class 8: a UTF-8 Markdown file with one invalid byte on line 13 keeps its other notes.
    func testOneBadByteRejectsOnlyItsLine() throws {
        let folder = try TemporaryFolder()
        var lines = ["# ワークショップ", ""]
        for i in 1...12 { lines.append("- 意見\(i)です") }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        // Line 15 (the 13th note line) holds a lone CP932 lead byte inside UTF-8 text.
        bytes += Array("- 壊れた".utf8) + [0x82] + Array("行\n- 最後の意見\n".utf8)
        let url = folder.url.appendingPathComponent("notes.md")
        try Data(bytes).write(to: url)
        let (sink, diagnostics, summary) = try read(url, "notes.md")
        XCTAssertEqual(summary.notes, 13)
        XCTAssertEqual(sink.opinions.last?.text, "最後の意見")
        XCTAssertEqual(sink.opinions.last?.location.row, 16)
        XCTAssertEqual(sink.rejected.map { [String($0.location.row ?? 0), $0.code, $0.raw] }, [["15", "invalid-bytes", "- 壊れた\\x82行"]])
        XCTAssertEqual(diagnostics.filter { $0.code == "invalid-bytes" }.map { $0.location?.row }, [15])
        XCTAssertEqual(summary.rejected, 1)
    }

    /// Class 9: `encoding:` reaches the workshop readers (a CP932 file read as UTF-8 when told so is rejected line
    /// by line, and read exactly when told cp932).
    func testEncodingOptionIsHonoured() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("sjis.md")
        try Data(try CP932Encoder().encode("# 交通\n- バス停が遠い\n- ３番線\n")).write(to: url)
        let (asCP932, _, _) = try read(url, "sjis.md", options: WorkshopOptions(encoding: .cp932))
        XCTAssertEqual(asCP932.opinions.map(\.text), ["バス停が遠い", "３番線"])
        let (asUTF8, _, summary) = try read(url, "sjis.md", options: WorkshopOptions(encoding: .utf8))
        XCTAssertEqual(asUTF8.opinions.count, 0)
        XCTAssertEqual(summary.rejected, 3)
        XCTAssertEqual(asUTF8.rejected.map(\.code), ["invalid-bytes", "invalid-bytes", "invalid-bytes"])
        // HTML too.
        let html = folder.url.appendingPathComponent("page.html")
        try Data(try CP932Encoder().encode("<html><body><h1>交通</h1><p>駅が遠い</p></body></html>\n")).write(to: html)
        let (page, _, _) = try read(html, "page.html", options: WorkshopOptions(encoding: .cp932))
        XCTAssertEqual(page.opinions.map(\.text), ["駅が遠い"])
    }
}

/// Encodes test text as Shift_JIS with Foundation (independent of koe's ICU decoder), so fixtures are generated, not copied.
struct CP932Encoder {
    func encode(_ text: String) throws -> [UInt8] {
        guard let data = text.data(using: .shiftJIS) else { throw XCTSkip("no Shift_JIS encoder") }
        // Foundation's Shift_JIS maps a few characters (～, ①) unlike Windows; the texts here are plain JIS X 0208.
        return [UInt8](data)
    }
}
