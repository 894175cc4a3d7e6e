// ReportRunTests — `koe run` on the sample city writes report.html: every chart, the sample's own areas and
// quotes, no external address, and the numbers the other outputs hold.
import Foundation
import XCTest

final class ReportRunTests: XCTestCase {
    func testSampleRunWritesTheReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        for id in [
            "chart-ranking", "chart-ranking-all", "chart-heatmap-age", "chart-heatmap-gender", "chart-heatmap-district",
            "chart-portfolio", "chart-gap", "chart-network", "chart-network-1",
        ] {
            XCTAssertTrue(page.contains("<svg id=\"\(id)\""), id)
        }
        XCTAssertFalse(page.contains("http:"))
        XCTAssertFalse(page.contains("https:"))
        // Headline numbers agree with run.json.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run.json"))) as? [String: Any]
        let counts = manifest?["counts"] as? [String: Any]
        let opinions = try XCTUnwrap(counts?["opinions"] as? Int)
        let respondents = try XCTUnwrap(counts?["respondents"] as? Int)
        XCTAssertTrue(page.contains("<div class=\"value\">\(respondents)<small>人</small>"), "respondents \(respondents)")
        XCTAssertTrue(page.contains("<div class=\"value\">\(opinions)<small>件</small>"), "opinions \(opinions)")
        // The plan's own areas and quotes with attribution and ids.
        XCTAssertTrue(page.contains("子育て世代に選ばれる地域の創造"))
        XCTAssertTrue(page.contains("<span class=\"qid\">citizen-survey-"))
        XCTAssertTrue(page.contains("重点改善分野"))
    }
}
