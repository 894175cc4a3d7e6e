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
}

extension Masker {
    /// The reasons (in `ReviewReason` order, each once) a person should look at `masked` — a text this masker
    /// already masked — before it is printed; empty when nothing in it looks like personal data.
    public func reviewReasons(in masked: String) -> [String] {
        reviewFindings(in: masked).map(\.rawValue)
    }

    /// `reviewReasons(in:)` as values.
    public func reviewFindings(in masked: String) -> [ReviewReason] {
        let view = MatchingView(masked)
        var found: Set<ReviewReason> = []
        if let digits = ReviewScan.digitRun(view.units) { found.insert(digits) }
        if ReviewScan.hasAtOrDomain(view.units) { found.insert(.atOrDomain) }
        if ReviewScan.hasRomajiName(view.units) { found.insert(.romajiName) }
        let units = Array(masked.utf16)
        if ReviewScan.hasNameAfterRelation(units, names: names) { found.insert(.nameAfterRelation) }
        if ReviewScan.hasHousehold(units) { found.insert(.household) }
        return ReviewReason.allCases.filter(found.contains)
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
    static func digitRun(_ s: [UInt16]) -> ReviewReason? {
        var best: ReviewReason?
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
            let before = i > 0 ? s[i - 1] : 0
            let after = j < s.count ? s[j] : 0
            if let reason = classify(groups, separators: separators, before: before, after: after) {
                if reason == .phoneDigits { return reason }
                best = reason
            }
            i = j
        }
        return best
    }

    static func isSeparator(_ u: UInt16) -> Bool {
        PhoneNumbers.isDash(u) || PhoneNumbers.isSpace(u) || PhoneNumbers.isDot(u) || PhoneNumbers.isOpen(u)
            || PhoneNumbers.isClose(u) || u == 0x7E || u == 0x301C
    }

    private static func classify(_ groups: [[Int]], separators: [UInt16], before: UInt16, after: UInt16) -> ReviewReason? {
        let digits = groups.reduce(0) { $0 + $1.count }
        guard digits >= 6, !units.contains(after), !leads.contains(before), before != 0x2C, after != 0x2C else { return nil }
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
        return .digits
    }

    /// An @ next to a Latin letter or digit (a space between allowed), or a domain (`name.jp`, `bit.ly/…`).
    static func hasAtOrDomain(_ s: [UInt16]) -> Bool {
        for (i, u) in s.enumerated() {
            if u == 0x40 {
                let left = i >= 1 && (MatchingView.isAlnum(s[i - 1]) || (i >= 2 && s[i - 1] == 0x20 && MatchingView.isAlnum(s[i - 2])))
                let right =
                    i + 1 < s.count
                    && (MatchingView.isAlnum(s[i + 1]) || (i + 2 < s.count && s[i + 1] == 0x20 && MatchingView.isAlnum(s[i + 2])))
                if left || right { return true }
            } else if u == 0x2E, i >= 1, MatchingView.isAlnum(s[i - 1]) || MatchingView.isKanjiOrKana(s[i - 1]) {
                // label.tld: two or more lower-case letters after the dot, then no letter.
                var j = i + 1
                while j < s.count, (0x61...0x7A).contains(s[j]) { j += 1 }
                if j - i - 1 >= 2, j - i - 1 <= 6, j == s.count || !MatchingView.isAlnum(s[j]),
                    Domains.topLevel.contains(String(decoding: s[(i + 1)..<j], as: UTF16.self))
                {
                    return true
                }
            }
        }
        return false
    }

    /// Two capitalised Latin words in a row (Yuko Okada, OKADA Yuko) of which one reads as romaji, or a title
    /// before a capitalised word (Mr. Okada).
    static func hasRomajiName(_ s: [UInt16]) -> Bool {
        let words = LatinWords.words(s)
        for (a, b) in zip(words, words.dropFirst()) where b.start - a.end == 1 || (b.start - a.end == 2 && s[a.end] == 0x2E) {
            if LatinWords.titles.contains(a.text), b.capitalised { return true }
            if a.capitalised, b.capitalised, Romaji.isRomaji(a.text) || Romaji.isRomaji(b.text),
                !Romaji.kept.contains(a.text.lowercased()), !Romaji.kept.contains(b.text.lowercased())
            {
                return true
            }
        }
        return false
    }

    /// A relation or role word, の, then a short word no rule masked that reads like a name: katakana or
    /// hiragana of two to four, or two or three kanji ending like a given name (次女のひなが, 孫の陽菜が).
    static func hasNameAfterRelation(_ s: [UInt16], names: PersonNames) -> Bool {
        !RelationNames.candidates(s, names: names, strict: false).isEmpty
    }

    /// A household (c/o) mark: a run of two or three kanji then 宅 that is no common word (岡田宅, 岡本宅; not
    /// 自宅, 市営住宅, 帰宅, 在宅).
    static func hasHousehold(_ s: [UInt16]) -> Bool {
        for (i, u) in s.enumerated() where u == 0x5B85 {  // 宅
            var start = i
            while start > 0, PersonNames.isKanji(s[start - 1]), i - start < 4 { start -= 1 }
            let run = i - start
            if (2...3).contains(run), !notHousehold.contains(s[i - 1]) { return true }
        }
        return false
    }

    /// The kanji before 宅 in common words (自宅 住宅 帰宅 在宅 社宅 邸宅 拙宅 居宅 舎宅 別宅 私宅 各宅 貴宅 宅宅), which
    /// also end longer words (市営住宅, 高齢者宅 is a household but not a name).
    static let notHousehold: Set<UInt16> = Set("自住帰在社邸拙居舎別私各貴者宅".utf16)
}
