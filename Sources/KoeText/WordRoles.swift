// WordRoles — which words carry content (for suggestions, counts and word search) and which are particles,
// light verbs, numbers or fragments ICU cut off.

struct WordRoles: Sendable {
    /// Kana words of three or more characters that are still function words.
    static let functionKana: Set<[UInt16]> = Set(
        [
            "ので", "から", "けど", "けれど", "けれども", "など", "まで", "より", "ため", "こと", "もの", "よう", "ところ", "とき",
            "これ", "それ", "あれ", "どれ", "ここ", "そこ", "どこ", "この", "その", "あの", "どの", "という", "といった", "について",
            "による", "により", "において", "における", "および", "または", "ならびに", "しかし", "ただ", "また", "さらに", "なお",
            "です", "でした", "でしょう", "だろう", "ます", "ません", "ください", "くらい", "ぐらい", "ばかり", "だけ", "しか",
            "ほど", "ように", "ような", "とか", "なら", "ながら", "だけど", "ですが", "でも", "ところが", "なども", "たち",
            "として", "とともに", "に対して", "に関して", "ほう", "ほしい", "ぜひ", "もっと", "とても", "かなり", "やはり", "やっぱり",
            "ちょっと", "すごく", "もう", "まだ", "すでに", "いつも", "どう", "そう", "こう", "ああ",
        ].map { Array($0.utf16) })

    /// `functionKana` by the hash of each word's units (looked up without building an array).
    let functionKanaByHash: [UInt64: [[UInt16]]]

    init() {
        var table: [UInt64: [[UInt16]]] = [:]
        for word in Self.functionKana {
            var h = WordHash()
            for u in word { h.add(u) }
            table[h.value, default: []].append(word)
        }
        functionKanaByHash = table
    }

    func role(_ units: UnsafeBufferPointer<UInt16>, _ word: RawWord, kind: Token.Kind) -> Token.Role {
        if kind == .number { return .number }
        var kanji = 0
        var hiragana = 0
        var other = 0
        for k in word.start..<word.end {
            let u = units[k]
            if Conjugation.isKanji(u) {
                kanji += 1
            } else if Conjugation.isHiragana(u) {
                hiragana += 1
            } else if (0xDC00...0xDFFF).contains(u) {
                continue
            } else {
                other += 1
            }
        }
        if other > 0 || word.lexicon { return .content }
        if kanji > 0 { return kanji == 1 && hiragana == 0 ? .fragment : .content }
        // Kana only: light verbs and particles are function words; longer kana words are content.
        if word.forms.inflects || hiragana < 3 { return .function }
        let surface = UnsafeBufferPointer(rebasing: units[word.start..<word.end])
        var h = WordHash()
        for u in surface { h.add(u) }
        guard let candidates = functionKanaByHash[h.value] else { return .content }
        return candidates.contains { $0.elementsEqual(surface) } ? .function : .content
    }
}
