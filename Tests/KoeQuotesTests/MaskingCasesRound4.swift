// MaskingCasesRound4 — round 4 of issue #20 (written here, not taken from any corpus or held-out set): birth dates
// with the era in brackets or left out and after an English birth word, Discord names and underscore handles after
// a service, upper-case www domains, postal codes with a wave dash, a dot or no mark after a postal word, plates in
// kanji digits; and the decoys each must keep (years alone, snake_case words, kanji counts, lower-case prose).
import XCTest

@testable import KoeQuotes

/// Round 4 cases, each exact and idempotent (they are also in `MaskingCases.all` and its seeded random mixes).
final class MaskingRound4Tests: XCTestCase {
    let masker = Masker()

    func testEveryRound4CaseExactlyAndIdempotent() {
        XCTAssertGreaterThanOrEqual(MaskingCases.round4.count, 30)
        for c in MaskingCases.round4 {
            let once = masker.mask(c.input)
            XCTAssertEqual(once, c.expected, "[\(c.kind.rawValue)] \(c.input)")
            XCTAssertEqual(masker.mask(once), once, c.input)
        }
    }
}

extension MaskingCases {
    static let round4: [MaskingCase] = birth4 + sns4 + url4 + postal4 + plates4

    static let birth4: [MaskingCase] =
        [
            "祖母は⟦1948年（昭和23年）11月3日⟧生まれです", "私は⟦58年6月9日⟧生まれ（昭和）です", "Date of birth: ⟦2001-07-30⟧, thanks",
            "DOB ⟦07/30/2001⟧ and I need help", "born ⟦1978.3.14⟧ in Osaka",
        ].map { MaskingCase(.birthDate, $0) }
        + ["2019年4月に生まれた公園", "昭和58年の生まれの建物", "The birth rate fell in 2023", "3月9日に生まれ変わった駅前"].map {
            MaskingCase(.birthDate, $0)
        }

    static let sns4: [MaskingCase] =
        [
            "連絡はDiscord: ⟦tanuki.b#5512⟧ まで", "ディスコードで⟦kappa#0042⟧に声をかけて", "ツイッターで発信しています：⟦river_clean_99⟧",
        ].map { MaskingCase(.sns, $0) }
        + ["Discordのサーバー#2は雑談用", "Twitterで見た: snake_case の話"].map { MaskingCase(.sns, $0) }

    static let url4: [MaskingCase] =
        ["案内は⟦WWW.CITY-INFO.JP⟧をご覧ください", "詳細：⟦WWW.KOE-SAMPLE.COM⟧"].map { MaskingCase(.url, $0) }
        + ["WWWという言葉", "JPとCOMの違い"].map { MaskingCase(.url, $0) }

    static let postal4: [MaskingCase] =
        ["〒⟦390〜0875⟧ 宛て", "〒⟦399.0711⟧の住所", "郵便番号は⟦3900875⟧です", "宛名ラベルの⟦1500002⟧が古い"].map {
            MaskingCase(.postalCode, $0)
        }
        + ["〒マークは3.5cm", "宛名ラベルの500枚", "郵便番号の7桁"].map { MaskingCase(.postalCode, $0) }

    static let plates4: [MaskingCase] =
        ["品川 ⟦三〇〇 さ 二二‐八六⟧ の車", "⟦五〇〇 ね 七七―〇一⟧が停まる", "⟦八八‐一二⟧のナンバーの車が来る"].map { MaskingCase(.carPlate, $0) }
        + ["二〇二四年の計画", "一二三の順に", "三〇〇 人が来た", "七七のナンバー"].map { MaskingCase(.carPlate, $0) }
}
