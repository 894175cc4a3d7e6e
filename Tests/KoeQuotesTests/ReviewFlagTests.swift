// Review flag tests: each reason on a masked text that still shows a sign of personal data, and clean texts
// (counts, dates, amounts, plain words) that carry no reason.
import XCTest

@testable import KoeQuotes

final class ReviewFlagTests: XCTestCase {
    let masker = Masker()

    func testEachReasonOnTextsTheRulesLeft() {
        let cases: [(String, [ReviewReason])] = [
            ("番号は12-345-6789です", [.digits]),
            ("整理番号 4455 6677 89", [.digits]),
            ("連絡は 0 9 0 1 2 3 4 5 6 7 8 まで", [.phoneDigits]),
            ("taro at mail", [.atOrDomain]),
            ("＠koe_city をフォロー", [.atOrDomain]),
            ("詳しくは koe.example.jp で", [.atOrDomain]),
            ("Taro Yamada さんが言った", [.romajiName]),
            ("Mr. Okada told me", [.romajiName]),
            ("娘のひなが通う", [.nameAfterRelation]),
            ("孫のハルトが喜んだ", [.nameAfterRelation]),
            ("岡本宅に集まった", [.household]),
        ]
        for (text, reasons) in cases {
            XCTAssertEqual(masker.reviewFindings(in: text), reasons, text)
            XCTAssertEqual(masker.reviewReasons(in: text), reasons.map(\.rawValue), text)
        }
    }

    func testCleanTextsCarryNoReason() {
        for text in [
            "2026年に30人が参加しました", "予算は1,234,567円です", "人口は約67,000人", "2024-10-01に開催", "2023-2024年度の計画",
            "10:00〜12:00に開館", "0.5%の増加", "3.14159", "第20240101号", "SNSの@マークの使い方", "アットホームな雰囲気",
            "New York のような街", "Google Maps が便利", "娘のために公園を", "孫の成長が楽しみ", "自宅から駅まで遠い", "市営住宅が古い",
            "在宅介護が大変", "Ver.3.0は使いにくい", "バスが少ない。", "電話で相談できる窓口を増やして", "12345678円の予算",
        ] {
            XCTAssertEqual(masker.reviewReasons(in: text), [], text)
        }
    }
}
