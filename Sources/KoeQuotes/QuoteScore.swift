// QuoteScore — why a quote ranks where it does, in visible parts: specificity (informative words, not
// 特になし/よろしくお願いします), a readable length, representativeness of its area's common words, the opinion
// type, and the diversity factor applied while picking across segments.
import KoeCore

/// The parts of a quote's score, each in 0…1, kept for koe.sqlite and `koe quotes --format jsonl`.
public struct QuoteScore: Sendable, Hashable, Codable {
    /// Distinct informative words (generic words and stock phrases do not count), saturating at 8.
    public var specificity: Double
    /// How well the (trimmed) length fits the readable band of 25–160 characters.
    public var length: Double
    /// Share of the area's most common words the quote contains (0 until the area's words are known).
    public var representativeness: Double
    /// 要望 and 提案・ありたい姿 1.0, 課題 0.9, 評価 0.7, unknown 0.6 (the plan quotes what citizens ask for).
    public var type: Double
    /// 1 for the first quote of its segment in a section; lower for each earlier pick sharing its age band,
    /// gender or district.
    public var diversity: Double

    /// Weights of the parts in `base`.
    public static let weights = (specificity: 0.35, length: 0.25, representativeness: 0.25, type: 0.15)

    /// The weighted sum of the parts before diversity.
    public var base: Double {
        let w = Self.weights
        return w.specificity * specificity + w.length * length + w.representativeness * representativeness + w.type * type
    }

    /// `base × diversity`: the number quotes are ranked by.
    public var total: Double { base * diversity }

    public init(specificity: Double, length: Double, representativeness: Double, type: Double, diversity: Double = 1) {
        self.specificity = specificity
        self.length = length
        self.representativeness = representativeness
        self.type = type
        self.diversity = diversity
    }

    /// The parts that do not depend on other opinions.
    public init(text: String, words: [String], type: String?) {
        self.init(
            specificity: Self.specificity(text: text, words: words),
            length: Self.length(Self.printedLength(text)),
            representativeness: 0, type: Self.type(type))
    }

    /// The length of `text` as printed. Most answers are shorter than the readable length, and then printing
    /// only joins lines and drops control characters: their scalars are counted directly (this runs for every
    /// opinion, on the analysis workers); longer ones go through the printing (trimming) itself.
    static func printedLength(_ text: String) -> Int {
        // The scalars `QuoteText.singleLine` keeps: runs of white space count once between kept scalars.
        var n = 0
        var pending = 0
        var lastWasSpace = false
        for s in text.unicodeScalars {
            if QuoteText.isWhiteSpace(s) {
                if n > 0 { QuoteText.countWhiteSpace(s, pending: &pending, lastWasSpace: &lastWasSpace) }
                continue
            }
            if QuoteText.isInvisible(s) { continue }
            n += pending + 1
            pending = 0
            lastWasSpace = false
        }
        return n <= QuoteText.readableLength ? n : longPrintedLength(text)
    }

    /// `printedLength(text)` and `QuoteSelector.textKey(text)` in one pass over the scalars (decoded by hand from the
    /// text's UTF-8, which a String holds valid, when it is contiguous: this runs for every opinion on the workers).
    static func measure(_ text: String) -> (printedLength: Int, textKey: UInt64) {
        let measured = text.utf8.withContiguousStorageIfAvailable { bytes -> (printedLength: Int, textKey: UInt64) in
            var n = 0
            var pending = 0
            var lastWasSpace = false
            var h = WordKey.basis
            var i = 0
            while i < bytes.count {
                let v = QuoteWords.decodeScalar(bytes, &i)
                // Most scalars (printable ASCII, CJK punctuation, kana, ideographs, full-width forms) are neither
                // white space nor invisible: they count at once.
                if v &- 0x21 < 0x5E || v &- 0x3001 < 0xCEFE {
                    h = WordKey.mix(h, v)
                    n += pending + 1
                    pending = 0
                    lastWasSpace = false
                    continue
                }
                let s = Unicode.Scalar(v) ?? "\u{FFFD}"
                if QuoteText.isWhiteSpace(s) {
                    if n > 0 { QuoteText.countWhiteSpace(s, pending: &pending, lastWasSpace: &lastWasSpace) }
                    continue
                }
                h = WordKey.mix(h, v)
                if QuoteText.isInvisible(s) { continue }
                n += pending + 1
                pending = 0
                lastWasSpace = false
            }
            return (n, h)
        }
        if let measured {
            return (measured.printedLength <= QuoteText.readableLength ? measured.printedLength : longPrintedLength(text), measured.textKey)
        }
        return scalarMeasure(text)
    }

    /// `measure` over the String's scalars (a text whose UTF-8 is not contiguous).
    static func scalarMeasure(_ text: String) -> (printedLength: Int, textKey: UInt64) {
        var n = 0
        var pending = 0
        var lastWasSpace = false
        var h = WordKey.basis
        for s in text.unicodeScalars {
            if QuoteText.isWhiteSpace(s) {
                if n > 0 { QuoteText.countWhiteSpace(s, pending: &pending, lastWasSpace: &lastWasSpace) }
                continue
            }
            h = WordKey.mix(h, s.value)
            if QuoteText.isInvisible(s) { continue }
            n += pending + 1
            pending = 0
            lastWasSpace = false
        }
        return (n <= QuoteText.readableLength ? n : longPrintedLength(text), h)
    }

    /// The printed length of a text longer than the readable length: what `QuoteText.printable(text).text.count`
    /// gives, worked out on the scalars without building the printed string when every scalar is a character of
    /// its own (the usual Japanese answer); otherwise by printing. The scalars are decoded by hand from the text's
    /// UTF-8 (valid in a String) when it is contiguous (`scalarKeptLength` otherwise: the same count).
    static func longPrintedLength(_ text: String) -> Int {
        let decoded: Int?? = text.utf8.withContiguousStorageIfAvailable { keptLength($0) }
        let length = decoded ?? scalarKeptLength(text)
        return length ?? QuoteText.printable(text).text.count
    }

    /// The printed length of the scalars decoded from valid UTF-8 `bytes` (see `longPrintedLength`); nil when one
    /// of them is not a character of its own (`isAlone`).
    static func keptLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // The kept scalars go into a temporary buffer (a text has at most as many scalars as UTF-8 bytes): the
        // first `n` are kept, those up to `m` wait for a scalar after them (white space between kept ones).
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(1, bytes.count)) { kept -> Int? in
            var n = 0
            var m = 0
            var i = 0
            while i < bytes.count {
                let v = QuoteWords.decodeScalar(bytes, &i)
                // Kana, ideographs and CJK punctuation (not the ideographic space): alone, kept at once.
                if v &- 0x3001 < 0x3029 - 0x3001 + 1 || v &- 0x3030 < 0x3098 - 0x3030 + 1 || v &- 0x309B < 0x30FF - 0x309B + 1
                    || v &- 0x4E00 < 0x9FFF - 0x4E00 + 1
                {
                    kept[m] = Unicode.Scalar(v).unsafelyUnwrapped
                    m += 1
                    n = m
                    continue
                }
                let s = Unicode.Scalar(v) ?? "\u{FFFD}"
                guard keep(s, kept, &n, &m) else { return nil }
            }
            return trimmedLength(UnsafeBufferPointer(rebasing: kept[0..<n]))
        }
    }

    /// `keptLength` over the String's scalars (a text whose UTF-8 is not contiguous).
    static func scalarKeptLength(_ text: String) -> Int? {
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(1, text.utf8.count)) { kept -> Int? in
            var n = 0
            var m = 0
            for s in text.unicodeScalars {
                guard keep(s, kept, &n, &m) else { return nil }
            }
            return trimmedLength(UnsafeBufferPointer(rebasing: kept[0..<n]))
        }
    }

    /// One scalar of `keptLength`: false when it is not alone. As `QuoteText.singleLine`: full-width spaces stay,
    /// other runs of white space become one space, ends are dropped, invisible scalars go.
    @inline(__always)
    private static func keep(
        _ s: Unicode.Scalar, _ kept: UnsafeMutableBufferPointer<Unicode.Scalar>, _ n: inout Int, _ m: inout Int
    ) -> Bool {
        guard isAlone(s) else { return false }
        if QuoteText.isWhiteSpace(s) {
            if n == 0 { return true }
            if s.value == 0x3000 {
                kept[m] = s
                m += 1
            } else if m == n || kept[m - 1] != " " {
                kept[m] = " "
                m += 1
            }
            return true
        }
        if QuoteText.isInvisible(s) { return true }
        kept[m] = s
        m += 1
        n = m
        return true
    }

    /// `trimmedLength` of scalars in an array.
    static func trimmedLength(_ c: [Unicode.Scalar], limit: Int = QuoteText.readableLength) -> Int {
        c.withUnsafeBufferPointer { trimmedLength($0, limit: limit) }
    }

    /// `QuoteText.trimmed(text).text.count` for a one-line text given as scalars that are characters of their own
    /// (nested quotes change no count, and 」』 both close a sentence).
    static func trimmedLength(_ c: UnsafeBufferPointer<Unicode.Scalar>, limit: Int = QuoteText.readableLength) -> Int {
        guard c.count > limit else { return c.count }
        var best: Int?
        var i = 0
        while i < c.count {
            if isSentenceEnd(c[i]) {
                var end = i + 1
                while end < c.count, isSentenceEnd(c[end]) || isCloser(c[end]) {
                    end += 1
                }
                if end > limit && best != nil { break }
                best = end
                if end > limit { break }
                i = end
                continue
            }
            i += 1
        }
        guard let cut = best, cut < c.count, c[cut...].contains(where: { !QuoteText.isWhiteSpace($0) }) else { return c.count }
        var head = cut
        while head > 0, QuoteText.isWhiteSpace(c[head - 1]) { head -= 1 }
        return head + 1
    }

    /// `QuoteText.sentenceEndScalars.contains(s)` without hashing the scalar: 。！？!?．
    @inline(__always) static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF0E: return true
        default: return false
        }
    }

    /// `QuoteText.closerScalars.contains(s)` without hashing the scalar: 」』）)】〕
    @inline(__always) static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x300D, 0x300F, 0xFF09, 0x29, 0x3011, 0x3015: return true
        default: return false
        }
    }

    /// Scalars that are a character of their own next to any other such scalar (grapheme break property Other:
    /// printable ASCII and Latin, general punctuation, symbols, CJK punctuation, kana without the combining sound
    /// marks, ideographs, full-width forms and half-width katakana without ﾞﾟ) and white space. Any other scalar
    /// (combining marks, emoji, variation selectors, Hangul…) sends the text through the printing itself.
    @inline(__always) static func isAlone(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20...0x7E, 0x85, 0xA0...0xAC, 0xAE...0x2FF: return true
        case 0x2000...0x200B, 0x200E, 0x200F, 0x2010...0x2064, 0x2066...0x206F: return true
        case 0x2100...0x23FF, 0x2460...0x25FF, 0x2640...0x266F, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF: return true
        case 0x3200...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF9D: return true
        default: return false
        }
    }

    static func type(_ type: String?) -> Double {
        // The labels koe prints, told apart by their bytes (String comparison of Japanese text is slow); any
        // other spelling goes through the String comparison below.
        if let type {
            var t = type
            let known = t.withUTF8 { b -> Double? in
                switch b.count {
                case 6 where b.elementsEqual("要望".utf8), 6 where b.elementsEqual("提案".utf8): return 1.0
                case 6 where b.elementsEqual("課題".utf8): return 0.9
                case 6 where b.elementsEqual("評価".utf8): return 0.7
                case 15 where b.elementsEqual("ありたい姿".utf8), 24 where b.elementsEqual("提案・ありたい姿".utf8): return 1.0
                default: return nil
                }
            }
            if let known { return known }
        }
        switch type {
        case "要望", "提案・ありたい姿", "提案", "ありたい姿": return 1.0
        case "課題": return 0.9
        case "評価": return 0.7
        default: return 0.6
        }
    }

    /// 1 inside 25…160 characters, falling off linearly to 0.1 at 5 and at 400.
    static func length(_ count: Int) -> Double {
        switch count {
        case ..<5: return 0.1
        case 5..<25: return 0.1 + 0.9 * Double(count - 5) / 20
        case 25...160: return 1
        case 161..<400: return 1 - 0.9 * Double(count - 160) / 240
        default: return 0.1
        }
    }

    /// Distinct informative words / 8, capped at 1; 0 for a stock phrase (特になし, よろしくお願いします).
    static func specificity(text: String, words: [String]) -> Double {
        specificity(text: text, informativeWords: QuoteWords.informative(words).words.count)
    }

    /// `informativeWords`: the number of distinct informative words of the text.
    static func specificity(text: String, informativeWords: Int) -> Double {
        QuoteWords.isStockPhrase(text) ? 0 : min(1, Double(informativeWords) / 8)
    }
}

extension QuoteRankParts {
    /// The parts of an opinion's score that depend on it alone, with its informative words: what a quote candidate
    /// and the workspace's `quote_rank` row are made from. `words`: koe's content words (nil: content runs of the
    /// text); `type`: the printed type, nil when unknown.
    public init(text: String, words: [String], type: String?) {
        let informative = QuoteWords.informative(words)
        let measured = QuoteScore.measure(text)
        self.init(
            specificity: QuoteScore.specificity(text: text, informativeWords: informative.words.count),
            length: QuoteScore.length(measured.printedLength), type: QuoteScore.type(type), textKey: measured.textKey,
            counted: informative.words, countedKeys: informative.keys)
    }

    /// The score made of these parts (representativeness and diversity at their starting values).
    public var score: QuoteScore { QuoteScore(specificity: specificity, length: length, representativeness: 0, type: type) }
}
