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
            // Auxiliaries ICU cuts off (でしょ|う), conjunctions, demonstratives and adverbs that carry no topic.
            "しょう", "によって", "ことに", "にとって", "にあたって", "にとっては", "そして", "そもそも", "どうか", "なので",
            "すると", "そのもの", "そんな", "こんな", "あんな", "だから", "それら", "これら", "ならば", "となり", "となる",
            "それに", "そういった", "こういった", "このまま", "そのまま", "すべて", "あまり", "あまりに", "これまで",
            "これから", "それぞれ", "どちら", "もちろん", "あるいは", "こうした", "そうした", "せめて", "ほうが", "つまり",
            "ただし", "とにかく", "まずは", "むしろ", "たとえ", "あくまで", "あくまでも", "いかに", "ぜひとも", "さらには",
            "かつ", "ほぼ", "ずっと", "よく", "なぜ", "なぜなら", "いずれ", "いずれも", "なかなか", "しっかり", "きちんと",
            "どんどん", "まったく", "なんか", "なんて", "ものの", "ように", "ことが", "ことを", "ことは", "ことで",
            "なくなる", "なくなって", "なくなった", "しかも", "ところで", "いわゆる", "あらゆる", "いろいろ", "さまざま",
        ].map { Array($0.utf16) })

    /// Words with a kanji that are still function words: compound particles (に対して), conjunctions (又は,
    /// 及び, 例えば) and stock phrases of request (お願いします, 頂きたい).
    static let functionKanji: Set<String> = [
        "対して", "対する", "対し", "対しては", "関して", "関する", "関し", "関しては", "例えば", "又は", "及び", "並びに",
        "以上", "以下", "以外", "願いします", "願いしたい", "願います", "願い致します", "頂きたい", "頂く", "頂ける",
        "頂いて", "頂き", "頂けれ", "下さい", "致します", "致す", "致しました", "思います", "思う",
        "是非", "一方", "様々", "色々", "同じ", "他の", "全て", "既に", "更に", "特に", "共に", "且つ", "為", "事", "物",
        "時に", "程度", "場合", "今回", "今後", "等", "大き", "小さ", "誰か", "彼ら", "我々", "彼女", "化する", "化して", "化し",
        "化させる", "化された", "化される", "化した", "化が", "化を",
    ]

    /// Lone kanji that are function nouns even between particles (事, 物, 時, 方 …): never content.
    static let functionLoneKanji: Set<UInt16> = Set("事物時方為中等他様所内際的毎者達頃位上下後前今又及私何誰彼点条".utf16)

    /// `functionKana` by the hash of each word's units (looked up without building an array).
    let functionKanaByHash: HashedWords
    /// `functionKanji` the same way: the text side is NFKC (so NFC) and these words are kanji and kana only, so
    /// equal units are exactly String equality, without a String made and hashed per word.
    let functionKanjiByHash: HashedWords

    init() {
        functionKanaByHash = HashedWords(Self.functionKana.map { $0 })
        functionKanjiByHash = HashedWords(Self.functionKanji.map { Array($0.utf16) })
    }

    /// The role of `word`; `hash` is the `WordHash` of its folded units (`Token.keyHash`), which for a word of kanji
    /// and hiragana only — the only words looked up in the function word lists — is the hash of its units.
    func role(_ units: UnsafeBufferPointer<UInt16>, _ word: RawWord, kind: Token.Kind, hash: UInt64) -> Token.Role {
        if kind == .number { return .number }
        // A lexicon word, or one with a unit neither kanji nor hiragana (katakana, Latin), is content.
        if word.lexicon { return .content }
        var kanji = 0
        var hiragana = 0
        for k in word.start..<word.end {
            let u = units[k]
            // The common CJK block first, then hiragana, then the rarer kanji (々, extension A, compatibility
            // ideographs, a surrogate pair's lead): the classes are disjoint, so the order changes no count, and a
            // hiragana unit is not tested against every kanji range first.
            if u &- 0x4E00 < 0x5200 {
                kanji += 1
            } else if Conjugation.isHiragana(u) {
                hiragana += 1
            } else if Conjugation.isKanji(u) {
                kanji += 1
            } else if !(0xDC00...0xDFFF).contains(u) {
                return .content
            }
        }
        if kanji == 1 && hiragana == 0 { return Self.isLoneNoun(units, word) ? .content : .fragment }
        if kanji > 0 { return functionKanjiByHash.contains(units, word, hash: hash) ? .function : .content }
        // Kana only: light verbs and particles are function words; longer kana words are content.
        if word.forms.inflects || hiragana < 3 { return .function }
        return functionKanaByHash.contains(units, word, hash: hash) ? .function : .content
    }

    /// A lone kanji that stands as a word of its own (町で, 県の, 人が): a neighbour on neither side is a kanji or
    /// katakana (周|南市 and 見|守り are pieces ICU cut), something follows it, and it is not a function noun.
    static func isLoneNoun(_ units: UnsafeBufferPointer<UInt16>, _ word: RawWord) -> Bool {
        guard word.end < units.count, word.end - word.start == 1 || word.end - word.start == 2 else { return false }
        guard !functionLoneKanji.contains(units[word.start]) else { return false }
        let after = units[word.end]
        if Conjugation.isKanji(after) || (0x30A1...0x30FC).contains(after) { return false }
        if word.start > 0 {
            let before = units[word.start - 1]
            if Conjugation.isKanji(before) || (0x30A1...0x30FC).contains(before) || (0xDC00...0xDFFF).contains(before)
                || (0x30...0x39).contains(before) || (0x3007...0x3007).contains(before)
            {
                return false
            }
        }
        return true
    }
}

/// A fixed set of short words found by their `WordHash` (open addressing), then compared unit by unit.
struct HashedWords: Sendable {
    /// Slot k holds word `index[k]` (-1: empty) whose hash is `hashes[k]`.
    private let hashes: [UInt64]
    private let index: [Int32]
    private let words: [[UInt16]]
    private let mask: Int

    init(_ words: [[UInt16]]) {
        var size = 16
        while size < 4 * words.count { size *= 2 }
        var hashes = [UInt64](repeating: 0, count: size)
        var index = [Int32](repeating: -1, count: size)
        for (w, word) in words.enumerated() {
            let h = Self.hash(word[...])
            var k = Self.slot(h, size - 1)
            while index[k] >= 0 { k = (k + 1) & (size - 1) }
            hashes[k] = h
            index[k] = Int32(w)
        }
        self.hashes = hashes
        self.index = index
        self.words = words
        mask = size - 1
    }

    static func hash(_ units: ArraySlice<UInt16>) -> UInt64 {
        var h = WordHash()
        for u in units { h.add(u) }
        return h.value
    }

    @inline(__always) private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Whether `units[word.start..<word.end]`, whose `WordHash` is `hash`, is one of the words.
    func contains(_ units: UnsafeBufferPointer<UInt16>, _ word: RawWord, hash: UInt64) -> Bool {
        var k = Self.slot(hash, mask)
        while index[k] >= 0 {
            if hashes[k] == hash && words[Int(index[k])].elementsEqual(units[word.start..<word.end]) { return true }
            k = (k + 1) & mask
        }
        return false
    }
}
