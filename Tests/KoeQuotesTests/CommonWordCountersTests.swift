// CommonWordCounters tests: the workspace's counters by word number (FrequentIDs, WordNumbers) keep exactly the
// counts, words and spellings of FrequentWords (the quote pools' counters by key) and of the eager Misra–Gries
// algorithm, for many sections fed side by side, canonically equal spellings included.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class CommonWordCountersTests: XCTestCase {
    /// The eager Misra–Gries: every counter minus one on a miss when all 256 are live. Keys by String equality
    /// (canonical equivalence), the spelling that started a counter kept with it.
    private struct Eager {
        var counts: [String: (spelling: String, count: Int)] = [:]

        mutating func add(_ words: [String]) {
            for word in words {
                if let c = counts[word] {
                    counts[word] = (c.spelling, c.count + 1)
                } else if counts.count < FrequentWords.capacity {
                    counts[word] = (word, 1)
                } else {
                    counts = counts.compactMapValues { $0.count > 1 ? ($0.spelling, $0.count - 1) : nil }
                }
            }
        }

        var sorted: [(word: String, count: Int)] { counts.values.map { (word: $0.spelling, count: $0.count) } }
    }

    /// One opinion's informative words as the analysis worker hands them over: distinct, UTF-8 order, with keys.
    private func counted(_ words: [String]) -> (words: [String], keys: [WordKey]) {
        let c = QuoteWords.informative(words)
        return (c.words, c.keys)
    }

    /// A Zipf-like stream of opinions over `vocabulary` words, some spelled two ways (composed and decomposed).
    private func stream(vocabulary: Int, exponent: Double, seed seed0: UInt64, opinions: Int) -> [[String]] {
        var seed = seed0
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        let weights = (1...vocabulary).map { 1 / pow(Double($0), exponent) }
        let total = weights.reduce(0, +)
        var cumulative: [Double] = []
        var sum = 0.0
        for w in weights {
            sum += w / total
            cumulative.append(sum)
        }
        return (0..<opinions).map { step in
            (0..<(1 + step % 9)).map { _ -> String in
                let u = next()
                var (low, high) = (0, vocabulary - 1)
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] >= u { high = mid } else { low = mid + 1 }
                }
                // Every seventh word also comes decomposed (が = か + U+3099) in every third opinion.
                if low % 7 == 3 { return step % 3 == 0 ? "か\u{3099}っこう\(low)" : "がっこう\(low)" }
                return "語\(low)"
            }
        }
    }

    func testSectionsKeepTheEagerCountersAndTheKeyedCounters() {
        for (vocabulary, exponent, seed) in [(200, 1.0, 1), (2_000, 1.1, 2), (50_000, 0.8, 3), (600, 0.0, 4)] as [(Int, Double, UInt64)] {
            let opinions = stream(vocabulary: vocabulary, exponent: exponent, seed: seed, opinions: 1_500)
            var counters = CommonWordCounters()
            var eager = [Eager(), Eager(), Eager()]
            var keyed = [FrequentWords(), FrequentWords(), FrequentWords()]
            for (step, words) in opinions.enumerated() {
                let c = counted(words)
                // Section 0 counts every opinion, 1 every other one, 2 every third: numbered once, counted up to 3 times.
                let sections = [0, 1, 2].filter { step % ($0 + 1) == 0 }
                counters.number(c.words, keys: c.keys)
                for s in sections {
                    counters.countNumbered(section: s)
                    eager[s].add(c.words)
                    keyed[s].add(c.words, keys: c.keys)
                }
                guard step % 25 == 24 else { continue }
                for s in 0..<3 {
                    let got = counters.counters(s)
                    let context = "vocabulary \(vocabulary), step \(step), section \(s)"
                    // The eager counters as a set (a dictionary has no order); the keyed counters in their order.
                    let bytes = { (c: [(word: String, count: Int)]) in
                        c.map { Array($0.word.utf8) + [0xFF, UInt8($0.count & 0xFF), UInt8($0.count >> 8)] }
                    }
                    XCTAssertTrue(
                        bytes(got).sorted(by: { $0.lexicographicallyPrecedes($1) })
                            == bytes(eager[s].sorted).sorted(by: { $0.lexicographicallyPrecedes($1) }), context)
                    XCTAssertTrue(bytes(got) == bytes(keyed[s].counters), context)
                }
            }
            for s in 0..<3 {
                XCTAssertTrue(counters.commonWords(s).map { Array($0.utf8) } == keyed[s].top(20).map { Array($0.utf8) })
                XCTAssertFalse(counters.commonWords(s).isEmpty, "vocabulary \(vocabulary), section \(s)")
            }
        }
    }

    func testLongStreamsKeepTheKeyedCounters() {
        // Many collections of dead counters and rebuilds of the table: the keyed counters (checked against the eager
        // algorithm above) must be matched all along.
        let opinions = stream(vocabulary: 20_000, exponent: 0.9, seed: 5, opinions: 30_000)
        var counters = CommonWordCounters()
        var keyed = [FrequentWords(), FrequentWords()]
        for (step, words) in opinions.enumerated() {
            let c = counted(words)
            counters.number(c.words, keys: c.keys)
            for s in [0, 1] where s == 0 || step % 4 == 1 {
                counters.countNumbered(section: s)
                keyed[s].add(c.words, keys: c.keys)
            }
            guard step % 1_000 == 999 else { continue }
            for s in [0, 1] {
                let got = counters.counters(s).map { Array($0.word.utf8) + [0xFF, UInt8($0.count & 0xFF)] }
                XCTAssertTrue(got == keyed[s].counters.map { Array($0.word.utf8) + [0xFF, UInt8($0.count & 0xFF)] }, "step \(step)")
                XCTAssertTrue(counters.commonWords(s).map { Array($0.utf8) } == keyed[s].top(20).map { Array($0.utf8) }, "step \(step)")
            }
        }
        XCTAssertEqual(counters.commonWords(0).count, 20)
    }

    func testSpellingsOfOneWordShareANumber() {
        var numbers = WordNumbers()
        let composed = "がっこう"
        let decomposed = "か\u{3099}っこう"
        let a = numbers.number(decomposed, key: WordKey(decomposed))
        let b = numbers.number(composed, key: WordKey(composed))
        let c = numbers.number(decomposed, key: WordKey(decomposed))
        let d = numbers.number("バス", key: WordKey("バス"))
        XCTAssertEqual(a.word, b.word)
        XCTAssertNotEqual(a.spelling, b.spelling)
        XCTAssertEqual(a.spelling, c.spelling)
        XCTAssertNotEqual(d.word, a.word)
        XCTAssertEqual(Array(numbers.spellings[Int(b.spelling)].utf8), Array(composed.utf8))
        XCTAssertEqual(Array(numbers.spellings[Int(a.spelling)].utf8), Array(decomposed.utf8))
        // Many words: the table grows and every word keeps its number.
        var first: [Int32] = []
        for i in 0..<5_000 { first.append(numbers.number("語\(i)", key: WordKey("語\(i)")).word) }
        for i in stride(from: 0, to: 5_000, by: 97) { XCTAssertEqual(numbers.number("語\(i)", key: WordKey("語\(i)")).word, first[i]) }
        XCTAssertEqual(Set(first).count, 5_000)
    }

    func testAnUncountedSectionHasNoCommonWords() {
        var counters = CommonWordCounters()
        let c = counted(["保育園", "バス"])
        counters.count(c.words, keys: c.keys, section: 2)
        counters.count(c.words, keys: c.keys, section: 2)
        XCTAssertEqual(counters.commonWords(0), [])
        XCTAssertEqual(counters.commonWords(7), [])
        XCTAssertEqual(counters.commonWords(2), ["バス", "保育園"])
    }
}
