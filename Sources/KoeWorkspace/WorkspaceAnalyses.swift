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
        // Members are many (every untagged opinion at real scale): each id is read by its rowid and the rows are
        // inserted many per statement run (an opinion not stored, which cannot happen, adds no row).
        let idOf = try database.prepare("SELECT id FROM opinions WHERE opinion_rowid = ?1")
        let insertMember = try SQLiteInserter(database, table: "theme_members", columns: 3)
        func member(_ theme: Int, _ ordinal: Int, _ representative: Int) throws {
            idOf.bind([.integer(ordinal)])
            defer { idOf.reset() }
            guard try idOf.next(), let id = idOf.text(0) else { return }
            try insertMember.add { row in
                row.add(theme)
                row.add(id)
                row.add(representative)
            }
        }
        try transaction {
            for (i, t) in themes.enumerated() {
                let keywords = i < keywordsJSON.count ? keywordsJSON[i] : "[]"
                try theme.run([
                    .integer(t.number), .text(t.label), .integer(t.size), .text(keywords),
                    .text(i < representativesJSON.count ? representativesJSON[i] : "[]"),
                ])
                let first = Dictionary(t.representatives.enumerated().map { ($1.ordinal, $0 + 1) }, uniquingKeysWith: { a, _ in a })
                for r in t.representatives { try member(t.number, Int(r.ordinal), first[r.ordinal] ?? 0) }
                for o in t.members where first[o] == nil { try member(t.number, Int(o), 0) }
            }
            try insertMember.flush()
        }
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
