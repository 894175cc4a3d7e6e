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
    /// Log-likelihood G² of the 2×2 table (term vs other content tokens × untagged vs tagged).
    public var g2: Double
    /// Up to two untagged opinions containing the term (id, verbatim text).
    public var examples: [Example]

    public struct Example: Sendable, Hashable {
        public var id: String
        public var text: String
    }
}

/// Collects tokenized opinions (tagged or not) and ranks the terms over-represented in the untagged ones.
/// Terms are content tokens — starting with a kanji, katakana or Latin letter, never lone kana fragments
/// (ICU splits 少|なく) — and the word pairs and compound runs that adjacent content tokens form
/// (学童|保育 → 学童保育, 30|年後 → 30年後).
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
        func flushRun() {
            defer { run = [] }
            let content = run.filter { tokens[$0].kind != .number }
            if tagged { totalTagged += content.count } else { totalUntagged += content.count }
            var terms: [[Int]] = content.map { [$0] }
            if run.count >= 2 { terms += zip(run, run.dropFirst()).map { [$0, $1] } }
            if run.count >= 3 { terms.append(run) }
            for term in terms {
                if term.count == 1 && tokens[term[0]].kind == .number { continue }
                let keys = term.map { tokens[$0].key }
                let identity = keys.joined(separator: "\u{1F}")
                var entry = entries[identity] ?? Entry(term: term.map { text.normalizedSurface(of: tokens[$0]) }.joined(), keys: keys)
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
        }
        for (i, token) in tokens.enumerated() {
            let content = KeynessSuggester.isContent(text.normalizedSurface(of: token), kind: token.kind)
            let adjacent = run.last.map { tokens[$0].normalizedRange.upperBound == token.normalizedRange.lowerBound } ?? false
            // A number only starts a run when a content token follows directly (30|年後).
            let numberStarts =
                token.kind == .number && i + 1 < tokens.count
                && tokens[i + 1].normalizedRange.lowerBound == token.normalizedRange.upperBound
                && KeynessSuggester.isContent(text.normalizedSurface(of: tokens[i + 1]), kind: tokens[i + 1].kind)
            if content && adjacent {
                run.append(i)
            } else {
                flushRun()
                if content || numberStarts { run.append(i) }
            }
        }
        flushRun()
    }

    /// A content token starts with a kanji, katakana or Latin letter (numbers only inside runs).
    static func isContent(_ surface: String, kind: Token.Kind) -> Bool {
        guard let first = surface.unicodeScalars.first else { return false }
        switch first.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FFFF, 0x3005, 0x3006: return true
        case 0x30A1...0x30FA, 0x30FC: return true
        case 0x61...0x7A, 0x41...0x5A: return true
        default: return false
        }
    }

    /// G² = 2 Σ O ln(O/E) for the table [[a, b], [c − a, d − b]] (a, b: the term's counts in untagged and
    /// tagged opinions; c, d: content tokens in each).
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
