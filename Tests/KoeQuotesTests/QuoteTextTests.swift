// Quote text tests: one line without invisible characters, trimming only at sentence boundaries with …,
// nested quotes, Markdown/HTML escaping that leaves nothing to render, and workshop session labels.
import KoeCore
import XCTest

@testable import KoeQuotes

final class QuoteTextTests: XCTestCase {
    func testSingleLineRemovesBreaksControlsAndBidiOverrides() {
        XCTAssertEqual(QuoteText.singleLine("  一行目\r\n\n二行目\t三 "), "一行目 二行目 三")
        XCTAssertEqual(QuoteText.singleLine("色\u{1B}[31m赤\u{202E}逆\u{200B}字"), "色[31m赤逆字")
    }

    func testTrimsOnlyAtSentenceBoundaries() {
        let first = String(repeating: "あ", count: 100) + "。"
        let second = String(repeating: "い", count: 50) + "！"
        let third = String(repeating: "う", count: 40) + "。"
        let (text, trimmed) = QuoteText.trimmed(first + second + third)
        XCTAssertTrue(trimmed)
        XCTAssertEqual(text, first + second + "…")
        // Within the limit: whole.
        XCTAssertEqual(QuoteText.trimmed(first + second).text, first + second)
        // A first sentence longer than the limit is kept whole (never cut inside a sentence).
        let long = String(repeating: "え", count: 200) + "。"
        XCTAssertEqual(QuoteText.trimmed(long + third).text, long + "…")
        // No sentence end at all: whole, not cut.
        let unbroken = String(repeating: "お", count: 300)
        XCTAssertEqual(QuoteText.trimmed(unbroken).text, unbroken)
        // Closing brackets stay with their sentence.
        let quoted = String(repeating: "か", count: 150) + "「ほしい。」" + String(repeating: "き", count: 30) + "。"
        XCTAssertEqual(QuoteText.trimmed(quoted).text, String(repeating: "か", count: 150) + "「ほしい。」…")
    }

    func testTrimmingNeverParaphrases() {
        let text = "バスが少ない。" + String(repeating: "通院のために車が必要です。", count: 20)
        let (cut, trimmed) = QuoteText.trimmed(text)
        XCTAssertTrue(trimmed)
        XCTAssertTrue(text.hasPrefix(String(cut.dropLast())), "the kept part is a verbatim prefix")
        XCTAssertLessThanOrEqual(cut.count, QuoteText.readableLength + 1)
    }

    func testMarkdownEscapingLeavesNothingToRender() {
        let hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **太字** `code` # 見出し | 表 | ~~消~~ &amp;"
        let escaped = QuoteText.markdownEscaped(hostile)
        XCTAssertEqual(
            escaped,
            "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\*\\*太字\\*\\* \\`code\\` # 見出し \\| 表 \\| \\~\\~消\\~\\~ &amp;amp;"
        )
        for raw in ["<", ">", "**", "`c", "[x]", "](", "~~"] {
            XCTAssertFalse(escaped.replacingOccurrences(of: "\\\\.", with: "", options: .regularExpression).contains(raw), raw)
        }
        XCTAssertEqual(QuoteText.markdownEscaped("保育園を増やしてほしい。"), "保育園を増やしてほしい。")
        // Only what would change the line is escaped (issue #20): counts, distances, notes and numbers stay as typed.
        for plain in ["3-4人で", "2.5km先", "(注)", "#1の要望", "+α", "1.", "ほしい!"] {
            XCTAssertEqual(QuoteText.markdownEscaped(plain), plain)
        }
    }

    func testFullWidthSpacesStayVerbatim() {
        XCTAssertEqual(QuoteText.singleLine("バス停　待合所　ベンチ"), "バス停　待合所　ベンチ")
        XCTAssertEqual(QuoteText.singleLine("　字下げ\n\n　次の段落　"), "字下げ 　次の段落")
        XCTAssertEqual(QuoteText.singleLine("a \t b"), "a b")
        XCTAssertEqual(QuoteText.printable("公園　整備").text, "公園　整備")
        // The printed length counts what singleLine writes.
        for text in ["バス停　待合所", "　字下げ\n\n　次", "a \t b", "x　 　y"] {
            XCTAssertEqual(QuoteScore.printedLength(text), QuoteText.singleLine(text).count, text)
        }
    }

    func testAForgedAttributionCannotCloseTheQuote() {
        let forged = "良い街です」（30代・女性）\n- 「偽の意見"
        let printed = QuoteText.printable(forged).text
        XCTAssertEqual(printed, "良い街です』（30代・女性） - 『偽の意見")
        XCTAssertFalse(printed.contains("」"))
        XCTAssertFalse(printed.contains("\n"))
    }

    func testSessionLabels() {
        XCTAssertEqual(SessionLabel.label(title: "子育て世代ワークショップ「子育てしやすいまちってどんなまち？」", file: "a.md"), "子育て世代ワークショップ")
        XCTAssertEqual(SessionLabel.label(title: "地区懇談会（楢川）「楢川のこれからを話そう」", file: "a.md"), "地区懇談会")
        XCTAssertEqual(SessionLabel.label(title: nil, file: "notes/2026-07-11-kosodate.md"), "kosodate")
        XCTAssertEqual(SessionLabel.label(title: "田中さんを囲む会", file: "a.md"), "＊＊＊さんを囲む会")
    }

    func testWorkshopAttributionBySession() {
        var guardian = AttributionGuard(minCell: 2)
        let parents = Segments(age: "30代")
        guardian.count(parents)
        guardian.count(Segments(age: "30代", gender: "女性"))
        XCTAssertEqual(guardian.attribution(parents, session: "子育て世代ワークショップ"), "（子育て世代ワークショップ・30代）")
        // The session's district is coarsened like a respondent's: one session in 楢川 is one voice.
        let narakawa = Segments(age: "70代", district: "楢川")
        guardian.count(narakawa)
        XCTAssertEqual(guardian.attribution(narakawa, session: "地区懇談会"), "（地区懇談会）")
        XCTAssertEqual(guardian.attribution(parents, session: nil), "（30代）")
    }
}

/// The White_Space list used on the hot path agrees with Unicode's property for every scalar.
final class WhiteSpaceListTests: XCTestCase {
    func testListEqualsTheUnicodeProperty() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if QuoteText.isWhiteSpace(scalar) != scalar.properties.isWhitespace {
                XCTFail("U+\(String(value, radix: 16, uppercase: true))")
                return
            }
        }
    }
}
