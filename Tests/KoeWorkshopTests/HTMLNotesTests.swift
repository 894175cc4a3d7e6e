// HTML pages: list items, paragraphs and table rows as notes; headings; ignored page chrome; broken markup.
import Foundation
import KoeCore
import XCTest

@testable import KoeWorkshop

final class HTMLNotesTests: XCTestCase {
    func testHTMLFixture() throws {
        let sink = CollectingSink()
        let options = WorkshopOptions(segments: RawSegments(district: "広丘"))
        let summary = try WorkshopReader(options: options).read(
            url: Paths.fixture("pubcom.html"), displayPath: "pubcom.html",
            into: sink, diagnostics: DiagnosticCollector())
        let g1 = "市民ワークショップ記録 > グループ1"
        let pc = "市民ワークショップ記録 > パブリックコメント"
        assertTriples(
            noteTriples(sink),
            [
                (12, g1, "駅前に駐輪場を 増やしてほしい"),
                (14, g1, "図書館の開館時間を延長\nしてほしい"),
                (15, g1, "バスの本数が少ない"),
                (17, g1, "公園の遊具が古い。"),
                // The opinion column alone: not the number, not the city's reply.
                (22, pc, "子育て支援センターを増やしてほしい"),
                (23, pc, "公共施設の&予約をオンラインで"),
                // No opinion column: label: value lines (thead row gives the labels).
                (28, pc + " > グループ別", "グループ: A\nテーマ: 交通"),
                (30, pc + " > グループ別", "囲みのない文章も意見として読む"),
            ])
        XCTAssertEqual(sink.skipped.count, 0)
        XCTAssertEqual(summary.format, .html)
        let all = everything(sink)
        for chrome in ["スクリプト", "color", "ホーム", "サイトマップ", "市役所", "検討します", "結果"] {
            XCTAssertFalse(all.contains(chrome), chrome)
        }
        XCTAssertEqual(sink.opinions.map(\.id).prefix(2), ["pubcom-L12", "pubcom-L14"])
        XCTAssertEqual(Set(sink.opinions.map(\.segments)), [RawSegments(district: "広丘")])
    }

    func testBrokenMarkupAndSeveralNotesOnOneLine() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("broken.htm", "<h2>テーマ<ul><li>一つ目<li>二つ目</ul><p>閉じていない段落<div><b>太字<i>斜体</b>の意見</div>")
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "broken.htm", into: sink, diagnostics: DiagnosticCollector())
        let texts = sink.opinions.map(\.text)
        XCTAssertTrue(texts.contains("二つ目"), "\(texts)")
        XCTAssertTrue(texts.contains("太字斜体の意見"), "\(texts)")
        // Notes sharing a line get distinct, stable ids.
        XCTAssertEqual(Set(sink.opinions.map(\.id)).count, sink.opinions.count)
        XCTAssertTrue(sink.opinions.map(\.id).contains("broken-L1-2"))
    }

    func testShiftJISPageIsDecodedByItsCharset() throws {
        let folder = try TemporaryFolder()
        var bytes = Array(#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>"#.utf8)
        bytes += [0x83, 0x6F, 0x83, 0x58, 0x92, 0xE2]  // バス停
        bytes += Array("</p></body></html>".utf8)
        let url = folder.url.appendingPathComponent("sjis.html")
        try Data(bytes).write(to: url)
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "sjis.html", into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.map(\.text), ["バス停"])
    }

    func testUTF8PageDeclaringShiftJISIsNotDecodedTwice() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("mislabelled.html", #"<html><head><meta charset="Shift_JIS"></head><body><p>公園がほしい</p></body></html>"#)
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "mislabelled.html", into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.map(\.text), ["公園がほしい"])
    }
}
