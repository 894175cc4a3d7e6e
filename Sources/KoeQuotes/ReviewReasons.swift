// ReviewReasons — the net under the masking rules: signs of personal data left in a masked quote (a long digit
// run that is no count, date or amount; an @ or a domain; a romaji name; a name-like word after a relation
// word; 〜方/宅), each a Japanese reason a person reads before the quote is used (SPEC §7).
import Foundation

/// Why a masked quote should be looked at by a person; the raw value is what outputs print.
public enum ReviewReason: String, Sendable, CaseIterable, Codable {
    case phoneDigits = "電話番号らしき数字"
    case digits = "番号らしき数字"
    case atOrDomain = "@やドメイン"
    case romajiName = "ローマ字の人名らしき語"
    case nameAfterRelation = "続柄の後の人名らしき語"
    case household = "〜方/宅"
    case lotNumber = "地名の後の番地らしき数字"
    case kanaName = "敬称の前のかなの人名らしき語"
    case birthDate = "生年月日らしき日付"
    case handle = "IDらしき英数字"
    case personName = "署名・宛名・列挙の人名らしき語"
    case givenName = "文頭の名前らしき語"
}

extension Masker {
    /// The reasons (in `ReviewReason` order, each once) a person should look at `masked` — a text this masker
    /// already masked — before it is printed; empty when nothing in it looks like personal data.
    public func reviewReasons(in masked: String) -> [String] {
        reviewFindings(in: masked).map(\.rawValue)
    }

    /// `reviewReasons(in:)` as values.
    public func reviewFindings(in masked: String) -> [ReviewReason] {
        let found = Set(reviewEvidence(in: masked).map(\.reason))
        return ReviewReason.allCases.filter(found.contains)
    }

    /// Each reason found in `masked` with the UTF-16 range of the first stretch that raised it (for reviewers and
    /// the masking scorers), in `ReviewReason` order.
    func reviewEvidence(in masked: String) -> [(reason: ReviewReason, range: Range<Int>)] {
        let view = MatchingView(masked)
        var found: [ReviewReason: Range<Int>] = [:]
        if let (reason, range) = ReviewScan.digitRun(view.units) { found[reason] = view.original(range) }
        if let (reason, range) = ReviewShapes.number(masked), found[reason] == nil { found[reason] = range }
        if let range = ReviewScan.atOrDomain(view.units) { found[.atOrDomain] = view.original(range) }
        if let range = ReviewScan.romajiName(view.units) { found[.romajiName] = view.original(range) }
        if found[.romajiName] == nil, let range = ReviewShapes.romaji(masked) { found[.romajiName] = range }
        if let range = ReviewShapes.birthDate(masked) { found[.birthDate] = range }
        if let range = ReviewShapes.accountName(masked) { found[.handle] = range }
        if let range = ReviewShapes.personName(masked, names: names) { found[.personName] = range }
        let units = Array(masked.utf16)
        if let range = RelationNames.candidates(units, names: names, strict: false).first { found[.nameAfterRelation] = range }
        if let range = ReviewScan.household(units) { found[.household] = range }
        if let range = ReviewScan.givenName(units, names: names) { found[.givenName] = range }
        if let range = ReviewScan.lotNumber(units.map(MatchingView.foldWidth)) { found[.lotNumber] = range }
        if let range = ReviewScan.kanaName(units) ?? ReviewShapes.kanaName(masked) { found[.kanaName] = range }
        return ReviewReason.allCases.compactMap { reason in found[reason].map { (reason, $0) } }
    }
}

/// The scans behind the review reasons; each visits every unit a bounded number of times.
enum ReviewScan {
    /// Characters after a number that make it a count, a date, a time or an amount (3人, 2024年, 1,500円, 5km).
    static let units: Set<UInt16> = Set(
        "円年月日時分秒人名件歳才代%個台本枚回倍割点万億千百十世戸軒階号ヶか箇cmkgmlLhaGMTB℃歩席校社店局園冊匹頭羽杯着位票番度周期".utf16)

    /// Characters before a number that make it an amount or an ordinal (¥1234567, 約120000, 第20240101).
    static let leads: Set<UInt16> = Set("¥￥$約第計No".utf16)

    /// A run of digits joined by single separators that is no count, date or amount: ten or eleven digits from 0
    /// read as a phone number, six or more otherwise as some number.
    static func digitRun(_ s: [UInt16]) -> (ReviewReason, Range<Int>)? {
        var best: (ReviewReason, Range<Int>)?
        var i = 0
        while i < s.count {
            guard PhoneNumbers.digit(s[i]) != nil else {
                i += 1
                continue
            }
            var groups: [[Int]] = [[]]
            var separators: [UInt16] = []
            var j = i
            while j < s.count {
                if let d = PhoneNumbers.digit(s[j]) {
                    groups[groups.count - 1].append(d)
                    j += 1
                } else if j + 1 < s.count, isSeparator(s[j]), PhoneNumbers.digit(s[j + 1]) != nil {
                    separators.append(s[j])
                    groups.append([])
                    j += 1
                } else if j + 2 < s.count, isSeparator(s[j]), isSeparator(s[j + 1]), PhoneNumbers.digit(s[j + 2]) != nil {
                    separators.append(s[j + 1])
                    groups.append([])
                    j += 2
                } else {
                    break
                }
            }
            // A unit or lead may stand one space away (817,800 円, 約 120000).
            let before = i > 1 && PhoneNumbers.isSpace(s[i - 1]) ? s[i - 2] : (i > 0 ? s[i - 1] : 0)
            let after = j + 1 < s.count && PhoneNumbers.isSpace(s[j]) ? s[j + 1] : (j < s.count ? s[j] : 0)
            if let reason = classify(groups, separators: separators, before: before, after: after) {
                if reason == .phoneDigits { return (reason, i..<j) }
                if best == nil { best = (reason, i..<j) }
            }
            i = j
        }
        return best
    }

    static func isSeparator(_ u: UInt16) -> Bool {
        PhoneNumbers.isDash(u) || PhoneNumbers.isSpace(u) || PhoneNumbers.isDot(u) || PhoneNumbers.isOpen(u)
            || PhoneNumbers.isClose(u) || u == 0x7E || u == 0x301C || u == 0x3001 || u == 0x30FB || u == 0xFF65
    }

    private static func classify(_ groups: [[Int]], separators: [UInt16], before: UInt16, after: UInt16) -> ReviewReason? {
        let digits = groups.reduce(0) { $0 + $1.count }
        // More than 16 digits is no personal number (the longest, a card number, has 16): receipt numbers of
        // public comments (185001345000001005), message and post ids.
        guard digits >= 6, digits <= 16, !units.contains(after), !leads.contains(before), before != 0x2C, after != 0x2C else { return nil }
        // Decimals (3.14159), dates (2024-10-01, 2024.10.1) and year ranges (2023-2024, 2023 2024).
        if groups.count == 2, separators.allSatisfy(PhoneNumbers.isDot), groups[1].count <= 3 || groups[0].count <= 3 {
            return nil
        }
        if let first = groups.first, first.count == 4, first[0] == 1 || first[0] == 2,
            groups.dropFirst().allSatisfy({ $0.count <= 2 || ($0.count == 4 && ($0[0] == 1 || $0[0] == 2)) })
        {
            return nil
        }
        let all = groups.flatMap { $0 }
        if all.first == 0, (10...11).contains(all.count) || (all.count == 12 && all[1] == 0) { return .phoneDigits }
        // Numbers listed with 、 (01、02、03) are items; only a phone number is written that way.
        return separators.contains(0x3001) ? nil : .digits
    }

    /// An @ next to a Latin letter or digit (a space between allowed), or a domain (`name.jp`, `bit.ly/…`).
    static func atOrDomain(_ s: [UInt16]) -> Range<Int>? {
        for (i, u) in s.enumerated() {
            if u == 0x40 {
                // @3,000円 is a unit price: a digit after the @ with no letter or digit before it.
                if i + 1 < s.count, PhoneNumbers.digit(s[i + 1]) != nil, i == 0 || !MatchingView.isAlnum(s[i - 1]) { continue }
                let left = i >= 1 && (MatchingView.isAlnum(s[i - 1]) || (i >= 2 && s[i - 1] == 0x20 && MatchingView.isAlnum(s[i - 2])))
                let right =
                    i + 1 < s.count
                    && (MatchingView.isAlnum(s[i + 1]) || (i + 2 < s.count && s[i + 1] == 0x20 && MatchingView.isAlnum(s[i + 2])))
                if left || right { return max(0, i - 2)..<min(s.count, i + 3) }
            } else if u == 0x2E, i >= 1, MatchingView.isAlnum(s[i - 1]) || MatchingView.isKanjiOrKana(s[i - 1]) {
                // label.tld: two or more lower-case letters after the dot, then no letter.
                var j = i + 1
                while j < s.count, (0x61...0x7A).contains(s[j]) || (0x41...0x5A).contains(s[j]) { j += 1 }
                if j - i - 1 >= 2, j - i - 1 <= 6, j == s.count || !MatchingView.isAlnum(s[j]),
                    Domains.topLevel.contains(String(decoding: s[(i + 1)..<j], as: UTF16.self).lowercased())
                {
                    return (i > 0 ? i - 1 : i)..<j
                }
            }
        }
        return nil
    }

    /// Two capitalised Latin words in a row, a space apart, that both read as romaji (Yuko Okada, OKADA Yuko), or a
    /// title or an initial before a capitalised word (Mr. Okada, T. Okabe).
    static func romajiName(_ s: [UInt16]) -> Range<Int>? {
        let words = LatinWords.words(s)
        for (a, b) in zip(words, words.dropFirst()) {
            let gap = b.start - a.end
            let spaced = gap == 1 && PhoneNumbers.isSpace(s[a.end])
            let dotted = (gap == 1 || gap == 2 && PhoneNumbers.isSpace(s[a.end + 1])) && s[a.end] == 0x2E
            guard spaced || dotted else { continue }
            if LatinWords.titles.contains(a.text) || dotted && a.text.count == 1 && a.text != a.text.lowercased(),
                b.capitalised, b.text.count >= 3, Romaji.isRomaji(b.text) || LatinWords.titles.contains(a.text)
            {
                return a.start..<b.end  // Mr. Okada, T. Okabe
            }
            // Both parts read as romaji (an English word next to one is a product: Stable Diffusion); an
            // upper-case word of two letters is an acronym (AI, EU), not a name.
            // A lower-case pair of romaji words of four or more after by/from (by yuki ishikawa).
            if spaced, a.text == a.text.lowercased(), b.text == b.text.lowercased(), a.text.count >= 4, b.text.count >= 4,
                Romaji.isRomaji(a.text), Romaji.isRomaji(b.text), !Romaji.kept.contains(a.text), !Romaji.kept.contains(b.text),
                signed(words, before: a, in: s)
            {
                return a.start..<b.end
            }
            if spaced, a.capitalised, b.capitalised, Romaji.isRomaji(a.text), Romaji.isRomaji(b.text),
                !isAcronym(a.text), !isAcronym(b.text), !Romaji.kept.contains(a.text.lowercased()),
                !Romaji.kept.contains(b.text.lowercased())
            {
                return a.start..<b.end
            }
        }
        return nil
    }

    /// A place name then a lot or room number the rules left (北小野2345, 大門701, 宗賀 1234): three or four digits
    /// right after a kanji (or katakana) word, not a year (19xx, 20xx), an amount, a count or an ordinal (第, 約, No).
    static func lotNumber(_ s: [UInt16]) -> Range<Int>? {
        var i = 1
        while i < s.count {
            guard PhoneNumbers.digit(s[i]) != nil, PhoneNumbers.digit(s[i - 1]) == nil else {
                i += 1
                continue
            }
            var j = i
            while j < s.count, PhoneNumbers.digit(s[j]) != nil { j += 1 }
            let place = i >= 2 && PhoneNumbers.isSpace(s[i - 1]) ? s[i - 2] : s[i - 1]
            let word = PersonNames.isKanji(place) || ContextNames.isKatakana(place) && place != 0x30FC
            let spaced = j + 1 < s.count && PhoneNumbers.isSpace(s[j])
            let after = spaced ? s[j + 1] : (j < s.count ? s[j] : 0)
            let year = j - i == 4 && (s[i] == 0x31 && s[i + 1] == 0x39 || s[i] == 0x32 && s[i + 1] == 0x30)
            if word, (3...4).contains(j - i), !year, !leads.contains(place), !notPlaceBefore.contains(place),
                !units.contains(after), !PhoneNumbers.isLetter(after), PhoneNumbers.digit(after) == nil,
                !isSeparator(after) || spaced, !unitWordsAfter.contains(after)
            {
                return i..<j
            }
            i = j
        }
        return nil
    }

    /// Kanji before a number that make it no lot number (西暦, 令和, 計, 約, 第, 全, 各, 毎, 和, 平, 同, 上, 下, 前, 後).
    static let notPlaceBefore: Set<UInt16> = Set("暦和計約第全各毎同上下前後約総合均率差額数値値費税型版号条項頁図表".utf16)

    /// Characters after a number that make it a count or an amount besides `units` (ページ, キロ, メートル, 枚).
    static let unitWordsAfter: Set<UInt16> = Set("ペキメグミリドユパ万億兆".utf16)

    /// A hiragana run of five to nine that starts a word and ends at an honorific, which the rules left (a full
    /// name in kana: みやざきさとこさん, すずきよしお様); shorter runs are mostly words (みなさん, おばあさん).
    static func kanaName(_ s: [UInt16]) -> Range<Int>? {
        var i = 0
        while i < s.count {
            guard MatchingView.isHiragana(s[i]), i == 0 || !MatchingView.isKanjiOrKana(s[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            while j < s.count, (0x3041...0x3096).contains(s[j]), j - i < 12 { j += 1 }
            for p in stride(from: i + 5, through: min(i + 9, j), by: 1) {
                for honorific in honorifics where p + honorific.count <= s.count {
                    guard s[p..<(p + honorific.count)].elementsEqual(honorific) else { continue }
                    // 様々, 様式, 様子 are words.
                    let next = p + honorific.count < s.count ? s[p + honorific.count] : 0
                    if honorific == [0x69D8], "々式子相態".utf16.contains(next) { continue }
                    // たくさん and みなさん are words; a run holding さん is no single name.
                    let run = String(decoding: s[i..<p], as: UTF16.self)
                    // A run holding an honorific or の inside (おじいちゃんおばあ, きんじょのおば) is words.
                    if run.hasSuffix("たく") || run.hasSuffix("みな") || ["さん", "ちゃん", "くん", "さま"].contains(where: run.contains)
                        || run.dropFirst().dropLast().contains("の")
                    {
                        continue
                    }
                    return i..<p
                }
            }
            i = max(j, i + 1)
        }
        return nil
    }

    private static let honorifics: [[UInt16]] = ["さん", "さま", "様", "くん", "ちゃん", "殿"].map { Array($0.utf16) }

    /// Whether `a` follows a signing word (by, from).
    static func signed(_ words: [LatinWord], before a: LatinWord, in s: [UInt16]) -> Bool {
        guard let k = words.firstIndex(where: { $0.start == a.start }) else { return false }
        return k > 0 && ["by", "from", "By", "From"].contains(words[k - 1].text) && a.start - words[k - 1].end <= 2
    }

    /// An upper-case word of at most two letters (AI, EU, IT).
    static func isAcronym(_ word: String) -> Bool { word.count <= 2 && word == word.uppercased() }

    /// A given name with no honorific starting a clause (翔太がいつも…, 。美咲と…): two or three kanji at the start or
    /// after punctuation, a listed given name ending like one (太, 子, 翔…) that is no common word, then が/は/と/も.
    static func givenName(_ s: [UInt16], names: PersonNames) -> Range<Int>? {
        var i = 0
        while i < s.count {
            guard PersonNames.isKanji(s[i]) else {
                i += 1
                continue
            }
            var end = i
            while end < s.count, PersonNames.isKanji(s[end]) { end += 1 }
            defer { i = end }
            guard (2...3).contains(end - i), end < s.count, clauseStarts.contains(s[end]),
                i == 0 || clauseBreaks.contains(s[i - 1]), RelationNames.givenEndings.contains(s[end - 1])
            else { continue }
            let word = String(decoding: s[i..<end], as: UTF16.self)
            if names.givenNames.contains(word), !names.surnames.contains(word), !RelationNames.commonWords.contains(word),
                !KeptWords.standard.contains(word), !NameWords.roleNouns.contains(word)
            {
                return i..<end
            }
        }
        return nil
    }

    private static let clauseStarts: Set<UInt16> = Set("がはとも".utf16)
    private static let clauseBreaks: Set<UInt16> = Set("。！？!?\n、「（(　 ".utf16)

    /// A household (c/o) mark: a run of two or three kanji then 宅 that is no common word (岡田宅, 岡本宅; not
    /// 自宅, 市営住宅, 帰宅, 在宅).
    static func household(_ s: [UInt16]) -> Range<Int>? {
        for (i, u) in s.enumerated() where u == 0x5B85 {  // 宅
            var start = i
            while start > 0, PersonNames.isKanji(s[start - 1]), i - start < 4 { start -= 1 }
            let run = i - start
            if (2...3).contains(run), !notHousehold.contains(s[i - 1]) { return start..<(i + 1) }
        }
        return nil
    }

    /// The kanji before 宅 in common words (自宅 住宅 帰宅 在宅 社宅 邸宅 拙宅 居宅 舎宅 別宅 私宅 各宅 貴宅 宅宅), which
    /// also end longer words (市営住宅, 高齢者宅 is a household but not a name).
    static let notHousehold: Set<UInt16> = Set("自住帰在社邸拙居舎別私各貴者宅".utf16)
}
