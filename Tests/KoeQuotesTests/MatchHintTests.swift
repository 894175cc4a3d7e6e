// MatchHintTests — a hinted scan (MatchHint: anchors a name's length after the start, or a signature at the end)
// finds exactly the matches of a scan from the first offset: every hinted pattern of the masker and the name finder
// on koe's masking cases, edge cases at the hints' bounds and, where present, the shared corpora's answers.
import Foundation
import XCTest

@testable import KoeQuotes

final class MatchHintTests: XCTestCase {
    /// Texts at the hints' bounds: the longest names (supplementary kanji and katakana take two UTF-16 units),
    /// anchors close together, signatures before a final line terminator and after runs of spaces.
    static let edgeCases: [String] = {
        let longKatakana = "𛀀" + String(repeating: "ヤ", count: 8) + "𛀀"
        let longKanji = String(repeating: "𠀋", count: 6)
        var texts = [
            "\(longKatakana)・\(longKatakana)さん", "\(longKanji)　\(longKanji)様", "\(longKanji)\(longKanji)さん",
            "田中さん山田さまさん佐藤くんちゃん", "さん", "孫のゆうちゃんと近所のおかもとゆきこさん", "𠀋𠀋𠀋𠀋ゆきこさん",
            "西区の岡田です。", "私は𠀋𠀋𠀋𠀋𠀋でした", "東西南北中央区です", "です岡田です", "私は山田という者",
            "お願いします。内川正志", "お願いします。内川正志\n", "お願いします。内川正志\r\n", "お願いします。　　内川正志　　",
            "。𠀋𠀋𠀋𠀋𠀋", "以上、3班　塩原", "以上、3班　塩原\n", "以上　𠀋𠀋𠀋𠀋　　\r\n", "　塩原", "塩原",
            "岡田より", "岡田より。　", "𠀋𠀋𠀋𠀋𠀋拝．\n", "。岡田拝\u{2029}", "松本 500 さ 1234", "𠀋𠀋𠀋𠀋 500 さ 1234",
            "松本500さ1234と松本500さ1235", "パークサイド宮田502号", "ヴィラ・アルファ・ベータ2F-201",
            "\(longKatakana)\(longKatakana)\(longKanji) 1203号室", "コーポ山田A-101", "123 456",
            "コバヤシ　タケシ（記入）", "アイウエオカ キクケコ です", "「ア イウ」", "。アイウエオ　アイウエオ", "ア　イ", "カタカナ 　カナ",
            // A window without a match, then one far after it with a match (the scan stops between windows).
            "雨です。" + String(repeating: "あ", count: 60) + "西区の岡田です", "皆様の" + String(repeating: "、", count: 50) + "田中様",
            "3" + String(repeating: "あ", count: 80) + "松本 500 さ 1234", "2024年" + String(repeating: "い", count: 45) + "コーポ山田A-101",
        ]
        // Each case also inside a sentence and after another.
        texts += texts.map { "まちの声として、\($0)" } + texts.map { "\($0)。それと、" + $0 }
        return texts
    }()

    /// The masking cases, the edge cases and up to 2,000 lines (and 300 blank-line separated records) of each
    /// corpus text file.
    private func texts() -> [String] {
        var texts = MaskingCases.all.map(\.input) + Self.edgeCases
        let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpora")
        if let files = FileManager.default.enumerator(at: corpora.standardized, includingPropertiesForKeys: nil) {
            for case let file as URL in files where ["csv", "txt", "tsv"].contains(file.pathExtension) {
                guard let data = try? Data(contentsOf: file), data.count < 20_000_000,
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                // Whole records too (a signature closes a multi-line answer).
                texts += text.split(whereSeparator: \.isNewline).prefix(2000).map(String.init)
                texts += text.components(separatedBy: "\n\n").prefix(300)
            }
        }
        return texts
    }

    func testHintedScanEqualsFullScan() {
        let masker = Masker()
        let texts = texts()
        var hinted = 0
        var found = 0
        for (set, view) in [(masker.patterns, true), (masker.contextPatterns, false), (masker.names.honorific, false)] {
            set.withMatchers { matchers in
                for text in texts {
                    let units = view ? MatchingView(text).units : Array(text.utf16)
                    for index in set.sources.indices where set.hints[index] != nil {
                        let full = matchers.matches(index, in: units, present: nil, hinted: false)
                        let fast = matchers.matches(index, in: units, present: nil, hinted: true)
                        hinted += 1
                        found += full.count
                        XCTAssertEqual(full, fast, "pattern \(set.sources[index]) on \(text)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(found, 100, "the texts hold matches of the hinted patterns")
        print("MatchHintTests: \(texts.count) texts, \(hinted) hinted scans compared, \(found) matches")
    }

    /// Every hint names a pattern of its set, and the slow patterns carry one.
    func testHintsAreAttached() {
        let masker = Masker()
        XCTAssertEqual(masker.patterns.hints.compactMap { $0 }.count, MaskPatterns.hints.count)
        XCTAssertEqual(masker.contextPatterns.hints.compactMap { $0 }.count, ContextNames.hints.count)
        XCTAssertNotNil(masker.names.honorific.hints[0])
    }

    func testAnchorOffsetsAndTailStart() {
        let units = Array("田中さんと佐藤さま".utf16)
        units.withUnsafeBufferPointer { text in
            XCTAssertEqual(MatchHint.anchored(["さん", "さま"], within: 3).anchorOffsets(in: text), [2, 7])
            XCTAssertNil(MatchHint.tail(core: 2, padding: [0x20]).anchorOffsets(in: text))
        }
        // From the end: padding and a final terminator, then at most `core` units, then the padding before them.
        let signed = Array("以上。　　塩原　\n".utf16)
        signed.withUnsafeBufferPointer { text in
            XCTAssertEqual(MatchHint.tail(core: 2, padding: [0x20, 0x3000]).first(in: text), 3)
            XCTAssertEqual(MatchHint.tail(core: 1, padding: [0x20, 0x3000]).first(in: text), 6)
            XCTAssertEqual(MatchHint.anchored(["塩"], within: 1).first(in: text), 0)
        }
    }
}
