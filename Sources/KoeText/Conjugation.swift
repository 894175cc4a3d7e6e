// Conjugation — dictionary forms of a Japanese word from its kana tail, by the conjugation tables of godan,
// ichidan, する/来る verbs and i-adjectives (no dictionary: every reading the tables allow is kept).

/// One dictionary form of a word: `stem` (UTF-16 offsets relative to the word) followed by `ending`.
public struct DictionaryForm: Sendable, Hashable {
    public var stemStart: UInt8
    public var stemEnd: UInt8
    /// Index into `Conjugation.endings` (く ぐ す つ ぬ ぶ む る う い する).
    public var ending: UInt8
    /// Hash of the folded form (what keyword matching compares).
    public var hash: UInt64

    /// The endings a form's stem takes, indexed by `ending` (く ぐ す つ ぬ ぶ む る う い する).
    public static var endings: [[UInt16]] { Conjugation.endings }

    /// The stems a word's dictionary form can have when the form, folded, is `key`: `key` minus an ending it ends in,
    /// where the word layer gives such forms. It gives them to words holding a kanji, whose stems run at least to
    /// the last kanji (so hold one), and to kana light verbs and adjectives, whose stems are those of
    /// `Conjugation.kanaLemmas` (なる, いる, する …). A text word has the form `key` only when the text holds one of
    /// these stems (what the tagger's precheck relies on; `DictionaryFormStemTests` checks it on real text).
    public static func possibleStems(of key: [UInt16]) -> [ArraySlice<UInt16>] {
        var out: [ArraySlice<UInt16>] = []
        for ending in Conjugation.endings where key.count >= ending.count && key.suffix(ending.count).elementsEqual(ending) {
            let stem = key.dropLast(ending.count)
            let e = UInt16(Conjugation.endings.firstIndex(of: ending) ?? 0)
            if stem.contains(where: Conjugation.isKanji) || Conjugation.kanaLemmaForms.contains(Array(stem) + [0, e]) {
                out.append(stem)
            }
        }
        return out
    }
}

/// A word's dictionary forms (up to four, most likely first) and whether its tail parsed as an inflection.
///
/// Every token carries one, so it is laid out to be cheap to copy: the four hashes, then the stems and endings
/// packed three bytes to a form and two forms to a word (`parts01`, `parts23`), then the count and flags — ten stored values
/// and 56 bytes, where four `DictionaryForm`s (each padded to 16 bytes) took twenty and 80.
public struct DictionaryForms: Sendable, Hashable {
    private var h0: UInt64 = 0
    private var h1: UInt64 = 0
    private var h2: UInt64 = 0
    private var h3: UInt64 = 0
    /// Form 0 in bits 0…23 of `parts01`, form 1 in bits 32…55; forms 2 and 3 the same in `parts23`.
    private var parts01: UInt64 = 0
    private var parts23: UInt64 = 0
    private var n: UInt8 = 0
    /// The word's own surface is a dictionary form (減らす, 高い), or a form was found.
    public var inflects = false
    /// Okurigana kana in the stem of the first reading (減らそう: 1).
    var stemKana: Int8 = 0
    /// One reading is the word itself: it is written in dictionary form (育てる, 高い, 働ける).
    public internal(set) var isDictionaryForm = false

    public static let capacity = 4

    public init() {}

    /// The number of forms.
    public var count: Int { Int(n) }

    /// Form `i` (form 3 for any `i` outside 0…2, as before the forms were packed).
    public subscript(_ i: Int) -> DictionaryForm {
        let k = (0...2).contains(i) ? i : 3
        let p = UInt32(truncatingIfNeeded: (k < 2 ? parts01 : parts23) >> (k & 1 == 0 ? 0 : 32))
        return DictionaryForm(
            stemStart: UInt8(truncatingIfNeeded: p), stemEnd: UInt8(truncatingIfNeeded: p >> 8),
            ending: UInt8(truncatingIfNeeded: p >> 16), hash: hash(k))
    }

    /// The hash of form `k` (0…3).
    @inline(__always) private func hash(_ k: Int) -> UInt64 {
        switch k {
        case 0: h0
        case 1: h1
        case 2: h2
        default: h3
        }
    }

    /// Adds `form` unless full or already present (same hash).
    mutating func add(_ form: DictionaryForm) {
        for i in 0..<count where hash(i) == form.hash { return }
        let p = UInt64(form.stemStart) | UInt64(form.stemEnd) << 8 | UInt64(form.ending) << 16
        switch n {
        case 0: (h0, parts01) = (form.hash, parts01 | p)
        case 1: (h1, parts01) = (form.hash, parts01 | p << 32)
        case 2: (h2, parts23) = (form.hash, parts23 | p)
        case 3: (h3, parts23) = (form.hash, parts23 | p << 32)
        default: return
        }
        n += 1
    }

    /// The forms of `set` over the word at `word` (normalized units from the word's start), each with the hash of
    /// its folded stem and ending.
    init(_ set: FormSet, word: UnsafeBufferPointer<UInt16>, parser: ConjugationParser) {
        inflects = set.inflects
        stemKana = set.stemKana
        isDictionaryForm = set.isDictionaryForm
        for i in 0..<set.count {
            let f = set[i]
            var h = WordHash()
            for k in Int(f.stemStart)..<Int(f.stemEnd) { h.add(WordHash.fold(word[k])) }
            for k in 0..<parser.endingCount[Int(f.ending)] { h.add(parser.endingUnits[2 * Int(f.ending) + k]) }
            add(DictionaryForm(stemStart: f.stemStart, stemEnd: f.stemEnd, ending: f.ending, hash: h.value))
        }
    }
}

/// A word's readings while the word layer works on it: `DictionaryForms` without the hashes (a token's forms get
/// them when the word is final), small enough to copy freely. Forms are told apart by their text, as the hashes
/// would tell them apart.
struct FormSet: Equatable {
    /// A form: the stem `stemStart..<stemEnd` (UTF-16 offsets relative to the word) and an ending.
    struct Form: Equatable {
        var stemStart: UInt8
        var stemEnd: UInt8
        var ending: UInt8
    }

    private var n: UInt8 = 0
    var inflects = false
    /// Okurigana kana in the stem of the first reading (減らそう: 1).
    var stemKana: Int8 = 0
    var isDictionaryForm = false
    private var f0 = Form(stemStart: 0, stemEnd: 0, ending: 0)
    private var f1 = Form(stemStart: 0, stemEnd: 0, ending: 0)
    private var f2 = Form(stemStart: 0, stemEnd: 0, ending: 0)
    private var f3 = Form(stemStart: 0, stemEnd: 0, ending: 0)

    var count: Int { Int(n) }

    /// No form and no flag: what `FormSet()` holds.
    var isEmpty: Bool { n == 0 && !inflects && stemKana == 0 && !isDictionaryForm }

    subscript(_ i: Int) -> Form {
        switch i {
        case 0: f0
        case 1: f1
        case 2: f2
        default: f3
        }
    }

    /// Appends `form` when there is room; the caller has checked it is new (`ConjugationParser.add(_:to:word:)`).
    mutating func append(_ form: Form) {
        switch n {
        case 0: f0 = form
        case 1: f1 = form
        case 2: f2 = form
        case 3: f3 = form
        default: return
        }
        n += 1
    }

    mutating func removeAll() { n = 0 }

    /// Offsets every form's stem by `delta` (a part's forms moved into the compound that holds it).
    func shifted(by delta: Int) -> FormSet {
        var out = self
        out.removeAll()
        for i in 0..<count {
            var f = self[i]
            f.stemStart = UInt8(clamping: Int(f.stemStart) + delta)
            f.stemEnd = UInt8(clamping: Int(f.stemEnd) + delta)
            out.append(f)
        }
        return out
    }

    static func == (a: FormSet, b: FormSet) -> Bool {
        guard a.n == b.n, a.inflects == b.inflects, a.stemKana == b.stemKana, a.isDictionaryForm == b.isDictionaryForm
        else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }
}

/// A set of hiragana (U+3040…U+309F) as a bit mask: membership without hashing.
struct KanaSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ kana: String) {
        for u in kana.utf16 where u >= 0x3040 && u < 0x30C0 {
            let bit = Int(u) - 0x3040
            if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
        }
    }

    @inline(__always) func contains(_ u: UInt16) -> Bool {
        guard u >= 0x3040 && u < 0x30C0 else { return false }
        let bit = Int(u) - 0x3040
        return bit < 64 ? low & (1 << UInt64(bit)) != 0 : high & (1 << UInt64(bit - 64)) != 0
    }
}

/// The conjugation tables and the parser over a word's units.
enum Conjugation {
    static func units(_ s: String) -> [UInt16] { Array(s.utf16) }

    /// Dictionary-form endings, indexed by `DictionaryForm.ending`.
    static let endings: [[UInt16]] = ["く", "ぐ", "す", "つ", "ぬ", "ぶ", "む", "る", "う", "い", "する"].map(units)
    static let ichidanEnding: UInt8 = 7
    static let adjectiveEnding: UInt8 = 9
    static let suruEnding: UInt8 = 10

    /// Godan rows: the a, i, u, e, o columns, and the row's index into `endings`.
    static let rows: [(kana: [UInt16], ending: UInt8)] = [
        ("かきくけこ", 0), ("がぎぐげご", 1), ("さしすせそ", 2), ("たちつてと", 3), ("なにぬねの", 4),
        ("ばびぶべぼ", 5), ("まみむめも", 6), ("らりるれろ", 7), ("わいうえお", 8),
    ].map { (units($0.0), $0.1) }

    /// row × 5 + column of each hiragana (U+3040…U+309F) in the godan table, -1 when absent.
    /// ざ and だ rows follow the godan rows (rows 9 and 10): no godan verb uses them, but their い/え columns end
    /// ichidan stems (信じ-る, 混ぜ-る).
    static let kanaTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 0x60)
        for (r, row) in (rows.map(\.kana) + [units("ざじずぜぞ"), units("だぢづでど")]).enumerated() {
            for (c, u) in row.enumerated() { table[Int(u) - 0x3040] = Int8(r * 5 + c) }
        }
        return table
    }()

    /// Row and column of a kana in the godan table (each kana is in one row at most).
    @inline(__always) static func position(_ u: UInt16) -> (row: Int, column: Int)? {
        guard u >= 0x3040 && u < 0x30A0 else { return nil }
        let p = Int(kanaTable[Int(u) - 0x3040])
        return p < 0 ? nil : (p / 5, p % 5)
    }

    /// Whether `u` is a kana of the い or え column (the end of an ichidan stem or a 連用形).
    @inline(__always) static func isIOrEColumn(_ u: UInt16) -> Bool {
        guard let p = position(u) else { return false }
        return p.column == 1 || p.column == 3
    }

    /// Kanji that are whole ichidan stems (見る, 居る, 出る, 来る …).
    static let ichidanKanji: [UInt16] = Array("見居着似煮寝出得経干来診".utf16)
    /// Ichidan stems ending in い (用いる …); other stems ending in い read as godan or adjectives.
    static let ichidanIKanji: [UInt16] = Array("用報強老悔".utf16)
    /// Kanji directly followed by が as a godan-g stem (防がない); after other kanji が is the particle (車がない).
    static let gaStems: [UInt16] = Array("泳急防稼騒繋塞注継仰嗅脱研担剥漕紡凌揺".utf16)
    /// Kanji after which か is the particle, not a godan-k ending (何かない).
    static let kaParticle: [UInt16] = Array("何誰".utf16)

    static func isHiragana(_ u: UInt16) -> Bool { (0x3041...0x3096).contains(u) || u == 0x30FC }
    /// A kanji unit: U+4E00…U+9FFF, extension A (U+3400…U+4DBF), the compatibility ideographs (U+F900…U+FAFF), 々,
    /// or a surrogate pair's lead (an ideograph beyond the BMP). Asked of nearly every unit the word layer and the
    /// roles look at, most of them kana or ASCII: those are told apart by one comparison (below U+3400, only 々 is
    /// a kanji); `ConjugationParserTests.testIsKanjiEqualsTheRanges` checks every unit against the ranges.
    @inline(__always) static func isKanji(_ u: UInt16) -> Bool {
        if u < 0x3400 { return u == 0x3005 }
        // U+3400…U+9FFF: every unit but the Yijing hexagrams between extension A and the main block.
        if u <= 0x9FFF { return u &- 0x4DC0 >= 0x40 }
        return u &- 0xF900 < 0x200 || u &- 0xD800 < 0x400
    }

    /// Kana that never start okurigana right after a kanji: particles (車を, 市に, 雪で, 冬は …).
    static let particleKana = KanaSet("をにではへのもと")
    /// Kana that end inflections (て, で, っ, ん, small ゃゅょ) and so never stand inside a stem.
    static let inflectionKana = KanaSet("てでっんゃゅょだぢづど")
    /// The first kana of する's forms (し, さ, す, せ).
    static let suruKana = KanaSet("しさすせ")
    /// The last okurigana kana an i-adjective stem can have (美し-い, 少な-い, 暖か-い, 冷た-い, 明る-い, 大き-い).
    static let adjectiveStemKana = KanaSet("しなかたるきさろ")

    /// Dictionary forms of `word` whose stem ends at or after `minStem` (just past the last kanji) and at most
    /// `maxStemKana` kana later. Every reading the tables allow is kept, with these limits: readings use the
    /// fewest okurigana kana that give any reading, or one more (減ら|そう; 食|べ|させる or 食べ|させる); no bare
    /// imperative (待て reads as te-form, not as 待つ); an ichidan stem in an い-column kana yields to the godan
    /// reading of that kana (減らし|て is 減らす, not 減らしる); an adjective in dictionary form (高い) has no other
    /// reading. Forms equal to the word itself are not listed but mark it `inflects`.
    /// With `suruNoun`, a stem of two or more kanji right before the tail is a noun taking する (解消|して), not
    /// a godan-s verb.
    static func analyze(
        _ word: ArraySlice<UInt16>, minStem: Int, suruNoun: Bool = false, maxStemKana limit: Int = 2
    ) -> FormSet {
        word.withUnsafeBufferPointer { parser.analyze($0, minStem: minStem, suruNoun: suruNoun, maxStemKana: limit) }
    }

    /// Kana-only words with a known stem (auxiliary and light verbs): する, なる, いる, ある, できる …
    static let kanaLemmas: [(stem: [UInt16], kind: UInt8)] = [
        ("な", 7), ("あ", 7), ("い", 100), ("でき", 100), ("い", 8), ("い", 0), ("お", 0), ("しま", 8), ("み", 100),
        ("もら", 8), ("くれ", 100), ("あげ", 100), ("いただ", 0), ("くださ", 7), ("お", 7), ("わか", 7),
        ("な", 9), ("よ", 9), ("ほし", 9), ("い", 9), ("", 10),
    ].map { (units($0.0), $0.1) }

    /// The dictionary forms `kanaLemmas` read kana words as, each its stem then 0 and its ending's index (なる, いる,
    /// する …).
    static let kanaLemmaForms: Set<[UInt16]> = Set(
        kanaLemmas.map { lemma in
            let ending: UInt8 =
                switch lemma.kind {
                case 100: ichidanEnding
                case 9: adjectiveEnding
                case 10: suruEnding
                default: lemma.kind
                }
            return lemma.stem + [0, UInt16(ending)]
        })

    /// First kana of the words in `kanaLemmas` and of する's forms.
    static let kanaStarts = KanaSet("なあいでおしみもくよほわさすせ")

    /// Forms of a kana-only word read as one of `kanaLemmas` (する for して, なる for なって, くださる for ください).
    static func analyzeKana(_ word: ArraySlice<UInt16>) -> FormSet {
        word.withUnsafeBufferPointer { parser.analyzeKana($0) }
    }

    /// The tables above as plain values and pointers, built once.
    static let parser = ConjugationParser()
}
