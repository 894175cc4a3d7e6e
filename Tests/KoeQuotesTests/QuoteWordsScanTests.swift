// QuoteWordsScanTests — the byte-level scan that `QuoteWords.informative` runs on the analysis workers gives what
// the scalar scan (`QuoteWords.scan`) and `bytePrefix` give, for every kind of word the scoring treats apart.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteWordsScanTests: XCTestCase {
    /// Words of every kind: numbers (kanji ones too), kana fragments, generic words, Latin, and spellings that are
    /// not plain (decomposed kana, accents, compatibility ideographs, a scalar outside the BMP, two-byte UTF-8).
    static let words =
        QuoteWordsTests.words + [
            "𠮷", "𠮷田", "ä", "äb", "Ωmega", "〇", "零", "十", "万", "ﾊﾞｽ", "ばすてい", "ぁぃぅ", "ゝゞ", "ヴァ", "A1", "01",
            "長い単語の並びです", "お願い", "よろしく",
            // The ends of the scan's shortcuts (CJK U+4E00…U+9FFF, hiragana U+3041…U+3096) and their neighbours.
            "一二三", "十万円", "一つ", "つ一", "鿿", "\u{4DBF}\u{4E00}", "ゖゕ", "ゟあい", "ぁ一", "ゔ", "゙あ", "あ\u{3099}い",
        ]

    func testByteScanEqualsTheScalarScan() throws {
        let tables = QuoteWords.ScanTables.shared
        for word in Self.words {
            let bytes = try XCTUnwrap(QuoteWords.scanBytes(word, tables), word.debugDescription)
            let scalar = QuoteWords.scan(word)
            XCTAssertEqual(bytes.informative, scalar.informative, word.debugDescription)
            XCTAssertEqual(bytes.plain, scalar.plain, word.debugDescription)
            XCTAssertEqual(bytes.hash, scalar.hash, word.debugDescription)
            XCTAssertEqual(bytes.hash, WordKey.hash(word), word.debugDescription)
            XCTAssertEqual(bytes.prefix, QuoteWords.bytePrefix(word), word.debugDescription)
        }
    }

    func testInformativeKeepsByteOrderAndFirstSpellings() {
        let counted = QuoteWords.informative(["バス", "保育園", "こと", "バス", "𠮷田", "ab", "保育"])
        XCTAssertEqual(counted.words, ["ab", "保育", "保育園", "バス", "𠮷田"].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertEqual(counted.keys.map(\.hash), counted.words.map(WordKey.hash))
    }

    /// `informative` as plainly stated: the informative words, the first of each key (String equality), in
    /// UTF-8 byte order, with their keys. The buffered version must give the same words and keys.
    private func plainInformative(_ words: [String]) -> (words: [String], keys: [WordKey]) {
        var kept: [(String, WordKey)] = []
        for word in words where QuoteWords.isInformative(word) {
            let key = WordKey(word)
            if !kept.contains(where: { $0.1 == key }) { kept.append((word, key)) }
        }
        kept.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return (kept.map(\.0), kept.map(\.1))
    }

    func testInformativeEqualsThePlainStatement() {
        // Canonically equal spellings (decomposed kana, accents) and repeats among the words of every kind.
        let pool = Self.words + ["か\u{3099}", "が", "cafe\u{301}", "café", "ka\u{3099}ko", "バス", "バス停", "保育園", "こと"]
        var rng = SplitMix64(seed: 26)
        for round in 0..<3_000 {
            let count = Int(rng.next() % 40)
            let words = (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            let expected = plainInformative(words)
            let got = QuoteWords.informative(words)
            XCTAssertEqual(got.words, expected.words, "round \(round): \(words)")
            XCTAssertEqual(got.keys, expected.keys, "round \(round)")
            XCTAssertEqual(got.keys.map(\.canonical), expected.keys.map(\.canonical), "round \(round)")
        }
    }

    /// The type part read by bytes gives the documented weights, also for labels spelled with other bytes that
    /// String equality still calls equal, and 0.6 for anything else.
    func testTypePartOfEveryLabel() {
        let expected: [(String?, Double)] = [
            ("要望", 1), ("提案・ありたい姿", 1), ("提案", 1), ("ありたい姿", 1), ("課題", 0.9), ("評価", 0.7), (nil, 0.6), ("", 0.6),
            ("要望 ", 0.6), ("要", 0.6), ("評判", 0.6), ("unknown", 0.6), ("\u{3042}りたい姿", 1),
            ("あ\u{308A}たい姿", 1), ("は\u{309A}", 0.6),
        ]
        for (label, weight) in expected { XCTAssertEqual(QuoteScore.type(label), weight, label ?? "nil") }
    }

    /// The byte-level `QuoteScore.measure` gives the scalar loop's printed length and text key.
    func testMeasureEqualsTheScalarLoop() {
        let texts = [
            "", " ", "　駅前の　駐輪場を\n増やして  ほしい。\t", "a\u{200B}b\u{202E}c\u{FEFF}", "𠮷野家の前\r\nの道", "cafe\u{301} と ｶﾞ",
            "\u{3000}a\u{3000}\u{3001}\u{2FFF}\u{FEFE}\u{FEFF}\u{E000}~\u{7F}!\u{20} \u{9F}\u{A0}\u{FF01}",
            String(repeating: "子育て支援の充実を。 ", count: 30), String(repeating: "長い文 ", count: 80) + "\u{85}\u{A0}end",
        ]
        for text in texts {
            let fast = QuoteScore.measure(text)
            let scalar = QuoteScore.scalarMeasure(text)
            XCTAssertEqual(fast.printedLength, scalar.printedLength, text.debugDescription)
            XCTAssertEqual(fast.textKey, scalar.textKey, text.debugDescription)
        }
    }

    /// The long printed length from hand-decoded UTF-8 (`keptLength`) equals the scalar loop (`scalarKeptLength`),
    /// nil (some scalar not alone) included, on pieces the printing treats apart and on the sample answers.
    func testKeptLengthEqualsTheScalarLoop() throws {
        let pieces = [
            "バスの本数を増やしてほしい", "。", "！？", "」", "』）", " ", "\u{3000}", "\n", "\t", "\u{200B}", "駅前", "ａｂｃ",
            "ABC", "①", "㈱", "\u{1B}", "ｶﾞ", "か\u{3099}", "e\u{301}", "👨\u{200D}👩", "한국", "…", "〆", "\u{3029}", "\u{302A}", "\u{3030}",
            "\u{3099}", "\u{309B}", "ヿ", "\u{4DC0}", "鿿", "\u{85}", "\u{A0}", "𠮷",
        ]
        var texts: [String] = []
        var seed: UInt64 = 11
        for round in 0..<2_000 {
            var text = ""
            while text.unicodeScalars.count < 150 + round % 200 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % (round % 3 == 0 ? pieces.count : 15)]
            }
            texts.append(text)
        }
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/survey/citizen-survey.csv")
        texts += try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").map(String.init)
        var decoded = 0
        for text in texts {
            var copy = text
            let fast = copy.withUTF8 { QuoteScore.keptLength($0) }
            XCTAssertEqual(fast, QuoteScore.scalarKeptLength(text), text.debugDescription)
            if fast != nil { decoded += 1 }
            if text.unicodeScalars.count > QuoteText.readableLength {
                XCTAssertEqual(QuoteScore.longPrintedLength(text), QuoteText.printable(text).text.count, text.debugDescription)
            }
        }
        XCTAssertGreaterThan(decoded, 1_000, "most texts take the counted path")
    }
}
