// NumberPatterns — round-5 regular expressions for numbers and handles, read on the matching view like MaskPatterns:
// links with a Japanese or spaced host, e-mail local parts given apart from their domain, handles after a service
// word, IDs after a card or handbook word, postal codes after a sending word, and plates of motorbikes, with a
// lettered class or spaced digits. No pattern repeats a group that can match the same text two ways.

enum NumberPatterns {
    /// Services and words that introduce an account name (a handle holding a digit, _ or . follows).
    static let services =
        "(?:(?<![A-Za-z])(?:note|Threads|X|Twitch|YouTube|Youtube|Facebook|facebook|Skype|skype|mixi|pixiv|Bluesky|GitHub|Qiita|Zenn|Tumblr|Pinterest|Snapchat|WeChat|Kakao|Instagram|instagram|Twitter|twitter|TikTok|LINE|Line|Discord|ID|Id)(?![A-Za-z])"
        + "|スレッズ|エックス|ユーチューブ|フェイスブック|スカイプ|ミクシィ|ピクシブ|ニコニコ|カカオ|インスタ|ツイッター|ティックトック|ライン|ディスコード|アイディー?|アカウント|ユーザー?名|ハンドルネーム|ニックネーム|垢)"

    /// What may stand between a service word and the handle: particles, a label, brackets (not a verb: Twitterで見た:
    /// snake_case is a word).
    static let gap = "(?:[ ]|の|で|は|が|:|=|→|「|『|\\(|ID|Id|鍵垢|垢|アカウント|です|名前は?){0,4}"

    /// An account name: a Latin letter first, a digit, _ or . inside, up to 30 characters (live: for Skype).
    static let handle = "((?:live:)?[A-Za-z](?=[A-Za-z0-9\\-]*[0-9_.])[A-Za-z0-9_.\\-]{0,28}[A-Za-z0-9])(?![A-Za-z0-9_@])"

    /// Words before an ID number on a card or in a handbook (療育手帳 B2-10927, 受給者証 第0012345号).
    static let cardWords =
        "(?:手帳(?:番号)?|住民票コード|被保険者証|受給者証|保険証|証[ ]?第|在留カード(?:番号)?|カード番号|免許証(?:番号)?|パスポート(?:番号)?|年金番号|記号)"

    /// Hiragana used on plates, particles included (a space either side or a dashed serial makes it a plate).
    static let anyKana = "[あ-ゖ]"

    /// A dash inside a plate's serial (the view keeps dashes as written).
    static let dash = "[\\-‐‑–―−]"

    /// Vehicle words that make a serial after them (or before の and them) a plate.
    static let vehicles = "(?:車(?![線両道椅い庫内種検])|クルマ|くるま|軽(?:自動車|トラ)?|トラック|バイク|ワゴン|ミニバン|原付|スクーター)"

    static let sources: [(PersonalDataKind, Int, String)] = [
        // a link whose host has Japanese labels or spaces around its dots, any case of scheme
        // (https://なかむら歯科.example.jp, https:// kumi-gardening. example.com, HTTPS://WWW.EXAMPLE.JP/MYPAGE)
        (
            .url, 0,
            "(?i:https?)://[ ]?(?:[\\p{Han}\\p{Hiragana}\\p{Katakana}ー々A-Za-z0-9\\-]+[ ]?\\.[ ]?)+[A-Za-z]{2,}(?![A-Za-z0-9])(?:/\(MaskPatterns.path)*)?"
        ),
        // an e-mail local part given apart from its domain (メアドはichika-0207です, アドレスの前半はchiharu_88, アットマーク
        // の前はtaro.k)
        (
            .email, 1,
            "(?:(?:メアド|メールアドレス|アドレス|メール)(?:の)?(?:前半|前の部分|最初|頭|ユーザー名)?|@の前)(?:は|が|:)[ ]?((?=[A-Za-z0-9\\-]*[0-9._])[A-Za-z0-9][A-Za-z0-9._\\-]{0,40}[A-Za-z0-9])(?![A-Za-z0-9@._\\-])"
        ),
        // a handle after a service or ID word a few units before (noteの akane_hon, Twitchで shota_live, ラインのIDです
        // kiyoshi1950, Skype ID: live:yamada.kazu_1, インスタの鍵垢 riko__0214)
        (.sns, 1, "\(services)\(gap)\(handle)"),
        // a handle with _ or . before a contact cue (taiga_0823 でDMください; alone it is only flagged for review:
        // file_2023_v2 is no account)
        (
            .sns, 1,
            "(?<![A-Za-z0-9_.\\-@/])([A-Za-z][A-Za-z0-9]*[_.][A-Za-z0-9_.]*[A-Za-z0-9])(?=[ ]?(?:で|に|まで|を|へ)?[ ]?(?:DM|フォロー|検索|メッセージ|まで連絡))"
        ),
        // a postal code with a slash or bar after 〒, or after a word for where to send (送付先→ 3950803)
        (.postalCode, 1, "〒[ ]?([0-9]{3}[ ]?[/|][ ]?[0-9]{4})(?![0-9])"),
        (
            .postalCode, 1,
            "(?:送付先|送り先|宛先|届け先|お届け先|住所)[^0-9\\n]{0,3}?([0-9]{3}-?[0-9]{4})(?![0-9\\-])\(MaskPatterns.notID)"
        ),
        // birth dates in English after a birth word (born March 3, 1995; DOB 5 May 1989)
        (
            .birthDate, 1,
            "(?:[Bb]irth(?:day|date)?|DOB|D\\.O\\.B\\.?|[Bb]orn)(?:[ ]?(?:date|on|in))?[ ]?:?[ ]?(\(MaskPatterns.englishDate))"
        ),
        // ID numbers after a card or handbook word, letters allowed at either end (療育手帳 B2-10927, 在留カード番号
        // AB12345678CD, 障害者手帳（第48213号）), and an insurance symbol with its number (記号12-34番号567)
        (
            .idNumber, 1,
            "\(cardWords)[^0-9A-Za-z\\n]{0,4}?([A-Za-z]{0,3}-?[0-9][0-9A-Z\\-]{2,20}[0-9][A-Z]{0,3})(?![A-Za-z])\(MaskPatterns.notID)"
        ),
        (
            .idNumber, 1,
            "記号(?:番号)?[ ]?[(（「]?[ ]?(?:は|:)?[ ]?((?:[\\p{Han}\\p{Hiragana}A-Za-z]{1,3}[\\-‐]?)?[0-9]{1,8}(?:[\\-‐][0-9]{1,8})?[ 、・,(（]{0,2}番号[ ]?(?:は|:)?[ ]?[0-9]{1,10})(?![0-9])"
        ),
        // plates: a class number with a letter (50A ら 42-66), any kana between spaces (300 の 51-62), spaced
        // digits (3 3 0 さ 1 2 - 0 8), a motorbike's kana and serial after its place (長野 た 20-37)
        (.carPlate, 0, "(?<![0-9])[0-9][0-9A-Z]{1,2}[ ]?\(MaskPatterns.plateKana)[ ]?[0-9]{1,2}-[0-9]{2}(?![0-9])"),
        (.carPlate, 0, "(?<![0-9])[0-9][0-9A-Z]{1,2}[ ]\(anyKana)[ ][0-9]{1,2}\(dash)[0-9]{1,2}(?![0-9])"),
        // (の between spaced digits reads as a dash in the view: 300 の 51-62 is 300 -51-62)
        (.carPlate, 0, "(?<![0-9])[0-9]{3} -[0-9]{1,2}\(dash)[0-9]{2}(?![0-9])"),
        (.carPlate, 0, "(?<![0-9])[0-9](?: [0-9]){1,2} ?\(anyKana) ?[0-9](?: ?[0-9])? ?- ?[0-9] ?[0-9](?![0-9])"),
        (
            .carPlate, 1,
            "(?:\\p{Han}|\\p{Han} )(\(MaskPatterns.plateKana)[ ]?[0-9]{1,2}-[0-9]{2})(?![0-9\\-])"
        ),
        (
            .carPlate, 1,
            "\(vehicles)[^。\\n0-9]{0,12}?(?:\\p{Han}|ナンバー)[ ]?(\(MaskPatterns.plateKana)[ ]?[0-9]{4})(?![0-9])\(MaskPatterns.notID)"
        ),
        // a serial after 番号 (番号は二一‐〇九), or before の and a vehicle word (「11-22」の青い車)
        (.carPlate, 1, "(?<!マイ)(?:ナンバー|番号)(?:は|が|:)?[「『]?[ ]?([0-9]{1,2}\(dash)[0-9]{2})(?![0-9\\-])"),
        (.carPlate, 1, "(?<![0-9\\-.])([0-9]{2}\(dash)[0-9]{2})(?![0-9\\-])[」』]?の[^。\\n]{0,8}?\(vehicles)"),
    ]
}
