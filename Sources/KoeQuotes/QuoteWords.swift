// QuoteWords — the words quote scoring looks at: which content words are informative (not generic, not a
// number, not a kana fragment), the stock phrases that are not opinions, and content runs where koe's tokens
// are not at hand. This runs for every opinion on the analysis workers, so words are compared by a 64-bit
// hash of their UTF-8 bytes (`WordKey`), not by String hashing (which normalizes every non-ASCII string).
import Foundation
import KoeCore

/// Words for scoring: content runs of a text when koe's tokens are not at hand, the generic words that carry
/// no information, and the stock phrases that are not opinions.
public enum QuoteWords {
    /// Whole answers that say nothing quotable (after removing spaces and punctuation).
    static let stockPhrases: Set<String> = [
        "特になし", "特にない", "特にありません", "とくになし", "なし", "ない", "ありません", "よろしくお願いします", "よろしくお願いいたします",
        "宜しくお願いします", "ありがとうございます", "ありがとうございました", "頑張ってください", "がんばってください", "期待しています",
        "わからない", "分からない", "わかりません", "分かりません", "特に思いつかない", "特になしです", "以上", "同上", "同じ",
    ]

    /// Words that appear in any answer and say nothing about the subject.
    static let generic: Set<String> = [
        "特に", "なし", "こと", "もの", "ため", "よう", "など", "思う", "思い", "お願い", "願い", "よろしく", "宜しく", "する", "ある",
        "いる", "なる", "できる", "ほしい", "欲しい", "いい", "良い", "よい", "市", "町", "今後", "意見", "自分", "感じ", "気",
        "方", "人", "今", "これから", "もっと", "とても", "すごく", "大変", "必要", "是非", "ぜひ", "感謝", "ありがとう", "頑張る",
        "がんばる", "期待", "以上", "同上", "特にない", "わからない", "分からない", "場合", "部分", "問題", "考え", "本当",
    ]

    /// Punctuation and symbols, including the Japanese marks people end answers with (。！？〜♪).
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol, .modifierSymbol:
            return true
        default: return false
        }
    }

    /// True for a word that tells what the opinion is about.
    public static func isInformative(_ word: String) -> Bool { scan(word).informative }

    /// What one pass over a word's scalars tells: whether it is informative (`isInformative`) and whether it is
    /// plain — only scalars that are their own canonical form and never compose with a neighbour (kana,
    /// CJK ideographs, ASCII letters and digits), so its bytes are its identity under String equality.
    /// `hash`: `WordKey.hash(word)`.
    static func scan(_ word: String) -> (informative: Bool, plain: Bool, hash: UInt64) {
        var count = 0
        var first: Unicode.Scalar?
        var numeric = true
        var hiragana = true
        var plain = true
        var h = WordKey.basis
        for s in word.unicodeScalars {
            if first == nil { first = s }
            count += 1
            h = WordKey.mix(h, s.value)
            if numeric { numeric = isNumeric(s) }
            if hiragana { hiragana = (0x3041...0x309F).contains(s.value) }
            if plain { plain = isPlain(s) }
        }
        guard let first, !numeric,
            // A lone hiragana or a single kana/Latin character is a fragment, not a word.
            count == 1 ? isIdeographic(first) : !hiragana || count >= 3
        else { return (false, plain, h) }
        // A plain word is in its canonical form: a hash that no generic word has means it is not one.
        let generic = (!plain || genericKeys.contains(h)) && Self.generic.contains(word)
        return (!generic, plain, h)
    }

    /// A scalar that keeps a word in its own NFC form (see `WordKey.isPlain`).
    @inline(__always)
    static func isPlain(_ s: Unicode.Scalar) -> Bool { WordKey.isPlain(s) }

    /// `properties.numericType != nil`, without the property lookup for kana, ASCII and CJK ideographs.
    @inline(__always)
    static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39: return true
        case 0x00...0x7F, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: return false
        case CJK.range: return CJK.numeric.contains(s.value)
        default: return s.properties.numericType != nil
        }
    }

    /// `properties.isIdeographic`, without the property lookup for CJK ideographs.
    @inline(__always)
    static func isIdeographic(_ s: Unicode.Scalar) -> Bool {
        CJK.range.contains(s.value) ? CJK.ideographic.contains(s.value) : s.properties.isIdeographic
    }

    /// The two properties of the CJK ideographs (U+3400…U+9FFF) the scoring asks about, read once from
    /// the Unicode tables into bitmaps.
    enum CJK {
        static let range: ClosedRange<UInt32> = 0x3400...0x9FFF
        static let numeric = Bitmap { $0.numericType != nil }
        static let ideographic = Bitmap { $0.isIdeographic }

        struct Bitmap: Sendable {
            private let bits: [UInt64]

            init(_ property: (Unicode.Scalar.Properties) -> Bool) {
                var bits = [UInt64](repeating: 0, count: (range.count + 63) / 64)
                for value in range where Unicode.Scalar(value).map({ property($0.properties) }) == true {
                    let i = Int(value - range.lowerBound)
                    bits[i >> 6] |= 1 << UInt64(i & 63)
                }
                self.bits = bits
            }

            /// `value` must lie in `range`.
            @inline(__always)
            func contains(_ value: UInt32) -> Bool {
                let i = Int(value - range.lowerBound)
                return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
            }
        }
    }

    /// Hashes of the generic words, to skip the String lookup for the words that are not generic.
    static let genericKeys = KeyTable(generic.map(WordKey.hash))

    /// A fixed set of word hashes looked up without hashing them again (`Set<UInt64>` runs SipHash on every
    /// lookup): open addressing on the top bits of a multiplicative spread, at most a quarter full.
    struct KeyTable: Sendable {
        private let slots: [UInt64]
        private let shift: UInt64
        /// Whether 0 — the empty slot's mark — is one of the keys.
        private let hasZero: Bool

        init(_ keys: [UInt64]) {
            var bits = 4
            while 1 << bits < 4 * keys.count { bits += 1 }
            var slots = [UInt64](repeating: 0, count: 1 << bits)
            let shift = UInt64(64 - bits)
            for key in keys where key != 0 {
                var i = Self.slot(key, shift)
                while slots[i] != 0 && slots[i] != key { i = (i + 1) & (slots.count - 1) }
                slots[i] = key
            }
            self.slots = slots
            self.shift = shift
            hasZero = keys.contains(0)
        }

        @inline(__always)
        private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        func contains(_ key: UInt64) -> Bool {
            if key == 0 { return hasZero }
            return slots.withUnsafeBufferPointer { slots in
                var i = Self.slot(key, shift)
                while true {
                    let found = slots[i]
                    if found == key { return true }
                    if found == 0 { return false }
                    i = (i + 1) & (slots.count - 1)
                }
            }
        }
    }

    /// The scalar value of the UTF-8 sequence at `i` of `bytes` (valid UTF-8, as a String holds), moving `i` past it.
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 {
            i += 1
            return b0
        } else if b0 < 0xE0 {
            defer { i += 2 }
            return (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        } else if b0 < 0xF0 {
            defer { i += 3 }
            return (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        }
        defer { i += 4 }
        return (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
    }

    /// `scan(word)` and `bytePrefix(word)` in one pass over the word's UTF-8 bytes, decoded by hand (a String's
    /// UTF-8 is valid), with the tables handed in; nil when the bytes are not contiguous (then use `scan`).
    @inline(__always)
    static func scanBytes(_ word: String, _ t: ScanTables) -> (informative: Bool, plain: Bool, hash: UInt64, prefix: UInt64)? {
        word.utf8.withContiguousStorageIfAvailable { bytes in
            let n = bytes.count
            var prefix: UInt64 = 0
            for k in 0..<min(8, n) { prefix |= UInt64(bytes[k]) << UInt64(56 - 8 * k) }
            var count = 0
            var firstValue: UInt32 = 0
            var numeric = true
            var hiragana = true
            var plain = true
            var h = WordKey.basis
            var i = 0
            while i < n {
                let v = QuoteWords.decodeScalar(bytes, &i)
                if count == 0 { firstValue = v }
                count += 1
                h = WordKey.mix(h, v)
                // Most scalars are CJK ideographs or hiragana, whose answers are known without the general tests:
                // an ideograph is plain and no hiragana, and numeric only by the bitmap (一, 二, 十 …); hiragana
                // (U+3041…U+3096) is plain and not numeric.
                if v &- 0x4E00 < 0x5200 {
                    if numeric { numeric = t.numeric.contains(v) }
                    hiragana = false
                    continue
                }
                if v &- 0x3041 < 0x56 {
                    numeric = false
                    continue
                }
                if numeric { numeric = isNumeric(v, t) }
                if hiragana { hiragana = (0x3041...0x309F).contains(v) }
                if plain { plain = isPlainValue(v) }
            }
            guard count > 0, !numeric,
                count == 1 ? isIdeographic(firstValue, t) : !hiragana || count >= 3
            else { return (false, plain, h, prefix) }
            let generic = (!plain || t.genericKeys.contains(h)) && Self.generic.contains(word)
            return (!generic, plain, h, prefix)
        }
    }

    /// `WordKey.isPlain` on a scalar value.
    @inline(__always)
    private static func isPlainValue(_ v: UInt32) -> Bool {
        switch v {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3005, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x3400...0x4DBF,
            0x4E00...0x9FFF:
            return true
        default: return false
        }
    }

    /// `isNumeric` on a scalar value, with the tables handed in.
    @inline(__always)
    private static func isNumeric(_ v: UInt32, _ t: ScanTables) -> Bool {
        switch v {
        case 0x30...0x39: return true
        case 0x00...0x7F, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: return false
        case CJK.range: return t.numeric.contains(v)
        default: return Unicode.Scalar(v)?.properties.numericType != nil
        }
    }

    /// `isIdeographic` on a scalar value, with the tables handed in.
    @inline(__always)
    private static func isIdeographic(_ v: UInt32, _ t: ScanTables) -> Bool {
        if CJK.range.contains(v) { return t.ideographic.contains(v) }
        return Unicode.Scalar(v)?.properties.isIdeographic ?? false
    }

    /// The first 8 UTF-8 bytes of `word` as a big-endian number (zeros after a shorter word): when two words'
    /// prefixes differ, they are in the words' byte order.
    @inline(__always)
    static func bytePrefix(_ word: String) -> UInt64 {
        var prefix: UInt64 = 0
        var n = 0
        for byte in word.utf8 {
            prefix |= UInt64(byte) << UInt64(56 - 8 * n)
            n += 1
            if n == 8 { break }
        }
        return prefix
    }

    /// The most scalars a stock phrase has, after removing spaces and punctuation.
    private static let stockLength = stockPhrases.map(\.unicodeScalars.count).max() ?? 0
    /// FNV-1a over each stock phrase's scalar values.
    private static let stockKeys = KeyTable(stockPhrases.map(WordKey.hash))

    /// True for a whole answer that is a stock phrase once spaces and punctuation are removed (特になし。).
    static func isStockPhrase(_ text: String) -> Bool {
        // Stock phrases are short: longer texts skip the check.
        guard text.utf8.count <= 96 else { return false }
        var n = 0
        var h = WordKey.basis
        for s in text.unicodeScalars where !QuoteText.isWhiteSpace(s) {
            if !isPlain(s) {
                if isPunctuation(s) { continue }
                // Marks and other scripts: compare the way String does (canonical equivalence).
                return stockPhrases.contains(stripped(text))
            }
            // Plain scalars stay scalars under NFC, so a text with more of them than any stock phrase is none.
            n += 1
            if n > stockLength { return false }
            h = WordKey.mix(h, s.value)
        }
        return stockKeys.contains(h) && stockPhrases.contains(stripped(text))
    }

    /// `text` without white space and punctuation.
    private static func stripped(_ text: String) -> String {
        String(text.unicodeScalars.filter { !QuoteText.isWhiteSpace($0) && !isPunctuation($0) })
    }

    /// Content runs of `text` — runs of kanji, of katakana and of Latin letters/digits — a stand-in for koe's
    /// content-word keys where they are not at hand (NFKC is not applied; callers pass normalized text).
    public static func contentRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        var currentClass = 0
        func flush() {
            if !current.isEmpty, current.count >= 2 || currentClass == 1 { runs.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for s in text.unicodeScalars {
            let cls: Int
            if s.properties.isIdeographic || s == "々" || s == "ヶ" {
                cls = 1
            } else if (0x30A1...0x30FA).contains(s.value) || s == "ー" {
                cls = 2
            } else if s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) {
                cls = 3
            } else {
                cls = 0
            }
            if cls != currentClass { flush() }
            currentClass = cls
            if cls != 0 { current.append(s) }
        }
        flush()
        return runs
    }
}
