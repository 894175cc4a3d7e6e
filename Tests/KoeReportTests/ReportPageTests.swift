// ReportPageTests — report.html parsed with libxml2's HTML parser: self-contained (no external URL), every
// chart present with a text alternative, hostile citizen text escaped, byte-identical on two renders.
import Foundation
import KoeCore
import KoeXML
import XCTest

@testable import KoeReport

final class ReportPageTests: XCTestCase {
    struct Parsed {
        var elements: [HTMLElement] = []
        /// Text per enclosing element name stack (joined).
        var texts: [(path: [String], text: String)] = []
    }

    static func parse(_ page: String) throws -> Parsed {
        let doc = try HTMLDocument(utf8: Data(page.utf8), location: SourceLocation(file: "report.html"))
        var parsed = Parsed()
        var stack: [String] = []
        try doc.walk { event in
            switch event {
            case .start(let e):
                parsed.elements.append(e)
                stack.append(e.name)
            case .end:
                _ = stack.popLast()
            case .text(let t, _):
                parsed.texts.append((stack, t))
            }
            return .descend
        }
        return parsed
    }

    func render(_ model: ReportModel = ReportFixture.model()) throws -> String {
        try ReportRenderer(version: "0.1.0").render(model)
    }

    func testNoExternalResources() throws {
        let page = try render()
        let parsed = try Self.parse(page)
        XCTAssertGreaterThan(parsed.elements.count, 500)
        for e in parsed.elements {
            XCTAssertFalse(["img", "link", "iframe", "object", "embed", "audio", "video", "base"].contains(e.name), e.name)
            if e.name == "script" { XCTAssertNil(e.attributes["src"], "script with src") }
            for (name, value) in e.attributes where ["src", "href", "xlink:href", "action", "poster", "srcset", "data"].contains(name) {
                XCTAssertTrue(value.hasPrefix("#"), "\(e.name) \(name)=\(value)")
            }
            if let style = e.attributes["style"] { XCTAssertFalse(style.contains("url("), style) }
        }
        // CSS: no url() other than fragments, no @import, no web fonts.
        let css = parsed.texts.filter { $0.path.last == "style" }.map(\.text).joined()
        XCTAssertTrue(css.contains("@page{size:A4"))
        for match in css.components(separatedBy: "url(").dropFirst() { XCTAssertTrue(match.hasPrefix("#"), match) }
        XCTAssertFalse(css.contains("@import"))
        XCTAssertFalse(css.contains("@font-face"))
        // No address at all outside the escaped citizen text (the hostile quote carries one, as text).
        let withoutQuote = page.replacingOccurrences(of: htmlEscape(ReportFixture.hostile), with: "")
        XCTAssertFalse(withoutQuote.contains("http:"))
        XCTAssertFalse(withoutQuote.contains("https:"))
        XCTAssertFalse(withoutQuote.contains("//"), "protocol-relative address or JS comment")
    }

    func testEveryChartPresentWithTextAlternative() throws {
        let parsed = try Self.parse(try render())
        let svgs = parsed.elements.filter { $0.name == "svg" }
        let ids = Set(svgs.compactMap { $0.attributes["id"] })
        let expected: Set<String> = [
            "chart-ranking", "chart-ranking-all", "chart-heatmap-age", "chart-heatmap-gender", "chart-heatmap-district",
            "chart-portfolio", "chart-gap", "chart-network", "chart-network-1", "chart-network-2", "chart-network-3",
        ]
        XCTAssertEqual(ids, expected)
        for svg in svgs {
            XCTAssertEqual(svg.attributes["role"], "img")
            let id = svg.attributes["id"] ?? ""
            XCTAssertEqual(svg.attributes["aria-labelledby"], "\(id)-title \(id)-desc")
        }
        // Each chart's <title> and <desc> exist with text.
        let titled = Set(parsed.elements.filter { $0.name == "title" || $0.name == "desc" }.compactMap { $0.attributes["id"] })
        for id in expected {
            XCTAssertTrue(titled.contains("\(id)-title"), id)
            XCTAssertTrue(titled.contains("\(id)-desc"), id)
        }
        // Numbers in tables: one table per chart family at least.
        XCTAssertGreaterThanOrEqual(parsed.elements.filter { $0.name == "table" }.count, 1 + 3 + 1 + 1 + 2 * 4 + 1 + 1)
    }

    func testHostileOpinionRendersAsText() throws {
        let page = try render()
        XCTAssertFalse(page.contains("<script>alert"))
        XCTAssertFalse(page.contains("<img"))
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;"))
        let parsed = try Self.parse(page)
        XCTAssertEqual(parsed.elements.filter { $0.name == "script" }.count, 1, "only koe's own script")
        let quoteText = parsed.texts.filter { $0.path.last == "li" }.map(\.text).joined()
        XCTAssertTrue(quoteText.contains(ReportFixture.hostile), "the citizen's text reads as typed")
        // A hostile word in the network is escaped inside the SVG too.
        XCTAssertTrue(page.contains("&lt;b&gt;"))
        XCTAssertFalse(page.contains("<b>"))
    }

    func testSameBytesOnTwoRenders() throws {
        let first = try render()
        let second = try render(ReportFixture.model())
        XCTAssertEqual(first, second)
        XCTAssertEqual(Data(first.utf8), Data(second.utf8))
        // KOE_REPORT_OUT=/tmp/fixture.html keeps the page, for scripts/proof/report.
        if let path = ProcessInfo.processInfo.environment["KOE_REPORT_OUT"] {
            try Data(first.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func testResidualMarkersAndSmallTables() throws {
        XCTAssertEqual(HeatMapChart.marker(2.5), "▲")
        XCTAssertEqual(HeatMapChart.marker(1.96), "▲")
        XCTAssertEqual(HeatMapChart.marker(-2.1), "▼")
        XCTAssertEqual(HeatMapChart.marker(1.5), "")
        XCTAssertEqual(HeatMapChart.marker(nil), "")
        let parsed = try Self.parse(try render())
        // The gender tables have min_expected 3.2 in the fixture: every gender row is shaded and marked.
        let smallRows = parsed.elements.filter { $0.name == "tr" && $0.attributes["class"] == "small" }
        XCTAssertEqual(smallRows.count, ReportFixture.areas.count)
        let page = try render()
        XCTAssertTrue(page.contains("※ 期待度数が5未満の表"))
        XCTAssertTrue(page.contains("▲"))
        XCTAssertTrue(page.contains("▼"))
    }

    func testReadingAidsAndTypography() throws {
        let page = try render()
        XCTAssertTrue(page.contains("font-family:Meiryo,\"Yu Gothic\",\"Hiragino Sans\",\"Noto Sans CJK JP\",sans-serif"))
        XCTAssertTrue(page.contains("世論）を表すものではありません"))
        XCTAssertTrue(page.contains("break-before:page"))
        for quadrant in ["重点改善分野", "重点維持分野", "改善分野", "維持分野"] { XCTAssertTrue(page.contains(quadrant), quadrant) }
        XCTAssertTrue(page.contains("2,460"), "headline numbers grouped")
        XCTAssertTrue(page.contains("<details>"), "collapsible levels without JS")
        // A measure's quotes are folded under its project.
        XCTAssertTrue(page.contains("<summary>施策ごとの意見（1件）</summary>\n<h4>1-2 子どもの居場所が地域に広がっている</h4>"))
    }

    func testEmptyRunStillRenders() throws {
        let model = ReportModel(
            title: "空の実行", headline: .init(respondents: 0, opinions: 0, sources: 0, tagged: 0, rejected: 0), areas: [],
            untagged: .init(count: 0, keywords: []),
            provenance: .init(version: "0.1.0", pipeline: "p.yml", inputs: [], codebook: nil))
        let page = try render(model)
        XCTAssertTrue(page.contains("重要度・満足度の設問が設定されていない"))
        XCTAssertTrue(page.contains("ネットワークは描けませんでした"))
        let parsed = try Self.parse(page)
        XCTAssertEqual(
            Set(parsed.elements.filter { $0.name == "svg" }.compactMap { $0.attributes["id"] }), ["chart-ranking", "chart-ranking-all"])
    }
}
