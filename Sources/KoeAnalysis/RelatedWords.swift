// RelatedWords — KH Coder's 関連語検索 per area against the rest: words whose opinions overlap the area's
// tagged opinions (Jaccard over opinions) with the log-likelihood G² of the 2 × 2 table and its p; words
// that are not yet keywords of the area are the codebook's suggestions.
import Foundation

/// A word associated with an area's opinions.
public struct RelatedWord: Sendable, Equatable {
    public var area: String
    public var word: String
    /// |opinions with the word and tagged| / |opinions with the word or tagged|.
    public var jaccard: Double
    /// Log-likelihood G² of (word yes/no) × (tagged yes/no) over all opinions.
    public var g2: Double
    /// Upper tail of χ²(1) at `g2`.
    public var p: Double
    /// The word is already a keyword of the area or of an area below it.
    public var isKeyword: Bool
}

public enum RelatedWords {
    /// Words kept per area (KH Coder's default list is 20 long).
    public static let perArea = 20
    /// Opinions of the area a word must appear in.
    public static let minOpinions = 2

    /// G² = 2 Σ O ln(O / E) of the 2 × 2 table [[a, b], [c, d]] (no continuity correction; 0 · ln 0 = 0).
    public static func g2(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let n = Double(a + b + c + d)
        guard n > 0 else { return 0 }
        let rows = [Double(a + b), Double(c + d)]
        let columns = [Double(a + c), Double(b + d)]
        var sum = 0.0
        for (i, o) in [a, b, c, d].enumerated() where o > 0 {
            let expected = rows[i / 2] * columns[i % 2] / n
            sum += Double(o) * log(Double(o) / expected)
        }
        return max(0, 2 * sum)
    }

    /// The related words of each area (plan order), at most `perArea` each: words in at least `minOpinions` of
    /// the area's opinions and relatively more frequent there than elsewhere, by Jaccard (then G², then
    /// word). `keywordKeys[i]` holds area i's keyword keys, compared with the counter's word keys.
    public static func compute(_ counter: WordCounter, areas: [String], keywordKeys: [Set<String>]) -> [RelatedWord] {
        compute(counter, ranked: counter.ranked(), areas: areas, keywordKeys: keywordKeys)
    }

    /// `compute` with `counter.ranked()` already worked out.
    public static func compute(
        _ counter: WordCounter, ranked: [[(id: Int, frequency: Int, opinions: Int)]], areas: [String],
        keywordKeys: [Set<String>]
    ) -> [RelatedWord] {
        let total = counter.opinionCount
        var out: [RelatedWord] = []
        for (i, code) in areas.enumerated() where 1 + i < ranked.count {
            let tagged = counter.opinionsPerArea[i]
            guard tagged > 0, tagged < total else { continue }
            var list: [RelatedWord] = []
            for r in ranked[1 + i] where r.opinions >= minOpinions {
                let with = counter.counts(r.id, cell: 0).opinions
                let a = r.opinions
                // Positively associated only: a share of the word's opinions above the area's share of all.
                guard Double(a) * Double(total) > Double(with) * Double(tagged) else { continue }
                let g2 = g2(a, with - a, tagged - a, total - with - tagged + a)
                list.append(
                    RelatedWord(
                        area: code, word: counter.display[r.id], jaccard: Double(a) / Double(with + tagged - a), g2: g2,
                        p: ChiSquareDistribution.upperTail(g2, df: 1) ?? 1,
                        isKeyword: i < keywordKeys.count && keywordKeys[i].contains(counter.keys[r.id])))
            }
            list.sort {
                if $0.jaccard != $1.jaccard { return $0.jaccard > $1.jaccard }
                if $0.g2 != $1.g2 { return $0.g2 > $1.g2 }
                return $0.word.utf8.lexicographicallyPrecedes($1.word.utf8)
            }
            out += list.prefix(perArea)
        }
        return out
    }
}
