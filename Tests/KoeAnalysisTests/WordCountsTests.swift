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

    func testCountTableEqualsADictionaryThroughGrowth() {
        // Far more keys than the first 1,024 slots, with repeats, so the table grows several times.
        var table = CountTable()
        var reference: [UInt64: UInt64] = [:]
        var seed: UInt64 = 99
        for _ in 0..<40_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = (seed >> 40) << 24 | (seed >> 20 & 0x3F)
            table.add(key, seed & 0xFF)
            reference[key, default: 0] += seed & 0xFF
        }
        XCTAssertEqual(table.count, reference.count)
        var seen: [UInt64: UInt64] = [:]
        table.forEach { seen[$0] = $1 }
        XCTAssertEqual(seen, reference)
        XCTAssertEqual(table[UInt64.max - 1], 0, "a key never added")
        for (key, value) in reference.prefix(100) { XCTAssertEqual(table[key], value) }
    }

    func testCellCountsEqualADictionaryThroughGrowthAndTheMoveToTheTable() {
        // Words and cells arrive growing (rows added, rows widened from 16 to 64 cells), until the matrix would pass
        // its limit and the sums move into the table: every sum must be what a dictionary gives, before and after.
        for limit in [1 << 20, 1 << 14] {
            var counts = CellCounts(denseLimit: limit)
            var reference: [[Int]: UInt64] = [:]
            var seed: UInt64 = 5
            for opinion in 0..<3_000 {
                let vocabulary = 1 + opinion / 4
                var words: Set<Int32> = []
                for _ in 0..<6 {
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    words.insert(Int32(truncatingIfNeeded: (seed >> 33) % UInt64(vocabulary)))
                }
                let ids = words.sorted()
                let times = ids.map { Int32(1 + $0 % 3) }
                let cells = [0, 1 + opinion % 3, 4 + opinion / 60]
                counts.add(words: ids, counts: times, cells: cells, vocabulary: vocabulary)
                for (k, id) in ids.enumerated() {
                    for cell in cells { reference[[Int(id), cell], default: 0] += UInt64(times[k]) << 32 | 1 }
                }
            }
            var seen: [[Int]: UInt64] = [:]
            counts.forEach { seen[[$0, $1]] = $2 }
            XCTAssertEqual(seen.count, reference.count, "limit \(limit)")
            XCTAssertEqual(seen.filter { reference[$0.key] != $0.value }.count, 0, "sums unlike the dictionary's, limit \(limit)")
            XCTAssertEqual(counts[id: 0, cell: 60], 0, "a cell never added")
            XCTAssertEqual(counts[id: 1 << 30, cell: 0], 0, "a word never added")
            XCTAssertEqual(reference.filter { counts[id: $0.key[0], cell: $0.key[1]] != $0.value }.count, 0, "lookups")
        }
    }

    func testLastWordsAreTheOpinionsDistinctIdsWithCounts() {
        let counter = WordCounter(areas: [])
        counter.add(keys: ["え", "い", "え", "あ", "え"], display: ["え", "い", "え", "あ", "え"], areas: [], segments: Segments())
        XCTAssertEqual(counter.lastWords, [0, 1, 2])
        XCTAssertEqual(counter.lastCounts, [3, 1, 1])
        counter.add(keys: ["あ", "う", "あ"], display: ["あ", "う", "あ"], areas: [], segments: Segments())
        XCTAssertEqual(counter.lastWords, [2, 3], "あ is id 2, う is new")
        XCTAssertEqual(counter.lastCounts, [2, 1])
        XCTAssertEqual(counter.counts(2, cell: 0).frequency, 3)
        XCTAssertEqual(counter.counts(2, cell: 0).opinions, 2)
    }

    func testWordIdsEqualAStringDictionaryThroughGrowth() {
        // Far more words than the first 1,024 slots, with repeats and canonically equal spellings (が as one scalar
        // and as か + U+3099, Å as one scalar and as A + U+030A): ids must be what a [String: Int] gives.
        var table = WordIDs()
        var reference: [String: Int] = [:]
        var words: [String] = ["が", "か\u{3099}", "\u{C5}", "A\u{30A}", "\u{212B}"]
        var seed: UInt64 = 7
        for _ in 0..<6_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append("語\(seed >> 52)" + (seed & 1 == 0 ? "バス" : "ばす"))
        }
        for word in words + words.reversed() {
            let expected = reference[word]
            let (id, isNew) = table.id(word, next: reference.count)
            XCTAssertEqual(isNew, expected == nil, word)
            if let expected { XCTAssertEqual(id, expected, word) } else { reference[word] = id }
        }
        XCTAssertEqual(table.id("か\u{3099}", next: reference.count).id, 0, "canonically equal to が")
        XCTAssertEqual(table.id("A\u{30A}", next: reference.count).id, 1, "canonically equal to Å")
        XCTAssertEqual(table.id("\u{212B}", next: reference.count).id, 1, "Ångström sign: canonically Å")
        XCTAssertEqual(table.id("新しい語", next: reference.count).isNew, true, "a new key")
        XCTAssertGreaterThan(reference.count, 2_000)
    }
}
