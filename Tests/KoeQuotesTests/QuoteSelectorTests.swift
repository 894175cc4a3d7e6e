// Quote selection tests: bounded pools, ranking, no repeats between a measure and its parents.
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteSelectorTests: XCTestCase {
    private func candidate(_ id: String, _ text: String, respondent: String? = nil, type: String? = "要望") -> QuoteCandidate {
        QuoteCandidate(id: id, text: text, segments: Segments(age: "30代"), type: type, respondent: respondent ?? id)
    }

    func testChildrenFirstAndNoRepeats() {
        var selector = QuoteSelector(perArea: 1)
        let long = String(repeating: "保育園の送迎が大変です。", count: 3)
        selector.add(candidate("a", long), areas: ["A", "1"])
        selector.add(candidate("b", long + "。"), areas: ["A", "1"])
        let picked = selector.select(areas: [(code: "A", level: 1), (code: "1", level: 2)])
        XCTAssertEqual(picked["1"]?.map(\.id), ["a"])
        XCTAssertEqual(picked["A"]?.map(\.id), ["b"])
    }

    func testRanksByScoreThenId() {
        var selector = QuoteSelector(perArea: 2)
        selector.add(candidate("z", "短い"), areas: ["X"])
        selector.add(candidate("y", "バスの本数が少なくて通院に困っています。増便をお願いしたいです。"), areas: ["X"])
        selector.add(candidate("x", "バスの本数が少なくて買い物に困っています。増便をお願いします。"), areas: ["X"])
        XCTAssertEqual(selector.select(areas: [(code: "X", level: 1)])["X"]?.map(\.id), ["x", "y"])
    }

    func testOneQuotePerRespondentPerSection() {
        var selector = QuoteSelector(perArea: 3)
        let text = "図書館の開館時間をもう少し延ばしてもらえると助かります。"
        selector.add(candidate("r1-a", text, respondent: "r1"), areas: ["X"])
        selector.add(candidate("r1-b", text + "よろしく", respondent: "r1"), areas: ["X"])
        selector.add(candidate("r2-a", text + "お願いします", respondent: "r2"), areas: ["X"])
        XCTAssertEqual(Set(selector.select(areas: [(code: "X", level: 1)])["X"]?.map(\.id) ?? []), ["r1-a", "r2-a"])
    }

    func testSameWordsArePrintedOnce() {
        var selector = QuoteSelector(perArea: 3)
        let text = "給食費の無償化をお願いします。"
        selector.add(candidate("r1", text), areas: ["A", "1"])
        selector.add(candidate("r2", text + " "), areas: ["A", "1"])
        selector.add(candidate("r3", "学童保育の時間を延ばしてほしいです。"), areas: ["A", "1"])
        let picked = selector.select(areas: [(code: "A", level: 1), (code: "1", level: 2)])
        XCTAssertEqual(Set(picked["1"]?.map(\.id) ?? []), ["r1", "r3"])
        XCTAssertEqual(picked["A"]?.map(\.id), [])
    }

    /// Found in review: with many children, the strategy's pool was used up by its measures and it showed
    /// no quotes at all.
    func testParentsStillGetQuotesWhenChildrenAreMany() {
        let children = (1...12).map { "1-\($0)" }
        var selector = QuoteSelector(perArea: 5, descendants: ["A": children.count])
        for i in 0..<200 {
            let text = "保育園の送迎について困っていることが\(i)件あります。改善をお願いします。"
            selector.add(candidate("o\(1000 + i)", text), areas: ["A", children[i % children.count]])
        }
        let picked = selector.select(areas: [(code: "A", level: 1)] + children.map { (code: $0, level: 2) })
        XCTAssertEqual(picked["A"]?.count, 5)
        for child in children { XCTAssertEqual(picked[child]?.count, 5, child) }
    }

    func testSelectionDoesNotDependOnInputOrder() {
        let texts = (0..<40).map { candidate("id\($0)", String(repeating: "あ", count: 10 + $0 * 7)) }
        var forward = QuoteSelector(perArea: 3)
        var backward = QuoteSelector(perArea: 3)
        for c in texts { forward.add(c, areas: ["X"]) }
        for c in texts.reversed() { backward.add(c, areas: ["X"]) }
        let areas = [(code: "X", level: 1)]
        XCTAssertEqual(forward.select(areas: areas)["X"], backward.select(areas: areas)["X"])
    }

    /// A full pool must still take a late, better candidate (and drop its worst), whatever came before it.
    func testLateBetterCandidateDisplacesTheWorstInAFullPool() {
        var selector = QuoteSelector(perArea: 1)
        // 16 (the pool's room) short, generic answers fill the pool first.
        for i in 0..<40 { selector.add(candidate(String(format: "w%02d", i), "よろしく\(i)"), areas: ["X"]) }
        let late = "駅前の駐輪場が足りず、通勤時間帯は歩道まで自転車があふれています。増設してください。"
        selector.add(candidate("late", late, respondent: "r-late"), areas: ["X"])
        XCTAssertEqual(selector.select(areas: [(code: "X", level: 1)])["X"]?.map(\.id), ["late"])
        XCTAssertGreaterThan(
            candidate("late", late).score.base, candidate("w00", "よろしく0").score.base, "the late one is the better quote")
    }

    /// The selection keeps each candidate's diversity penalty as picks are made: every pick's diversity must equal
    /// the documented 1 / (1 + 0.5 × earlier picks of its age band and gender + 0.25 × earlier picks of its district).
    func testDiversityOfEveryPickFollowsTheEarlierPicks() {
        var selector = QuoteSelector(perArea: 40)
        let ages = ["20代", "30代", "70代", nil]
        let genders = ["女性", "男性"]
        let districts = ["広丘", "吉田", nil]
        for i in 0..<300 {
            let text = String(repeating: "バスの本数を増やしてほしい。", count: 1 + i % 4) + "（\(i)）"
            let segments = Segments(age: ages[i % 4], gender: genders[i % 2], district: districts[i % 3])
            selector.add(
                QuoteCandidate(id: String(format: "q%03d", i), text: text, segments: segments, type: "要望", respondent: "r\(i)"),
                areas: ["X"])
        }
        let picks = selector.select(areas: [(code: "X", level: 1)])["X"] ?? []
        XCTAssertEqual(picks.count, 40)
        for (k, pick) in picks.enumerated() {
            var penalty = 0.0
            for earlier in picks[..<k] {
                let s = pick.segments
                if s.age != nil, earlier.segments.age == s.age, earlier.segments.gender == s.gender { penalty += 0.5 }
                if s.district != nil, earlier.segments.district == s.district { penalty += 0.25 }
            }
            XCTAssertEqual(pick.score.diversity, 1 / (1 + penalty), "pick \(k) \(pick.id)")
        }
        XCTAssertGreaterThan(Set(picks.map(\.score.diversity)).count, 3, "the penalties vary")
    }
}
