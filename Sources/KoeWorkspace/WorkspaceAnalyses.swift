// WorkspaceAnalyses — the text analyses' tables of koe.sqlite: words (抽出語リスト), related_words,
// correspondence and correspondence_inertia, themes and theme_members (schema in docs/outputs.md).
import KoeAnalysis

extension WorkspaceBuilder {
    /// Every table of the text analyses, in a fixed order.
    public func addAnalyses(_ analyses: TextAnalyses) throws {
        try addWords(analyses.words)
        try addRelatedWords(analyses.related)
        try addCorrespondence(analyses.correspondence)
    }

    /// Themes of untagged opinions: `themes(theme, label, size, keywords, representatives)` (keywords a JSON array
    /// of words, `keywordsJSON[i]`; `representatives` the JSON array `representativesJSON[i]` of theme i, printed as quotes) and
    /// `theme_members(theme, opinion_id, representative)` (representative 1–3 for the printed ones, nearest the
    /// theme's centre first, listed first; 0 for the others, in input order). Members are found by their place in
    /// input order, which is their `opinion_rowid`: call after every opinion has been added.
    public func addThemes(_ themes: [Theme], keywordsJSON: [String], representativesJSON: [String]) throws {
        let theme = try database.prepare("INSERT INTO themes VALUES (?1, ?2, ?3, ?4, ?5)")
        // Members are many (every untagged opinion at real scale): each theme's are inserted by one statement
        // that reads their ids in SQLite, the rowids given as a JSON array walked in order (CROSS JOIN keeps
        // json_each as the outer loop, so rows go in in array order; an opinion not stored, which cannot
        // happen, adds no row). No id comes back to Swift; the representatives (three) go in first, one each.
        // The ids are read from `quote_rank` (every opinion's row, the same id, a fifth of the opinions table's
        // pages: each theme walks the table again and most of it is no longer in the page cache).
        let representative = try database.prepare(
            "INSERT INTO theme_members SELECT ?1, id, ?3 FROM quote_rank WHERE opinion_rowid = ?2")
        let members = try database.prepare(
            """
            INSERT INTO theme_members SELECT ?1, o.id, 0
            FROM json_each(?2) AS j CROSS JOIN quote_rank AS o ON o.opinion_rowid = j.value
            """)
        var rowids: [UInt8] = []
        try transaction {
            for (i, t) in themes.enumerated() {
                let keywords = i < keywordsJSON.count ? keywordsJSON[i] : "[]"
                try theme.run([
                    .integer(t.number), .text(t.label), .integer(t.size), .text(keywords),
                    .text(i < representativesJSON.count ? representativesJSON[i] : "[]"),
                ])
                let first = Dictionary(t.representatives.enumerated().map { ($1.ordinal, $0 + 1) }, uniquingKeysWith: { a, _ in a })
                for r in t.representatives {
                    try representative.run([.integer(t.number), .integer(Int(r.ordinal)), .integer(first[r.ordinal] ?? 0)])
                }
                Self.jsonArray(of: t.members.lazy.filter { first[$0] == nil }, into: &rowids)
                try members.run([.integer(t.number), .text(String(decoding: rowids, as: UTF8.self))])
            }
        }
    }

    /// Writes the JSON array of `numbers` (`[1,5,9]`) into `out`, replacing what it held.
    static func jsonArray<S: Sequence>(of numbers: S, into out: inout [UInt8]) where S.Element == Int32 {
        out.removeAll(keepingCapacity: true)
        out.append(0x5B)  // [
        var digits: [UInt8] = []
        for n in numbers {
            if out.count > 1 { out.append(0x2C) }  // ,
            if n < 0 { out.append(0x2D) }  // -
            var m = Int(n).magnitude
            digits.removeAll(keepingCapacity: true)
            repeat {
                digits.append(0x30 + UInt8(m % 10))
                m /= 10
            } while m > 0
            out.append(contentsOf: digits.reversed())
        }
        out.append(0x5D)  // ]
    }

    /// The word list: one row per word and cell (area and segment empty for the whole).
    public func addWords(_ rows: [WordRow]) throws {
        // Tens of thousands of rows: bound in place, many rows per statement run.
        let insert = try SQLiteInserter(database, table: "words", columns: 6)
        try transaction {
            for r in rows {
                try insert.add { row in
                    row.add(r.word)
                    row.add(r.area)
                    row.add(r.segment)
                    row.add(r.value)
                    row.add(r.frequency)
                    row.add(r.opinions)
                }
            }
            try insert.flush()
        }
    }
}

extension WorkspaceBuilder {
    /// Related words per area: `area, word, jaccard, g2, p, is_keyword`.
    public func addRelatedWords(_ rows: [RelatedWord]) throws {
        let insert = try database.prepare("INSERT INTO related_words VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        try transaction {
            for r in rows {
                try insert.run([.text(r.area), .text(r.word), .real(r.jaccard), .real(r.g2), .real(r.p), .integer(r.isKeyword ? 1 : 0)])
            }
        }
    }
}

extension WorkspaceBuilder {
    /// 対応分析: `correspondence(analysis, kind, label, dim1, dim2)` (kind row|column) and
    /// `correspondence_inertia(analysis, dim, share)` (dim from 1).
    public func addCorrespondence(_ results: [CorrespondenceResult]) throws {
        let point = try database.prepare("INSERT INTO correspondence VALUES (?1, ?2, ?3, ?4, ?5)")
        let inertia = try database.prepare("INSERT INTO correspondence_inertia VALUES (?1, ?2, ?3)")
        try transaction {
            for r in results {
                for (kind, points) in [("row", r.rows), ("column", r.columns)] {
                    for p in points { try point.run([.text(r.analysis), .text(kind), .text(p.label), .real(p.dim1), .real(p.dim2)]) }
                }
                for (k, share) in r.shares.enumerated() { try inertia.run([.text(r.analysis), .integer(k + 1), .real(share)]) }
            }
        }
    }
}
