// UntaggedKeywords — words characteristic of the opinions no area matched (log-likelihood G² of untagged vs
// tagged opinions containing the word), counted in bounded memory, for the report's codebook hint.
import Foundation

/// Counts, per content word, the untagged and tagged opinions it occurs in, and ranks the words that are
/// over-represented among untagged opinions. At most `maxWords` words are held: when full, the least
/// frequent half is dropped (lossy counting, deterministic), which never touches a word frequent enough
/// to be suggested.
public struct UntaggedKeywords: Sendable {
    private var counts: [String: (untagged: Int32, tagged: Int32)] = [:]
    public let maxWords: Int
    public private(set) var untaggedOpinions = 0
    public private(set) var taggedOpinions = 0

    public init(maxWords: Int = 50_000) { self.maxWords = max(maxWords, 16) }

    /// Counts one opinion's content words (repeats once).
    public mutating func add(words: [String], tagged: Bool) {
        if tagged { taggedOpinions += 1 } else { untaggedOpinions += 1 }
        var seen: Set<String> = []
        for word in words where !DisplayForm.isFragment(word) && seen.insert(word).inserted {
            var entry = counts[word] ?? (0, 0)
            if tagged { entry.tagged += 1 } else { entry.untagged += 1 }
            counts[word] = entry
        }
        if counts.count > maxWords {
            let floor = CooccurrenceBuilder.floor(counts.values.map { $0.untagged + $0.tagged }, keep: maxWords / 2)
            counts = counts.filter { $0.value.untagged + $0.value.tagged > floor }
        }
    }

    /// The `limit` words most characteristic of untagged opinions (G² descending, then the word), among
    /// words in at least `minimumCount` untagged opinions and relatively more frequent there.
    /// `display` turns a word key into the spelling shown (e.g. `CooccurrenceBuilder.display`).
    public func keywords(limit: Int = 20, minimumCount: Int = 3, display: (String) -> String = { $0 }) -> [ReportModel.Untagged.Keyword] {
        let u = untaggedOpinions
        let t = taggedOpinions
        guard u > 0 else { return [] }
        return counts.compactMap { word, c -> (String, Int, Int, Double)? in
            let a = Int(c.untagged)
            let b = Int(c.tagged)
            guard a >= minimumCount, t == 0 || Double(a) / Double(u) > Double(b) / Double(t) else { return nil }
            return (word, a, b, Self.logLikelihood(a: a, b: b, c: u - a, d: t - b))
        }
        .sorted { $0.3 != $1.3 ? $0.3 > $1.3 : $0.0 < $1.0 }
        .prefix(limit)
        .map { ReportModel.Untagged.Keyword(term: display($0.0), untagged: $0.1, tagged: $0.2) }
    }

    /// G² of the 2 × 2 table [[a, b], [c, d]] (word present/absent × untagged/tagged).
    static func logLikelihood(a: Int, b: Int, c: Int, d: Int) -> Double {
        let cells = [a, b, c, d].map(Double.init)
        let n = cells.reduce(0, +)
        guard n > 0 else { return 0 }
        let rows = [cells[0] + cells[1], cells[2] + cells[3]]
        let cols = [cells[0] + cells[2], cells[1] + cells[3]]
        var g = 0.0
        for (i, o) in cells.enumerated() where o > 0 {
            let e = rows[i / 2] * cols[i % 2] / n
            g += o * log(o / e)
        }
        return 2 * g
    }
}

/// Word keys as people read them: kana-folded keys get their katakana spelling back, lone kana are noise.
enum DisplayForm {
    /// Empty, or a single hiragana/katakana character (ICU's fragments of verbs and adjectives: 少|な|く).
    static func isFragment(_ word: String) -> Bool {
        var scalars = word.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return true }
        guard scalars.next() == nil else { return false }
        return (0x3040...0x30FF).contains(first.value)
    }

    /// The katakana spelling of an all-hiragana `word` when `text` contains it (ばす → バス), else nil.
    static func katakana(of word: String, in text: String) -> String? {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars {
            switch s.value {
            case 0x3041...0x3096: out.append(Unicode.Scalar(s.value + 0x60) ?? s)
            case 0x30FC: out.append(s)  // ー
            default: return nil
            }
        }
        let candidate = String(out)
        return text.contains(candidate) ? candidate : nil
    }
}
