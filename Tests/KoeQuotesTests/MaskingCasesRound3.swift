// MaskingCasesRound3 — the classes still weak after round 2 (written for issue #20's third round, not taken from
// any corpus or held-out set): kana phone digits with long vowels and 、 between groups, kanji digits with ・,
// e-mail with a spelled or symbol @ and commas for dots, SNS IDs after labels, plates without the place or with
// the serial only, care-of 方, katakana names before an honorific, contact names after a masked number, birth
// dates with に/の生まれ, ID labels; and the decoys each must keep (role words, shops, figures, やり方, counts).
@testable import KoeQuotes

extension MaskingCases {
    static let round3: [MaskingCase] =
        phone3 + email3 + sns3 + plates3 + names3 + birth3 + id3 + address3
        + [MaskingCase(.postalCode, "⟦〒390 - 0811⟧ 宛"), MaskingCase(.postalCode, "〒マークの位置")]

    static let phone3: [MaskingCase] =
        [
            "折り返しは⟦ゼロキューゼロ、ニーニーサンサン、ゴーゴーロクロク⟧まで", "⟦ぜろはちぜろ の にーにーいちいち の さんさんよんよん⟧です",
            "連絡先は⟦〇九〇・一一二二・三三四四⟧です", "⟦零八〇の一二一二の三四三四⟧へ", "うちは⟦32局の4455番⟧です",
            "⟦ゼロキュウゼロ ナナシチナナナナ ハチハチハチハチ⟧", "電話⟦090-1234-5678⟧（ファックス）", "電話⟦090-1234-5678⟧（携帯）まで",
        ].map { MaskingCase(.phone, $0) }
        + [
            "イチゴとサンゴとゴーヤ", "ニーズとゴール", "一・二年生が参加", "局の前で3時に", "1、2、3と数える", "01、02、03の順",
        ].map { MaskingCase(.phone, $0) }

    static let email3: [MaskingCase] =
        [
            "⟦kawa.mio@example,ne,jp⟧です", "⟦mori-t@example、co、jp⟧", "⟦hana.k★example.com⟧（★は@に）", "⟦sota.i atmark example.jp⟧",
            "⟦rin.o (@) example.com⟧へ", "⟦ueda dot yu at example dot jp⟧", "⟦kei . mura @ example . com⟧", "⟦yui（アット）example.jp⟧",
            "⟦taro.k アット イグザンプル ドット コム⟧",
        ].map { MaskingCase(.email, $0) }
        + [
            "会費は@3,000円です", "アットホームな会", "★3つの評価", "ドットの柄、カンマの位置",
        ].map { MaskingCase(.email, $0) }

    static let sns3: [MaskingCase] =
        [
            "ラインID→⟦mika.s0707⟧", "LINEのIDは「⟦ken-77⟧」です", "ID：⟦sakura22⟧（LINE）", "インスタは ⟦green.cafe⟧ です",
            "アカウント名は⟦hiro_yama⟧", "ニックネーム⟦bluebird88⟧で参加", "⟦yoko_m3⟧で検索して", "⟦taku.n0101⟧ まで（LINE）",
            "YouTubeは ⟦@shiojiri-kids-club⟧ です",
        ].map { MaskingCase(.sns, $0) }
        + [
            "LINEで連絡できるようにしてほしい", "インスタ映えする公園", "ID番号を忘れた", "アカウントを作るのが難しい", "X線検査の予約",
        ].map { MaskingCase(.sns, $0) }

    static let plates3: [MaskingCase] =
        [
            "（⟦500ら12-34⟧の白い車）", "⟦品川300す5678⟧の車", "松本⟦530と・123⟧の軽", "ナンバー⟦45-67⟧のバイク", "ナンバーが⟦・・９９⟧の車",
            "ナンバーは「⟦11-22⟧」でした", "下4桁が⟦3344⟧の車", "下四桁が⟦5566⟧", "松本ナンバー⟦480な56-78⟧",
        ].map { MaskingCase(.carPlate, $0) }
        + [
            "予算300を1000に増やす", "マイナンバー1234件", "ナンバーワンの町", "300人が参加した", "ナンバープレートの番号",
            "ナンバーカード2024年版", "ナンバー入りのTシャツ1000枚",
        ].map { MaskingCase(.carPlate, $0) }

    static let names3: [MaskingCase] =
        [
            "資料は⟦武居⟧方までお願いします", "送り先は⟦百瀬⟧方へ", "⟦ソフィア・ロドリゲス⟧さんに聞いた", "⟦グエン・ティ・ラン⟧さんと話した",
            "⟦エミリー・ブラウン⟧です。英語を教えています", "⟦090-1111-2222⟧（⟦カワシマ⟧）まで", "⟦090-3333-4444⟧の⟦田中⟧まで",
            "⟦090-5555-6666⟧　（⟦よしだ⟧）", "説明会で⟦永井⟧課長補佐が話した", "以上、2班　⟦田中⟧", "書いた人　⟦つちや⟧",
        ].map { MaskingCase(.contextName, $0) }
        + [
            "ヘルパーさんが来る", "コープさんの配達", "松尾芭蕉の句碑", "ドラえもんの映画", "やり方を教えて", "考え方が違う", "地方まで行く",
            "先生方へお礼", "相手方に伝える", "ワーク・ライフ・バランスを考える", "コミュニティ・スクールが始まる", "先方まで届ける",
            "夕方まで遊ぶ",
        ].map { MaskingCase(.contextName, $0) }

    static let birth3: [MaskingCase] =
        [
            "⟦令和2年4月3日⟧に生まれた娘", "⟦平成5年の7月8日⟧生まれです", "⟦S.50.3.3⟧生まれ", "誕生日（⟦1985年6月7日⟧）に",
            "父は⟦昭和十年五月五日⟧の生まれ",
        ].map { MaskingCase(.birthDate, $0) }
        + [
            "令和2年4月3日に開催", "平成5年の7月8日に完成した", "昭和十年五月五日の記録",
        ].map { MaskingCase(.birthDate, $0) }

    static let id3: [MaskingCase] =
        [
            "利用者番号：⟦B-40218⟧", "会員No.⟦00482⟧", "スポーツクラブのＩＤ⟦５５６６７７⟧", "図書館カード⟦2009876543⟧",
            "患者ID ⟦007731⟧ で", "学籍番号 ⟦23F2041⟧",
        ].map { MaskingCase(.idNumber, $0) }
        + [
            "カード3枚", "No.1の店", "ID番号を忘れた", "会員数は12000人", "ポイントカード1000ポイント", "図書館カード2000枚を発行",
        ].map { MaskingCase(.idNumber, $0) }

    static let address3: [MaskingCase] =
        [
            "⟦ハイツ松原B-102⟧の住人", "県営住宅の⟦3棟204号室⟧", "⟦2号棟301⟧に住んでいる", "本町二丁目⟦三番四号⟧の前",
            "⟦サンライズ平田305号室⟧", "⟦ドミール北126号⟧の前",
        ].map { MaskingCase(.address, $0) }
        + [
            "3棟200戸の団地", "ハイツの前", "第2の案",
        ].map { MaskingCase(.address, $0) }
}
