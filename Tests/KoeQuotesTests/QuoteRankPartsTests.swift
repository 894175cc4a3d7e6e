// QuoteRankParts tests: the score parts the analysis worker makes once (and the workspace stores) are exactly
// the parts worked out one by one (score, text key, informative words), a candidate made from them equals one
// made from the text, and the counters' faster comparisons and scalar tests agree with what they replaced.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteRankPartsTests: XCTestCase {
    static let texts: [(text: String, words: [String], type: String?)] = [
        ("保育園を増やしてほしい", ["保育", "園", "増"], "要望"),
        ("特になし。", ["特に", "なし"], nil),
        (" 駅前\n\nの　駐輪場 ", ["駅前", "駐輪", "場"], "課題"),
        (String(repeating: "バスの本数を増やしてほしい。", count: 20), ["バス", "本数", "増", "バス"], "提案・ありたい姿"),
        (String(repeating: "公園が「きれい」で良い！", count: 18) + "\n" + "e\u{301}", ["公園", "きれい", "か\u{3099}っこう", "がっこう"], "評価"),
        ("", [], nil),
    ]

    func testPartsAreTheScorePartsWorkedOutOneByOne() {
        for (text, words, type) in Self.texts {
            let parts = QuoteRankParts(text: text, words: words, type: type)
            XCTAssertEqual(parts.score, QuoteScore(text: text, words: words, type: type), text)
            XCTAssertEqual(parts.score.base, QuoteScore(text: text, words: words, type: type).base, text)
            XCTAssertEqual(parts.textKey, QuoteSelector.textKey(text), text)
            XCTAssertEqual(parts.counted, QuoteWords.informative(words).words, text)
            XCTAssertEqual(parts.countedKeys, QuoteWords.informative(words).keys, text)
        }
        XCTAssertEqual(QuoteRankParts(text: "特になし。", words: ["特に"], type: nil).specificity, 0, "a stock phrase")
    }

    func testCandidateFromPartsEqualsCandidateFromText() {
        for (text, words, type) in Self.texts {
            let segments = Segments(age: "30代", gender: "女性", district: "広丘")
            let made = QuoteCandidate(id: "x", text: text, segments: segments, type: type, respondent: "r", words: words, bandKeys: [1, 2])
            let handed = QuoteCandidate(
                id: "x", text: text, segments: segments, type: type, respondent: "r", words: words, bandKeys: [1, 2],
                rank: QuoteRankParts(text: text, words: words, type: type))
            XCTAssertEqual(handed, made, text)
            XCTAssertEqual(handed.counted, made.counted)
            XCTAssertEqual(handed.textKeyBits, made.textKeyBits)
        }
    }

    func testSentenceEndAndCloserTestsMatchTheSets() {
        for value in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(value) else { continue }
            if QuoteScore.isSentenceEnd(s) != QuoteText.sentenceEndScalars.contains(s) {
                XCTFail("sentence end U+\(String(value, radix: 16))")
            }
            if QuoteScore.isCloser(s) != QuoteText.closerScalars.contains(s) { XCTFail("closer U+\(String(value, radix: 16))") }
        }
    }

    func testLongWordsKeepTheEagerCounters() {
        // Words longer than a small string (15 UTF-8 bytes), each spelled anew so no two share storage, mixed with
        // short ones and canonically equal spellings: the counters compare them by bytes and must stay exact.
        var seed: UInt64 = 11
        var counter = FrequentWords()
        var eager: [String: Int] = [:]
        for step in 0..<2_000 {
            var words: [String] = []
            for _ in 0..<(1 + step % 7) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let n = Int(seed >> 40) % 700
                words.append(n % 3 == 0 ? "語\(n)" : "とても長いまちづくりの言葉\(n)")
            }
            if step % 4 == 0 { words.append(step % 8 == 0 ? "か\u{3099}っこうのまわりのみちがくらい" : "がっこうのまわりのみちがくらい") }
            let informative = QuoteWords.informative(words)
            counter.add(informative.words, keys: informative.keys)
            for word in informative.words {
                if let n = eager[word] {
                    eager[word] = n + 1
                } else if eager.count < FrequentWords.capacity {
                    eager[word] = 1
                } else {
                    eager = eager.compactMapValues { $0 > 1 ? $0 - 1 : nil }
                }
            }
        }
        let expected = eager.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        XCTAssertEqual(counter.counters.map(\.word), expected.map(\.key))
        XCTAssertEqual(counter.counters.map(\.count), expected.map(\.value))
        XCTAssertTrue(counter.counters.contains { $0.word.utf8.count > 15 && $0.count > 1 }, "long words were counted")
    }
}

extension QuoteRankPartsTests {
    func testBytePrefixesOrderAsTheBytes() {
        // Short and long words, shared beginnings, a NUL byte: where two prefixes differ, they order as the bytes.
        let words = [
            "", "a", "ab", "ab\u{0}", "ab\u{0}c", "abcdefgh", "abcdefghi", "abcdefgg", "バス", "バスの本数", "バスの本数を増やして", "保育", "保育園",
            "\u{7F}", "é", "e\u{301}", "語1", "語10", "語2",
        ]
        var decided = 0
        for a in words {
            for b in words {
                let (pa, pb) = (QuoteWords.bytePrefix(a), QuoteWords.bytePrefix(b))
                guard pa != pb else { continue }
                decided += 1
                XCTAssertEqual(pa < pb, a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
        XCTAssertGreaterThan(decided, 250)
        XCTAssertEqual(QuoteWords.bytePrefix("ab"), QuoteWords.bytePrefix("ab\u{0}"), "a NUL byte is left to the full comparison")
    }
}
