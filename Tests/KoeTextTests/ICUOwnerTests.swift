// The owners of ICU's C handles (WordBreaker, ByteConverter) tested directly: each is a class that opens its handle
// in init and closes it in deinit; many opened and released in turn keep giving the same answers.
import KoeCore
import XCTest

@testable import KoeText

final class ICUOwnerTests: XCTestCase {
    private func segments(_ breaker: WordBreaker, _ text: String) -> [[Int]] {
        Array(text.utf16).withUnsafeBufferPointer { breaker.segments($0).map { [$0.start, $0.end, $0.status] } }
    }

    /// Letters (200) and numbers (100) as ICU's rule statuses; spaces and punctuation dropped.
    func testWordBreakerSegmentsAndStatuses() throws {
        let breaker = try WordBreaker(locale: "ja")
        XCTAssertEqual(segments(breaker, "abc 123, xy"), [[0, 3, 200], [4, 7, 100], [9, 11, 200]])
        XCTAssertEqual(segments(breaker, ""), [])
        // Kana (300) and ideographs (400) from the Japanese dictionary: every unit of the text is covered in order.
        let japanese = segments(breaker, "子ども食堂")
        XCTAssertEqual(japanese.first?[0], 0)
        XCTAssertEqual(japanese.last?[1], 5)
        XCTAssertTrue(japanese.allSatisfy { $0[2] >= 300 }, "\(japanese)")
    }

    /// A text of more segments than the breaker's first scratch holds (256) grows it and loses none; a short text
    /// after it still answers the same.
    func testWordBreakerGrowsItsScratch() throws {
        let breaker = try WordBreaker(locale: "ja")
        let words = (0..<700).map { "w\($0)" }
        let many = segments(breaker, words.joined(separator: " "))
        XCTAssertEqual(many.count, 700)
        XCTAssertEqual(many.last?[1], words.joined(separator: " ").utf16.count)
        XCTAssertEqual(segments(breaker, "abc 123"), [[0, 3, 200], [4, 7, 100]])
    }

    /// Breakers and converters opened and released one after another (deinit closes each handle) answer the same.
    func testHandlesOpenedAndReleasedRepeatedly() throws {
        let sjis: [UInt8] = [0x8C, 0xF6, 0x89, 0x80]  // 公園
        for _ in 0..<300 {
            XCTAssertEqual(segments(try WordBreaker(), "abc 123"), [[0, 3, 200], [4, 7, 100]])
            let converter = try ByteConverter(encoding: "windows-31j")
            var out: [UInt8] = []
            XCTAssertEqual(sjis.withUnsafeBytes { converter.convert($0, flush: true, into: &out) }, .complete)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "公園")
        }
    }

    /// A converter reports the offset of a bad byte and recovers after `reset`; an unknown name is `unknown-encoding`.
    func testByteConverterInvalidBytesAndUnknownName() throws {
        let converter = try ByteConverter(encoding: "windows-31j")
        var out: [UInt8] = []
        let bad: [UInt8] = [0x41, 0x82, 0x20, 0x42]
        let outcome = bad.withUnsafeBytes { converter.convert($0, flush: true, into: &out) }
        guard case .invalid(let offset, let length) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(offset, 1)
        XCTAssertGreaterThanOrEqual(length, 1)
        converter.reset()
        out = []
        XCTAssertEqual([UInt8]([0x87, 0x40]).withUnsafeBytes { converter.convert($0, flush: true, into: &out) }, .complete)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "①")
        XCTAssertThrowsError(try ByteConverter(encoding: "no-such-encoding")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unknown-encoding")
        }
    }
}
