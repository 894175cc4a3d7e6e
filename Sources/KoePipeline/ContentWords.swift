// ContentWords — an opinion's content words for search, co-occurrence and keyness: tokens that start with a
// kanji, katakana or Latin letter (particles, lone kana fragments and numbers are left out).
import KoeText

enum ContentWords {
    /// The keys of `text`'s content tokens, in text order (repeats kept).
    static func keys(_ text: TokenizedText) -> [String] {
        let units = text.normalized.units
        var out: [String] = []
        out.reserveCapacity(text.tokens.count / 2)
        for token in text.tokens where token.kind != .number {
            let i = token.normalizedRange.lowerBound
            guard i < units.count else { continue }
            if isContentStart(units[i], next: i + 1 < units.count ? units[i + 1] : 0) { out.append(token.key) }
        }
        return out
    }

    /// Kanji (incl. 々〆 and surrogate-pair extensions), katakana, Latin letters.
    private static func isContentStart(_ u: UInt16, next: UInt16) -> Bool {
        switch u {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3005, 0x3006: return true
        case 0x30A1...0x30FA, 0x30FC: return true
        case 0x61...0x7A, 0x41...0x5A: return true
        // A high surrogate of planes 2–3 (CJK extensions B–H).
        case 0xD840...0xD8BF: return true
        default: return false
        }
    }
}
