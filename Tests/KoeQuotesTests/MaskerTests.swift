// Masking and attribution tests: each kind of personal data, role nouns kept, idempotence, small cells.
import KoeCore
import XCTest

@testable import KoeQuotes

final class MaskerTests: XCTestCase {
    let masker = Masker()

    func testMasksEachKindOfPersonalData() {
        let cases: [(String, String)] = [
            ("電話は0263-12-3456までお願いします", "電話は＊＊＊までお願いします"),
            ("携帯 09012345678 です", "携帯 ＊＊＊ です"),
            ("連絡先 taro.yamada@example.jp へ", "連絡先 ＊＊＊ へ"),
            ("詳しくは https://example.com/page?a=1 を見て", "詳しくは ＊＊＊ を見て"),
            ("〒399-0701 広丘吉田", "＊＊＊ 広丘吉田"),
            ("大門一番町1-2-3の角", "大門一番町＊＊＊の角"),
            ("広丘野村3丁目5番2号に住んでいます", "広丘野村＊＊＊に住んでいます"),
            ("田中さんに相談しました", "＊＊＊さんに相談しました"),
            ("鈴木先生の授業が良かった", "＊＊＊先生の授業が良かった"),
            ("ヤマダ様から聞きました", "＊＊＊様から聞きました"),
            // Found in review: phone numbers were half masked by the postal-code pattern.
            ("電話は090-1234-5678です", "電話は＊＊＊です"),
            ("03-1234-5678", "＊＊＊"),
            ("携帯 080-1111-2222", "携帯 ＊＊＊"),
            ("090 1234 5678 まで", "＊＊＊ まで"),
            ("03.1234.5678", "＊＊＊"),
            ("0263ｰ12ｰ3456", "＊＊＊"),
            ("(0263)12-3456", "＊＊＊"),
            ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ まで", "＊＊＊ まで"),
            ("example.com/page を見て", "＊＊＊ を見て"),
            ("ｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ", "＊＊＊"),
            ("広丘野村1234-5に住む", "広丘野村＊＊＊に住む"),
            ("〒399-0701 塩尻市広丘野村1234-5", "＊＊＊ 塩尻市広丘野村＊＊＊"),
            ("さとうさんが来た", "＊＊＊さんが来た"),
            ("田中まさこさんに聞いた", "＊＊＊さんに聞いた"),
            ("長谷川一郎さん", "＊＊＊さん"),
            ("佐藤 花子さん", "＊＊＊さん"),
            ("ジョン・スミスさん", "＊＊＊さん"),
            ("鈴木校長先生が言った", "＊＊＊校長先生が言った"),
            ("佐藤看護師さん", "＊＊＊看護師さん"),
            ("山田議員さん", "＊＊＊議員さん"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(masker.mask(input), expected, input)
        }
    }

    func testRoleNounsAreNotNames() {
        for text in [
            "お母さんたちが困っています", "スタッフさんが親切でした", "市民の皆様のために", "学校の先生が足りない",
            "職員さんの対応が良い", "保育士さんを増やして", "健診のときに保健師さんが話を聞いてくれた",
            "相談員さんに助けられた", "自治会長さんが頑張っている", "農家さんの直売所",
        ] {
            XCTAssertEqual(masker.mask(text), text)
        }
    }

    func testMaskingIsIdempotent() {
        let samples = ["田中さん 0263-12-3456 a@b.jp https://x.jp 〒399-0701", "特になし", "バスの本数を増やしてほしい"]
        for s in samples {
            let once = masker.mask(s)
            XCTAssertEqual(masker.mask(once), once)
        }
    }

    func testYearsAndCountsAreNotPhoneNumbers() {
        for text in [
            "2026年に30人が参加", "30年後も住みたい", "バスは1日3本", "2023-2024年度の計画", "1000-2000円程度",
            "2024-10-01に開催", "平成30-31年度", "第1-2回の会議",
        ] {
            XCTAssertEqual(masker.mask(text), text)
        }
    }

    func testSmallCellsAreCoarsened() {
        var guardian = AttributionGuard(minCell: 3)
        let common = Segments(age: "30代", gender: "女性", district: "広丘")
        for _ in 0..<3 { guardian.count(common) }
        let rare = Segments(age: "30代", gender: "女性", district: "楢川")
        guardian.count(rare)
        XCTAssertEqual(guardian.attribution(common), "（30代・女性・広丘）")
        XCTAssertEqual(guardian.attribution(rare), "（30代・女性）")
        let lonely = Segments(age: "90代", gender: "男性", district: "楢川")
        guardian.count(lonely)
        XCTAssertEqual(guardian.attribution(lonely), "（属性非表示）")
        var mid = AttributionGuard(minCell: 2)
        mid.count(Segments(age: "20代", gender: "男性", district: "A"))
        mid.count(Segments(age: "20代", gender: "女性", district: "B"))
        XCTAssertEqual(mid.attribution(Segments(age: "20代", gender: "男性", district: "A")), "（20代）")
    }

    /// Counting by id is counting by segments: the same attributions at every level.
    func testAttributionCountsByID() {
        var bySegments = AttributionGuard(minCell: 2)
        var byID = AttributionGuard(minCell: 2)
        let people = [
            Segments(age: "30代", gender: "女性", district: "広丘"), Segments(age: "30代", gender: "女性", district: "楢川"),
            Segments(age: "30代", gender: "男性", district: "広丘"), Segments(age: "30代", gender: "女性", district: "広丘"),
            Segments(age: "40代"), Segments(), Segments(age: "40代", gender: "男性"),
        ]
        for s in people {
            bySegments.count(s)
            byID.count(id: byID.id(of: s))
        }
        XCTAssertEqual(byID.id(of: people[0]), byID.id(of: people[3]))
        XCTAssertNotEqual(byID.id(of: people[0]), byID.id(of: people[1]))
        for s in people + [Segments(age: "50代"), Segments(age: "30代", gender: "女性", district: "宗賀")] {
            XCTAssertEqual(byID.safeSegments(s), bySegments.safeSegments(s))
        }
        XCTAssertEqual(byID.attribution(people[1]), "（30代・女性）")
        XCTAssertEqual(byID.attribution(people[2]), "（30代）")
        XCTAssertEqual(byID.attribution(people[6]), "（40代）")
        // Interning alone counts nobody.
        _ = byID.id(of: Segments(age: "60代"))
        XCTAssertEqual(byID.attribution(Segments(age: "60代")), "（属性非表示）")
    }
}
