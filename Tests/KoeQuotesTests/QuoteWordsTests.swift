// QuoteWords tests: the hashed fast paths (informative words, stock phrases, printed length and text key, an
// area's common words) give exactly what the plain String implementations they replaced gave, including for
// canonically equivalent spellings, so quote selection cannot drift.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteWordsTests: XCTestCase {
    // MARK: the String implementations the fast paths replaced (koe 52dddf4), kept here as the reference.

    private func referenceInformative(_ word: String) -> Bool {
        guard !QuoteWords.generic.contains(word), let first = word.unicodeScalars.first,
            !word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil })
        else { return false }
        if word.unicodeScalars.count == 1 { return first.properties.isIdeographic }
        return !word.unicodeScalars.allSatisfy { (0x3041...0x309F).contains($0.value) } || word.unicodeScalars.count >= 3
    }

    private func referenceCounted(_ words: [String]) -> [String] {
        var unique = Array(Set(words.filter(referenceInformative)))
        unique.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return unique
    }

    private func referenceStock(_ text: String) -> Bool {
        guard text.utf8.count <= 96 else { return false }
        let stripped = String(text.unicodeScalars.filter { !QuoteText.isWhiteSpace($0) && !QuoteWords.isPunctuation($0) })
        return QuoteWords.stockPhrases.contains(stripped)
    }

    private func referenceTop(_ stream: [[String]], limit: Int) -> [String] {
        referenceCounters(stream).filter { $0.value >= 2 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
    }

    /// The eager Misra–Gries the lazy counters must equal: every counter minus one on a miss when full.
    private func referenceCounters(_ stream: [[String]], from start: [String: Int] = [:]) -> [String: Int] {
        var counts = start
        for words in stream {
            for word in words {
                if let n = counts[word] {
                    counts[word] = n + 1
                } else if counts.count < FrequentWords.capacity {
                    counts[word] = 1
                } else {
                    counts = counts.compactMapValues { $0 > 1 ? $0 - 1 : nil }
                }
            }
        }
        return counts
    }

    /// Words of every kind the fast paths treat apart: numbers (kanji ones too), kana fragments, generic words,
    /// Latin, and spellings that are not plain (decomposed kana, accents, compatibility ideographs).
    static let words = [
        "バス", "本数", "保育園", "一", "二十", "百万", "123", "12a", "ab", "a", "あ", "ああ", "あいう", "ア", "アイ", "市", "町", "特に",
        "こと", "する", "必要", "願い", "駅", "々", "ー", "ヶ月", "か\u{3099}っこう", "がっこう", "cafe\u{301}", "café", "\u{F9F1}", "\u{96A3}",
        "①", "Ⅻ", "ｶﾞ", "ガ", "思う", "思い", "", "ばす", "てい", "じどうかん", "㈱", "𠮷野家", "ＡＢ", "Ω", "x\u{200B}y",
    ]

    func testInformativeMatchesTheStringImplementation() {
        for word in Self.words {
            XCTAssertEqual(QuoteWords.isInformative(word), referenceInformative(word), word.debugDescription)
        }
        let counted = QuoteWords.informative(Self.words + Self.words.reversed())
        XCTAssertEqual(counted.words, referenceCounted(Self.words + Self.words.reversed()))
        XCTAssertEqual(counted.keys.count, counted.words.count)
        XCTAssertTrue(counted.words.contains("バス"))
        XCTAssertFalse(counted.words.contains("二十"), "a number is not informative")
    }

    func testCanonicallyEqualSpellingsCountOnce() {
        // The decomposed spelling comes first: it is the one kept, as a Set<String> keeps the first inserted.
        let decomposed = "か\u{3099}っこう"
        let counted = QuoteWords.informative([decomposed, "がっこう", "バス"])
        XCTAssertEqual(counted.words.count, 2)
        XCTAssertEqual(counted.words.first?.unicodeScalars.count, decomposed.unicodeScalars.count)
        XCTAssertEqual(counted.keys[0], WordKey("がっこう", plain: true, hash: WordKey.hash("がっこう")))
        XCTAssertEqual(QuoteWords.informative(["\u{F9F1}", "\u{96A3}"]).words.count, 1, "a compatibility ideograph")
    }

    func testStockPhrasesMatchTheStringImplementation() {
        let texts = [
            "特になし", "特になし。", " 特に なし ！", "とくになし", "よろしくお願いします。", "よろしくお願いいたします！！", "頑張ってくた\u{3099}さい",
            "特になし、でも駅前の駐輪場を増やしてほしい", "なし", "無し", "以上です", "同上", "Ｎ／Ａ", "", "。。", "特にありません\u{200B}",
            String(repeating: "特になし", count: 10), "ありがとうございました🙏", "期待しています♪",
        ]
        for text in texts { XCTAssertEqual(QuoteWords.isStockPhrase(text), referenceStock(text), text.debugDescription) }
        XCTAssertTrue(QuoteWords.isStockPhrase("頑張ってくた\u{3099}さい"), "decomposed kana are the same phrase")
    }

    /// The fast paths rely on facts about Unicode: checked here, not assumed.
    func testPlainScalarsAreTheirOwnCanonicalForm() throws {
        let ranges: [ClosedRange<UInt32>] = [
            0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3005...0x3005, 0x3041...0x3096, 0x30A1...0x30FC, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        ]
        // A plain scalar is NFC on its own and never composes with the plain scalar before it, so a string of
        // plain scalars is NFC: canonical equivalence is then byte equality.
        let firsts = ["a", "0", "あ", "か", "ア", "カ", "ー", "々", "一", "漢", "\u{3400}"]
        for range in ranges {
            for value in range {
                let s = try XCTUnwrap(Unicode.Scalar(value))
                guard QuoteWords.isPlain(s) else { continue }
                XCTAssertEqual(Array(String(s).precomposedStringWithCanonicalMapping.unicodeScalars), [s], "\(value)")
                XCTAssertEqual(s.properties.canonicalCombiningClass, .notReordered)
                for first in firsts {
                    XCTAssertEqual((first + String(s)).precomposedStringWithCanonicalMapping.unicodeScalars.count, 2, "\(value)")
                }
            }
        }
        for value: UInt32 in Array(0...0x7F) + Array(0x3041...0x3096) + Array(0x30A1...0x30FA) + [0x30FC] {
            let s = try XCTUnwrap(Unicode.Scalar(value))
            XCTAssertEqual(QuoteWords.isNumeric(s), s.properties.numericType != nil, "\(value)")
        }
        for value in QuoteWords.CJK.range {
            let s = try XCTUnwrap(Unicode.Scalar(value))
            XCTAssertEqual(QuoteWords.isNumeric(s), s.properties.numericType != nil, "\(value)")
            XCTAssertEqual(QuoteWords.isIdeographic(s), s.properties.isIdeographic, "\(value)")
        }
        for word in QuoteWords.generic.union(QuoteWords.stockPhrases) {
            XCTAssertEqual(Array(word.unicodeScalars), Array(word.precomposedStringWithCanonicalMapping.unicodeScalars), word)
        }
    }

    func testMeasureMatchesPrintedLengthAndTextKey() {
        let long = String(repeating: "バスの本数を増やしてほしい。", count: 20)
        for text in ["", " 駅前\n\nの　駐輪場 ", "a\u{1B}[31mb\u{200B}c", long, long + "\n" + long, "「引用」\t\t終わり"] {
            let measured = QuoteScore.measure(text)
            XCTAssertEqual(measured.printedLength, QuoteScore.printedLength(text), text)
            XCTAssertEqual(measured.textKey, QuoteSelector.textKey(text), text)
        }
    }

    func testLongPrintedLengthEqualsPrinting() {
        // Random long answers from pieces the printing treats apart: sentence ends and closers around the
        // 160-character limit, runs of white space with full-width spaces, invisible and control characters,
        // and scalars that join into one character (combining marks, emoji sequences, ﾞ) for the fallback.
        let pieces = [
            "バスの本数を増やしてほしい", "。", "！？", "」", "』）", "）", " ", "  ", "\u{3000}", " \u{3000} ", "\n", "\r\n", "\t",
            "\u{200B}", "\u{1B}", "\u{202E}", "駅前", "ａｂｃ", "ABC", "3-4人", "①", "㈱", "ｶﾞ", "か\u{3099}", "e\u{301}", "👨\u{200D}👩",
            "☀\u{FE0F}", "한국", "…", "!", "?", "．", "】", "〕", "\u{85}", "\u{A0}", "\u{2028}",
        ]
        var seed: UInt64 = 7
        for round in 0..<3_000 {
            var text = ""
            let target = 120 + round % 300
            while text.unicodeScalars.count < target {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Mostly the plain pieces, so that most texts take the fast path.
                let n = Int(seed >> 33) % (round % 4 == 0 ? pieces.count : 21)
                text += pieces[n]
            }
            XCTAssertEqual(QuoteScore.longPrintedLength(text), QuoteText.printable(text).text.count, text.debugDescription)
        }
        let real = String(repeating: "バスの本数を増やしてほしい。", count: 20)
        XCTAssertEqual(QuoteScore.longPrintedLength(real), 155, "cut after the 11th sentence (154 characters) with …")
    }

    func testScalarsAloneAreCharactersOfTheirOwn() {
        // The fast path's premise, checked against Swift's own grapheme breaking: any two scalars `isAlone` accepts
        // make two characters, and white space among them is exactly `QuoteText.isWhiteSpace`.
        let alone = (0...0xFFFF).compactMap(Unicode.Scalar.init).filter(QuoteScore.isAlone)
        XCTAssertGreaterThan(alone.count, 30_000)
        let neighbours = alone.enumerated().filter { $0.offset % 1_009 == 0 }.map(\.element) + ["a", "。", "\u{3000}", "ｶ", "\u{2028}"]
        for s in alone {
            XCTAssertEqual(Character(s).isWhitespace, QuoteText.isWhiteSpace(s), "\(s.value)")
            for t in neighbours {
                var pair = String.UnicodeScalarView()
                pair.append(s)
                pair.append(t)
                if String(pair).count != 2 { XCTFail("U+\(String(s.value, radix: 16)) U+\(String(t.value, radix: 16)) join") }
            }
        }
    }

    func testCommonWordsMatchTheStringImplementation() {
        // More distinct words than counters, so Misra–Gries decrements happen; a few words are frequent.
        var stream: [[String]] = []
        var seed: UInt64 = 42
        for i in 0..<3000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var words = ["語\(seed >> 50)", "駅\(i % 700)"]
            if i % 3 == 0 { words.append("保育園") }
            if i % 5 == 0 { words.append("バス") }
            if i % 7 == 0 { words.append(i % 2 == 0 ? "か\u{3099}っこう" : "がっこう") }
            stream.append(referenceCounted(words))
        }
        var counter = FrequentWords()
        for words in stream { counter.add(words, keys: QuoteWords.informative(words).keys) }
        let top = counter.top(20)
        XCTAssertEqual(top, referenceTop(stream, limit: 20))
        XCTAssertEqual(top.prefix(2), ["保育園", "バス"])
    }

    func testLazyDecrementsKeepTheEagerCounters() {
        // Zipf-like streams over vocabularies smaller and far larger than the 256 counters, checked after every
        // opinion: the live words and their counts must be exactly the eager algorithm's at each step.
        for (vocabulary, exponent, seed0) in [(200, 1.0, 1), (2_000, 1.1, 2), (50_000, 0.8, 3), (600, 0.0, 4)] as [(Int, Double, UInt64)] {
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
            var counter = FrequentWords()
            var stream: [[String]] = []
            var eager: [String: Int] = [:]
            for step in 0..<1_500 {
                let picks = (0..<(1 + step % 9)).map { _ -> String in
                    let u = next()
                    var (low, high) = (0, vocabulary - 1)
                    while low < high {
                        let mid = (low + high) / 2
                        if cumulative[mid] >= u { high = mid } else { low = mid + 1 }
                    }
                    return "語\(low)"
                }
                let words = referenceCounted(picks)
                stream.append(words)
                counter.add(words, keys: QuoteWords.informative(words).keys)
                eager = referenceCounters([words], from: eager)
                if step % 10 == 9 {
                    let expected = eager.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    let got = counter.counters
                    XCTAssertEqual(got.map(\.word), expected.map(\.key), "vocabulary \(vocabulary), step \(step)")
                    XCTAssertEqual(got.map(\.count), expected.map(\.value), "vocabulary \(vocabulary), step \(step)")
                }
            }
            XCTAssertEqual(counter.top(20), referenceTop(stream, limit: 20))
        }
    }
}
