// BaselineWords — the words that rose or fell most between two survey waves: each wave's survey opinions
// containing the word (document frequency, bounded) and the log-likelihood G² of the 2 × 2 table
// (wave × opinion has the word or not), as `scipy.stats.chi2_contingency(t, correction=False,
// lambda_="log-likelihood")`.
import Foundation

/// Survey opinions and, per content word, how many of them contain it (each word once per opinion).
public struct WordCounts: Sendable, Hashable {
    /// Most distinct words kept; later new words are counted in `dropped` (a city survey has some tens of
    /// thousands, so the cap only bounds memory on archive-sized runs).
    public static let maxWords = 200_000
    public private(set) var opinions = 0
    public private(set) var frequency: [String: Int] = [:]
    /// Occurrences of words first seen after the table was full.
    public private(set) var dropped = 0

    public init() {}

    /// One opinion's content words.
    public mutating func add<Words: Sequence<String>>(_ words: Words) {
        opinions += 1
        var seen: Set<String> = []
        for word in words where seen.insert(word).inserted {
            if let n = frequency[word] {
                frequency[word] = n + 1
            } else if frequency.count < Self.maxWords {
                frequency[word] = 1
            } else {
                dropped += 1
            }
        }
    }
}

/// A word whose share of opinions changed between the waves.
public struct BaselineWordChange: Sendable, Hashable {
    public var word: String
    public var now: Int
    public var before: Int
    public var opinionsNow: Int
    public var opinionsBefore: Int
    /// Log-likelihood G² of the 2 × 2 table (df = 1) and its p.
    public var g2: Double
    public var p: Double
    public var shareNow: Double { opinionsNow == 0 ? 0 : Double(now) / Double(opinionsNow) }
    public var shareBefore: Double { opinionsBefore == 0 ? 0 : Double(before) / Double(opinionsBefore) }
    /// True when the word's share rose.
    public var rose: Bool { shareNow > shareBefore }

    /// G² = 2 Σ O ln(O / E) over the four cells (0 ln 0 = 0).
    public static func g2(_ a: Int, of n1: Int, _ b: Int, of n2: Int) -> Double {
        let n = Double(n1 + n2)
        let cells = [(a, n1, a + b), (n1 - a, n1, n1 + n2 - a - b), (b, n2, a + b), (n2 - b, n2, n1 + n2 - a - b)]
        var sum = 0.0
        for (o, row, column) in cells where o > 0 {
            let e = Double(row) * Double(column) / n
            sum += Double(o) * log(Double(o) / e)
        }
        return max(2 * sum, 0)
    }

    /// The `limit` words that rose most and the `limit` that fell most (by G², words in at least `minimum`
    /// opinions of the two waves together), rising first; ties by word.
    public static func changes(now: WordCounts, before: WordCounts, limit: Int = 15, minimum: Int = 5) -> [BaselineWordChange] {
        guard now.opinions > 0, before.opinions > 0 else { return [] }
        var all: [BaselineWordChange] = []
        for word in Set(now.frequency.keys).union(before.frequency.keys) {
            let a = now.frequency[word] ?? 0
            let b = before.frequency[word] ?? 0
            guard a + b >= minimum else { continue }
            let g = g2(a, of: now.opinions, b, of: before.opinions)
            all.append(
                BaselineWordChange(
                    word: word, now: a, before: b, opinionsNow: now.opinions, opinionsBefore: before.opinions, g2: g,
                    p: ChiSquareDistribution.upperTail(g, df: 1) ?? 1))
        }
        let order = { (x: BaselineWordChange, y: BaselineWordChange) in x.g2 != y.g2 ? x.g2 > y.g2 : x.word < y.word }
        let rose = all.filter(\.rose).sorted(by: order).prefix(limit)
        let fell = all.filter { !$0.rose && $0.shareNow != $0.shareBefore }.sorted(by: order).prefix(limit)
        return Array(rose) + Array(fell)
    }
}
