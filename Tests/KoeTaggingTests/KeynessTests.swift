// Keyness suggestions: G² checked against scipy, content tokens only, compounds, examples.
import KoeText
import XCTest

@testable import KoeTagging

final class KeynessTests: XCTestCase {
    let tokenizer = try! Tokenizer()

    /// Reference values from scipy 1.17.1: `scipy.stats.power_divergence(obs.ravel(), exp.ravel(),
    /// lambda_="log-likelihood")` on obs = [[a, b], [c-a, d-b]] with expected = row × col / N.
    func testG2MatchesScipy() {
        XCTAssertEqual(KeynessSuggester.logLikelihood(a: 10, b: 2, c: 1000, d: 2000), 12.834908741763087, accuracy: 1e-9)
        XCTAssertEqual(KeynessSuggester.logLikelihood(a: 5, b: 0, c: 300, d: 700), 12.098486465447444, accuracy: 1e-9)
        XCTAssertEqual(KeynessSuggester.logLikelihood(a: 3, b: 9, c: 120, d: 800), 1.2610210832066495, accuracy: 1e-9)
    }

    func testSuggestsContentTermsOfUntaggedOpinions() throws {
        var k = KeynessSuggester()
        let untagged = ["バス停が遠くて不便です", "バス停に屋根がほしい", "駅前のバス停が少なく困る", "学童保育の時間を延ばして"]
        let tagged = ["保育園が足りない", "保育園の先生が少なく大変", "公園の遊具がきれい", "学童保育が助かる"]
        for (i, t) in untagged.enumerated() { k.add(id: "u\(i)", text: tokenizer.tokenize(t), tagged: false) }
        for (i, t) in tagged.enumerated() { k.add(id: "t\(i)", text: tokenizer.tokenize(t), tagged: true) }
        let s = k.suggestions(limit: 10)
        let top = try XCTUnwrap(s.first)
        XCTAssertEqual(top.term, "バス停")
        XCTAssertEqual(top.untagged, 3)
        XCTAssertEqual(top.tagged, 0)
        XCTAssertEqual(top.examples.map(\.id), ["u0", "u1"])
        // No lone kana fragments (少|なく → なく), no terms over-represented in tagged opinions.
        XCTAssertFalse(s.contains { $0.term == "なく" || $0.term == "が" || $0.term == "保育園" })
        XCTAssertFalse(s.contains { $0.term.unicodeScalars.first.map { (0x3041...0x309F).contains($0.value) } ?? true })
        XCTAssertFalse(s.contains { $0.term == "学童保育" }, "equally frequent in both")
        XCTAssertTrue(k.rendered(limit: 5).contains("バス停  G²="))
    }

    func testCompoundsAndNumbers() {
        var k = KeynessSuggester(minimumCount: 1)
        k.add(id: "a", text: tokenizer.tokenize("30年後の地域振興バス"), tagged: false)
        let terms = Set(k.suggestions(limit: 50).map(\.term))
        XCTAssertTrue(terms.isSuperset(of: ["地域", "振興", "地域振興", "振興バス", "地域振興バス", "30年後"]), "\(terms)")
        XCTAssertFalse(terms.contains("30"))
    }
}
