// MatchingView — the form of a quote the number and address detectors read: full-width ASCII folded,
// kana and kanji digits written as digits (ゼロハチゼロ, 〇八〇 → 080), spelled-out @ and dots (アットマーク,
// [at], " dot ") written as symbols, with a map from every unit back to the verbatim text it came from.
import KoeCore

/// A normalized copy of a text in UTF-16 units, each unit knowing the verbatim range it stands for.
struct MatchingView {
    /// The normalized units.
    private(set) var units: [UInt16] = []
    /// For each normalized unit, the verbatim range it came from.
    private(set) var origins: [Range<Int>] = []

    /// The normalized text as a String (for regular expressions; offsets are the same UTF-16 units).
    var string: String { String(decoding: units, as: UTF16.self) }

    /// The verbatim range of a normalized range.
    func original(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return origins.isEmpty ? 0..<0 : origins[min(range.lowerBound, origins.count - 1)] }
        return origins[range.lowerBound].lowerBound..<origins[range.upperBound - 1].upperBound
    }

    /// Builds the view of `text` in two passes: width folding, then digit words and spelled-out symbols.
    init(_ text: String) { self.init(units: UTF16Units.of(text)) }

    /// The view of a text given as its UTF-16 units.
    init(units text: [UInt16]) {
        // Width folding maps one unit to one unit: index i of `source` is index i of the text.
        // Copied, then folded in place (a `map` over the UTF-16 view was a fifth of the view's time).
        var source = text
        source.withUnsafeMutableBufferPointer { units in
            for k in units.indices { units[k] = Self.foldWidth(units[k]) }
        }
        units.reserveCapacity(source.count)
        origins.reserveCapacity(source.count)
        let firstUnits = Self.firstUnits
        var i = 0
        while i < source.count {
            let u = source[i]
            if !firstUnits[Int(u)] {
                // The common case: a unit that starts no digit word or spelling, copied as it is.
                append(u, from: i..<(i + 1))
                i += 1
                continue
            }
            if let (symbol, length) = Self.spelledSymbol(source, at: i) {
                let written = !Self.isAlnum(source[i])
                appendSymbol(symbol, written: written, from: i..<(i + length))
                i += length
                if written, i + 1 < source.count, source[i] == 0x20, Self.isAlnum(source[i + 1]) {
                    origins[origins.count - 1] = origins[origins.count - 1].lowerBound..<(i + 1)
                    i += 1
                }
            } else if let digits = Self.kanjiDigits(source, at: i) ?? Self.kanaDigits(source, at: i) {
                for (value, length) in digits {
                    append(0x30 + UInt16(value), from: i..<(i + length))
                    i += length
                }
            } else if source[i] == 0x306E, let next = Self.digitStart(source, i + 1), digitBefore() {
                append(0x2D, from: i..<next)  // 52の1234, 080 の 4421: の between digits reads as a dash
                i = next
            } else {
                append(source[i], from: i..<(i + 1))
                i += 1
            }
        }
    }

    private init() {}

    /// Appends a spelled `@` or `.`; a spelling in kana or brackets (ドット, 【アット】, not the bare `at`) takes in
    /// the space before it after a letter or digit, and the caller the space after it (kazoku-farm ドット example →
    /// kazoku-farm.example).
    private mutating func appendSymbol(_ symbol: UInt16, written: Bool, from origin: Range<Int>) {
        var lower = origin.lowerBound
        if written, units.count >= 2, units[units.count - 1] == 0x20, Self.isAlnum(units[units.count - 2]) {
            lower = origins[origins.count - 1].lowerBound
            units.removeLast()
            origins.removeLast()
        }
        append(symbol, from: lower..<origin.upperBound)
    }

    /// Whether the last unit appended (or the one before a single space) is a digit.
    private func digitBefore() -> Bool {
        guard let last = units.last else { return false }
        if PhoneNumbers.digit(last) != nil { return true }
        return last == 0x20 && units.count >= 2 && PhoneNumbers.digit(units[units.count - 2]) != nil
    }

    /// The index of the digit (ASCII, kanji or kana) at `i` or after one space at `i`, or nil.
    private static func digitStart(_ s: [UInt16], _ i: Int) -> Int? {
        for k in [i, i + 1] where k < s.count {
            if PhoneNumbers.digit(s[k]) != nil || kanjiDigit(s[k]) != nil || kanaDigits(s, at: k) != nil { return k }
            if k == i, s[k] != 0x20, s[k] != 0x3001 { return nil }  // 52の1234, 52の 1234, 52の、1234
        }
        return nil
    }

    /// The first units of every digit word and spelling (and の); any other non-ASCII unit is copied as it is.
    static let firstUnits: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        table[0x306E] = true
        for (word, _) in kanaDigitWords { table[Int(word[0])] = true }
        for word in atWords + dotWords { table[Int(word[0])] = true }
        for u in "aAdD".utf16 { table[Int(u)] = true }
        for u in "〇零一二三四五六七八九".utf16 { table[Int(u)] = true }
        return table
    }()

    private mutating func append(_ unit: UInt16, from origin: Range<Int>) {
        units.append(unit)
        origins.append(origin)
    }

    /// Full-width ASCII (！–～) to ASCII; the ideographic space to a space.
    static func foldWidth(_ u: UInt16) -> UInt16 {
        switch u {
        case 0xFF01...0xFF5E: return u - 0xFEE0
        case 0x3000: return 0x20
        default: return u
        }
    }

    // MARK: Spelled-out symbols

    /// Spellings of @ and of a dot inside an address (ASCII ones are matched case-insensitively).
    static let atWords: [[UInt16]] = [
        "(アットマーク)", "(アット)", "(あっと)", "[アット]", "(@)", "[@]", "【アットマーク】", "【アット】", "【at】", "【@】", "アットマーク", "あっとまーく", "アット", "あっと", "[at]",
        "(at)",
        "<at>", "{at}",
    ].map { Array($0.utf16) }
    static let spacedWords: [([UInt16], UInt16)] = [
        (Array("atmark".utf16), 0x40), (Array("at".utf16), 0x40), (Array("dot".utf16), 0x2E),
    ]
    static let dotWords: [[UInt16]] = ["【ドット】", "[ドット]", "(ドット)", "ドット", "どっと", "[dot]", "(dot)", "<dot>", "{dot}"].map { Array($0.utf16) }

    /// `@` or `.` and the length it replaces, when a spelling of it starts at `i`: the words above, or `at`/`dot`
    /// standing alone between spaces after a Latin letter or digit (`taro at example dot com`).
    static func spelledSymbol(_ s: [UInt16], at i: Int) -> (UInt16, Int)? {
        // No spelling starts with this unit (of の, に, い …: most calls): nothing below can match.
        guard i < s.count, symbolStarts[Int(lower(s[i]))] else { return nil }
        for word in atWords where matches(s, at: i, word) { return (0x40, word.count) }
        for word in dotWords where matches(s, at: i, word) { return (0x2E, word.count) }
        guard i >= 2, s[i - 1] == 0x20, isAlnum(s[i - 2]) else { return nil }
        for (word, symbol) in spacedWords {
            let end = i + word.count
            if matches(s, at: i, word), end + 1 < s.count, s[end] == 0x20, isAlnum(s[end + 1]) { return (symbol, word.count) }
        }
        return nil
    }

    /// The first units of the spellings above (lower case), as `matches` compares them.
    static let symbolStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        for word in atWords + dotWords + spacedWords.map(\.0) { table[Int(lower(word[0]))] = true }
        return table
    }()

    /// True when `word` (ASCII compared case-insensitively) starts at `i`.
    static func matches(_ s: [UInt16], at i: Int, _ word: [UInt16]) -> Bool {
        // The first unit alone settles most calls (every digit word and spelling is tried at each kana).
        guard i + word.count <= s.count, !word.isEmpty, lower(s[i]) == word[0] else { return word.isEmpty && i <= s.count }
        var k = 1
        while k < word.count {
            if lower(s[i + k]) != word[k] { return false }
            k += 1
        }
        return true
    }

    static func lower(_ u: UInt16) -> UInt16 { (0x41...0x5A).contains(u) ? u + 0x20 : u }
    static func isAlnum(_ u: UInt16) -> Bool { PhoneNumbers.isLetter(u) || PhoneNumbers.digit(u) != nil }

    // MARK: Digits written in kanji or kana

    /// The value of a positional kanji digit (〇八〇, not 十 or 百).
    static func kanjiDigit(_ u: UInt16) -> Int? {
        switch u {
        case 0x3007, 0x96F6: return 0  // 〇 零
        case 0x4E00: return 1  // 一
        case 0x4E8C: return 2  // 二
        case 0x4E09: return 3  // 三
        case 0x56DB: return 4  // 四
        case 0x4E94: return 5  // 五
        case 0x516D: return 6  // 六
        case 0x4E03: return 7  // 七
        case 0x516B: return 8  // 八
        case 0x4E5D: return 9  // 九
        default: return nil
        }
    }

    /// A run of kanji digits at `i` read as digits: three or more (〇八〇), two with a 〇, or two that a
    /// separator joins to another digit group (五二‐一二三四). One kanji (一丁目, 三男) stays a word.
    static func kanjiDigits(_ s: [UInt16], at i: Int) -> [(Int, Int)]? {
        guard kanjiDigit(s[i]) != nil, i == 0 || kanjiDigit(s[i - 1]) == nil else { return nil }
        var end = i
        while end < s.count, kanjiDigit(s[end]) != nil { end += 1 }
        let run = s[i..<end]
        let joined =
            (end + 1 < s.count && isKanjiJoiner(s, end, after: true))
            || (i >= 2 && isKanjiJoiner(s, i - 1, after: false))
        guard run.count >= 3 || (run.count == 2 && (run.contains(0x3007) || joined)) else { return nil }
        return run.map { (kanjiDigit($0) ?? 0, 1) }
    }

    /// A dash or a middle dot between digit groups (〇二六三・五八・三三一〇).
    static func isJoiner(_ u: UInt16) -> Bool { PhoneNumbers.isDash(u) || u == 0x30FB || u == 0xFF65 }

    /// Whether the unit at `k` joins a kanji digit run to another one on its `after` side: a dash or middle dot
    /// before any kanji digit, a parenthesis (〇二六三（五八）三九一二), or の before a run of two or more (五二の六七八一).
    static func isKanjiJoiner(_ s: [UInt16], _ k: Int, after: Bool) -> Bool {
        let next = after ? k + 1 : k - 1
        guard next >= 0, next < s.count, kanjiDigit(s[next]) != nil else { return false }
        if isJoiner(s[k]) || PhoneNumbers.isOpen(s[k]) || PhoneNumbers.isClose(s[k]) { return true }
        guard s[k] == 0x306E else { return false }
        let other = after ? next + 1 : next - 1
        return other >= 0 && other < s.count && kanjiDigit(s[other]) != nil
    }

    /// Digit words in katakana and hiragana, longest first where one is a prefix of another.
    static let kanaDigitWords: [([UInt16], Int)] = [
        ("ゼロ", 0), ("レイ", 0), ("マル", 0), ("イチ", 1), ("ニ", 2), ("サン", 3), ("ヨン", 4), ("ゴ", 5), ("ロク", 6), ("ナナ", 7),
        ("ハチ", 8), ("キュウ", 9), ("キュー", 9), ("ニー", 2), ("ゴー", 5), ("シチ", 7), ("ぜろ", 0), ("れい", 0), ("まる", 0), ("いち", 1),
        ("に", 2), ("さん", 3), ("よん", 4), ("ご", 5), ("ろく", 6), ("なな", 7), ("はち", 8), ("きゅう", 9), ("きゅー", 9),
        ("にー", 2), ("ごー", 5), ("にい", 2), ("ニイ", 2),
    ].map { (Array($0.0.utf16), $0.1) }

    /// A run of kana digit words at `i` (ゼロハチゼロ): two or more in katakana, three or more in hiragana (に, ご
    /// and さん are also particles and an honorific). Each word becomes one digit.
    static func kanaDigits(_ s: [UInt16], at i: Int) -> [(Int, Int)]? {
        if i > 0, !canBound(s[i - 1]), !endsWithCue(s, i) { return nil }
        var count = 0
        var j = i
        let hiragana = isHiragana(s[i])
        // One script per run: ゼロハチゼロに stops before the particle. Counted first: most runs are one particle
        // (に, ご) and are rejected without an array made.
        while j < s.count, isHiragana(s[j]) == hiragana, let (_, length) = kanaDigitWord(s, at: j) {
            count += 1
            j += length
        }
        guard count >= (hiragana ? 3 : 2) || (!hiragana && count > 0 && nextToDigit(s, i, j)), j == s.count || canBound(s[j])
        else {
            return nil
        }
        var words: [(Int, Int)] = []
        words.reserveCapacity(count)
        var k = i
        while k < j, let (value, length) = kanaDigitWord(s, at: k) {
            words.append((value, length))
            k += length
        }
        return words
    }

    /// A unit that may stand next to a run of digit words: no kana, or a particle (電話は|ぜろはち…|の), ー or ・.
    static func canBound(_ u: UInt16) -> Bool {
        !isKana(u) || u == 0x30FC || u == 0x30FB || particleUnits.contains(u)
    }

    /// Katakana phone words a run of digit words may follow without a particle (ケータイゼロハチゼロ…).
    static let katakanaCues: [[UInt16]] = ["ケータイ", "ケイタイ", "ナンバー", "ダイヤル", "バンゴウ"].map { Array($0.utf16) }

    /// Whether a katakana phone word ends at `i`.
    static func endsWithCue(_ s: [UInt16], _ i: Int) -> Bool {
        guard i > 0, cueEnds.contains(s[i - 1]) else { return false }
        return katakanaCues.contains { cue in i >= cue.count && matches(s, at: i - cue.count, cue) }
    }

    /// The last units of the phone words (イ, ー, ル, ウ): a unit before `i` that is none of them ends no cue.
    private static let cueEnds: [UInt16] = Array(Set(katakanaCues.map { $0[$0.count - 1] })).sorted()

    /// Whether an ASCII digit stands right before `start` or at `end` (ゼロ9ゼロ: one katakana word is a digit there).
    static func nextToDigit(_ s: [UInt16], _ start: Int, _ end: Int) -> Bool {
        (start > 0 && PhoneNumbers.digit(s[start - 1]) != nil) || (end < s.count && PhoneNumbers.digit(s[end]) != nil)
    }

    /// は が を に の で も と へ や か, and ま (まで)
    static let particles: Set<UInt16> = Set("はがをにのでもとへやかま".utf16)
    /// `particles` in ascending order, for a search without hashing.
    private static let particleUnits: [UInt16] = particles.sorted()

    static func isHiragana(_ u: UInt16) -> Bool { (0x3041...0x309F).contains(u) }

    private static func kanaDigitWord(_ s: [UInt16], at i: Int) -> (Int, Int)? {
        // No digit word starts with this unit (の, a Latin letter …): none can match.
        guard i < s.count, kanaDigitStarts[Int(s[i])] else { return nil }
        // Only the words that start with this unit can match (kana: `matches` compares the first unit as it is);
        // taken in list order, so the first of the longest wins as before.
        let first = s[i]
        var best: (Int, Int)?
        kanaDigitFirsts.withUnsafeBufferPointer { firsts in
            for k in firsts.indices where firsts[k] == first {
                let (word, value) = kanaDigitWords[k]
                if word.count > (best?.1 ?? 0) && matches(s, at: i, word) { best = (value, word.count) }
            }
        }
        return best
    }

    /// The first unit of each of `kanaDigitWords`, in the same order.
    private static let kanaDigitFirsts: [UInt16] = kanaDigitWords.map { $0.0[0] }

    /// The first units of `kanaDigitWords`.
    static let kanaDigitStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        for (word, _) in kanaDigitWords { table[Int(word[0])] = true }
        return table
    }()

    static func isKana(_ u: UInt16) -> Bool { (0x3041...0x30FF).contains(u) }
    static func isKanjiOrKana(_ u: UInt16) -> Bool { isKana(u) || PersonNames.isKanji(u) }
}
