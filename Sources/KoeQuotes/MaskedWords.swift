// MaskedWords — which of an opinion's words come from text the masker replaces (a name, an e-mail address,
// a domain…): words shown outside the workspace (report.html's co-occurrence network and untagged-word table)
// leave those out, so masked spans yield no words. Uses only the masker's public API.

/// The words of a text that fall inside its masked spans.
public enum MaskedWords {
    /// The words among `words` (word keys: kana folded to hiragana, Latin lower case) that occur inside a span
    /// `masker` would mask in `text`: a word that occurs fewer times once the text is masked. Empty when the
    /// text holds nothing to mask (the common case costs one `spans(in:)`).
    public static func inMaskedSpans(_ words: [String], text: String, masker: Masker) -> Set<String> {
        let spans = Masker.merged(masker.spans(in: text))
        guard !spans.isEmpty else { return [] }
        let before = fold(text)
        let after = fold(masker.mask(text, spans: spans))
        var out: Set<String> = []
        for word in Set(words) where !word.isEmpty {
            let key = fold(word)
            if occurrences(of: key, in: after) < occurrences(of: key, in: before) { out.insert(word) }
        }
        return out
    }

    /// Katakana folded to hiragana and ASCII letters to lower case (how word keys are written).
    public static func fold(_ text: String) -> [UInt16] {
        text.utf16.map { u in
            switch u {
            case 0x30A1...0x30F6: return u - 0x60
            case 0x41...0x5A: return u + 0x20
            default: return u
            }
        }
    }

    static func occurrences(of key: [UInt16], in text: [UInt16]) -> Int {
        guard !key.isEmpty, key.count <= text.count else { return 0 }
        var count = 0
        var i = 0
        while i + key.count <= text.count {
            if text[i] == key[0] && text[i..<(i + key.count)].elementsEqual(key) {
                count += 1
                i += key.count
            } else {
                i += 1
            }
        }
        return count
    }
}
