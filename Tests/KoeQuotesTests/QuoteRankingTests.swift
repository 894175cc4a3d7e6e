// Ranking tests: each score part moves as documented (specificity, length band, representativeness, type,
// diversity), campaigns are printed once with their group size, and pools keep one of near-identical texts.
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteRankingTests: XCTestCase {
    private func candidate(
        _ id: String, _ text: String, segments: Segments = Segments(age: "30代"), type: String? = "要望", bands: Bool = false
    ) -> QuoteCandidate {
        QuoteCandidate(
            id: id, text: text, segments: segments, type: type, respondent: id,
            bandKeys: bands ? NearDuplicateSignature(text: text).bandKeys : [])
    }

    func testStockPhrasesHaveNoSpecificity() {
        for text in ["特になし", "よろしくお願いします。", "特にありません", "頑張ってください！"] {
            XCTAssertEqual(QuoteScore(text: text, words: QuoteWords.contentRuns(text), type: nil).specificity, 0, text)
        }
        let concrete = "駅前の駐輪場が足りず、通勤時間帯は歩道まで自転車があふれています。"
        XCTAssertGreaterThan(QuoteScore(text: concrete, words: QuoteWords.contentRuns(concrete), type: nil).specificity, 0.5)
    }

    func testLengthBand() {
        XCTAssertEqual(QuoteScore.length(3), 0.1)
        XCTAssertEqual(QuoteScore.length(25), 1)
        XCTAssertEqual(QuoteScore.length(160), 1)
        XCTAssertEqual(QuoteScore.length(280), 0.55, accuracy: 1e-9)
        XCTAssertLessThan(QuoteScore.length(15), QuoteScore.length(24))
    }

    func testRepresentativeQuotesWinWithinAnArea() throws {
        var selector = QuoteSelector(perArea: 30)
        for i in 0..<20 {
            selector.add(candidate("bg\(i)", "保育園の送迎が大変で、保育園の数も足りないです。\(i)", segments: Segments()), areas: ["X"])
        }
        selector.add(candidate("a", "保育園の送迎と待機児童と延長保育について改善を求めます。", segments: Segments()), areas: ["X"])
        selector.add(candidate("b", "公民館の音楽室と体育館の予約について改善を求めます。", segments: Segments()), areas: ["X"])
        XCTAssertEqual(selector.commonWords("X").prefix(2), ["保育園", "送迎"])
        let picked = selector.select(areas: [(code: "X", level: 1)])["X"] ?? []
        let a = try XCTUnwrap(picked.firstIndex { $0.id == "a" })
        let b = try XCTUnwrap(picked.firstIndex { $0.id == "b" })
        XCTAssertGreaterThan(picked[a].score.representativeness, picked[b].score.representativeness)
        XCTAssertEqual(picked[a].score.specificity, picked[b].score.specificity, accuracy: 0.2)
        XCTAssertLessThan(a, b, "the quote with the area's common words ranks first")
    }

    func testDiversityAcrossSegments() {
        var selector = QuoteSelector(perArea: 2)
        let young = Segments(age: "20代", gender: "女性")
        let old = Segments(age: "70代", gender: "男性")
        selector.add(candidate("a", "バスの本数を増やして通院しやすくしてほしいです。", segments: young), areas: ["X"])
        selector.add(candidate("b", "バスの本数を増やして通学しやすくしてほしいです。", segments: young), areas: ["X"])
        selector.add(candidate("c", "バスの本数が少ないので買い物が不便です。", segments: old), areas: ["X"])
        let picked = selector.select(areas: [(code: "X", level: 1)])["X"] ?? []
        XCTAssertEqual(Set(picked.map(\.segments.age)), ["20代", "70代"], "the second pick comes from another segment")
        XCTAssertEqual(picked.last?.score.diversity, 1)
    }

    func testCampaignPrintedOnceWithItsGroupSize() {
        var selector = QuoteSelector(perArea: 3)
        let campaign = NearDuplicateTests.campaign
        for i in 0..<30 {
            selector.add(candidate(String(format: "c%02d", i), campaign + String(repeating: "。", count: i % 3), bands: true), areas: ["X"])
        }
        selector.add(candidate("z", "図書館の開館時間を延ばしてほしいです。", bands: true), areas: ["X"])
        let picked = selector.select(areas: [(code: "X", level: 1)]) { id in id.hasPrefix("c") ? (id: "c00", size: 30) : nil }
        XCTAssertEqual(picked["X"]?.count, 2, "one of the campaign, one other")
        XCTAssertEqual(picked["X"]?.first { $0.id.hasPrefix("c") }?.groupSize, 30)
        XCTAssertEqual(picked["X"]?.first { $0.id.hasPrefix("c") }?.group, "c00")
    }

    func testTypeOrdersOtherwiseEqualQuotes() {
        XCTAssertGreaterThan(QuoteScore.type("要望"), QuoteScore.type("評価"))
        XCTAssertGreaterThan(QuoteScore.type("課題"), QuoteScore.type(nil))
    }
}
