// Opinion type and time horizon from the cue lexicons, with the deciding cue as evidence.
import KoeText
import XCTest

@testable import KoeTagging

final class ClassifierTests: XCTestCase {
    let tokenizer = try! Tokenizer()
    let classifier = OpinionClassifier.standard

    func classify(_ text: String) -> Classification { classifier.classify(tokenizer.tokenize(text)) }

    func testLexiconsLoadFromTheBundle() {
        XCTAssertGreaterThan(classifier.cueCounts.type, 100)
        XCTAssertGreaterThan(classifier.cueCounts.horizon, 20)
    }

    func testTypeCues() {
        XCTAssertEqual(classify("公園をもっと増やしてほしい").type, .request)
        XCTAssertEqual(classify("保育園が足りない").type, .problem)
        XCTAssertEqual(classify("駐車場が少なくて困る。").type, .problem)
        XCTAssertEqual(classify("車の運転マナーが良い").type, .praise)
        XCTAssertEqual(classify("緑豊かなまちになってほしい").type, .vision)
        XCTAssertEqual(classify("誰もが安心して暮らせる社会").type, .vision, "end-of-text shape cue")
        XCTAssertEqual(classify("あいうえお").type, .unknown)
    }

    func testPrecedenceLatestThenLongest() {
        // Problem then request: the request at the end decides.
        let c = classify("バスが少なくて不便なので、本数を増やしてほしい。")
        XCTAssertEqual(c.type, .request)
        XCTAssertEqual(c.typeCue?.cue, "してほしい")
        XCTAssertTrue(c.cues.contains { $0.label == "課題" && $0.cue == "不便" })
        // Same end: になってほしい (vision) is longer than てほしい (request).
        XCTAssertEqual(classify("自動運転が当たり前の街になってほしい").typeCue?.cue, "になってほしい")
        // An ordinary cue outranks an end-of-text shape cue (ている$).
        XCTAssertEqual(classify("駐車場が不足している").type, .problem)
        XCTAssertEqual(classify("世界中のグルメが集まってる").type, .praise, "a weak cue decides when alone")
    }

    func testEvidenceOffsetsAreVerbatim() throws {
        let text = "ﾊﾞｽを増やしてﾎｼｲ"
        let cue = try XCTUnwrap(classify(text).typeCue)
        XCTAssertEqual(cue.cue, "してほしい")
        XCTAssertEqual(cue.surface, "してﾎｼｲ")
        XCTAssertEqual(Array(text.unicodeScalars)[cue.start..<cue.end].map(String.init).joined(), "してﾎｼｲ")
    }

    func testHorizonCues() {
        XCTAssertEqual(classify("すぐに対応してほしい").horizon, .short)
        XCTAssertEqual(classify("早急に信号を設置してください").horizon, .short)
        XCTAssertEqual(classify("将来を担う子どもたちのために").horizon, .long)
        XCTAssertEqual(classify("次世代に残したい").horizon, .long)
        XCTAssertEqual(classify("３０年後も住み続けられるまち").horizon, .long)
        XCTAssertEqual(classify("2050年には空飛ぶ車").horizon, .long)
        XCTAssertEqual(classify("2020年に引っ越した").horizon, .unknown, "a past year is no horizon")
        XCTAssertEqual(classify("公園がきれい").horizon, .unknown)
        let both = classify("将来のために今すぐ対策を")
        XCTAssertEqual(both.horizon, .short)
        XCTAssertEqual(both.horizonCue?.surface, "今すぐ")
    }
}
