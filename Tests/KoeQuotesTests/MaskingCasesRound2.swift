// MaskingCasesRound2 — the classes issue #20 found leaking (written for it, not taken from any corpus or
// held-out set): numbers in kana and kanji digits, spelled-out @, short links, SNS IDs, buildings and rooms,
// names by context and in romaji, birth dates, ID numbers, car plates; and the decoys each must keep.
@testable import KoeQuotes

extension MaskingCases {
    static let round2: [MaskingCase] =
        phone2 + email2 + url2 + sns + address2 + contextNames + kanaNames + romaji + birthDates
        + idNumbers + carPlates

    static let phone2: [MaskingCase] =
        [
            "電話は⟦ゼロハチゼロのイチニサンヨンのゴロクナナハチ⟧です", "⟦〇八〇‐一二三四‐五六七八⟧に連絡を", "⟦090〜1234〜5678⟧まで",
            "⟦090 - 1234 - 5678⟧です", "TEL⟦0120123456⟧", "自宅⟦52の1234⟧にどうぞ", "電話は⟦〇二六三‐五二‐一二三四⟧",
            "⟦ぜろきゅうぜろ いちにさんよん ごろくななはち⟧", "電話⟦ゼロニロクサン ゴニ イチニサンヨン⟧", "TEL:⟦0263-52-1234⟧／FAX:⟦0263-52-1235⟧",
            "No.⟦09011112222⟧", "⟦０９０～１２３４～５６７８⟧へ", "実家は⟦52-9876⟧です", "TEL⟦０１２０－１１１－２２２⟧",
        ].map { MaskingCase(.phone, $0) }
        + [
            "イチゴを5パック買った", "サンゴ礁を守る", "一二三丁目の角", "2024〜2025年の計画", "ハチミツが好き", "電話が3回鳴った", "ニーズが多い",
            "ゴミ収集は月2回", "十二月三日に集まる", "電話番号を知らない", "10〜20人で", "0120の番号は無料",
        ].map { MaskingCase(.phone, $0) }

    static let email2: [MaskingCase] =
        [
            "⟦taro アット example.jp⟧まで", "⟦hanako あっと mail.example.com⟧まで", "⟦yamada.taro(at)example.co.jp⟧",
            "⟦info [at] city-example.jp⟧へ", "⟦taro at example dot com⟧", "⟦sato @ example.ne.jp⟧に送信", "⟦k.tanaka@example,jp⟧",
            "⟦suzuki アットマーク example ドット jp⟧", "メールは⟦taro＠example．jp⟧", "⟦m-ito＠example.com⟧宛",
        ].map { MaskingCase(.email, $0) }
        + [
            "アットホームな雰囲気", "look at this", "メールアドレスは省略", "ドット柄の服", "at homeな感じ", "@マークの位置",
        ].map { MaskingCase(.email, $0) }

    static let url2: [MaskingCase] =
        [
            "⟦t.co/AbC123⟧", "⟦bit.ly/3xYz⟧を見て", "⟦名前.jp⟧", "⟦lin.ee/abcd⟧で登録", "⟦amzn.to/3abc⟧から", "⟦松本観光.jp⟧を見た",
        ].map { MaskingCase(.url, $0) }
        + [
            "Ver.3.0", "No.1の店", "3.5km先", "google検索で", "e.g.の略", "Node.jsの講座",
        ].map { MaskingCase(.url, $0) }

    static let sns: [MaskingCase] =
        [
            "⟦@koe_city⟧をフォロー", "LINE ID: ⟦taro_0505⟧", "インスタは⟦hanako.m_23⟧です", "Twitter(X)は⟦@yamada123⟧",
            "ラインIDは⟦tanaka1980⟧", "アカウント:⟦koe.matsu_22⟧", "ＬＩＮＥ ＩＤ：⟦ｓａｔｏ７７⟧",
        ].map { MaskingCase(.sns, $0) }
        + [
            "SNSの@マーク", "LINEで連絡", "インスタ映え", "@を付ける", "Twitterは見ない", "LINEは便利",
        ].map { MaskingCase(.sns, $0) }

    static let address2: [MaskingCase] =
        [
            "⟦グリーンハイツ203号室⟧に住んでいる", "⟦桜ヶ丘団地5号棟⟧", "⟦メゾン松本101⟧", "⟦市営住宅B棟⟧の", "⟦コーポ山田102⟧",
            "⟦五番地の三⟧", "⟦字中島123⟧の畑", "⟦大字上野字中島1234-5⟧", "⟦三十五番地⟧", "⟦〒三九九‐〇七〇一⟧",
            "郵便番号は⟦三九九〇七〇一⟧", "⟦サンハイツ2号棟⟧", "⟦302号室⟧",
        ].map { MaskingCase(.address, $0) }
        + [
            "マンション3棟が建つ", "市営住宅が足りない", "団地の高齢化", "ハイツの前", "数字100個", "赤字1000万円", "文字数500",
            "2階建てのビル", "ビル100棟", "住宅2000戸", "マンション500万円",
        ].map { MaskingCase(.address, $0) }

    static let contextNames: [MaskingCase] =
        [
            "義父の⟦斎藤⟧が入院した", "班長の⟦松田⟧に相談した", "次女の⟦陽菜⟧が通う", "西区の⟦岡田⟧です。", "⟦岡田⟧と申します",
            "（記入者：⟦岡田⟧）", "⟦岡田⟧方に届けて", "⟦岡田⟧医師に診てもらった", "⟦岡田⟧議員に聞いた", "⟦岡田⟧係長が", "⟦岡田⟧校長が話した",
            "⟦アンナ・ロペス⟧が来日した", "近所の⟦中村⟧が", "隣の⟦高橋⟧は", "氏名：⟦山田花子⟧", "投稿者：⟦オカダ⟧", "以上です。⟦岡田⟧より",
            "ご意見ありがとう（⟦佐藤⟧）", "長男の⟦健太⟧が", "⟦岡田一郎⟧議員が", "私は⟦岡田⟧です", "担当の⟦松田⟧から", "⟦岡田⟧宅に集まる",
        ].map { MaskingCase(.contextName, $0) }
        + [
            "ヘルパーさんが来る", "コープさんの宅配", "松尾芭蕉の句碑", "上杉謙信ゆかりの地", "ドラえもんの映画", "義父の介護が大変", "娘の部屋",
            "孫の成長", "夫の実家", "近所の公園", "班長の仕事", "担当の方", "地方の問題", "両方", "夕方", "先生方", "自宅", "住宅", "女性医師を増やして",
            "市議会議員", "松本市長", "問題です", "の意見です", "孫の様子が", "娘のために", "カフェ・レストラン", "バス・タクシー",
            "記入者：匿名", "上杉謙信さん", "のび太くん", "サザエさん",
        ].map { MaskingCase(.contextName, $0) }

    static let kanaNames: [MaskingCase] =
        [
            "⟦おかだゆうこ⟧さんが", "⟦オカダユウコ⟧さん", "⟦おかもとけんじ⟧さんに",
        ].map { MaskingCase(.honorificName, $0) }
        + [
            "おまわりさん", "おとなりさん", "おきゃくさまに", "おつかれさまでした", "おたがいさま", "おとしよりさん",
        ].map { MaskingCase(.honorificName, $0) }

    static let romaji: [MaskingCase] =
        [
            "⟦Yuko Okada⟧", "⟦OKADA Yuko⟧です", "Mr. ⟦Okada⟧", "⟦Taro Yamada⟧です", "Dr. ⟦Suzuki⟧", "⟦Sato⟧-san", "Ms. ⟦Tanaka⟧に",
        ].map { MaskingCase(.romajiName, $0) }
        + [
            "New Yorkのような", "Google Maps", "Tokyo Station", "Osaka Kyoto", "Apple Watch", "JR東日本", "Wi-Fi", "MS Office",
        ].map { MaskingCase(.romajiName, $0) }

    static let birthDates: [MaskingCase] =
        [
            "⟦平成元年5月5日⟧生まれです", "⟦H1.5.5⟧生", "生年月日は⟦昭和50年3月3日⟧", "⟦S50.3.3⟧", "⟦1985年4月1日⟧生まれ",
            "誕生日：⟦1990/1/2⟧", "⟦平成十年十月十日⟧生まれ",
        ].map { MaskingCase(.birthDate, $0) }
        + [
            "令和6年5月5日に開催", "2024年4月1日から", "H2Oの", "R6.4.1から", "昭和の時代", "平成生まれが増えた",
        ].map { MaskingCase(.birthDate, $0) }

    static let idNumbers: [MaskingCase] =
        [
            "⟦1234 5678 9012⟧", "会員番号⟦12345678⟧", "受給者番号は⟦0012345⟧", "マイナンバー ⟦123456789012⟧", "保険証番号：⟦AB12345⟧",
        ].map { MaskingCase(.idNumber, $0) }
        + [
            "予算123456789012円", "整理番号3番", "番号札", "2024年度", "人口123,456人", "番号は2024年から",
        ].map { MaskingCase(.idNumber, $0) }

    static let carPlates: [MaskingCase] =
        [
            "⟦松本 500 あ 12-34⟧", "⟦品川300さ12-34⟧", "ナンバーは⟦松本500あ1234⟧", "⟦長野33な・・12⟧",
        ].map { MaskingCase(.carPlate, $0) }
        + [
            "県道300号", "国道19号", "車が500台", "ナンバープレート",
        ].map { MaskingCase(.carPlate, $0) }
}
