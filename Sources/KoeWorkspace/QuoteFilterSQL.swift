// QuoteFilterSQL — the one translation of a `QuoteFilter` into SQL over `opinions o` (area with its descendants'
// tags, segments, type, horizon, every word through FTS5), shared by `koe quotes` and `koe kwic` (ConcordanceQuery).
import KoeCore

/// The WHERE clause of a filter and its numbered parameters (`?1`, `?2`, …), to bind in order.
struct QuoteFilterSQL {
    /// The conditions, joined by AND.
    private(set) var conditions: [String] = []
    /// The parameter values; a caller adds its own after them (`parameter(_:)`).
    private(set) var values: [SQLiteValue] = []

    /// The conditions of `filter`; empty fields do not filter.
    init(_ filter: QuoteFilter) {
        add("o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = ?)", filter.area)
        add("o.age = ?", filter.age)
        add("o.gender = ?", filter.gender)
        add("o.district = ?", filter.district)
        add("o.type = ?", filter.type)
        add("o.horizon = ?", filter.horizon)
        if !filter.words.isEmpty {
            add(
                "o.opinion_rowid IN (SELECT rowid FROM opinion_words WHERE opinion_words MATCH ?)",
                QuoteWorkspace.match(filter.words))
        }
    }

    /// ` WHERE …` (with its leading space), or nothing when the filter is empty.
    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    /// Adds one more parameter (a LIMIT) and returns its placeholder.
    mutating func parameter(_ value: SQLiteValue) -> String {
        values.append(value)
        return "?\(values.count)"
    }

    private mutating func add(_ condition: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        conditions.append(condition.replacingOccurrences(of: "?", with: parameter(.text(value))))
    }
}

extension QuoteWorkspace {
    /// The SQL of `filter`, after checking that its area is one of the plan's (`unknown-area` otherwise).
    func filterSQL(_ filter: QuoteFilter) throws -> QuoteFilterSQL {
        if let area = filter.area, try !areaCodes().contains(area) {
            throw KoeError(
                code: "unknown-area", message: "分野コード「\(area)」はこのワークスペースの体系にありません",
                hint: "コードブックのコード（例: A、1、1-1）を指定してください", location: SourceLocation(file: url.path))
        }
        return QuoteFilterSQL(filter)
    }
}
