// ChosenQuotes — opinions read back by id as quote candidates (with group and provenance), and the quotes the
// plan team chose in koe serve, in plan order (what `koe quotes --chosen` and quotes.docx print).
import Foundation
import KoeCore
import KoeQuotes

/// One choice of the `choices` table with its quote.
public struct ChosenQuote: Sendable {
    public var area: String
    public var quote: WorkspaceQuote
    /// The opinion's text changed (or the opinion is gone) since the choice: it needs a look again.
    public var changed: Bool
    /// A person confirmed a quote flagged for review.
    public var confirmed: Bool
    /// Spans masked by hand for this opinion.
    public var extraMasks: [String]
}

extension QuoteWorkspace {
    /// The opinions with `ids` as quote candidates (group and size from near_duplicates), by id; unknown ids
    /// are left out.
    public func workspaceQuotes(ids: [String]) throws -> [String: WorkspaceQuote] {
        let statement = try database.prepare(
            """
            SELECT o.id, o.text, o.kind, o.source, o.row, o.column_label, o.respondent, o.age, o.gender, o.district,
                o.type, o.horizon, o.words, d.group_id, d.group_size
            FROM opinions o LEFT JOIN near_duplicates d ON d.opinion_id = o.id WHERE o.id = ?1
            """)
        let labels = try sessionLabels()
        var out: [String: WorkspaceQuote] = [:]
        for id in ids where out[id] == nil {
            statement.bind([.text(id)])
            defer { statement.reset() }
            guard try statement.next() else { continue }
            let source = statement.text(3) ?? ""
            let type = statement.text(10)
            var candidate = QuoteCandidate(
                id: id, text: statement.text(1) ?? "",
                segments: Segments(age: statement.text(7), gender: statement.text(8), district: statement.text(9)),
                type: type == OpinionType.unknown.rawValue ? nil : type,
                respondent: statement.text(6).map { "\(source)#\($0)" } ?? id,
                session: statement.text(2) == "workshop" ? labels[source] ?? SessionLabel.label(title: nil, file: source) : nil,
                words: (statement.text(12) ?? "").split(separator: " ").map(String.init))
            candidate.group = statement.text(13)
            candidate.groupSize = statement.integer(14) ?? 1
            out[id] = WorkspaceQuote(
                candidate: candidate, source: source, row: statement.integer(4), column: statement.text(5),
                horizon: statement.text(11) ?? "unknown")
        }
        return out
    }

    /// Hand-masked spans per opinion id (empty when the workspace has no choice tables).
    public func extraMasks() throws -> [String: [String]] {
        guard try ChoiceTables.exist(in: database) else { return [:] }
        let statement = try database.prepare("SELECT opinion_id, span FROM extra_masks ORDER BY seq")
        var out: [String: [String]] = [:]
        while try statement.next() { out[statement.text(0) ?? "", default: []].append(statement.text(1) ?? "") }
        return out
    }

    /// The quotes chosen for use (`choice = 'use'`), in plan order of their area and then in the order chosen.
    /// Changed ones are included with `changed` set (callers print them apart, never as if still valid).
    public func chosenQuotes() throws -> [ChosenQuote] {
        guard try ChoiceTables.exist(in: database) else { return [] }
        let statement = try database.prepare(
            """
            SELECT c.area, c.opinion_id, c.changed, c.confirmed FROM choices c JOIN areas a ON a.code = c.area
            WHERE c.choice = 'use' ORDER BY a.plan_order, c.seq
            """)
        var rows: [(String, String, Bool, Bool)] = []
        while try statement.next() {
            rows.append((statement.text(0) ?? "", statement.text(1) ?? "", statement.integer(2) == 1, statement.integer(3) == 1))
        }
        let quotes = try workspaceQuotes(ids: rows.map(\.1))
        let masks = try extraMasks()
        return rows.map { row in
            let quote =
                quotes[row.1]
                ?? WorkspaceQuote(
                    candidate: QuoteCandidate(id: row.1, text: "", segments: Segments(), type: nil, respondent: nil), source: "",
                    row: nil, column: nil, horizon: "unknown")
            return ChosenQuote(
                area: row.0, quote: quote, changed: row.2 || quotes[row.1] == nil, confirmed: row.3, extraMasks: masks[row.1] ?? [])
        }
    }
}
