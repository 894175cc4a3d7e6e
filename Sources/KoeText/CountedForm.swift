// CountedForm — the one dictionary form a word is counted under (word lists, co-occurrence, word search): the
// most likely of the readings the conjugation tables allow (考えて → 考える, 回って → 回る, 大きく → 大きい).

/// Chooses among a word's readings. The tables keep every reading (matching needs them all); counting needs one.
enum CountedForm {
    /// Kanji ending a godan verb in う whose te-form is っ (言って, 買って, 戦って): other っ-forms read as る.
    static let uKanji = UnitSet(
        "言思使買払会合違歌笑習追扱争失伴補救願従戦洗拾誘疑奪吸貰養迷問担培負舞沿添償敬慕狙雇訪整揃叶匂漂装祝嫌競誓伺賄諭惑囲酔覆伝貢謳繕"
    )
    /// Kanji ending a godan verb in つ (持って, 待って, 役立って).
    static let tsuKanji = UnitSet("持待立打勝経育保放建絶討撃満")
    /// Kanji ending a godan verb in ぶ (呼んで, 選んで): other ん-forms read as む.
    static let buKanji = UnitSet("呼遊選運学結並飛喜叫及滅転尊忍偲浮")
    /// Kanji of verbs in らす/やす/かす (暮らす, 増やす, 動かす): their potential (暮らせる) reads as that verb, not
    /// as the causative of a shorter one (暮る).
    static let sasuKanji = UnitSet("暮減散照鳴慣荒揺漏晴増冷生費燃肥癒絶動活驚乾脅明溶輝")

    /// Kanji that are whole i-adjective stems (強く → 強い, 多く → 多い).
    static let adjectiveKanji = UnitSet(
        "良強広狭早高安長深古若悪重軽低短細太暗熱暑寒痛辛甘固硬堅弱鋭緩粗荒薄濃白黒赤青丸偉賢憎醜淡臭速清酷厚遅永快潔尊貴無")

    /// Index into `token.forms` of the counted reading, or nil when the word counts as written (nouns, a word
    /// already in dictionary form such as 考える or 働ける).
    static func index(_ token: Token, _ units: ArraySlice<UInt16>, next: UInt16?) -> Int? {
        let forms = token.forms
        guard forms.count > 0, !forms.isDictionaryForm || isVolitional(units) else { return nil }
        if isAsWritten(units) { return nil }
        if let next = next, isNoun(forms, units, before: next) { return nil }
        var best = 0
        var bestScore = Int.max
        for i in 0..<forms.count {
            let score = self.score(forms[i], units)
            if score < bestScore {
                best = i
                bestScore = score
            }
        }
        return best
    }

    /// Words counted as written although the tables read them as inflected: adverbs made of a verb's て-form
    /// (極めて, 改めて) and nouns the tables take for a 連用形 (少し, 気持ち, 人たち).
    static let asWritten: Set<[UInt16]> = Set(
        [
            "少し", "極めて", "改めて", "初めて", "果たして", "決して", "概して", "敢えて", "強いて", "至って", "却って",
            "努めて", "併せて", "全て", "気持ち", "一人ひとり", "ひとりひとり", "人たち", "私たち", "子どもたち", "者たち",
            "引き続き", "必ずしも",
        ].map { Array($0.utf16) })

    /// The first units of `asWritten`'s words and the longest one: most words are ruled out without an array made.
    private static let asWrittenStarts = Set(asWritten.compactMap(\.first))
    private static let asWrittenLongest = asWritten.map(\.count).max() ?? 0

    /// Whether `units` is one of `asWritten`.
    static func isAsWritten(_ units: ArraySlice<UInt16>) -> Bool {
        guard let first = units.first, units.count <= asWrittenLongest, asWrittenStarts.contains(first) else { return false }
        return asWritten.contains(Array(units))
    }

    /// Kana after which a bare 連用形 is a noun (取り組みを, 流れが, 学びの, 好きな): not a verb.
    static let nounParticles = KanaSet("をがのはもとでな")

    /// A word that ends in a bare 連用形 (取り組み, 仕組み, 流れ, 見直し) and is followed by a particle: a noun,
    /// counted as written.
    static func isNoun(_ forms: DictionaryForms, _ units: ArraySlice<UInt16>, before next: UInt16) -> Bool {
        guard nounParticles.contains(next), let lastUnit = units.last else { return false }
        for i in 0..<forms.count {
            let f = forms[i]
            let stemEnd = Int(f.stemEnd)
            if f.ending == Conjugation.ichidanEnding && stemEnd == units.count { return true }
            if f.ending <= 8 && stemEnd == units.count - 1, let p = Conjugation.position(lastUnit), p.column == 1 {
                return true
            }
        }
        return false
    }

    /// An o-column kana and う at the end (聞こう, 減らそう, 食べよう): a volitional, not a verb in う.
    static func isVolitional(_ units: ArraySlice<UInt16>) -> Bool {
        guard units.count >= 3, units.last == 0x3046 else { return false }
        let before = units[units.endIndex - 2]
        return before == 0x3088 || Conjugation.position(before)?.column == 4
    }

    /// Lower is likelier. An ichidan reading whose stem ends in an e-column kana beats a godan potential
    /// (考え|て: 考える, not 考う); among っ- and ん-forms the kanji lists decide; otherwise the tables' order.
    static func score(_ form: DictionaryForm, _ units: ArraySlice<UInt16>) -> Int {
        let stemEnd = units.startIndex + Int(form.stemEnd)
        guard stemEnd > units.startIndex, stemEnd < units.endIndex else { return 10 }
        let last = units[stemEnd - 1]
        let next = units[stemEnd]
        let ending = form.ending
        if ending == Conjugation.ichidanEnding, let p = Conjugation.position(last), p.column == 3 { return 0 }
        if ending == 2, stemEnd - units.startIndex >= 2, last == 0x3089 || last == 0x3084 || last == 0x304B,
            sasuKanji.contains(units[stemEnd - 2])
        {
            return 0
        }
        if next == 0x3063 {  // っ
            let want: UInt8 = last == 0x884C ? 0 : uKanji.contains(last) ? 8 : tsuKanji.contains(last) ? 3 : 7
            return ending == want ? 1 : 5
        }
        if next == 0x3093 {  // ん
            let want: UInt8 = buKanji.contains(last) ? 5 : 6
            return ending == want ? 1 : 5
        }
        return 3
    }

    /// The i-adjective a bare く-form with no reading stands for (大きく → 大きい, 強く → 強い), as the units of the
    /// stem (the caller adds い); nil for any other word.
    static func adjectiveStem(_ units: ArraySlice<UInt16>) -> ArraySlice<UInt16>? {
        guard units.count >= 2, units.last == 0x304F else { return nil }  // く
        let stem = units.dropLast()
        guard let before = stem.last else { return nil }
        if Conjugation.isKanji(before) { return stem.count == 1 && adjectiveKanji.contains(before) ? stem : nil }
        guard Conjugation.adjectiveStemKana.contains(before), stem.count >= 2, stem.contains(where: Conjugation.isKanji)
        else { return nil }
        return stem
    }
}

/// A small set of UTF-16 units (kanji lists above).
struct UnitSet: Sendable {
    private let units: Set<UInt16>

    init(_ text: String) { units = Set(text.utf16) }

    func contains(_ u: UInt16) -> Bool { units.contains(u) }
}
