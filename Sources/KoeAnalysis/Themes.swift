// Themes — themes of what the codebook misses (SPEC §6): the untagged opinions' sample clustered, every untagged
// opinion assigned to the nearest theme, each theme labelled by its characteristic words (those that may be
// shown, by how much more weight they carry in it than in the other themes) and represented by the sampled
// opinions nearest its centre.
import Foundation

/// One theme of untagged opinions, a candidate for a new area.
public struct Theme: Sendable, Equatable {
    /// 1, 2, … by size (largest first).
    public var number: Int
    /// Characteristic words, most characteristic first, that may be shown (the label's and the keywords').
    public var words: [String]
    /// Untagged opinions assigned to the theme.
    public var size: Int
    /// Members' places in input order (1-based, the workspace's `opinion_rowid`), ascending.
    public var members: [Int32]
    /// Up to `Themes.representatives` sampled members nearest the theme's centre, nearest first.
    public var representatives: [ThemeOpinion]

    /// The label: the first `Themes.labelWords` words joined with 「・」.
    public var label: String { words.prefix(Themes.labelWords).joined(separator: "・") }
    /// Suggested keywords for a new area: the first `Themes.keywordCount` words.
    public var keywords: [String] { Array(words.prefix(Themes.keywordCount)) }
}

/// Builds the themes of a run's untagged opinions.
public enum Themes {
    public static let labelWords = 3
    public static let keywordCount = 5
    public static let representatives = 3
    /// Candidate words looked at per theme (most characteristic first) before the ones that may be shown are kept.
    static let candidates = 12
    /// Most themes the automatic rule chooses.
    public static let maxAutomatic = 10

    /// The number of themes for `n` untagged opinions with words when the pipeline names none:
    /// round(√(n / 30)), at least 2 and at most `maxAutomatic` (382 opinions → 4, 1,000 → 6, 3,000 or more → 10);
    /// 0 below 10 opinions (too few to group).
    public static func automaticCount(_ n: Int) -> Int {
        guard n >= 10 else { return 0 }
        return min(maxAutomatic, max(2, Int((Double(n) / 30).squareRoot().rounded())))
    }

    /// The themes of `collector`'s opinions. `count`: themes wanted (nil: `automaticCount`); `display`: a word
    /// id's display form; `canShow`: whether a word may be shown; `maskedWords`: which of the given words lie in
    /// masked spans of a normalized text (a label never shows a word that came from a masked name or address).
    public static func build(
        _ collector: ThemeCollector, count: Int?, method: ThemeMethod = .kmeans, display: (Int32) -> String,
        canShow: (String) -> Bool, maskedWords: ([String], String) -> Set<String>
    ) -> [Theme] {
        let sample = collector.sample
        let clustering = ThemeClustering(documents: sample.map(\.words))
        var vectors: [[(Int, Double)]] = []
        var entries: [ThemeCollector.SampleEntry] = []
        // Clustered in hash order (a random order fixed by the ids): average linkage's prefix is a fair sample.
        for e in sample.sorted(by: { $0.hash != $1.hash ? $0.hash < $1.hash : $0.ordinal < $1.ordinal }) {
            let v = clustering.vector(e.words, e.counts)
            if !v.isEmpty {
                vectors.append(v)
                entries.append(e)
            }
        }
        let k = min(count ?? automaticCount(collector.count), vectors.count)
        guard k >= 2 else { return [] }
        let labels = clustering.cluster(vectors, k: k, method: method)
        let centers = ThemeClustering.centroids(vectors, labels, k: k, dimension: clustering.idf.count)
        let table = ThemeClustering.CenterTable(centers, halfNorms: ThemeClustering.halfNorms(centers))
        var scratch = ThemeClustering.VectorScratch(table)
        var members = [[Int32]](repeating: [], count: k)
        collector.forEach { ordinal, words, counts in
            guard let j = clustering.nearest(words, counts, table, &scratch) else { return }
            members[j].append(ordinal)
        }
        var vocabulary = [Int32](repeating: 0, count: clustering.idf.count)
        for (w, i) in clustering.index { vocabulary[i] = w }
        var sizes = [Double](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        var themes: [Theme] = []
        for j in 0..<k where !members[j].isEmpty {
            let mine = entries.indices.filter { labels[$0] == j }
            let nearest = mine.sorted {
                let (a, b) = (ThemeClustering.dot(vectors[$0], centers[j]), ThemeClustering.dot(vectors[$1], centers[j]))
                return a != b ? a > b : entries[$0].hash < entries[$1].hash
            }
            let lift = distinctiveness(centers, sizes: sizes, j)
            let ranked = lift.indices.filter { lift[$0] > 0 }
                .sorted { lift[$0] != lift[$1] ? lift[$0] > lift[$1] : vocabulary[$0] < vocabulary[$1] }
                .prefix(candidates).map { display(vocabulary[$0]) }
            let words = shownWords(ranked, texts: nearest.prefix(20).map { entries[$0].opinion.normalized }, canShow, maskedWords)
            themes.append(
                Theme(
                    number: 0, words: words, size: members[j].count, members: members[j],
                    representatives: distinct(nearest.map { entries[$0].opinion }, limit: representatives)))
        }
        themes.sort { $0.size != $1.size ? $0.size > $1.size : ($0.members.first ?? 0) < ($1.members.first ?? 0) }
        for i in themes.indices { themes[i].number = i + 1 }
        return themes
    }

    /// Per vocabulary word, theme j's mean weight minus the other themes' (weighted by their sampled sizes): a
    /// word every theme uses (高校 in a consultation on high schools) says little about any of them.
    static func distinctiveness(_ centers: [[Double]], sizes: [Double], _ j: Int) -> [Double] {
        let others = sizes.indices.filter { $0 != j }
        let total = others.reduce(0) { $0 + sizes[$1] }
        return centers[j].indices.map { i in
            let rest = total > 0 ? others.reduce(0) { $0 + sizes[$1] * centers[$1][i] } / total : 0
            return centers[j][i] - rest
        }
    }

    /// The first `limit` opinions whose normalized texts differ (copies of one answer are shown once).
    static func distinct(_ opinions: [ThemeOpinion], limit: Int) -> [ThemeOpinion] {
        var seen: Set<String> = []
        var out: [ThemeOpinion] = []
        for o in opinions where out.count < limit && seen.insert(o.normalized).inserted { out.append(o) }
        return out
    }

    /// The words that may be shown: allowed by `canShow` and not inside a masked span of any of `texts`.
    static func shownWords(
        _ words: [String], texts: [String], _ canShow: (String) -> Bool, _ maskedWords: ([String], String) -> Set<String>
    ) -> [String] {
        var masked: Set<String> = []
        for text in texts { masked.formUnion(maskedWords(words, text)) }
        return words.filter { canShow($0) && !masked.contains($0) }
    }
}
