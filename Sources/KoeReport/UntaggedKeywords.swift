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
        switch byteSearch(candidate, in: text) {
        case .absent: return nil
        case .found: return candidate
        case .unsure: return text.contains(candidate) ? candidate : nil
        }
    }

    /// What the bytes alone say about `text.contains(candidate)` (Foundation's search, which matches by
    /// canonical equivalence at character boundaries) for a katakana `candidate`.
    enum ByteSearch: Equatable { case absent, found, unsure }

    /// `.absent` when the bytes are not in `text` and `text` has no combining (semi-)voiced sound mark
    /// U+3099/U+309A (the only way another spelling is canonically equal to katakana: ガ = カ + ゙);
    /// `.found` when the bytes occur between characters that cannot join them into a larger character
    /// (ASCII, kana, CJK, CJK and full-width punctuation, or the text's ends); else `.unsure`. Spares the
    /// costly Foundation search for nearly every word.
    static func byteSearch(_ candidate: String, in text: String) -> ByteSearch {
        let answer: ByteSearch?? = text.utf8.withContiguousStorageIfAvailable { hay in
            candidate.utf8.withContiguousStorageIfAvailable { needle in
                guard !needle.isEmpty, needle.count <= hay.count else { return .unsure }
                var any = false
                for i in 0...(hay.count - needle.count) where matches(hay, needle, at: i) {
                    any = true
                    if isSeparate(hay, from: i, to: i + needle.count) { return .found }
                }
                return any || hasCombiningKanaMark(hay) ? .unsure : .absent
            }
        }
        return (answer ?? nil) ?? .unsure
    }

    private static func matches(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard hay[i] == needle[0] else { return false }
        var k = 1
        while k < needle.count && hay[i + k] == needle[k] { k += 1 }
        return k == needle.count
    }

    /// True when the scalars just before `start` and at `end` (where present) cannot extend or prepend to
    /// the characters of `hay[start..<end]`.
    private static func isSeparate(_ hay: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        if end < hay.count, !isPlain(scalar(hay, at: end)) { return false }
        guard start > 0 else { return true }
        var p = start - 1
        while p > 0 && hay[p] & 0xC0 == 0x80 { p -= 1 }
        return isPlain(scalar(hay, at: p))
    }

    /// The scalar value whose UTF-8 starts at `i` (valid UTF-8: a Swift string's bytes).
    private static func scalar(_ hay: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let b = UInt32(hay[i])
        switch b {
        case 0..<0x80: return b
        case 0xC0..<0xE0: return (b & 0x1F) << 6 | UInt32(hay[i + 1] & 0x3F)
        case 0xE0..<0xF0: return (b & 0x0F) << 12 | UInt32(hay[i + 1] & 0x3F) << 6 | UInt32(hay[i + 2] & 0x3F)
        default: return 0x10_0000  // outside the plain ranges below
        }
    }

    /// Scalars that are neither grapheme extenders, spacing marks, joiners nor prepended characters.
    private static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x80, 0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x4E00...0x9FFF,
            0xFF01...0xFF5E:
            return true
        default: return false
        }
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
