// MaskPatterns — the regular expressions read on the matching view (ASCII-folded, kana and kanji digits as
// digits, spelled-out @ and dots as symbols): e-mail written with spaces or a spelled @, short links and bare
// domains, SNS handles and IDs, buildings and rooms, 字 + lot, kanji 番地, birth dates, ID numbers, car plates.
// No pattern repeats a group that can match the same text two ways (linear time).

enum MaskPatterns {
    /// A room after a katakana building name (パークサイド宮田502号, コーポ山田 2F-201).
    static let roomAfterKatakana =
        "[\\p{Katakana}ー・]{3,15}[\\p{Han}々ヶ]{0,4}[ ]?"
        + "(?:\(floorRoom)|[A-Za-z]-?[0-9]{3,4}(?:号室?)?|[0-9]{3,4}号室?)\(notRoom)"
    /// A car plate after its place name (松本 500 さ 1234).
    static let plateAfterPlace = "(?<![\\p{Hiragana}0-9])[\\p{Han}]{1,4}[ ]?[0-9]{3}[ ]?\(plateKana)[ ]?[0-9]{4}(?![0-9])"

    /// Where the matches of the patterns above can start (`MatchHint`): the room's first digit or letter comes
    /// after at most 15 katakana, 4 kanji (2 UTF-16 units each at most) and a space (39 units); the plate's first
    /// digit after at most 4 kanji and a space (9 units).
    static let hints: [String: MatchHint] = [
        roomAfterKatakana: .anchored(MatchHint.asciiAnchors(letters: true), within: 39),
        plateAfterPlace: .anchored(MatchHint.asciiAnchors(letters: false), within: 9),
    ]

    /// Top-level domains that end an address whose @ or dots were spelled out (taro at example dot com).
    static let tld =
        "(?:com|net|org|info|biz|jp|io|me|co|ne|or|ac|go|lg|ed|gr|edu|gov|uk|us|app|dev|xyz|tokyo|ly|gl|to|be|tv|cc)"

    /// The local part of an e-mail address; dots may have a space either side (kenta . ono).
    static let local = "[A-Za-z0-9_%+\\-]+(?:[ ]?\\.[ ]?[A-Za-z0-9_%+\\-]+)*"

    /// Plate kana that are no particles (a serial without a dash after を, は, に… is more likely an amount).
    static let plateKana = "[あいうえきくけこさすせそたちつてなぬねひふほまみむめゆよらりるれろわ]"

    /// Characters of a path after a short link.
    static let path = "[A-Za-z0-9\\-._~/?#=&%+]"

    /// A number that is not the start or end of a longer number.
    static let digit = "[0-9]"

    /// Units after a number that make it a count (ハイツ 3棟 is no room number).
    static let notRoom = "(?![0-9年月日人円件歳才戸万億階世%台個棟回分時秒本枚軒坪平㎡匹頭杯票位点倍割mkgcMKG])"

    /// Units after a number that make it a count, a date or an amount, not an ID.
    static let notID = "(?![0-9年月日人円件歳才戸万億%個回分時秒名位点枚])"

    /// Kanji numerals as written in addresses and dates (五番地, 十二月).
    static let kanjiNumber = "[一二三四五六七八九十百千〇]"

    /// A date: an era year (令和6年, 平成元年, H1) or a Western year, a month and a day, in any of 年月日, dots,
    /// slashes or dashes; kanji numerals allowed.
    static let date: String = {
        let n = "(?:[0-9]{1,2}|\(kanjiNumber){1,3})"
        let era = "(?:明治|大正|昭和|平成|令和)[ ]?(?:元|\(n))[ ]?年[ ]?の?[ ]?\(n)[ ]?月[ ]?\(n)[ ]?日?"
        let kanaEra = "(?:めいじ|たいしょう|しょうわ|へいせい|れいわ)[ ]?(?:がん|\(n))[ ]?ねん[ ]?\(n)[ ]?がつ[ ]?\(n)[ ]?(?:にち)?"
        let western = "(?:19|20)[0-9]{2}[ ]?年[ ]?\(n)[ ]?月[ ]?\(n)[ ]?日?"
        let short =
            "(?<![A-Za-z])(?:[MTSHRmtshr]|[明大昭平令])[.]?[ ]?(?:[0-9]{1,2}|元)[./\\-][0-9]{1,2}[./\\-][0-9]{1,2}(?![0-9])"
        let numeric = "(?<![0-9])(?:19|20)[0-9]{2}(?:[./\\-][0-9]{1,2}[./\\-]| [0-9]{1,2} )[0-9]{1,2}(?![0-9])"
        // day/month/year, a two-digit year ('88/12/05), eight digits (19720415), and English (March 3, 1995)
        let dayFirst = "(?<![0-9])[0-9]{1,2}[./\\-][0-9]{1,2}[./\\-](?:19|20)[0-9]{2}(?![0-9])"
        let twoDigit = "(?<![0-9.])['’]?[0-9]{2}[./][0-9]{1,2}[./][0-9]{1,2}(?![0-9])"
        let compact = "(?<![0-9])(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
        return "(?:\(era)|\(kanaEra)|\(western)|\(short)|\(numeric)|\(dayFirst)|\(twoDigit)|\(compact)|\(englishDate))"
    }()

    /// A date in English: month name, day, year or day, month name, year (March 3, 1995; 5 May 1989).
    static let englishDate: String = {
        let month = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.?"
        let day = "[0-9]{1,2}(?:st|nd|rd|th)?"
        return "(?:\(month)[ ]?\(day),?[ ]?(?:19|20)[0-9]{2}|\(day)[ ]?\(month),?[ ]?(?:19|20)[0-9]{2})(?![0-9])"
    }()

    /// Words that introduce an ID number.
    static let idWords =
        "(?:会員番号|受給者番号|被保険者番号|保険者番号|保険証番号|記号番号|個人番号|マイナンバー|患者番号|診察券番号|登録番号|学籍番号|社員番号|職員番号|管理番号|契約番号|お客様番号|顧客番号|口座番号|カード番号|証番号|受付番号|申請番号|整理番号|利用者番号|会員ID|ID番号|番号|患者ID|会員No|No\\.|ID|図書館カード|会員カード|利用者カード|診察券)"

    /// Buildings whose name ends with these words (a room or block number follows).
    static let buildings =
        "(?:ハイツ|コーポ|マンション|アパート|レジデンス|ハウス|ヴィラ|パレス|ビル|団地|住宅|荘|寮|コート|ヒルズ|タワー|ハイム|シャトー|メゾン|プラザ|アーバン|グランデ|ガーデン|テラス|ヴィレッジ|カーサ)"

    /// A building's own name before its word: katakana then kanji (サンライズ中央マンション), kanji (市営住宅), or
    /// hiragana before 荘/寮 (第二ひまわり荘), not starting with a particle.
    static let buildingName =
        "(?:[\\p{Katakana}ー・]{1,15}[\\p{Han}々ヶ]{0,4}|[\\p{Han}々ヶ]{1,8}|[\\p{Han}々ヶ]{0,3}(?![のがはをにへとでもや])[ぁ-ゖ]{2,5}(?=荘|寮))"

    /// The name after a building word (メゾン梓川, コーポみどり野, メゾン・ド・ソレイユ): hiragana may start it, not
    /// a particle.
    static let buildingTail =
        "(?:(?!から|まで|より|では|には|など|なら|って|ので|のに|けど|[のがはをにへとでもや])[ぁ-ゖ]{1,5})?[\\p{Katakana}ー・\\p{Han}々ヶ]{0,10}"

    /// A floor and a room (7階 703, 5階501号, 2階の206); a number a word follows is a hall's (5階 501会議室).
    static let floorRoom = "[0-9]{1,2}(?:階|F)[ ]?の?[ ]?[0-9]{2,4}(?:号室?|(?![0-9\\p{Han}\\p{Katakana}]))"

    /// A room or block after a building: B棟, 5号棟-201, 203号室, B-105, B202, 2-B, 7階 703, 302.
    static let room =
        "(?:\(floorRoom)|[A-Za-z]棟(?:[ ]?(?:\(floorRoom)|の?[0-9]{1,4}号室?))?|[0-9]{1,3}号棟(?:[ \\-]?[0-9]{1,4}号室?)?|[0-9]{1,4}号室|[A-Za-z]-?[0-9]{2,4}(?![0-9])|[0-9]{1,3}-[A-Za-z](?![A-Za-z])|[A-Za-z]?[0-9]{3,4}\(notRoom))"

    static let sources: [(PersonalDataKind, Int, String)] = [
        // e-mail with a spaced or spelled-out @ and dots (taro @ example.jp, taro at example dot com,
        // taroアットexample.com, taro[at]example,com): the local part is masked with the domain.
        // taro.yamada@example、ne、jp, nakamura★gmail.com (★ to be read as @), kenta . ono @ gmail . com
        (
            .email, 0,
            "\(local)[ ]?[@★☆][ ]?[A-Za-z0-9\\-]+(?:[ ]?[.,、][ ]?[A-Za-z0-9\\-]+)*?[ ]?[.,、][ ]?\(tld)(?:[ ]?[.,、][ ]?\(tld))*(?![A-Za-z0-9])"
        ),
        // a domain spelled in katakana (taro アット ジーメール ドット コム)
        (.email, 0, "\(local)[ ]?@[ ]?[\\p{Katakana}ー]{2,12}(?:[ ]?\\.[ ]?[\\p{Katakana}ー]{2,8}){1,3}"),
        // short links and bare domains with a path (t.co/abc, bit.ly/x, lin.ee/…), and a Japanese label (名前.jp)
        (
            .url, 0,
            "(?<![A-Za-z0-9@._\\-])[A-Za-z0-9][A-Za-z0-9\\-]*(?:\\.[A-Za-z0-9\\-]+)*\\.(?i:co|ly|gl|gd|gle|it|me|to|be|tv|cc|ee|ws|link|app|dev|xyz|tokyo|site|online|us|uk|edu|gov|ne|or|ac|go|lg)/\(path)+"
        ),
        (
            .url, 0,
            "[\\p{Han}\\p{Katakana}\\p{Hiragana}ー々]{1,12}(?:\\.[A-Za-z0-9\\-]+)*\\.(?:jp|com|net|org|tokyo)(?![A-Za-z0-9])(?:/\(path)*)?"
        ),
        // SNS handles (@koe_city) and IDs after a service or ID word (LINE ID: taro123, インスタ @hanako)
        // (a letter or _ inside: @500, @10:00 are a price and a time)
        (
            .sns, 0,
            "(?<![A-Za-z0-9._%+\\-@])@(?=[A-Za-z0-9_.\\-]*[A-Za-z_])[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,28}[A-Za-z0-9_](?![A-Za-z0-9_@])"
        ),
        (
            .sns, 1,
            "(?:LINE|Line|line|ライン|ラインの|インスタ|インスタグラム|Instagram|instagram|Twitter|twitter|ツイッター|Facebook|facebook|フェイスブック|TikTok|ティックトック|YouTube|ユーチューブ|Discord|アカウント|ユーザー名|ユーザ名|ハンドル)[ ]?(?:ID|Id|id|アイディー|アイディ)[ ]?(?:は|:|=)?[ ]?@?([A-Za-z0-9][A-Za-z0-9_.\\-]{2,29})(?![A-Za-z0-9_])"
        ),
        (
            .sns, 1,
            "(?:LINE|ライン|インスタ|インスタグラム|Instagram|Twitter|ツイッター|Facebook|TikTok|Discord|アカウント|ユーザー名)[ ]?(?:は|:|=|で)[ ]?([A-Za-z0-9_.\\-]*[0-9_][A-Za-z0-9_.\\-]*)(?![A-Za-z0-9_])"
        ),
        // an ID after a label word, a few characters apart (ラインID→yuki.m0822, アカウント名は shinshu_taro,
        // ニックネームpinkrabbit77): a Latin word holding a digit, _ , . or -
        (
            .sns, 1,
            "(?:ID|アイディー?|アカウント名?|ユーザー?名|ニックネーム|ハンドルネーム|インスタ(?:グラム)?|Instagram|ライン|LINE|Line|ツイッター|Twitter|Discord|TikTok)(?:の(?:ID|アカウント))?(?:[ ]?[はがで:=→「『]){0,2}[ ]?([A-Za-z][A-Za-z0-9]*[0-9_.\\-][A-Za-z0-9_.\\-]*[A-Za-z0-9]|[A-Za-z]{1,20}[0-9]{1,6})(?![A-Za-z0-9_@])"
        ),
        // an ID followed by what it is for (haruka_k2で検索, kenji.w0315 まで（LINE）)
        (
            .sns, 1,
            "(?<![A-Za-z0-9_.\\-])([A-Za-z][A-Za-z0-9]*[0-9_.][A-Za-z0-9_.\\-]*[A-Za-z0-9])(?=[ ]?(?:で検索|まで[ ]?[(](?:LINE|ライン|インスタ)|[(](?:LINE|ライン|インスタ)))"
        ),
        // a Discord name (name#1234) after the service, an underscore handle after a service and a colon, an
        // upper-case www domain (WWW.EXAMPLE.JP)
        (.sns, 1, "(?:Discord|discord|ディスコード)[^A-Za-z0-9\\n]{0,6}([A-Za-z0-9_.]{2,32}#[0-9]{4})(?![0-9])"),
        (
            .sns, 1,
            "(?:Twitter|twitter|ツイッター|Instagram|インスタ|TikTok|Threads)[^A-Za-z0-9\\n]{0,24}?[:：][ ]?((?=[A-Za-z0-9_]*_)(?=[A-Za-z0-9_]*[0-9])[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9])(?![A-Za-z0-9_])"
        ),
        (.url, 0, "(?<![A-Za-z0-9.])WWW\\.[A-Z0-9\\-]+(?:\\.[A-Z0-9\\-]+)*\\.(?:JP|COM|NET|ORG)(?![A-Za-z])"),
        // a postal code with a wave dash or a dot after 〒, or seven digits after a postal word (宛名ラベルの1500002)
        (.postalCode, 1, "〒[ ]?([0-9]{3}[.〜~][0-9]{4})(?![0-9])"),
        (.postalCode, 1, "(?:郵便番号|宛名ラベルの|宛名の)[ ]?(?:は|:)?[ ]?([0-9]{7})(?![0-9])"),
        // a local number with its exchange (47局の2210番)
        (.phone, 0, "(?<![0-9])[0-9]{1,4}局(?:の|-)?[0-9]{4}(?:番(?!地|号|目))?(?![0-9])"),
        // buildings with a room or block: 〜ハイツ203号室, 〜団地5号棟, メゾン〜101, 市営住宅B棟
        (
            .address, 0,
            "\(buildingName)?\(buildings)\(buildingTail)[ ]?(?:の[ ]?)?\(room)"
        ),
        (.address, 0, "(?<![0-9])[0-9]{1,4}号室"),
        // a block and a room without 号 (12棟305, 2号棟104), a building, a word and a lettered room (ハイツ桔梗ヶ原B-201)
        (.address, 0, "(?<![0-9])[0-9]{1,3}号?棟(?:[ \\-]|の)?[0-9]{3,4}(?:号室?)?\(notRoom)"),
        // a named building with a floor only (メゾン梓川 2F, グランメゾン中央 3階)
        (
            .address, 0,
            "(?:[\\p{Katakana}ー・]{2,15}[\\p{Han}々ヶ]{0,4}\(buildings)\(buildingTail)|\(buildings)[\\p{Katakana}ー・\\p{Han}々ヶ]{1,10})"
                + "[ ]?[0-9]{1,2}(?:階|F)(?![0-9])"
        ),
        // a building named right after a lot number (日の出町7-2 ハイツ松風)
        (
            .address, 1,
            "(?:(?<=[0-9]-[0-9]{1,4})|(?<=[0-9]番地)|(?<=[0-9]号))[ ]?((?:[\\p{Katakana}ー・]{2,12}[\\p{Han}々ヶ]{0,4}|[\\p{Han}々ヶ]{1,4})?\(buildings)[\\p{Katakana}ー・\\p{Han}々ヶ]{0,8})"
        ),
        (.address, 0, "\(buildings)[\\p{Han}\\p{Katakana}ーヶ]{1,10}[A-Za-z]-?[0-9]{2,4}(?![0-9])"),
        // kanji-numeral 番地 (五番地の三, 百二十番地), and 字 + lot (大字上野字中島1234-5)
        (.address, 0, "\(kanjiNumber)+番地(?:の?(?:\(kanjiNumber)+|[0-9]+))?"),
        // kanji numerals after 丁目 (本町三丁目五番十二号) and a room after a building word not listed (パークサイド宮田502号)
        (.address, 0, "(?<=丁目)[ ]?\(kanjiNumber)+番\(kanjiNumber)+号?"),
        // a lot in kanji numerals joined by の after a place name (寿北七の二の十)
        (
            .address, 0,
            "(?<=[[\\p{Han}々ヶ]&&[^一二三四五六七八九十百千〇]])[一二三四五六七八九十]{1,3}の[一二三四五六七八九十]{1,3}の[一二三四五六七八九十]{1,3}(?![\\p{Han}])"
        ),
        (.address, 0, roomAfterKatakana),
        (
            .address, 0,
            "(?:大字[\\p{Han}々ヶ]{1,6})?(?<![文数赤黒漢名苗活十誤脱点題識習綴])字[\\p{Han}々ヶ]{1,6}[ ]?[0-9]{1,5}(?:[\\-の][0-9]{1,4})?(?:番地?)?\(notID)"
        ),
        // birth dates: a date with 生まれ/生/誕生 after it or 生年月日/誕生日 before it; H1.5.5 and S50.1.1 alone
        (.birthDate, 0, "\(date)(?=[ ]?(?:[にの][ ]?)?(?:生まれ|生|うまれ|誕生))"),
        (.birthDate, 1, "(?:生年月日|誕生日|生まれ)(?:は|が|:|：|[(「])?[ ]?(\(date))"),
        (.birthDate, 0, "(?<![A-Za-z0-9])[SHsh][.]?[ ]?[0-9]{1,2}[./\\-][0-9]{1,2}[./\\-][0-9]{1,2}(?![0-9])"),
        // a year, a month and a day before 生まれ, the era in brackets or left out (62年4月7日生まれ), and an ISO or
        // day/month/year date after a birth word in English (Date of birth: 1990-12-01, DOB 12/03/1985)
        (
            .birthDate, 0,
            "(?<![0-9])(?:19|20)?[0-9]{2}年(?:[(（][^)）]{1,8}[)）])?[0-9]{1,2}月[0-9]{1,2}日(?=[ ]?(?:[にの][ ]?)?(?:生まれ|うまれ))"
        ),
        (
            .birthDate, 1,
            "(?:[Bb]irth|DOB|D\\.O\\.B\\.?|[Bb]orn)(?:[ ]?(?:date|on))?[ ]?:?[ ]?((?<![0-9])(?:(?:19|20)[0-9]{2}[./\\-][0-9]{1,2}[./\\-][0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/(?:19|20)[0-9]{2})(?![0-9]))"
        ),
        // ID numbers: twelve digits (in groups of four or not), or digits after an ID word (会員番号 12345)
        (.idNumber, 0, "(?<![0-9\\-])[0-9]{4}[ \\-]?[0-9]{4}[ \\-]?[0-9]{4}\(notID)"),
        (.idNumber, 1, "\(idWords)[^0-9\\n]{0,4}?([A-Za-z]{0,3}-?[0-9][0-9A-Z\\-]{2,20}[0-9])\(notID)"),
        // car plates: place, class number, kana, serial (松本 500 あ 12-34, 品川300さ1234, 松本500あ・・12)
        (
            .carPlate, 0,
            "[\\p{Han}]{1,4}[ ]?[0-9]{2,3}[ ]?[\\p{Hiragana}][ ]?(?:[0-9]{1,2}-[0-9]{2}|[・･.]{1,3}[0-9]{1,2}(?:-[0-9]{2})?)(?![0-9])"
        ),
        (.carPlate, 1, "ナンバー(?:は|:)?[ ]?([\\p{Han}]{1,4}[ ]?[0-9]{2,3}[ ]?[\\p{Hiragana}][ ]?[0-9]{4})(?![0-9])"),
        // class number, kana and serial without the place (300た98-76, 品川300さ1234, 500さ・123)
        (
            .carPlate, 0,
            "(?<![0-9])[0-9]{3}[ ]?[\\p{Hiragana}][ ]?(?:[0-9]{2}-[0-9]{2}|[・･.]{1,3}[0-9]{1,3}(?:-[0-9]{2})?)(?![0-9])"
        ),
        (.carPlate, 0, plateAfterPlace),
        // a plate in kanji digits, class number, kana, serial (三三〇 ら 四四‐五五), or the serial before のナンバー
        (
            .carPlate, 0,
            "(?<![0-9一二三四五六七八九〇])[0-9一二三四五六七八九〇]{3}[ ]?\(plateKana)[ ]?[0-9一二三四五六七八九〇]{1,2}[\\-‐―－ー][0-9一二三四五六七八九〇]{2}(?![0-9一二三四五六七八九〇])"
        ),
        (.carPlate, 0, "(?<![0-9一二三四五六七八九〇])[0-9一二三四五六七八九〇]{2}[\\-‐―－ー][0-9一二三四五六七八九〇]{2}(?=のナンバー)"),
        // the serial alone after ナンバー or 下4桁 (ナンバーは「77-01」, ナンバーが・・88, 下4桁が8901)
        (
            .carPlate, 1,
            "(?<!マイ)(?:ナンバー|下[ ]?[0-9一二三四]桁)[^0-9\\n]{0,4}?([・･.]{1,3}[0-9]{1,2}|[0-9]{1,2}-[0-9]{2}|[0-9]{4})(?![0-9.\\-年月日円人件台枚])"
        ),
    ]
}
