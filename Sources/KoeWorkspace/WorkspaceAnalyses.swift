// WorkspaceAnalyses — the text analyses' tables of koe.sqlite: words (抽出語リスト), related_words,
// correspondence and correspondence_inertia, themes and theme_members (schema in docs/outputs.md).
import KoeAnalysis

extension WorkspaceBuilder {
    /// Every table of the text analyses, in a fixed order.
    public func addAnalyses(_ analyses: TextAnalyses) throws {
        try addWords(analyses.words)
        try addRelatedWords(analyses.related)
    }

    /// The word list: one row per word and cell (area and segment empty for the whole).
    public func addWords(_ rows: [WordRow]) throws {
        let insert = try database.prepare("INSERT INTO words VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        try transaction {
            for r in rows {
                try insert.run([
                    .text(r.word), .text(r.area), .text(r.segment), .text(r.value), .integer(r.frequency), .integer(r.opinions),
                ])
            }
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
