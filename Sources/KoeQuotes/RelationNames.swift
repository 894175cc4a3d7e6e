// RelationNames — a surname or given name alone after a relation or role word and の (義父の斎藤, 班長の松田,
// 次女の陽菜): masked when the word is a listed name or ends like a given name; kana words in the same place
// (孫のハルト, 娘のひな) are left to the review flag.

enum RelationNames {
    /// Kinship words: a name after them is a family member's.
    static let kinship: [String] = [
        "夫", "妻", "主人", "家内", "嫁", "婿", "息子", "娘", "長男", "長女", "次男", "次女", "三男", "三女", "四男", "四女", "末っ子", "末娘",
        "孫", "ひ孫", "孫娘", "父", "母", "義父", "義母", "祖父", "祖母", "兄", "姉", "弟", "妹", "義兄", "義姉", "義弟", "義妹", "叔父",
        "叔母", "伯父", "伯母", "甥", "姪", "いとこ", "従兄", "従姉", "従弟", "従妹", "子", "実父", "実母", "亡父", "亡母", "亡夫",
        "亡妻", "元夫", "元妻", "彼氏", "彼女", "恋人", "婚約者", "娘婿", "長兄", "長姉", "姑", "舅", "旦那",
    ]

    /// Social and role words: a name after them is a neighbour's, a colleague's or an official's.
    static let roles: [String] = [
        "友人", "友達", "知人", "隣人", "近所", "隣", "同僚", "上司", "部下", "先輩", "後輩", "同級生", "担任", "担当", "担当者", "班長",
        "組長", "会長", "区長", "副会長", "自治会長", "町内会長", "民生委員", "主治医", "ケアマネ", "ケアマネージャー", "校長", "園長",
        "店長", "社長", "課長", "係長", "部長", "議員", "委員", "先生", "ヘルパー", "保健師", "看護師", "医師", "幼なじみ", "幼馴染",
        "大家", "家主", "管理人", "相談員", "職員", "市議", "町議", "村議", "県議", "記入者", "回答者", "代表",
    ]

    private static let words: [(unit: [UInt16], kin: Bool)] =
        kinship.map { (Array($0.utf16), true) } + roles.map { (Array($0.utf16), false) }

    /// The last units of the relation words, a bit per unit (a quick test, without hashing, that every unit of a
    /// text takes before the word list is searched).
    private static let lastUnitBits = AnchorSet(words.map(\.unit).map { [$0[$0.count - 1]] })

    /// The last character of many given names (菜, 子, 郎, 翔…): a two- or three-kanji word after a kinship word
    /// ending in one of them is taken for a name, unless it is a common word below.
    static let givenEndings: Set<UInt16> = Set("子美菜奈香花恵乃佳里華咲那帆希郎太輔斗翔也哉樹輝彦汰翼蓮葵凛莉怜雄朗梨紗彩結".utf16)

    /// Common words with those endings (様子, 野菜, 知恵, 旦那…).
    static let commonWords: Set<String> = [
        "様子", "調子", "帽子", "椅子", "菓子", "団子", "原子", "電子", "双子", "障子", "拍子", "扇子", "王子", "餃子", "親子", "弟子",
        "種子", "女子", "男子", "利子", "冊子", "格子", "粒子", "分子", "息子", "妻子", "母子", "父子", "精子", "卵子", "末っ子",
        "野菜", "山菜", "白菜", "総菜", "惣菜", "知恵", "恩恵", "生花", "造花", "草花", "献花", "線香", "旦那", "稲穂", "刹那",
        "丸太", "果樹", "英雄", "香", "容子", "鉄砲玉", "保育子", "金利子", "教育費", "小学生", "夫婦", "一家", "世帯",
        "家族", "同居", "名義", "宅", "在宅", "世代",
    ]

    /// Ranges of words after a relation word in `s`: after `の`, `・` or a space (義父の斎藤, 父・清), or glued to a
    /// kinship word of two or more characters (長男蓮, 主人高山の). Strict (masking): a kanji word of two to four that
    /// is a listed surname or given name, or after a kinship word ends like a given name, or is a one-kanji given
    /// name before a particle. Loose (review): also katakana of two to five and hiragana of two or three, each
    /// followed by a particle or punctuation.
    static func candidates(_ s: [UInt16], names: PersonNames, strict: Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let lastUnitBits = Self.lastUnitBits
        for p in s.indices where p > 0 && lastUnitBits.mayStart(s[p - 1]) {
            let linked = links.contains(s[p])
            // 兄の 拓也: one space after の belongs to the link.
            let spaced = s[p] == 0x306E && p + 2 < s.count && PhoneNumbers.isSpace(s[p + 1])
            let start = linked ? p + (spaced ? 2 : 1) : p
            guard start < s.count, linked || PersonNames.isKanji(s[p]), let found = relation(s, endingAt: p) else { continue }
            let kin = found.kin
            // ・ and spaces join a kinship word to a name (父・清); after a role word they start a list (記入者 大野).
            if linked, s[p] != 0x306E, !kin { continue }
            // Glued: a kinship word that starts a word (長男蓮; not 一人息子夫婦); after a one-character word (妻, 娘) only a
            // listed given name of two or more counts (妻美佐子; not 母校, 父兄).
            var glued1 = false
            if !linked {
                let wordStart = p - found.length
                guard kin, wordStart == 0 || !PersonNames.isKanji(s[wordStart - 1]) else { continue }
                glued1 = found.length == 1
            }
            if PersonNames.isKanji(s[start]) {
                var end = start
                while end < s.count, end - start < 5, PersonNames.isKanji(s[end]) { end += 1 }
                guard end - start <= 4, end == s.count || !isWordContinuation(s[end]) else { continue }
                let word = String(decoding: s[start..<end], as: UTF16.self)
                if glued1 {
                    if end - start >= 2, names.givenNames.contains(word), !commonWords.contains(word) { result.append(start..<end) }
                } else if end - start == 1 {
                    // One kanji: a given name (蓮, 清) before a particle, bracket or the end.
                    if kin, oneKanjiGiven.contains(s[start]), end == s.count || afterOneKanji.contains(s[end]) {
                        result.append(start..<end)
                    }
                } else if isName(word, kin: kin, names: names, strict: strict) {
                    result.append(start..<end)
                }
            } else if !strict, linked, let end = kanaWord(s, from: start) {
                result.append(start..<end)
            }
        }
        return result
    }

    /// What joins a relation word to a name: の, ・ and spaces.
    private static let links: Set<UInt16> = [0x306E, 0x30FB, 0x20, 0x3000]

    /// Common one-kanji given names (蓮, 蒼, 清, 誠…), taken only right after a kinship word; kanji that are also
    /// everyday nouns after の (愛, 光, 家, 顔) are left out.
    static let oneKanjiGiven: Set<UInt16> = Set("蓮蒼湊陽翔悠律凛葵楓萌唯誠清茂勇隆博修剛毅淳聡徹薫忍栞仁稔昇遥碧颯奏晴巧肇弘浩宏寛功勲潔昭馨渉滋亮梓彩舞尚崇諒涼暖陽咲凪".utf16)

    /// What may follow a one-kanji given name: particles, brackets, punctuation.
    private static let afterOneKanji: Set<UInt16> = Set("はがをともにのへや、。，．（(）)「」 　".utf16)

    /// The kinship or role word ending just before `p`: the longest listed word whose last unit is at p - 1;
    /// a one-character word (夫, 子) counts only when no kanji comes before it (工夫の, 様子の are words).
    /// Only the words whose last unit is at p - 1 are compared (the others cannot match), in list order.
    static func relation(_ s: [UInt16], endingAt p: Int) -> (length: Int, kin: Bool)? {
        guard p > 0, p <= s.count else { return nil }
        var best: (length: Int, kin: Bool)?
        let last = s[p - 1]
        let words = Self.words
        wordLastUnits.withUnsafeBufferPointer { lasts in
            for k in lasts.indices where lasts[k] == last {
                let (word, kin) = words[k]
                guard word.count <= p && word.count > (best?.length ?? 0) else { continue }
                guard s[(p - word.count)..<p].elementsEqual(word) else { continue }
                if word.count == 1, p >= 2, PersonNames.isKanji(s[p - 2]) { continue }
                best = (word.count, kin)
            }
        }
        return best
    }

    /// The last unit of each of `words`, in the same order.
    private static let wordLastUnits: [UInt16] = words.map { $0.unit[$0.unit.count - 1] }

    private static func isName(_ word: String, kin: Bool, names: PersonNames, strict: Bool) -> Bool {
        let chars = Array(word)
        guard chars.count >= 2, !commonWords.contains(word), !NameWords.roleNouns.contains(word),
            !KeptWords.standard.contains(word)
        else { return false }
        if names.surnames.contains(word) || names.givenNames.contains(word) { return true }
        if (4...4).contains(chars.count), PersonNames.startsWithSurname(word, names.surnames),
            names.givenNames.contains(String(chars.suffix(2)))
        {
            return true
        }
        let endsLikeGiven = word.utf16.last.map(givenEndings.contains) == true && chars.count <= 3
        return endsLikeGiven && (kin || !strict)
    }

    /// True for a unit that continues a word after a kanji run (katakana, Latin letters, digits).
    private static func isWordContinuation(_ u: UInt16) -> Bool {
        (0x30A1...0x30FA).contains(u) || PhoneNumbers.isLetter(u) || PhoneNumbers.digit(u) != nil
    }

    /// A short kana word after の that is followed by a particle or punctuation: katakana of 2–3, or of 4–5
    /// when a listed name (not a long loanword ending in ー), hiragana of 2–3 that is not a common function word (ため, こと…).
    private static func kanaWord(_ s: [UInt16], from start: Int) -> Int? {
        let katakana = (0x30A1...0x30FA).contains(s[start])
        let hiragana = (0x3041...0x3096).contains(s[start])
        guard katakana || hiragana else { return nil }
        var end = start
        while end < s.count, end - start < 6,
            katakana ? ((0x30A1...0x30FA).contains(s[end]) || s[end] == 0x30FC) : (0x3041...0x3096).contains(s[end])
        {
            if hiragana, end > start + 1, MatchingView.particles.contains(s[end]) { break }
            end += 1
        }
        let length = end - start
        guard end < s.count, katakana ? (2...5).contains(length) && s[end - 1] != 0x30FC : (2...3).contains(length) else {
            return nil
        }
        let next = s[end]
        guard "がはとにもをへ、。・".utf16.contains(next) else { return nil }
        if hiragana, end + 1 < s.count, (0x3041...0x3096).contains(s[end + 1]) { return nil }
        let word = String(decoding: s[start..<end], as: UTF16.self)
        // A katakana word of four or five is a loanword (先生のイラスト, 先生のアカウント) unless it is a listed name.
        if katakana, length >= 4, !KatakanaNames.standard.contains(word) { return nil }
        return functionWords.contains(word) || KeptWords.standard.contains(word) ? nil : end
    }

    /// Hiragana words after の that are no names.
    static let functionWords: Set<String> = [
        "ため", "こと", "もの", "ところ", "ほう", "よう", "せい", "おかげ", "うち", "あと", "まえ", "とき", "ころ", "ぶん", "かわり", "いえ",
        "へや", "ほか", "なか", "まま", "たび", "みな", "みんな", "ひと", "かた", "ほど", "くせ", "はず", "わけ", "つもり", "まわり",
    ]
}
