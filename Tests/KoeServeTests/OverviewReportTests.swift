// The overview page is KoeReport's own drawing of the workspace: its headline, ranking and heat-map sections are
// the bytes of the run's report.html (same numbers, same ▲▼), served under the workbench's CSP (no inline style).
import Foundation
import XCTest

final class OverviewReportTests: XCTestCase {
    /// The `<section id="ID">…</section>` of an HTML page.
    private func section(_ id: String, of html: String) -> String? {
        guard let start = html.range(of: "<section id=\"\(id)\">"),
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    func testOverviewSaysWhatTheReportSays() throws {
        let fixture = try ServeFixture()
        let report = try String(contentsOf: fixture.folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        let page = try fixture.workbench().get("/overview")
        XCTAssertEqual(page.status, 200)
        let html = String(decoding: page.body, as: UTF8.self)
        for id in ["headline", "ranking", "segments"] {
            let mine = section(id, of: html)
            XCTAssertNotNil(mine, id)
            XCTAssertEqual(mine, section(id, of: report), "section \(id) differs from report.html")
        }
        XCTAssertTrue(html.contains("<svg id=\"chart-heatmap-age\""), "the heat map is drawn")
        XCTAssertTrue(html.contains("<svg id=\"chart-ranking\""))
        XCTAssertFalse(html.contains("style=\""), "no inline style: the CSP forbids it")
        XCTAssertFalse(html.contains("<script>"), "no inline script")
        XCTAssertFalse(html.contains("{{"), "every placeholder filled")
        XCTAssertEqual(html.components(separatedBy: "<header class=\"top\">").count, 2, "the shared header, once")
    }
}
