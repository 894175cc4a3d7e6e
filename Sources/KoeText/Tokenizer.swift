// Tokenizer — words of Japanese text: ICU dictionary word breaking (locale ja) over the matching form, then the
// word layer (lexicon words kept whole, stems joined with their inflection, dictionary forms). Words keep their
// place in the verbatim text.

/// A word token.
public struct Token: Sendable, Hashable {
    public enum Kind: Int, Sendable, Hashable, Codable {
        case number = 100, letter = 200, kana = 300, ideograph = 400
    }

    /// What a word is for counting and suggestions.
    public enum Role: UInt8, Sendable, Hashable {
        /// A content word: holds a kanji (two or more characters, or kana after it), katakana, a Latin letter, or
        /// is a kana word of three or more characters that is not a function word.
        case content
        /// A particle, auxiliary or light verb (を, です, して, いる).
        case function
        /// A lone kanji ICU cut off (見|守り, 周|南市) — never suggested, never a content word.
        case fragment
        case number
    }

    /// UTF-16 offsets in the normalized text.
    public var normalizedRange: Range<Int>
    /// UTF-16 offsets in the verbatim text.
    public var originalRange: Range<Int>
    public var kind: Kind
    public var role: Role
    /// Hash of the matching key (`TokenizedText.key(of:)`): what keyword matching compares.
    public var keyHash: UInt64
    /// The word's dictionary forms other than its own surface (減らそう → 減らす); empty for nouns and for words
    /// already in dictionary form.
    public var forms: DictionaryForms
    /// Recognised from the word lexicon (kept whole).
    public var fromLexicon: Bool
}

/// A tokenized text: the normalized form, and its words (punctuation and spaces dropped).
public struct TokenizedText: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]

    public var original: String { normalized.original }

    /// The verbatim text behind `token`.
    public func surface(of token: Token) -> String {
        let utf16 = normalized.original.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: token.originalRange.lowerBound)
        let end = utf16.index(utf16.startIndex, offsetBy: token.originalRange.upperBound)
        return String(normalized.original[start..<end])
    }

    /// The normalized text of `token` (NFKC, variants folded, kana not folded).
    public func normalizedSurface(of token: Token) -> String {
        normalized.string(token.normalizedRange)
    }

    /// The matching key of `token`: normalized, katakana folded to hiragana, Latin lower-cased.
    public func key(of token: Token) -> String {
        Normalizer.foldKey(normalized.units[token.normalizedRange])
    }

    /// The dictionary forms of `token` as matching keys (減らそう → [減らす]); empty when it has none.
    public func dictionaryForms(of token: Token) -> [String] {
        (0..<token.forms.count).map { form(token, token.forms[$0]) }
    }

    /// The word's key in the dictionary form it is counted under (`CountedForm`): 考えて → 考える, 大きく → 大きい;
    /// its own key for nouns and words written in dictionary form.
    public func dictionaryKey(of token: Token) -> String { countedForm(token, fold: true) }

    /// The dictionary forms of `token` in normalized form, for display (katakana kept): 減らそう → [減らす].
    public func displayForms(of token: Token) -> [String] {
        (0..<token.forms.count).map { form(token, token.forms[$0], fold: false) }
    }

    /// The word as a codebook keyword would be written: the dictionary form it is counted under, or its
    /// normalized surface.
    public func dictionaryForm(of token: Token) -> String { countedForm(token, fold: false) }

    private func countedForm(_ token: Token, fold: Bool) -> String {
        let units = normalized.units[token.normalizedRange]
        let end = token.normalizedRange.upperBound
        let next = end < normalized.units.count ? normalized.units[end] : nil
        if let i = CountedForm.index(token, units, next: next) { return form(token, token.forms[i], fold: fold) }
        if token.forms.count == 0, token.kind == .ideograph, let stem = CountedForm.adjectiveStem(units) {
            return Normalizer.transcode(stem, fold: fold) + "い"
        }
        return Normalizer.transcode(units, fold: fold)
    }

    private func form(_ token: Token, _ form: DictionaryForm, fold: Bool = true) -> String {
        let start = token.normalizedRange.lowerBound
        var units = Array(normalized.units[(start + Int(form.stemStart))..<(start + Int(form.stemEnd))])
        units += Conjugation.endings[Int(form.ending)]
        return Normalizer.transcode(units[...], fold: fold)
    }

    /// Indices of the content words (role `.content`), in text order.
    public var contentWordIndices: [Int] { tokens.indices.filter { tokens[$0].role == .content } }

    /// The content words of the text in dictionary form, in text order with repeats: for word search (FTS),
    /// co-occurrence and counts. Keys (`display` false) are folded like keyword keys (減らそう → 減らす,
    /// バス → ばす) so equal words compare equal; with `display` the normalized form keeps katakana (バス) for
    /// labels. Particles, light verbs, numbers and lone kanji are left out. One String per content word.
    /// A run of katakana pieces ICU cut short (クリ|エイ|ター) counts as one word (クリエイター).
    public func contentWords(display: Bool = false) -> [String] {
        var out: [String] = []
        out.reserveCapacity(tokens.count / 2)
        for run in contentWordRuns() {
            if run.count == 1 {
                let token = tokens[run.lowerBound]
                out.append(display ? dictionaryForm(of: token) : dictionaryKey(of: token))
            } else {
                let range = tokens[run.lowerBound].normalizedRange.lowerBound..<tokens[run.upperBound - 1].normalizedRange.upperBound
                out.append(display ? normalized.string(range) : Normalizer.foldKey(normalized.units[range]))
            }
        }
        return out
    }

    /// The content words as keys and, in the same order, as shown (`contentWords(display:)` both ways at once).
    public func contentWordForms() -> (keys: [String], display: [String]) { contentWordForms(strings: nil) }

    /// The content words as runs of token indices, in text order: one token each, or a run of adjacent katakana
    /// pieces of at most two characters each (ICU's cut of a word its dictionary lacks: クリ|エイ|ター).
    public func contentWordRuns() -> [Range<Int>] {
        var out: [Range<Int>] = []
        normalized.units.withUnsafeBufferPointer { all in forEachContentRun(all) { out.append($0..<($1 + 1)) } }
        return out
    }

    /// Whether the key fold (`Normalizer.foldKey`) changes any unit of `token`: its counted form is made of the
    /// token's units and hiragana endings, so when none of its units folds, its key equals its display form.
    func needsFold(_ token: Token) -> Bool {
        normalized.units[token.normalizedRange].contains { (0x30A1...0x30F6).contains($0) || (65...90).contains($0) }
    }

    /// The keys a keyword word matches (see `Tokenizer.keys`): its own key, and when it is not written in
    /// dictionary form its dictionary forms (見直し → 見直す); a verb in う also accepts its 連用形 (通う → 通い),
    /// an adjective its く form (強い → 強く).
    func matchKey(of token: Token, stemOnly: Bool = false) -> String {
        var keys = [key(of: token)]
        // A keyword in dictionary form stands for itself (育てる, not also 育つ that 育てる could be a potential of).
        if !token.forms.isDictionaryForm { keys += dictionaryForms(of: token) }
        let units = normalized.units[token.normalizedRange]
        if stemOnly {
            // A lone kanji ending a keyword after a particle (意見を聞) stands for any verb or adjective on it.
            let stem = Normalizer.foldKey(units)
            keys += Conjugation.endings.map { stem + Normalizer.transcode($0[...], fold: false) }
        }
        if token.forms.isDictionaryForm, units.count >= 2 {
            // Readings the text side leaves to the keyword: 思う also matches 思い (an adjective-shaped 連用形),
            // 強い also matches 強く (shaped like a godan verb).
            if units.last == 0x3046 && Conjugation.isKanji(units[units.endIndex - 2]) {
                keys.append(Normalizer.foldKey(units.dropLast()) + "い")
            } else if units.last == 0x3044 {
                keys.append(Normalizer.foldKey(units.dropLast()) + "く")
            }
        }
        return keys.joined(separator: Tokenizer.alternativeSeparator)
    }
}

/// Splits Japanese text into words with ICU and the word layer. Not thread-safe (it owns an ICU iterator): one
/// per thread.
public final class Tokenizer {
    public let normalizer: Normalizer
    /// Words kept whole (codebook names, gazetteer names, the pipeline's word list).
    public var words: WordLexicon
    private let breaker: WordBreaker
    private let roles = WordRoles()
    /// The Strings of words made before (content word keys and display forms).
    private let strings = WordStrings()
    /// Scratch reused from text to text: the input's UTF-16 and NFKC form, the word layer's segments, the
    /// raw words.
    private var buffers = NormalizeBuffers()
    private var layer = WordLayer()
    private var raw: [RawWord] = []
    /// The token list of the text before: reused for the next text once that text is gone (its storage is then
    /// referenced only here; copy-on-write leaves a text still alive untouched).
    private var spareTokens: [Token] = []

    /// Separates a keyword word's alternative keys in `keys(_:)` (見直し, 見直す).
    public static let alternativeSeparator = "\u{1F}"

    public init(normalizer: Normalizer = .standard, locale: String = "ja", words: WordLexicon = .empty) throws {
        self.normalizer = normalizer
        self.words = words
        self.breaker = try WordBreaker(locale: locale)
    }

    public func tokenize(_ text: String) -> TokenizedText { tokenize(text, words: words) }

    /// Tokenizes with `words` kept whole instead of this tokenizer's own lexicon.
    public func tokenize(_ text: String, words: WordLexicon) -> TokenizedText {
        tokenize(normalize(text), words: words)
    }

    /// The matching form of `text` (what `tokenize` breaks into words), built with this tokenizer's scratch buffers.
    public func normalize(_ text: String) -> NormalizedText { normalizer.normalize(text, buffers: &buffers) }

    /// The words of a text already in matching form (`normalize(_:)`), with `words` kept whole.
    public func tokenize(_ normalized: NormalizedText, words: WordLexicon) -> TokenizedText {
        var tokens = spareTokens
        spareTokens = []
        tokens.removeAll(keepingCapacity: true)
        let parser = layer.parser
        normalized.units.withUnsafeBufferPointer { units in
            breaker.segments(units, minStatus: 100, into: &layer.segments)
            layer.words(units, lexicon: words, into: &raw)
            tokens.reserveCapacity(raw.count)
            // Original offsets mapped over the map's buffer.
            normalized.map.withUnsafeBufferPointer { map in
                for word in raw {
                    let range = word.start..<word.end
                    let kind = Token.Kind(rawValue: (word.status / 100) * 100) ?? .letter
                    var h = WordHash()
                    for k in range { h.add(WordHash.fold(units[k])) }
                    tokens.append(
                        Token(
                            normalizedRange: range, originalRange: NormalizedText.originalRange(range, map: map), kind: kind,
                            role: roles.role(units, word, kind: kind, hash: h.value), keyHash: h.value,
                            forms: word.forms.isEmpty
                                ? DictionaryForms()
                                : DictionaryForms(word.forms, word: UnsafeBufferPointer(rebasing: units[word.start...]), parser: parser),
                            fromLexicon: word.lexicon))
                }
            }
        }
        if tokens.capacity <= 4096 { spareTokens = tokens }
        return TokenizedText(normalized: normalized, tokens: tokens)
    }

    /// `text.contentWordForms()` with this tokenizer's Strings of words made before: the same words, made once per
    /// word. `text` should come from this tokenizer (any text gives the same result).
    public func contentWordForms(_ text: TokenizedText) -> (keys: [String], display: [String]) {
        text.contentWordForms(strings: strings)
    }

    /// The matching keys of `text`, one per word — how a codebook keyword is turned into a word sequence. A word
    /// not in dictionary form carries its dictionary forms as alternatives after `alternativeSeparator`
    /// (a keyword 見直し also matches 見直して), so an ambiguous form widens the keyword, not the text.
    public func keys(_ text: String) -> [String] {
        let t = tokenize(text)
        return t.tokens.enumerated().map { i, token in
            let stemOnly =
                token.role == .fragment && i == t.tokens.count - 1 && i > 0 && t.tokens[i - 1].role == .function
            return t.matchKey(of: token, stemOnly: stemOnly)
        }
    }
}
