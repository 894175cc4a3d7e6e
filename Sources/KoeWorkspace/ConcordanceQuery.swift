// ConcordanceQuery — the opinions behind `koe kwic`: those whose content words hold a word (FTS5 over koe's
// word keys), filtered as `koe quotes` filters (area with descendants, segments, type, horizon), in input order.
import KoeCore
import KoeQuotes

/// An opinion that holds the searched word, with what a concordance line shows about it.
public struct ConcordanceOpinion: Sendable {
    public var id: String
    /// Verbatim text (the caller masks it before showing it).
    public var text: String
    public var segments: Segments
    /// The workshop session label, for the attribution of a note.
    public var session: String?
}

extension QuoteWorkspace {
    /// Opinions holding every word of `filter.words`, in input order, at most `limit`.
    public func concordanceOpinions(_ filter: QuoteFilter, limit: Int) throws -> [ConcordanceOpinion] {
        var filtered = try filterSQL(filter)
        let limitParameter = filtered.parameter(.integer(limit))
        let sql =
            "SELECT o.id, o.text, o.age, o.gender, o.district, o.kind, o.source FROM opinions o" + filtered.whereClause
            + " ORDER BY o.opinion_rowid LIMIT \(limitParameter)"
        let statement = try database.prepare(sql)
        statement.bind(filtered.values)
        let labels = try sessionLabels()
        var out: [ConcordanceOpinion] = []
        while try statement.next() {
            let source = statement.text(6) ?? ""
            out.append(
                ConcordanceOpinion(
                    id: statement.text(0) ?? "", text: statement.text(1) ?? "",
                    segments: Segments(age: statement.text(2), gender: statement.text(3), district: statement.text(4)),
                    session: statement.text(5) == "workshop" ? labels[source] ?? SessionLabel.label(title: nil, file: source) : nil))
        }
        return out
    }
}
