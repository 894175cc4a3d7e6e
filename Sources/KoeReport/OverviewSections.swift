// OverviewSections — report.html's first three sections (headline numbers, the priority ranking, the area × segment
// heat maps with ▲▼) as one HTML fragment, cut from the page this renderer draws: koe serve's overview shows the
// same markup and numbers as the report.
import Foundation

extension ReportRenderer {
    /// The sections `headline`, `ranking` and `segments` of the page for `model` (escaped as the page is).
    public func overviewSections(_ model: ReportModel) throws -> String {
        let page = try render(model)
        guard let start = page.range(of: "<section id=\"headline\">"), let segments = page.range(of: "<section id=\"segments\">"),
            let end = page.range(of: "</section>", range: segments.upperBound..<page.endIndex)
        else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }
}
