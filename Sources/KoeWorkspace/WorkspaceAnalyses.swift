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
