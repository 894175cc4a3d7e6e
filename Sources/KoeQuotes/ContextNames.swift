// ContextNames — personal names found by the words around them rather than by an honorific: a
// self-introduction (西区の岡田です, 岡田と申します), a signature (（記入者：岡田）, 岡田より), a job title (岡田医師,
// 岡田係長), 方/宅 (岡田方), a name after a relation word (義父の斎藤), and a katakana name pair (アンナ・ロペス).

enum ContextNames {
    /// A kanji, katakana or hiragana run that may be a name, for the patterns below.
    private static let kanjiName = "[\\p{Han}々ヶ]{2,6}"
    /// A kanji surname then a hiragana given name (上條みのり), checked by `isSignedName`.
    private static let kanaGiven = "[\\p{Han}々ヶ]{1,3}[ぁ-ゖ]{2,4}|[\\p{Han}々ヶ]{1,3}[ァ-ヺ]{2,4}"
    private static let anyName =
        "[\\p{Han}々ヶ]{1,6}(?:[ 　][\\p{Han}々ヶ]{1,6})?|[\\p{Katakana}ー]{2,10}(?:[ 　・][\\p{Katakana}ー]{2,10})?|[ぁ-ゖ]{2,8}|[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?"

    /// A kanji name before です (西区の岡田です, 私は岡田です).
    private static let introducedAs =
        "(?:^|(?<=[\\s　。、！!？?]|の|私は|わたしは|僕は|ぼくは|当方は))([\\p{Han}々ヶ]{2,5})(?:です|でした|と言う者|という者)"
        + "(?=[。、．.!！？?\\s　」）)]|$|が|けど|けれど)"
    /// A full name closing the text after the last sentence (…お願いします。内川正志).
    private static let closingFullName = "(?<=[。．！!？?\\n])[ 　]*([\\p{Han}々ヶ]{4,5})[ 　]*$"
    /// A signature at the end: 岡田より, 岡田拝.
    private static let signedFrom = "(?:^|(?<=[\\s　。、！!]))([\\p{Han}々ヶ]{2,5})(?:より|拝)[。．.]?[ 　]*$"
    /// A signature after a space at the end (以上、3班　塩原).
    private static let spacedSignature = "[ 　]([\\p{Han}々ヶ]{2,4})[ 　]*$"
    /// A katakana name and given name a space apart, before a bracket, です or the end (コバヤシ　タケシ（記入）); no ー
    /// in either (ベーシック インカム is a loanword pair).
    private static let katakanaPair = "(?:^|(?<=[\\s　。、！!？?「]))([ァ-ヺ]{2,5}[ 　][ァ-ヺ]{2,5})(?=[ 　]?(?:[（(]|です|と申します|$))"

    /// Where the matches of the patterns above can start (`MatchHint`): a name of at most 5 kanji (10 UTF-16 units:
    /// a kanji may be a supplementary character) before です…; the signatures end the text, after at most 10 units of
    /// name (plus より and a stop: 13); a katakana pair's space comes after 2 to 5 katakana (one unit each).
    static let hints: [String: MatchHint] = [
        introducedAs: .anchored(["です", "でした", "と言う者", "という者"], within: 10),
        katakanaPair: .anchored([" ", "　"], within: 5),
        closingFullName: .tail(core: 10, padding: [0x20, 0x3000]),
        signedFrom: .tail(core: 13, padding: [0x20, 0x3000]),
        spacedSignature: .tail(core: 8, padding: [0x20, 0x3000]),
    ]

    /// Regular expressions read on the verbatim text; group 1 is the name, checked by `accepts`.
    static let sources: [(PersonalDataKind, Int, String)] = [
        // self-introduction: 岡田と申します, 西区の岡田です, 私は岡田です
        (
            .contextName, 1,
            "(?:^|(?<=[\\s　。、，,！!？?」）)の]|わたくし|わたし))(\(kanjiName)|\(kanaGiven)|[\\p{Katakana}ー]{2,10}|[ぁ-ゖ]{2,8})(?:と申します|と申し上げます|ともうします|といいます|と言います|と申す者|って言います|っていいます|って申します|っていう者)"
        ),
        (
            .contextName, 1,
            introducedAs
        ),
        (.contextName, 1, katakanaPair),
        // a foreign name introducing oneself after where one is from (フィリピン出身のマリアです): two to four
        // katakana not ending in ー (not エンジニア, シェフ: role words are refused by `accepts`)
        (.contextName, 1, "(?<=出身の)([ァ-ヺ][ァ-ヺー]{0,2}[ァ-ヺ](?:[・＝][ァ-ヺ][ァ-ヺー]{1,8})?)(?:です|と申します|といいます)"),
        // a full name closing the text after the last sentence (…お願いします。内川正志)
        (.contextName, 1, closingFullName),
        // signature: （記入者：岡田）, 氏名: 岡田優子, 投稿者：オカダ
        (
            .contextName, 1,
            "(?:記入者|回答者|氏名|名前|お名前|投稿者|文責|署名|記名|作成者|差出人|送信者|報告者|提出者|代表者|記載者|連絡者|申請者|相談者|保護者|世帯主|契約者|申込者|児童|生徒|利用者|患者)名?[ 　]?[:：][ 　]?(\(anyName))"
        ),
        // a signature at the end: （岡田）, 岡田より, 岡田拝
        (.contextName, 1, "[（(]([\\p{Han}々ヶ]{2,5})[）)][ 　]*$"),
        (.contextName, 1, signedFrom),
        // a signature after a space at the end (以上、3班　塩原; 書いた人　つちや)
        (.contextName, 1, spacedSignature),
        (
            .contextName, 1,
            "(?:書いた人|書き手|記入者|回答者|投稿者|文責)[ 　]+([\\p{Han}々ヶ]{1,4}[ 　][\\p{Han}々ヶ]{1,3}|\(kanaGiven)|[\\p{Han}々ヶ]{1,6}|[\\p{Katakana}ー]{2,10}|[ぁ-ゖ]{2,8})[ 　]*$"
        ),
        // a signature after a dash at the end, a place in brackets allowed (―西村あゆみ, — 降旗（波田地区）)
        (
            .contextName, 1,
            "(?:^|(?<=[\\s　。．！!？?]))[—―－‐\\-]{1,2}[ 　]*([\\p{Han}々ヶ]{2,4}[ 　][\\p{Han}々ヶ]{1,3}|\(kanaGiven)|[\\p{Han}々ヶ]{2,6})[ 　]*(?:[（(][^）)\\n]{1,12}[）)])?[ 　]*$"
        ),
        // a name in the attribution brackets (菅沼・70代・女性)
        (.contextName, 1, "[（(]([\\p{Han}々ヶ]{2,4})[・、,，][ 　]?[0-9０-９]{1,2}代"),
    ]

    /// Words that fill a name field without being a name (匿名, なし).
    static let noName: Set<String> = ["匿名", "なし", "無し", "不明", "非公開", "省略", "未記入", "記入なし", "ありません", "特になし"]

    /// Whether a regex match (the name group) is a name: a kept word or a role word never is; a kanji name in a
    /// self-introduction or end signature must start with a listed surname; a name after 氏名：/記入者： is one.
    static func accepts(_ units: [UInt16], _ range: Range<Int>, names: PersonNames) -> Bool {
        let word = String(decoding: units[range], as: UTF16.self)
        if noName.contains(word) || KeptWords.standard.contains(word) || NameWords.roleNouns.contains(word) { return false }
        // After a field label (氏名：, 記入者: ) anything but a placeholder is a name.
        let start = range.lowerBound
        let label = (max(0, start - 2)..<start).contains { units[$0] == 0xFF1A || units[$0] == 0x3A }
        return label || isNameLike(word, names: names) || isSignedName(word, names: names)
    }

    /// A name written where only a name fits (a self-introduction, a signature): a listed surname of two or three
    /// then one to three kanji (臼井千秋, 内川正志) that do not end like a place or an office (松本市, 中村地区),
    /// the two parts separated by a space or not (吉岡　誠), or a surname then hiragana (上條みのり).
    static func isSignedName(_ word: String, names: PersonNames) -> Bool {
        let parts = word.split(whereSeparator: { $0 == " " || $0 == "　" }).map(String.init)
        let chars = Array(parts.joined())
        guard (3...7).contains(chars.count), parts.count <= 2, PersonNames.isKanji(chars[0]) else { return false }
        for cut in [3, 2] where chars.count > cut {
            let surname = String(chars.prefix(cut))
            let rest = chars.suffix(from: cut)
            guard names.surnames.contains(surname), parts.count == 1 || parts[0] == surname else { continue }
            if rest.allSatisfy({ ("ぁ"..."ゖ").contains($0) }) || rest.allSatisfy({ ("ァ"..."ヺ").contains($0) }) {
                return (2...4).contains(rest.count)
            }
            if NameWords.roleNouns.contains(String(rest)) { return false }
            if rest.count <= 3, rest.allSatisfy(PersonNames.isKanji), let last = rest.last, !placeEndings.contains(last),
                !NameWords.roleEndings.contains(last)
            {
                return true
            }
        }
        return false
    }

    /// Last characters of places and offices after a surname-like word (松本市, 中村地区, 山田町, 高田駅).
    static let placeEndings: Set<Character> = [
        "区", "町", "村", "駅", "地", "線", "通", "川", "橋", "丁", "宿", "台", "寺", "宮", "城", "山", "港", "湖", "池", "峠", "祭", "科",
        "事", "工", "業", "料", "品", "物", "具", "語", "書", "流", "式", "系", "派", "風", "製", "産", "場", "郷", "民", "党",
        "隊", "衆", "連", "鉄", "運", "銀", "建", "設", "送", "谷", "沢",
    ]

    /// A listed surname, a surname and a given name, or kana (self-introductions in kana are names).
    static func isNameLike(_ word: String, names: PersonNames) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        if !PersonNames.isKanji(Character(first)) {
            return !RelationNames.functionWords.contains(word) && !NameWords.kanaWords.contains(word)
        }
        return isKanjiName(word, names: names)
    }

    /// A kanji word that is a listed surname (2–3), or a listed surname then a listed given name (or a 1–3
    /// kanji remainder after a two- or three-kanji surname).
    static func isKanjiName(_ word: String, names: PersonNames) -> Bool {
        let chars = Array(word)
        guard chars.count >= 2 else { return false }
        if names.surnames.contains(word) { return true }
        for cut in [3, 2] where chars.count > cut && chars.count - cut <= 3 {
            if names.surnames.contains(String(chars.prefix(cut))), names.givenNames.contains(String(chars.suffix(chars.count - cut))) {
                return true
            }
        }
        return false
    }

    // MARK: Scanners

    /// Job titles that follow a name without an honorific (岡田医師). Titles that follow a place as well
    /// (市長, 町長, 知事: 松本市長) are left out.
    static let titles: [[UInt16]] = [
        "医師", "議員", "係長", "校長", "課長", "部長", "社長", "会長", "教頭", "教諭", "先生", "看護師", "保健師", "助産師", "薬剤師",
        "弁護士", "税理士", "司法書士", "行政書士", "院長", "園長", "店長", "所長", "館長", "理事長", "委員長", "局長", "室長", "主任",
        "主査", "副校長", "副会長", "教授", "准教授", "講師", "監督", "記者", "議長", "巡査", "警部", "署長", "支店長", "次長", "参事",
        "主事", "技師", "課長補佐", "課長代理", "主幹", "副主幹", "部長代理", "栄養士", "保育士", "介護士", "指導員", "相談員", "委員", "理事", "専務", "常務", "班長", "組長", "自治会長",
        "町内会長", "方", "宅", "市議", "町議", "村議", "県議", "代議士", "牧師", "住職", "和尚",
    ].map { Array($0.utf16) }

    /// The last unit of each title, a bit per unit (tested at every kanji run).
    private static let titleLastUnits = AnchorSet(titles.compactMap(\.last).map { [$0] })

    /// Spans found by scanning: names after a relation word, before a job title or 方/宅, katakana name pairs.
    static func spans(in units: [UInt16], names: PersonNames) -> [MaskedSpan] {
        var spans = RelationNames.candidates(units, names: names, strict: true).map {
            MaskedSpan(kind: .contextName, range: $0)
        }
        var i = 0
        while i < units.count {
            if PersonNames.isKanji(units[i]) {
                var end = i
                while end < units.count, PersonNames.isKanji(units[end]) { end += 1 }
                if let name = nameBeforeTitle(units, start: i, end: end, names: names) {
                    spans.append(MaskedSpan(kind: .contextName, range: name))
                }
                i = end
            } else if isKatakana(units[i]) {
                var end = i
                while end < units.count, isKatakana(units[end]) || isNameJoiner(units[end]) { end += 1 }
                if let pair = katakanaPair(units, start: i, end: end) { spans.append(MaskedSpan(kind: .contextName, range: pair)) }
                i = end
            } else {
                i += 1
            }
        }
        return spans
    }

    /// The name in a kanji run that ends with a job title or 方/宅: the part before the title when it is a listed
    /// surname, or a surname and a given name (岡田医師, 岡田一郎議員, 岡田方; not 女性医師, 地方, 自宅).
    private static func nameBeforeTitle(_ u: [UInt16], start: Int, end: Int, names: PersonNames) -> Range<Int>? {
        guard end - start >= 3, titleLastUnits.mayStart(u[end - 1]) else { return nil }
        var best: Int?
        for title in titles where title.count < end - start && title.count > (best ?? 0) {
            if u[(end - title.count)..<end].elementsEqual(title) { best = title.count }
        }
        guard let length = best else { return nil }
        let nameEnd = end - length
        guard (2...5).contains(nameEnd - start) else { return nil }
        let word = String(decoding: u[start..<nameEnd], as: UTF16.self)
        guard isKanjiName(word, names: names) || isCareOf(u, name: start..<nameEnd, end: end, title: length),
            !KeptWords.standard.contains(word), !NameWords.roleNouns.contains(word)
        else { return nil }
        return start..<nameEnd
    }

    /// Names right after a masked phone number, e-mail address or ID, where a contact is signed: （ナカノ）まで,
    /// の大池まで, 　草間まで, （よしだ）. A kanji word must be a listed name; kana words are names unless common.
    static func contactNames(_ u: [UInt16], after contacts: [Range<Int>], names: PersonNames) -> [MaskedSpan] {
        var result: [MaskedSpan] = []
        for contact in contacts {
            var i = contact.upperBound
            if i < u.count, PhoneNumbers.isSpace(u[i]) { i += 1 }
            let paren = i < u.count && PhoneNumbers.isOpen(u[i])
            if paren || (i < u.count && u[i] == 0x306E) { i += 1 }  // （ or の
            guard i < u.count else { continue }
            let kind = u[i]
            var end = i
            while end < u.count, end - i < 8, sameScript(u[end], kind) { end += 1 }
            // Hiragana after a number is mostly grammar (です, にどうぞ): only a word in parentheses counts.
            let hiragana = (0x3041...0x3096).contains(kind)
            guard end - i >= 2 || PersonNames.isKanji(kind), end - i <= 6, paren || !hiragana else { continue }
            let word = String(decoding: u[i..<end], as: UTF16.self)
            let closes =
                paren
                ? end < u.count && PhoneNumbers.isClose(u[end])
                : end == u.count
                    || contactEnds.contains { w in
                        end + w.count <= u.count && u[end..<(end + w.count)].elementsEqual(w)
                    }
            guard closes, !notContactNames.contains(word), !KeptWords.standard.contains(word), !NameWords.roleNouns.contains(word)
            else { continue }
            if PersonNames.isKanji(kind) ? isKanjiName(word, names: names) : !RelationNames.functionWords.contains(word) {
                result.append(MaskedSpan(kind: .contextName, range: i..<end))
            }
        }
        return result
    }

    private static func sameScript(_ u: UInt16, _ first: UInt16) -> Bool {
        if PersonNames.isKanji(first) { return PersonNames.isKanji(u) }
        if isKatakana(first) { return isKatakana(u) }
        return (0x3041...0x3096).contains(first) && (0x3041...0x3096).contains(u)
    }

    private static let contactEnds: [[UInt16]] = ["まで", "へ", "宛", "あて", " ", "　", "\n"].map { Array($0.utf16) }

    /// Words that follow a number in parentheses without being a name (（携帯）, （ファックス）).
    static let notContactNames: Set<String> = [
        "ファックス", "ファクス", "メール", "ライン", "フリーダイヤル", "ショートメール", "スマホ", "ケータイ", "ガラケー", "オフィス", "センター",
        "ホーム", "アドレス", "けいたい", "じたく", "でんわ", "るすでん", "ひる", "よる", "まで", "から",
    ]

    /// A care-of address (武居方まで, 清水方へ): two or three kanji, 方, then まで/宛/へ/様/気付 or the end of the text,
    /// the kanji not ending a common word with 方 (地方, 先生方, 親方, 夕方, 両方).
    private static func isCareOf(_ u: [UInt16], name: Range<Int>, end: Int, title: Int) -> Bool {
        guard title == 1, u[end - 1] == 0x65B9, (2...3).contains(name.count), !notCareOf.contains(u[name.upperBound - 1]) else {
            return false
        }
        if end == u.count { return true }
        return careOfFollowers.contains { w in end + w.count <= u.count && u[end..<(end + w.count)].elementsEqual(w) }
    }

    private static let careOfFollowers: [[UInt16]] = ["まで", "宛", "あて", "へ", "に送", "に届", "様", "気付", " ", "　", "\n", "）", ")"].map {
        Array($0.utf16)
    }

    /// Last kanji of common words ending in 方 (地方, 親方, 夕方, 先生方, 関係者方, 北方…).
    private static let notCareOf: Set<UInt16> = Set("地両夕親味当先双貴裏他一行仕殿奥大途処遠後前上下四八平立北南東西相彼母父敵我者生員様長師家民人側族達外内中此其何手性輩客".utf16)

    /// Two katakana parts joined by ・ or ＝ (アンナ・ロペス): the first a listed katakana name, the second listed
    /// too or a word of three or more that is no long loanword (not ending in ー).
    private static func katakanaPair(_ u: [UInt16], start: Int, end: Int) -> Range<Int>? {
        let parts = u[start..<end].split(whereSeparator: isNameJoiner)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count >= 2 }), !isNameJoiner(u[end - 1]) else { return nil }
        let words = parts.map { String(decoding: $0, as: UTF16.self) }
        if words.contains(where: KeptWords.standard.contains) { return nil }
        // Before an honorific, or introducing oneself at the start of a sentence (マリア・サントスです), any pair is a name.
        if personFollows(u, at: end, sentenceStart: start == 0 || "。．！？\n 　".utf16.contains(u[start - 1])) {
            return start..<end
        }
        let listed = KatakanaNames.standard
        guard parts.count == 2, let b = parts.last, listed.contains(words[0]),
            listed.contains(words[1]) || (b.count >= 3 && b.last != 0x30FC)
        else { return nil }
        return start..<end
    }

    /// Honorifics after a name, and self-introductions that count only at the start of a sentence.
    private static let honorifics: [[UInt16]] = ["さん", "様", "さま", "氏", "くん", "君", "ちゃん"].map { Array($0.utf16) }
    private static let introductions: [[UInt16]] = ["です", "と申します", "といいます"].map { Array($0.utf16) }

    private static func personFollows(_ u: [UInt16], at end: Int, sentenceStart: Bool) -> Bool {
        let words = honorifics + (sentenceStart ? introductions : [])
        return words.contains { word in end + word.count <= u.count && u[end..<(end + word.count)].elementsEqual(word) }
    }

    static func isKatakana(_ u: UInt16) -> Bool { (0x30A1...0x30FA).contains(u) || u == 0x30FC }
    static func isNameJoiner(_ u: UInt16) -> Bool { u == 0x30FB || u == 0xFF1D || u == 0x3D || u == 0x30A0 }
}

/// Personal names written in katakana (Resources/katakana-names.txt, from IPADIC; source in its header).
enum KatakanaNames {
    /// The bundled list; a missing resource stops koe with its name.
    static let standard: Set<String> = {
        do {
            let names = KeptWords(list: try MaskingResource.text("katakana-names")).words
            guard !names.isEmpty else { throw MaskingResource.Missing(name: "katakana-names.txt") }
            return names
        } catch { fatalError("\(error)") }
    }()
}
