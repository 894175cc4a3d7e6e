// A tokenizer reuses the arrays of the text before (tokens, normalized units and map) once that text is gone: the
// results must equal a fresh tokenizer's, and a text still held must not change when the next one is tokenized.
import XCTest

@testable import KoeText

final class TokenizerReuseTests: XCTestCase {
    private let texts = [
        "子どもを産み育てる環境が整い、親子と周囲が笑顔になっている",
        "送迎の負担を減らそうと思えない。",
        "ＡＢＣ１２３ バス停が遠い（徒歩２０分）",
        "",
        "公園",
        String(repeating: "駅前の再開発に対して意見を述べたいと思います。", count: 40),
        "ｶﾀｶﾅ① と 髙橋さん ～ 子供の見守り",
    ]

    /// Each text tokenized after the others by one tokenizer gives the same tokens, units and map as a fresh one.
    func testReusedArraysGiveTheFreshResult() throws {
        let shared = try Tokenizer()
        for round in 0..<3 {
            for text in texts {
                let fresh = try Tokenizer().tokenize(text)
                let reused = shared.tokenize(text)
                XCTAssertEqual(reused.tokens, fresh.tokens, "round \(round): \(text)")
                XCTAssertEqual(reused.normalized.units, fresh.normalized.units, "round \(round): \(text)")
                XCTAssertEqual(reused.normalized.map, fresh.normalized.map, "round \(round): \(text)")
                XCTAssertEqual(reused.normalized.normalizedString, fresh.normalized.normalizedString)
            }
        }
    }

    /// Texts still held keep their own tokens and units while later texts are tokenized (copy-on-write).
    func testHeldTextsAreNotOverwritten() throws {
        let tokenizer = try Tokenizer()
        let held = texts.map { tokenizer.tokenize($0) }
        for (text, kept) in zip(texts, held) {
            let fresh = try Tokenizer().tokenize(text)
            XCTAssertEqual(kept.tokens, fresh.tokens, text)
            XCTAssertEqual(kept.normalized.units, fresh.normalized.units, text)
            XCTAssertEqual(kept.normalized.map, fresh.normalized.map, text)
        }
        // Each text held while the next is made, then dropped: both stay right.
        var previous = (text: texts[0], result: tokenizer.tokenize(texts[0]))
        for text in texts.reversed() {
            let next = tokenizer.tokenize(text)
            XCTAssertEqual(previous.result.tokens, try Tokenizer().tokenize(previous.text).tokens, previous.text)
            XCTAssertEqual(next.tokens, try Tokenizer().tokenize(text).tokens, text)
            previous = (text, next)
        }
    }
}
