// WordTable tests: ids found again after growth and removal, freed ids reused, and words equal as String
// equality says (canonically equivalent spellings are one word), like the Dictionary it replaced.
import XCTest

@testable import KoeReport

final class WordTableTests: XCTestCase {
    func testFindsEveryWordAfterGrowthAndRemoval() {
        var table = WordTable()
        let words = (0..<3000).map { "語\($0)" } + ["バス", "ばす", "bus", "ＢＵＳ"]
        for (i, w) in words.enumerated() {
            XCTAssertNil(table.id(of: WordTable.Key(w)), w)
            table.insert(WordTable.Key(w), id: Int32(i))
        }
        XCTAssertEqual(table.count, words.count)
        for (i, w) in words.enumerated() { XCTAssertEqual(table.id(of: WordTable.Key(w)), Int32(i), w) }
        let removed = Array(stride(from: Int32(0), to: 3000, by: 2))
        table.remove(removed)
        XCTAssertEqual(table.count, words.count - removed.count)
        XCTAssertNil(table.id(of: WordTable.Key("語0")))
        XCTAssertEqual(table.id(of: WordTable.Key("語1")), 1)
        XCTAssertEqual(table.ids.first, 1)
        table.insert(WordTable.Key("新語"), id: 0)
        XCTAssertEqual(table.id(of: WordTable.Key("新語")), 0)
        XCTAssertEqual(table.id(of: WordTable.Key("ＢＵＳ")), 3003)
    }

    func testCanonicallyEquivalentSpellingsAreOneWord() {
        var table = WordTable()
        table.insert(WordTable.Key("がっこう"), id: 0)
        XCTAssertEqual(table.id(of: WordTable.Key("か\u{3099}っこう")), 0, "decomposed kana")
        table.insert(WordTable.Key("café"), id: 1)
        XCTAssertEqual(table.id(of: WordTable.Key("cafe\u{301}")), 1)
        XCTAssertNil(table.id(of: WordTable.Key("cafe")))
        XCTAssertEqual("が" == "か\u{3099}", true, "as String equality says")
    }

    func testBuilderCountsCanonicalSpellingsTogether() throws {
        var b = CooccurrenceBuilder(trackedAreas: ["子育て"])
        b.add(words: ["がっこう", "バス"], areas: ["子育て"])
        b.add(words: ["か\u{3099}っこう", "バス"], areas: ["子育て"])
        let n = try XCTUnwrap(b.network(area: "子育て", options: NetworkOptions(minFrequency: 1)))
        XCTAssertEqual(n.edges.first?.count, 2)
        XCTAssertEqual(b.opinions(inArea: "子育て"), 2)
        XCTAssertNil(b.opinions(inArea: "教育"))
    }
}
