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
        if let area = filter.area, try !areaCodes().contains(area) {
            throw KoeError(
                code: "unknown-area", message: "分野コード「\(area)」はこのワークスペースの体系にありません",
                hint: "コードブックのコード（例: A、1、1-1）を指定してください", location: SourceLocation(file: url.path))
        }
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        func add(_ condition: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            values.append(.text(value))
            conditions.append(condition.replacingOccurrences(of: "?", with: "?\(values.count)"))
        }
        add("o.opinion_rowid IN (SELECT rowid FROM opinion_words WHERE opinion_words MATCH ?)", Self.match(filter.words))
        add("o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = ?)", filter.area)
        add("o.age = ?", filter.age)
        add("o.gender = ?", filter.gender)
        add("o.district = ?", filter.district)
        add("o.type = ?", filter.type)
        add("o.horizon = ?", filter.horizon)
        values.append(.integer(limit))
        let sql =
            "SELECT o.id, o.text, o.age, o.gender, o.district, o.kind, o.source FROM opinions o WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY o.opinion_rowid LIMIT ?\(values.count)"
        let statement = try database.prepare(sql)
        statement.bind(values)
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
