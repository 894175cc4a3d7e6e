// PersonNames — finds personal names: a name before an honorific (田中さん, 佐藤様には, 孫のゆうちゃん → ゆう
// only) and a bare full name (山田太郎が, 担当の佐藤花子から) made of a listed surname and a listed given name.
import Foundation
import KoeCore

/// Surname and given-name lists and the name detectors built on them.
public struct PersonNames: Sendable {
    /// Kanji surnames (1–3 characters) and given names (2–3 characters).
    public let surnames: Set<String>
    public let givenNames: Set<String>
    /// The name-before-honorific pattern (internal for tests).
    let honorific: PatternSet

    /// The lists shipped in Resources/person-names.txt (derived from IPADIC; source and licence in its header).
    public static let standard = PersonNames(list: BundledResource.required(resources[0].url, name: resources[0].name))

    /// The bundled data files this module reads (checked by the command line at start).
    public static let resources: [(name: String, url: URL?)] = [
        ("person-names.txt", Bundle.module.url(forResource: "person-names", withExtension: "txt"))
    ]

    /// The bundled lists; a missing, unreadable or empty resource throws `MaskingResource.Missing`.
    public static func bundled() throws -> PersonNames {
        let names = PersonNames(list: try MaskingResource.text("person-names"))
        guard !names.surnames.isEmpty, !names.givenNames.isEmpty else { throw MaskingResource.Missing(name: "person-names.txt") }
        return names
    }

    /// `list`: lines `姓<TAB>word` or `名<TAB>word`; `#` starts a comment.
    public init(list: String) {
        (surnames, givenNames) = Self.lists(list)
        // A name before an honorific (group 1), in one of four shapes: kanji or katakana runs (two parts may
        // be joined by a space or ・), kanji + hiragana (田中まさこ, or 孫のゆう, split below), or hiragana alone
        // (さとう) — the last only where no kana or kanji precedes it, so たくさん in 観光客がたくさん is no name, or
        // after a word and の (クラスのゆうとくん, 近所のおかもとゆきこさん).
        // 様 followed by 式/子/相/々/態 starts another word (様式, 様子).
        let kanjiOrKana = "(?:[\\p{Han}々ヶ]{1,6}|[\\p{Katakana}ー]{2,10})"
        let name =
            "(\(kanjiOrKana)(?:[ 　・]\(kanjiOrKana))?|[\\p{Han}々]{1,4}[ぁ-ゖ]{2,4}|(?:(?<![\\p{Han}々\\p{Katakana}ー\\p{Hiragana}A-Za-z0-9])|(?<=[\\p{Han}\\p{Katakana}ー]の))(?:[ぁ-ゖ]{2,5}|お[ぁ-ゖ]{4,7}))"
        // さまざま, さまさま and 様様 are words, not honorifics (ちゃんと is handled below); 殿下, 殿堂 are words.
        let honorificPattern = name + "(さん|さま(?![ざさ])|様(?![式子相々態様])|氏(?!名)|殿(?![下堂様方])|先生|せんせい|君|くん|ちゃん)"
        // The honorific follows the name, which is at most 41 UTF-16 units: two katakana runs of 10 (each may be a
        // supplementary character, 2 units) and a space; the other shapes are shorter.
        honorific = PatternSet(
            [honorificPattern], groups: 3,
            hints: [honorificPattern: .anchored(["さん", "さま", "様", "氏", "殿", "先生", "せんせい", "君", "くん", "ちゃん"], within: 41)])
    }

    /// The surnames and given names of `list`. A list whose lines end only in LF (the bundled file) is read as
    /// UTF-8 bytes (the bundled list is 25,000 lines; reading it by Characters took ≈ 0.1 s at every run's start).
    static func lists(_ list: String) -> (surnames: Set<String>, given: Set<String>) {
        var surnames: Set<String> = []
        var given: Set<String> = []
        let byBytes = list.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !Self.hasOtherLineEnds(bytes) else { return false }
            // 姓 and 名 in UTF-8.
            let surname: [UInt8] = [0xE5, 0xA7, 0x93]
            let givenName: [UInt8] = [0xE5, 0x90, 0x8D]
            for line in bytes.split(separator: 0x0A) where line.first != 0x23 {  // #
                let fields = line.split(separator: 0x09)  // tab; empty fields left out, as String.split does
                guard fields.count == 2 else { continue }
                if fields[0].elementsEqual(surname) { surnames.insert(String(decoding: fields[1], as: UTF8.self)) }
                if fields[0].elementsEqual(givenName) { given.insert(String(decoding: fields[1], as: UTF8.self)) }
            }
            return true
        }
        if byBytes == true { return (surnames, given) }
        for line in list.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            if fields[0] == "姓" { surnames.insert(String(fields[1])) }
            if fields[0] == "名" { given.insert(String(fields[1])) }
        }
        return (surnames, given)
    }

    /// Whether `bytes` (UTF-8) hold a line end Character.isNewline knows besides LF: VT, FF, CR, NEL (C2 85), LS
    /// and PS (E2 80 A8/A9). A text with none of them splits into the same lines at LF alone (nothing joins an LF
    /// into a longer Character but a CR before it).
    private static func hasOtherLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in bytes.indices {
            switch bytes[i] {
            case 0x0B, 0x0C, 0x0D: return true
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: return true
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                return true
            default: continue
            }
        }
        return false
    }

    // MARK: Names before an honorific

    /// Spans of names before an honorific.
    func honorificSpans(in text: String) -> [MaskedSpan] {
        honorificSpans(in: Array(text.utf16))
    }

    /// Spans of names before an honorific in `units` (UTF-16).
    func honorificSpans(in units: [UInt16]) -> [MaskedSpan] {
        func substring(_ range: Range<Int>) -> String { String(decoding: units[range], as: UTF16.self) }
        var spans: [MaskedSpan] = []
        for match in honorific.matches(0, in: units) {
            guard let whole = match[0], var range = match[1], let suffixRange = match[2] else { continue }
            var run = substring(range)
            let suffix = substring(suffixRange)
            // もっとちゃんと, しっかりちゃんと: hiragana before ちゃんと is an adverb, not a name.
            let after = whole.upperBound
            if suffix == "ちゃん", after < units.count, units[after] == 0x3068,
                run.allSatisfy({ ("ぁ"..."ゖ").contains($0) })
            {
                continue
            }
            // 孫のゆう / 近所のさとう: a particle after a word that is no surname ends that word; the name is the
            // kana after it. 田中のりこ (a listed surname) stays whole.
            if let split = Self.particleSplit(run), !surnames.contains(String(run.prefix(split))) {
                // The kana after the particle must be a name of two or more characters (報道では|さん is no name).
                guard run.count - split - 1 >= 2 else { continue }
                let skipped = (run.prefix(split + 1) as Substring).utf16.count
                range = (range.lowerBound + skipped)..<range.upperBound
                run = substring(range)
            }
            // 三九九〇七〇一佐藤様: kanji digits of a number written before the name are no part of it.
            let digitPrefix = run.prefix { MatchingView.kanjiDigit($0.utf16.first ?? 0) != nil && $0.utf16.count == 1 }
            if digitPrefix.count >= 2, digitPrefix.count < run.count {
                let skipped = digitPrefix.utf16.count
                range = (range.lowerBound + skipped)..<range.upperBound
                run = substring(range)
            }
            // Two parts joined by a space or ・: a kept word after the join (500万円 上杉謙信さん) is a public figure,
            // and a first part ending in a unit (万円, 3年) is a count, not half of a name.
            if let join = run.lastIndex(where: { $0 == " " || $0 == "　" || $0 == "・" }) {
                let after = String(run[run.index(after: join)...])
                if KeptWords.standard.contains(after) { continue }
                let before = String(run[..<join])
                if let unit = before.last, Self.unitEndings.contains(unit), !surnames.contains(before) {
                    let skipped = (run[...join] as Substring).utf16.count
                    range = (range.lowerBound + skipped)..<range.upperBound
                    run = after
                }
            }
            if !Self.kanaShapeAllowed(run, honorific: suffix, surnames: surnames) { continue }
            guard let kept = Self.nameLength(run, honorific: suffix, surnames: surnames) else { continue }
            let length = (run.prefix(kept) as Substring).utf16.count
            spans.append(MaskedSpan(kind: .honorificName, range: range.lowerBound..<(range.lowerBound + length)))
        }
        return spans
    }

    /// Hiragana in a run before an honorific is a name only in these shapes: hiragana alone before さん/さま/
    /// くん/ちゃん (さとうさん; not その様, かつて氏), or a listed surname then hiragana (田中まさこさん; not 似ない様,
    /// 壊滅していくん, 作り上げたかの様). 〇〇 is already a placeholder, and …たくさん is a word.
    static func kanaShapeAllowed(_ run: String, honorific: String, surnames: Set<String>) -> Bool {
        if run.contains("〇") || run.contains("○") || run.contains("●") || run.contains("×") { return false }
        if honorific == "さん", run.hasSuffix("たく") { return false }
        guard let firstKana = run.firstIndex(where: { ("ぁ"..."ゖ").contains($0) }) else { return true }
        if firstKana == run.startIndex {
            // Hiragana alone: not a function word (しかし, すぐさま), nor text where a name was already removed
            // (さんとさんの会話).
            // Before せんせい (よしだせんせい) a run ending in い is an adjective (やさしいせんせい).
            if honorific == "せんせい", run.hasSuffix("い") || run.count > 4 { return false }
            return run.allSatisfy({ ("ぁ"..."ゖ").contains($0) }) && ["さん", "さま", "くん", "ちゃん", "せんせい"].contains(honorific)
                && !NameWords.kanaWords.contains(run) && !run.hasPrefix("さん") && !run.hasPrefix("さま")
        }
        let kanji = String(run[..<firstKana])
        return kanji.count >= 2 && surnames.contains(kanji)
    }

    /// Units that end a count or an amount (万円, 3年, 5人), never a surname written before a space.
    static let unitEndings: Set<Character> = ["円", "年", "月", "日", "人", "件", "歳", "才", "回", "個", "本", "枚", "台", "階", "分", "時"]

    /// Particles that end the word before a kana name (孫の|ゆう, 近所の|さとう).
    static let particles: Set<Character> = ["の", "が", "は", "を", "に", "へ", "と", "で", "も", "や"]

    /// For a run of kanji then hiragana whose hiragana starts with a particle, the number of kanji before it.
    static func particleSplit(_ run: String) -> Int? {
        guard let firstKana = run.firstIndex(where: { ("ぁ"..."ゖ").contains($0) }), firstKana != run.startIndex,
            particles.contains(run[firstKana]), run.index(after: firstKana) != run.endIndex
        else { return nil }
        return run.distance(from: run.startIndex, to: firstKana)
    }

    /// How many leading characters of `run` are a personal name (nil when none): the whole run, or the part
    /// before a job title that ends it (鈴木校長 → 鈴木).
    static func nameLength(_ run: String, honorific: String, surnames: Set<String>) -> Int? {
        let chars = Array(run)
        guard let first = chars.first, let last = chars.last else { return nil }
        if KeptWords.standard.contains(run) { return nil }
        // お before a kana name of five or more (おかだゆうこ) is part of it; shorter ones are words (おかあ, おばあ).
        if first == "お", chars.count >= 5, chars.allSatisfy({ ("ぁ"..."ゖ").contains($0) }),
            !KeptWords.standard.words.contains(where: { run.hasPrefix($0) })
        {
            return chars.count
        }
        if first == "お" || first == "ご" || first == "御" { return nil }
        if chars.allSatisfy({ ("ぁ"..."ゖ").contains($0) }) {
            return NameWords.kanaRoles.contains(run) ? nil : chars.count
        }
        // 様 and 氏 after a single character are words (多様, 同様, 彼氏), as are 諸君, 主君; and words ending in
        // 模様, 仕様, 異様… (花柄模様に) name nobody.
        if chars.count == 1, ["様", "さま", "氏", "殿"].contains(honorific) { return nil }
        if honorific == "君", chars.count == 1, NameWords.wordsBeforeKun.contains(first) { return nil }
        if honorific == "様", NameWords.wordsBeforeSama.contains(last) { return nil }
        if NameWords.roleNouns.contains(run) { return nil }
        let kanji = chars.allSatisfy { PersonNames.isKanji($0) || $0 == " " || $0 == "　" || $0 == "・" }
        // A lone kanji before さん/君 is a name only when it is a listed surname (林さん; not 書き手さん).
        if chars.count == 1, kanji, !surnames.contains(run) { return nil }
        // 様 and 氏 follow any noun (企業様, 表現様のもの, 大学教授氏): kanji before them must start with a listed
        // surname (佐藤様, 福井健策氏).
        if kanji, ["様", "氏", "殿"].contains(honorific), !startsWithSurname(run, surnames) {
            return nil
        }
        // Katakana job words end in ー (クリエイター, イラストレーター・アニメーター); names rarely are that long.
        let lastPart = run.split(whereSeparator: { $0 == "・" }).last.map(String.init) ?? run
        if lastPart.count >= 5, lastPart.hasSuffix("ー"), lastPart.allSatisfy({ ("ァ"..."ヺ").contains($0) || $0 == "ー" }) {
            return nil
        }
        for length in stride(from: min(chars.count, 5), through: 2, by: -1) {
            let suffix = String(chars.suffix(length))
            if NameWords.roleNouns.contains(suffix) {
                // The name before a title must be a listed surname (鈴木校長; not 推進議員, 人気漫画家, 原作者).
                let rest = String(chars.prefix(chars.count - length)).trimmingCharacters(in: .whitespaces)
                return rest.count >= 2 && startsWithSurname(rest, surnames) ? chars.count - length : nil
            }
        }
        if chars.count >= 2, NameWords.roleEndings.contains(last), !surnames.contains(run) { return nil }
        return chars.count
    }

    // MARK: Bare full names

    /// Spans of full names written without an honorific: a maximal kanji run that is a listed surname of 2–3
    /// characters followed by a listed given name of 2–3 characters (山田太郎), or the two parts separated by
    /// one space (山田 太郎). The run must not be followed by katakana or a Latin letter (山田太郎センター).
    func fullNameSpans(in units: [UInt16]) -> [MaskedSpan] {
        var spans: [MaskedSpan] = []
        var i = 0
        while i < units.count {
            guard Self.isKanji(units[i]) else {
                i += 1
                continue
            }
            var end = i
            while end < units.count, Self.isKanji(units[end]) { end += 1 }
            if let span = fullName(units, start: i, end: end) { spans.append(span) }
            i = end
        }
        return spans
    }

    private func fullName(_ units: [UInt16], start: Int, end: Int) -> MaskedSpan? {
        let length = end - start
        func word(_ a: Int, _ b: Int) -> String { String(decoding: units[a..<b], as: UTF16.self) }
        func followedWell(_ index: Int) -> Bool {
            guard index < units.count else { return true }
            let u = units[index]
            return !(0x30A1...0x30FA).contains(u) && !PhoneNumbers.isLetter(u) && PhoneNumbers.digit(u) == nil
        }
        if (4...6).contains(length) {
            for surname in stride(from: min(3, length - 2), through: 2, by: -1) where length - surname <= 3 {
                if surnames.contains(word(start, start + surname)), givenNames.contains(word(start + surname, end)),
                    followedWell(end)
                {
                    return MaskedSpan(kind: .fullName, range: start..<end)
                }
            }
        }
        // 山田 太郎: a surname, one space, a given name.
        if (2...3).contains(length), end + 1 < units.count, PhoneNumbers.isSpace(units[end]), surnames.contains(word(start, end)) {
            var givenEnd = end + 1
            while givenEnd < units.count, Self.isKanji(units[givenEnd]) { givenEnd += 1 }
            if (2...3).contains(givenEnd - end - 1), givenNames.contains(word(end + 1, givenEnd)), followedWell(givenEnd) {
                return MaskedSpan(kind: .fullName, range: start..<givenEnd)
            }
        }
        return nil
    }

    /// True when `text` begins with a listed surname of two or three characters.
    static func startsWithSurname(_ text: String, _ surnames: Set<String>) -> Bool {
        (2...3).contains { text.count >= $0 && surnames.contains(String(text.prefix($0))) }
    }

    static func isKanji(_ c: Character) -> Bool {
        c.utf16.count == 1 && c.utf16.first.map(isKanji) == true
    }

    /// CJK ideographs, 々 and ヶ.
    static func isKanji(_ u: UInt16) -> Bool {
        (0x4E00...0x9FFF).contains(u) || (0x3400...0x4DBF).contains(u) || (0xF900...0xFAFF).contains(u) || u == 0x3005
            || u == 0x30F6
    }
}
