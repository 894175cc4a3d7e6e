// OverviewReport — the overview page's sections drawn by KoeReport from the workspace: headline numbers, the
// priority ranking and the heat maps with ▲▼, from the same summary and cross-tab rows report.html was drawn
// from, so the workbench and the report say the same thing (OverviewReportTests compares them).
import Foundation
import KoeCore
import KoeReport
import KoeWorkspace

/// A ReportModel of the workspace's headline, summary and cross-tabs (the report's first three sections).
struct OverviewReport {
    let store: WorkbenchStore

    /// The sections as HTML, escaped by KoeReport's template.
    func html() throws -> String {
        try ReportRenderer(version: try store.meta("version") ?? "").overviewSections(try model())
    }

    func model() throws -> ReportModel {
        let db = store.workspace.database
        func count(_ sql: String) throws -> Int {
            let statement = try db.prepare(sql)
            return try statement.next() ? statement.integer(0) ?? 0 : 0
        }
        let headline = ReportModel.Headline(
            respondents: try count("SELECT count(*) FROM respondents"), opinions: try count("SELECT count(*) FROM opinions"),
            sources: try count("SELECT count(*) FROM sources"), tagged: try count("SELECT count(*) FROM opinions WHERE tagged = 1"),
            rejected: try count("SELECT count(*) FROM rejected"),
            duplicateGroups: try count("SELECT count(DISTINCT group_id) FROM near_duplicates"),
            workshopNotes: try count("SELECT count(*) FROM opinions WHERE kind = 'workshop'"))
        let summary = try db.prepare(
            """
            SELECT s.area, s.name, s.level, s.opinions, s.respondents, s.share, s.rank FROM summary s
            JOIN areas a ON a.code = s.area ORDER BY a.plan_order
            """)
        var areas: [ReportModel.Area] = []
        while try summary.next() {
            areas.append(
                ReportModel.Area(
                    code: summary.text(0) ?? "", name: summary.text(1) ?? "", level: summary.integer(2) ?? 1,
                    opinions: summary.integer(3) ?? 0, respondents: summary.integer(4) ?? 0, share: summary.real(5) ?? 0,
                    rank: summary.integer(6) ?? 0))
        }
        return ReportModel(
            title: try store.meta("title") ?? "", headline: headline, areas: areas, segments: try segments(),
            untagged: ReportModel.Untagged(count: headline.opinions - headline.tagged, keywords: []),
            provenance: ReportModel.Provenance(version: "", pipeline: "", inputs: [], codebook: nil))
    }

    /// One table per segment (年代, 性別, 地区) in the order the run wrote the rows, as the report groups crosstab.csv:
    /// values and areas in first-seen order, each row's smallest expected count and p from its first line.
    func segments() throws -> [ReportModel.SegmentTable] {
        let statement = try store.workspace.database.prepare(
            """
            SELECT area, value, respondents, mentioning, share, adjusted_residual, min_expected, p, expected
            FROM crosstab WHERE segment = ?1 ORDER BY rowid
            """)
        let labels = [("age", "年代"), ("gender", "性別"), ("district", "地区")]
        return try labels.compactMap { key, label in
            statement.bind([.text(key)])
            defer { statement.reset() }
            var values: [String] = []
            var column: [String: Int] = [:]
            var order: [String] = []
            var rows: [String: (cells: [Int: ReportModel.SegmentTable.Cell], minExpected: Double?, p: Double?, smallest: Double)] = [:]
            while try statement.next() {
                let area = statement.text(0) ?? ""
                let value = statement.text(1) ?? ""
                if column[value] == nil {
                    column[value] = values.count
                    values.append(value)
                }
                let respondents = statement.integer(2) ?? 0
                let expected = statement.real(8) ?? 0
                if rows[area] == nil {
                    order.append(area)
                    rows[area] = ([:], statement.real(6), statement.real(7), .infinity)
                }
                rows[area]?.cells[column[value] ?? 0] = ReportModel.SegmentTable.Cell(
                    respondents: respondents, mentioning: statement.integer(3) ?? 0, share: statement.real(4) ?? 0,
                    adjustedResidual: statement.real(5))
                let smallest = rows[area]?.smallest ?? .infinity
                rows[area]?.smallest = min(smallest, min(expected, Double(respondents) - expected))
            }
            guard !order.isEmpty else { return nil }
            let tables = order.compactMap { area in
                rows[area].map { r in
                    ReportModel.SegmentTable.Row(
                        area: area, cells: values.indices.map { r.cells[$0] }, minExpected: r.minExpected ?? r.smallest, p: r.p)
                }
            }
            return ReportModel.SegmentTable(label: label, key: key, values: values, rows: tables)
        }
    }
}
