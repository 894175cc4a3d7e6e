// The word list (抽出語リスト): frequency and document frequency, overall, per area and per segment value.
import KoeCore
import XCTest

@testable import KoeAnalysis

final class WordCountsTests: XCTestCase {
    func testCountsPerCell() {
        let counter = WordCounter(areas: ["1", "2"])
        counter.add(
            keys: ["ばす", "ばす", "駅"], display: ["バス", "バス", "駅"], areas: ["1"],
            segments: Segments(age: "30代", gender: "女性"))
        counter.add(keys: ["ばす", "公園"], display: ["ばす", "公園"], areas: ["1", "2"], segments: Segments(age: "70代"))
        counter.add(keys: [], display: [], areas: [], segments: Segments())
        let rows = counter.rows()
        // The whole: every word, most frequent first; the first written form is shown.
        XCTAssertEqual(
            rows.filter { $0.area.isEmpty && $0.segment.isEmpty },
            [
                WordRow(word: "バス", frequency: 3, opinions: 2), WordRow(word: "公園", frequency: 1, opinions: 1),
                WordRow(word: "駅", frequency: 1, opinions: 1),
            ])
        XCTAssertEqual(
            rows.filter { $0.area == "2" },
            [WordRow(word: "バス", area: "2", frequency: 1, opinions: 1), WordRow(word: "公園", area: "2", frequency: 1, opinions: 1)])
        XCTAssertEqual(rows.filter { $0.segment == "age" }.map(\.value), ["30代", "30代", "70代", "70代"])
        XCTAssertEqual(
            rows.first { $0.segment == "gender" }, WordRow(word: "バス", segment: "gender", value: "女性", frequency: 2, opinions: 1))
        XCTAssertEqual(counter.opinionCount, 3)
        XCTAssertEqual(counter.opinionsPerArea, [2, 1])
    }
}
