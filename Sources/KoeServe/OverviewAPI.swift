// OverviewAPI — the overview page's data, live from the workspace: headline counts, the priority ranking
// (summary table) and a heat map of share by segment value with adjusted residuals (crosstab table), the
// same numbers as summary.csv, crosstab.csv and report.html.
import Foundation
import KoeCore
import KoeWorkspace

struct OverviewAPI {
    let store: WorkbenchStore

    func respond(_ request: WorkbenchRequest) throws -> WorkbenchResponse? {
        guard request.method == "GET", request.path == "/api/overview" else { return nil }
        let segment = request.query["segment"] ?? "age"
        guard ["age", "gender", "district"].contains(segment) else {
            throw KoeError(code: "bad-segment", message: "segment は age・gender・district のいずれかです")
        }
        return .json(try store.locked { try overview(segment: segment) })
    }

    private func overview(segment: String) throws -> JSONValue {
        let db = store.workspace.database
        func count(_ sql: String) throws -> Int {
            let statement = try db.prepare(sql)
            return try statement.next() ? statement.integer(0) ?? 0 : 0
        }
        let opinions = try count("SELECT count(*) FROM opinions")
        let tagged = try count("SELECT count(*) FROM opinions WHERE tagged = 1")
        let respondents = try count("SELECT count(*) FROM respondents")
        let summary = try db.prepare(
            """
            SELECT s.area, s.name, s.level, s.opinions, s.respondents, s.share, s.rank, s.importance, s.satisfaction,
                s.improvement_index, s.quadrant FROM summary s JOIN areas a ON a.code = s.area ORDER BY a.plan_order
            """)
        var ranking: [JSONValue] = []
        while try summary.next() {
            ranking.append(
                .object([
                    ("area", .string(summary.text(0) ?? "")), ("name", .string(summary.text(1) ?? "")),
                    ("level", .int(summary.integer(2) ?? 1)), ("opinions", .int(summary.integer(3) ?? 0)),
                    ("respondents", .int(summary.integer(4) ?? 0)), ("share", .optional(summary.real(5))),
                    ("rank", .optional(summary.integer(6))), ("importance", .optional(summary.real(7))),
                    ("satisfaction", .optional(summary.real(8))), ("improvement_index", .optional(summary.real(9))),
                    ("quadrant", .optional(summary.text(10))),
                ]))
        }
        let cells = try db.prepare(
            """
            SELECT c.area, c.value, c.share, c.adjusted_residual, c.p_holm, c.min_expected, c.respondents
            FROM crosstab c JOIN areas a ON a.code = c.area WHERE c.segment = ?1 ORDER BY a.plan_order, c.value
            """)
        cells.bind([.text(segment)])
        var heat: [JSONValue] = []
        while try cells.next() {
            heat.append(
                .object([
                    ("area", .string(cells.text(0) ?? "")), ("value", .string(cells.text(1) ?? "")), ("share", .optional(cells.real(2))),
                    ("adjusted_residual", .optional(cells.real(3))), ("p_holm", .optional(cells.real(4))),
                    ("min_expected", .optional(cells.real(5))), ("respondents", .optional(cells.integer(6))),
                ]))
        }
        return .object([
            ("title", .optional(try store.meta("title"))), ("opinions", .int(opinions)), ("tagged", .int(tagged)),
            ("respondents", .int(respondents)), ("segment", .string(segment)), ("ranking", .array(ranking)), ("heat", .array(heat)),
        ])
    }
}
