// MaskingCasesRound5Numbers — round 5 of issue #20 for numbers and handles (written here, not taken from any corpus
// or held-out set): phones split by bars, slashes, kana words or speech, e-mail local parts given apart, links with
// Japanese or spaced hosts, handles after a service word, postal codes, birth dates in more shapes, card and
// handbook IDs, plates of motorbikes and with lettered classes; and the decoys each class must keep.
import Foundation
import XCTest

@testable import KoeQuotes

/// Round 5 number and handle cases, one test per class and per decoy kind, each masked exactly and idempotently.
final class MaskingRound5NumbersTests: XCTestCase {
    let masker = Masker()

    private func check(_ kind: PersonalDataKind, _ marked: [String], file: StaticString = #filePath, line: UInt = #line) {
        for c in marked.map({ MaskingCase(kind, $0) }) {
            let once = masker.mask(c.input)
            XCTAssertEqual(once, c.expected, "[\(kind.rawValue)] \(c.input)", file: file, line: line)
            XCTAssertEqual(masker.mask(once), once, c.input, file: file, line: line)
        }
    }

    func testEveryNumberPatternCompiles() {
        for (_, _, source) in MaskPatterns.sources + NumberPatterns.sources {
            XCTAssertNoThrow(try NSRegularExpression(pattern: source), source)
        }
    }

    func testPhonesWithBarsSlashesKanaAndKanji() {
        check(
            .phone,
            [
                "連絡先は⟦０８０｜７７１２｜３４５６⟧です", "携帯 ⟦090/4412/7788⟧ まで", "でんわは⟦ぜろきゅうぜろの、ななななにーいち、さんさんよんよん⟧です",
                "ケイタイ⟦ゼロナナゼロ・サンサンイチ・ヨンゴーロクナナ⟧に", "⟦ゼロ8ゼロ‐1ニ3‐ヨン5ロク7⟧へどうぞ", "電話は⟦〇三（五五五）一二三四⟧です",
                "自宅⟦四八の九九二一⟧まで", "携帯は⟦0 9 0 1 2 3 4 5 6 7 8⟧です",
            ])
    }

    func testMobileNumbersSaidInParts() {
        check(
            .phone,
            [
                "携帯は⟦090で、そのあとが4412-9087⟧です", "電話は⟦070の…2231の…8890⟧です", "⟦080-3312…ごめんなさい、続きは5566⟧です",
                "電話は⟦090-4455。6677⟧です",
            ])
    }

    func testPhoneDecoysStayClean() {
        check(
            .phone,
            [
                "2025/3/31で締め切りです", "電話 2024/10/12にありました", "090で始まる番号からの着信に注意", "時刻表は10/20/30分発", "1 2 3 4 5 6 7 8 9 10と数える",
                "070系統のバスは1日3本", "080の次は1234人の集会。あとで5678円", "介護保険法第115条の45に基づく",
            ])
    }

    func testEmailLocalPartsGivenApartAndSpelledSymbols() {
        check(
            .email,
            [
                "メアドは⟦kaito.m-77⟧で、ドメインは⟦@example.org⟧です", "アドレスの前半は⟦mika_0303⟧、後ろは⟦example.ne.jp⟧",
                "⟦hana_s【アット】example【ドット】net⟧まで", "⟦yoko アット example ドット jp⟧まで", "アットマークの前は⟦taro.k⟧、後ろは⟦example.com⟧",
            ])
    }

    func testEmailDecoysStayClean() {
        check(.email, ["メールは送りました", "アットホームな集まりです", "メールはWi-Fiのある所で読みます", "メールアドレスは市のものを使う"])
    }

    func testLinksWithJapaneseOrSpacedHostsAndAnyCase() {
        check(
            .url,
            [
                "⟦https://ひまわり保育園.example.jp/news⟧ を見て", "⟦HTTP://EXAMPLE.ORG/TOP⟧ に書いた", "⟦Bit.Ly/4Qz9Lm⟧ から",
                "⟦http:// yamanoue-cafe. example.net⟧（空白を消して）", "サイトは⟦hanabi-kai ドット example ドット com⟧です",
            ])
    }

    func testLinkDecoysStayClean() {
        check(.url, ["アプリのバージョン2.3.1で不具合", ".jpのアドレスは信用できる", "HTTPとHTTPSの違い", "ドット絵の展示"])
    }

    func testHandlesAfterAServiceWordOrWithUnderscoreAndDigit() {
        check(
            .sns,
            [
                "noteで⟦kurashi_memo⟧を書いています", "Twitchの⟦game.taro7⟧で配信", "フェイスブック ⟦keiko.sato.3⟧ で申請して",
                "Skype: ⟦live:ito.hiro_2⟧ で話せます", "⟦natsu_0701⟧ にDMして", "ラインのIDです　⟦sakura1972⟧", "⟦mori.kaze⟧で検索してね",
                "Xの⟦matsuri_news⟧を見て", "⟦@yama_aruki⟧ をフォロー",
            ])
    }

    func testHandleDecoysStayClean() {
        check(
            .sns,
            [
                "会費@300です", "駅前@9:30集合", "@公民館で子ども食堂", "Xで市の投稿を見た", "YouTubeで市議会を見る", "IDとパスワードを忘れた",
                "LINEで防災情報が届く", "Instagramで市の観光アカウントを見ています", "file_2023_v2を添付します",
                "Twitterで見た: snake_case の話",
            ])
    }

    func testPostalCodesWithSlashAfterSendingWordsAndSpoken() {
        check(.postalCode, ["〒⟦390/0811⟧ 松本市", "送付先: ⟦3990011⟧", "郵便番号は⟦さんきゅうまるのいちにいさんよん⟧です"])
    }

    func testPostalDecoysStayClean() {
        check(.postalCode, ["送付先の住所を3回確認した", "宛先は市役所です", "〒マークの話", "住所は1000人が知っている"])
    }

    func testBirthDatesInMoreShapes() {
        check(
            .birthDate,
            [
                "誕生日は⟦14/02/1987⟧です", "⟦昭60.3.3⟧生まれ", "⟦19850707⟧生まれです", "⟦'91/4/1⟧生まれの父", "born ⟦July 4, 1990⟧ in Nagano",
                "DOB ⟦5 May 1989⟧", "⟦平成 3 年 8 月 2 日⟧ 生まれ", "⟦へいせい２ねん３がつ４にち⟧うまれ", "⟦1989 5 5⟧生まれ",
            ])
    }

    func testBirthDateDecoysStayClean() {
        check(
            .birthDate,
            [
                "2025/3/31で終わる補助金", "昭和60年頃の写真", "平10年度の予算", "born and raised in Matsumoto", "May 2024 のイベント",
                "20240401から開始", "14/02/2025に説明会",
            ])
    }

    func testCardAndHandbookIDs() {
        check(
            .idNumber,
            [
                "療育手帳 ⟦A1-20345⟧", "住民票コード⟦98765432101⟧", "受給者証 第⟦0099887⟧号の更新", "保険証の記号⟦56-78番号901⟧です",
                "在留カード番号 ⟦XY98765432ZW⟧", "障害者手帳（第⟦55123⟧号）",
            ])
    }

    func testIDDecoysStayClean() {
        check(.idNumber, ["手帳を2冊もらった", "保険証の更新は2025年です", "記号の意味が分からない", "第3期計画", "免許証を80歳で返納"])
    }

    func testPlatesOfMotorbikesLetteredClassesAndSpacedDigits() {
        check(
            .carPlate,
            [
                "松本 ⟦500 の 12-34⟧ の車", "長野⟦30A な 11-22⟧の車", "原付（諏訪 ⟦ね 33-44⟧）", "バイク（上田市⟦ゆ 5566⟧）が走る",
                "スクーターのナンバー⟦さ 7788⟧", "⟦5 0 0 あ 3 4 - 5 6⟧ の車", "「⟦77-01⟧」の白い車", "番号は⟦七七‐〇一⟧だった",
            ])
    }

    func testPlateDecoysStayClean() {
        check(
            .carPlate,
            ["3-4台の車", "国道19号と158号", "10-20代の車好き", "第1駐車場の車", "値段が高い 1500円", "1-2の車線"])
    }

    func testAccountNamesTheMaskerLeavesAreFlaggedForReview() {
        for text in ["IDは tanuki です", "インスタは hanagram", "mixiの名前はぽんたでした", "ユーザー名：yamaneko", "gomi_watch_2023 を見て"] {
            XCTAssertTrue(masker.reviewReasons(in: masker.mask(text)).contains(ReviewReason.handle.rawValue), text)
        }
        for text in ["IDは必要ありません", "LINEは Android版もあります", "インスタは若い人向け", "mixiの名前は知らない人が多い", "snake_case の話"] {
            XCTAssertEqual(masker.reviewReasons(in: masker.mask(text)), [], text)
        }
    }
}
