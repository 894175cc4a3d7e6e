// Fast UTF-8 ⇄ UTF-16 paths of the normalizer agree with the standard library's conversions.
import Foundation
import XCTest

@testable import KoeText

final class TranscodeTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func texts() -> [String] {
        var texts = [
            "", "a", "ASCII only", "ﾊﾞｽ停ＡＢＣ", "𠮷野家の👍🏽", "e\u{301}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
            "改行\r\nタブ\t", "子供と子ども・こども", String(repeating: "長い意見。", count: 200),
        ]
        let url = Self.samples.appendingPathComponent("survey/citizen-survey.csv")
        if let text = try? String(contentsOf: url, encoding: .utf8) { texts += text.split(separator: "\n").map(String.init) }
        // A String bridged from Foundation storage takes the copy path of withUTF8.
        texts.append(NSString(string: "ブリッジ文字列") as String)
        return texts
    }

    func testUTF16MatchesTheUTF16View() {
        for text in texts() { XCTAssertEqual(Normalizer.utf16(text), Array(text.utf16), text) }
    }

    func testTranscodeMatchesStringDecoding() {
        for text in texts() {
            let units = Array(text.utf16)
            XCTAssertEqual(Normalizer.transcode(units[...], fold: false), String(decoding: units, as: UTF16.self))
            let normalized = Normalizer.standard.normalize(text)
            XCTAssertEqual(normalized.normalizedString, String(decoding: normalized.units, as: UTF16.self))
        }
        // Lone surrogates are repaired as String(decoding:) repairs them.
        for units: [UInt16] in [[0xD800], [0xDC00, 0x41], [0x41, 0xD83D], [0xD83D, 0xD83D, 0xDE00]] {
            XCTAssertEqual(Normalizer.transcode(units[...], fold: false), String(decoding: units, as: UTF16.self))
        }
    }

    func testVerbatimTextIsItsOwnNormalizedString() {
        // A text NFKC and the variants leave alone gives back the verbatim String, byte for byte what transcoding its
        // units gives; one they change (ﾊﾞｽ, ＡＢＣ, 子供) is transcoded.
        var verbatim = 0
        for text in texts() + ["バスの本数を増やしてほしい。駅前は暗い", "子供の医療費", "（括弧）と１２３"] {
            let normalized = Normalizer.standard.normalize(text)
            XCTAssertEqual(
                Array(normalized.normalizedString.utf8), Array(Normalizer.transcode(normalized.units[...], fold: false).utf8), text)
            guard normalized.isVerbatim else { continue }
            verbatim += 1
            // Verbatim means the units are the text's own UTF-16 (each at its own offset).
            XCTAssertEqual(normalized.units, Array(text.utf16), text)
            XCTAssertEqual(normalized.map, (0...text.utf16.count).map { Int32($0) }, text)
        }
        XCTAssertGreaterThan(verbatim, 2)
        XCTAssertFalse(Normalizer.standard.normalize("子供の医療費").isVerbatim)
        XCTAssertFalse(Normalizer.standard.normalize("ﾊﾞｽ停ＡＢＣ").isVerbatim)
        XCTAssertTrue(Normalizer.standard.normalize("バスの本数を増やしてほしい。駅前は暗い").isVerbatim)
    }

    func testVariantPrefilterKeepsFolding() {
        // Every variant of the built-in lexicon still folds to its canonical form.
        XCTAssertEqual(Normalizer.standard.normalize("子供と子ども").normalizedString, "子どもと子ども")
        let custom = Normalizer(variantLexicon: "取り組み\t取組\t取りくみ\n")
        XCTAssertEqual(custom.normalize("取組と取りくみ").normalizedString, "取り組みと取り組み")
    }
}
