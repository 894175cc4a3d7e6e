// UntaggedKeywords — words characteristic of the opinions no area matched (log-likelihood G² of untagged vs
// tagged opinions containing the word), from the co-occurrence builder's per-word counts; and the display
// forms of word keys.
import Foundation

extension CooccurrenceBuilder {
    /// The `limit` words most characteristic of untagged opinions (G² descending, then the word), among
    /// words in at least `minimumCount` untagged opinions and relatively more frequent there than in tagged
    /// ones. Counts come from the same bounded vocabulary as the networks.
    public func untaggedKeywords(limit: Int = 20, minimumCount: Int = 3) -> [ReportModel.Untagged.Keyword] {
        let u = untaggedOpinions
        let t = taggedOpinions
        guard u > 0 else { return [] }
        var scored: [(term: String, untagged: Int, tagged: Int, g2: Double)] = []
        for id in untaggedCount.indices {
            let a = Int(untaggedCount[id])
            let b = Int(taggedCount[id])
            guard a >= minimumCount, !isWithheld(Int32(id)), t == 0 || Double(a) / Double(u) > Double(b) / Double(t) else { continue }
            scored.append((term(id), a, b, Self.logLikelihood(a: a, b: b, c: u - a, d: t - b)))
        }
        return scored.sorted { $0.g2 != $1.g2 ? $0.g2 > $1.g2 : $0.term < $1.term }
            .prefix(limit)
            .map { ReportModel.Untagged.Keyword(term: $0.term, untagged: $0.untagged, tagged: $0.tagged) }
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
        if cannotContain(text, candidate) { return nil }
        return text.contains(candidate) ? candidate : nil
    }

    /// True when `text` surely does not contain the katakana `candidate` as `String.contains` matches (by
    /// canonical equivalence): its bytes are not in `text`, and `text` has no combining (semi-)voiced sound
    /// mark U+3099/U+309A, the only way another spelling can be canonically equal to katakana (ガ = カ + ゙).
    /// Spares the costly Foundation search for the many hiragana words never written in katakana.
    static func cannotContain(_ text: String, _ candidate: String) -> Bool {
        let answer: Bool?? = text.utf8.withContiguousStorageIfAvailable { hay in
            candidate.utf8.withContiguousStorageIfAvailable { needle in
                !contains(hay, needle) && !hasCombiningKanaMark(hay)
            }
        }
        return (answer ?? nil) ?? false
    }

    /// True when `needle` (not empty) occurs in `hay` byte for byte.
    private static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// True when `bytes` hold U+3099 or U+309A (UTF-8 E3 82 99 / E3 82 9A).
    private static func hasCombiningKanaMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0..<(bytes.count - 2) where bytes[i] == 0xE3 && bytes[i + 1] == 0x82 {
            if bytes[i + 2] == 0x99 || bytes[i + 2] == 0x9A { return true }
        }
        return false
    }
}
