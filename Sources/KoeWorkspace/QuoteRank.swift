// QuoteRank — `koe quotes` (and koe serve's quote desk) ranked in SQL from the run's `quote_rank` table: the pool
// of best candidates is read in score order with the filters applied and stops once full, the section's
// common words are counted from the stored informative words, and only the pooled opinions are built as
// candidates. The same picks as scanning every opinion (QuoteQueryTests compares both on the sample).
import Foundation
import KoeCore
import KoeQuotes

extension QuoteWorkspace {
    /// Whether the run stored the per-opinion score parts (`quote_rank`, written by koe run since it exists).
    func hasQuoteRank() throws -> Bool {
        try hasTable("quote_rank")
    }

    /// The quotes of `filter` from `quote_rank`; `conditions` and `values` are the filter's SQL over `opinions o`.
    func rankedQuotes(_ filter: QuoteFilter, conditions: [String], values: [SQLiteValue]) throws -> [WorkspaceQuote] {
        var selector = QuoteSelector(perArea: max(0, filter.limit))
        guard filter.limit > 0 else { return [] }
        let from =
            "FROM quote_rank r JOIN opinions o ON o.opinion_rowid = r.opinion_rowid"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        // The section's common words: stored by the run for all opinions, each area, each single value of a
        // segment, type or horizon and each area × such a value (QuoteCommonWords); else every matching opinion
        // counted in opinion order, as the scan does.
        var common: [String: [String]] = [:]
        if let known = try storedCommonWords(filter) {
            common["q"] = known
        } else {
            let counted = try database.prepare("SELECT r.counted \(from) ORDER BY r.opinion_rowid")
            counted.bind(values)
            while try counted.next() {
                guard let text = counted.text(0), !text.isEmpty else { continue }
                selector.count(text.split(separator: " ").map(String.init), area: "q")
            }
        }
        // The pool: best base score first (ties by id), one opinion per text, until the pool is full.
        let capacity = selector.capacity(of: "q")
        let order = try database.prepare("SELECT r.opinion_rowid, r.text_key \(from) ORDER BY r.base DESC, r.id")
        order.bind(values)
        var rowids: [Int] = []
        var keys: Set<Int> = []
        while rowids.count < capacity, try order.next() {
            guard let rowid = order.integer(0), keys.insert(order.integer(1) ?? rowid).inserted else { continue }
            rowids.append(rowid)
        }
        let pooled = try candidates(rowids: rowids)
        for candidate in pooled.candidates { selector.offerOnly(candidate, area: "q") }
        let picked = selector.select(areas: [(code: "q", level: 1)], group: { pooled.groups[$0] }, common: common)["q"] ?? []
        return picked.map { c in
            pooled.provenance[c.id].map {
                WorkspaceQuote(candidate: c, source: $0.source, row: $0.row, column: $0.column, horizon: $0.horizon)
            }
                ?? WorkspaceQuote(candidate: c, source: "", row: nil, column: nil, horizon: "unknown")
        }
    }

    /// The opinions at `rowids` as quote candidates (in that order), with their near-duplicate groups and provenance.
    private func candidates(rowids: [Int]) throws -> (
        candidates: [QuoteCandidate], groups: [String: (id: String, size: Int)],
        provenance: [String: (source: String, row: Int?, column: String?, horizon: String)]
    ) {
        let statement = try database.prepare(
            """
            SELECT o.id, o.text, o.kind, o.source, o.row, o.column_label, o.respondent, o.age, o.gender, o.district,
                o.type, o.horizon, o.words, d.group_id, d.group_size
            FROM opinions o LEFT JOIN near_duplicates d ON d.opinion_id = o.id WHERE o.opinion_rowid = ?1
            """)
        let labels = try sessionLabels()
        var out: [QuoteCandidate] = []
        var groups: [String: (id: String, size: Int)] = [:]
        var provenance: [String: (source: String, row: Int?, column: String?, horizon: String)] = [:]
        for rowid in rowids {
            statement.bind([.integer(rowid)])
            defer { statement.reset() }
            guard try statement.next() else { continue }
            let id = statement.text(0) ?? ""
            let source = statement.text(3) ?? ""
            let type = statement.text(10)
            out.append(
                QuoteCandidate(
                    id: id, text: statement.text(1) ?? "",
                    segments: Segments(age: statement.text(7), gender: statement.text(8), district: statement.text(9)),
                    type: type == OpinionType.unknown.rawValue ? nil : type,
                    respondent: statement.text(6).map { "\(source)#\($0)" } ?? id,
                    session: statement.text(2) == "workshop" ? labels[source] ?? SessionLabel.label(title: nil, file: source) : nil,
                    words: (statement.text(12) ?? "").split(separator: " ").map(String.init)))
            if let group = statement.text(13), let size = statement.integer(14) { groups[id] = (group, size) }
            provenance[id] = (source, statement.integer(4), statement.text(5), statement.text(11) ?? "unknown")
        }
        return (out, groups, provenance)
    }
}
