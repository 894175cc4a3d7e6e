// ContentWords — an opinion's content words for search, co-occurrence and keyness: the word layer's content
// words in dictionary form (particles, light verbs, kana fragments, lone kanji and numbers are left out).
import KoeText

enum ContentWords {
    /// The keys of `text`'s content words in dictionary form, in text order (repeats kept): see
    /// `TokenizedText.contentWords()` (減らそう → 減らす; particles, light verbs, numbers and lone kanji left out).
    static func keys(_ text: TokenizedText) -> [String] {
        text.contentWords()
    }
}
