// KeynessSuggester — the codebook work loop: content words and word pairs most characteristic of untagged
// opinions against tagged ones (log-likelihood G²), with counts and example opinions.
import Foundation
import KoeText

/// A candidate keyword for the codebook.
public struct KeynessSuggestion: Sendable, Hashable {
    /// The term in normalized form (as a codebook keyword would be written).
    public var term: String
    /// Its token keys.
    public var keys: [String]
    /// Occurrences in untagged and tagged opinions.
    public var untagged: Int
    public var tagged: Int
    /// Log-likelihood G² of the 2×2 table (term vs other content words × untagged vs tagged).
    public var g2: Double
    /// Up to two untagged opinions containing the term (id, verbatim text).
    public var examples: [Example]

    public struct Example: Sendable, Hashable {
        public var id: String
        public var text: String
    }
}

/// Collects tokenized opinions (tagged or not) and ranks the terms over-represented in the untagged ones.
/// Terms are content words in dictionary form (減らそう → 減らす) — never particles, kana fragments or a lone
/// kanji — and the pairs and compound runs that adjacent nouns form (学童|保育 → 学童保育, 30|年後 → 30年後).
public struct KeynessSuggester: Sendable {
    private struct Entry: Sendable {
        var term: String
        var keys: [String]
        var untagged = 0
        var tagged = 0
        var examples: [KeynessSuggestion.Example] = []
    }

    private var entries: [String: Entry] = [:]
    private var totalUntagged = 0
    private var totalTagged = 0
    public private(set) var untaggedOpinions = 0
    public private(set) var taggedOpinions = 0
    /// Terms seen fewer times than this in untagged opinions are not suggested.
    public var minimumCount: Int

    public init(minimumCount: Int = 2) {
        self.minimumCount = minimumCount
    }

    /// Adds one opinion.
    public mutating func add(id: String, text: TokenizedText, tagged: Bool) {
        if tagged { taggedOpinions += 1 } else { untaggedOpinions += 1 }
        let tokens = text.tokens
        var seenHere = Set<String>()
        var run: [Int] = []
        func count(_ term: [Int]) {
            let keys = term.map { text.dictionaryKey(of: tokens[$0]) }
            let identity = keys.joined(separator: "\u{1F}")
            var entry =
                entries[identity] ?? Entry(term: term.map { text.dictionaryForm(of: tokens[$0]) }.joined(), keys: keys)
            if tagged {
                entry.tagged += 1
            } else {
                entry.untagged += 1
                if entry.examples.count < 2, !seenHere.contains(identity) {
                    entry.examples.append(.init(id: id, text: text.original))
                }
                seenHere.insert(identity)
            }
            entries[identity] = entry
        }
        func flushRun() {
            defer { run = [] }
            // A pair or longer run: 学童|保育 → 学童保育; 周|南市 → 周南市 (a fragment only inside a run).
            if run.count >= 2 { for (a, b) in zip(run, run.dropFirst()) { count([a, b]) } }
            if run.count >= 3 { count(run) }
        }
        for (i, token) in tokens.enumerated() {
            if token.role == .content {
                if tagged { totalTagged += 1 } else { totalUntagged += 1 }
                // A content word on its own: never a fragment, particle or lone kanji.
                count([i])
            }
            // Runs join adjacent nouns (words that do not inflect), fragments and a leading number (30|年後).
            let joinable = (token.role == .content || token.role == .fragment) && !token.forms.inflects
            let adjacent = run.last.map { tokens[$0].normalizedRange.upperBound == token.normalizedRange.lowerBound } ?? false
            let numberStarts =
                token.role == .number && i + 1 < tokens.count
                && tokens[i + 1].normalizedRange.lowerBound == token.normalizedRange.upperBound
                && tokens[i + 1].role == .content && !tokens[i + 1].forms.inflects
            if joinable && adjacent {
                run.append(i)
            } else {
                flushRun()
                if joinable || numberStarts { run.append(i) }
            }
        }
        flushRun()
    }

    /// G² = 2 Σ O ln(O/E) for the table [[a, b], [c − a, d − b]] (a, b: the term's counts in untagged and
    /// tagged opinions; c, d: content words in each).
    public static func logLikelihood(a: Int, b: Int, c: Int, d: Int) -> Double {
        let n = Double(c + d)
        guard n > 0 else { return 0 }
        let observed = [[Double(a), Double(b)], [Double(c - a), Double(d - b)]]
        let rows = [Double(a + b), Double(c + d - a - b)]
        let cols = [Double(c), Double(d)]
        var sum = 0.0
        for i in 0..<2 {
            for j in 0..<2 where observed[i][j] > 0 {
                let expected = rows[i] * cols[j] / n
                sum += observed[i][j] * log(observed[i][j] / expected)
            }
        }
        return 2 * sum
    }

    /// The `limit` terms most characteristic of untagged opinions (over-represented there), by G².
    public func suggestions(limit: Int) -> [KeynessSuggestion] {
        var out: [KeynessSuggestion] = []
        for entry in entries.values where entry.untagged >= minimumCount {
            let a = entry.untagged, b = entry.tagged
            // Over-represented in untagged: a / c > b / d.
            guard totalTagged == 0 || Double(a) * Double(totalTagged) > Double(b) * Double(totalUntagged) else { continue }
            let g2 = KeynessSuggester.logLikelihood(a: a, b: b, c: totalUntagged, d: totalTagged)
            out.append(KeynessSuggestion(term: entry.term, keys: entry.keys, untagged: a, tagged: b, g2: g2, examples: entry.examples))
        }
        out.sort { ($1.g2, $0.untagged, $1.term) < ($0.g2, $1.untagged, $0.term) }
        return Array(out.prefix(limit))
    }

    /// The Japanese text block `koe tag --suggest` prints.
    public func rendered(limit: Int = 30) -> String {
        let list = suggestions(limit: limit)
        var lines = ["未タグの意見に特徴的な語（対数尤度比 G²。未タグ \(untaggedOpinions) 件、タグあり \(taggedOpinions) 件）"]
        if list.isEmpty {
            lines.append("  候補はありません（未タグの意見に \(minimumCount) 回以上出る語がありません）")
        }
        for (i, s) in list.enumerated() {
            lines.append(
                "\(String(repeating: " ", count: max(0, 3 - String(i + 1).count)))\(i + 1). \(s.term)  G²=\(String(format: "%.1f", s.g2))  未タグ \(s.untagged) 回 / タグあり \(s.tagged) 回"
            )
            for example in s.examples {
                let clipped = example.text.count > 60 ? String(example.text.prefix(60)) + "…" : example.text
                lines.append("       例 \(example.id): \(clipped.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        lines.append("コードブックの keywords に加えるときは、上の語をそのまま書いてください。")
        return lines.joined(separator: "\n") + "\n"
    }
}
