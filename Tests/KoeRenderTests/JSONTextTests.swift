// JSONTextTests — the word-at-a-time escape scan agrees with a byte-by-byte scan, and escaping is unchanged.
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class JSONTextTests: XCTestCase {
    private func naive(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
    }

    func testWordScanAgreesWithByteScan() {
        var rng = SystemRandomNumberGenerator()
        // Bytes next to the special ones (0x1F/0x20, 0x21/0x23, 0x5B/0x5D, 0xE1/0xE3, 0x7F/0x80/0xFF) are the
        // ones a borrow or carry in the word tests could misjudge.
        let alphabet: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x41, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xE1, 0xE2, 0xE3, 0xFF]
        let calm: [UInt8] = [0x20, 0x21, 0x23, 0x41, 0x5B, 0x5D, 0x7F, 0x80, 0xE1, 0xE3, 0xFF]
        for length in 0..<40 {
            for _ in 0..<300 {
                var bytes = (0..<length).map { _ in calm[Int(rng.next() % UInt64(calm.count))] }
                if length > 0 && rng.next() % 2 == 0 {
                    bytes[Int(rng.next() % UInt64(length))] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                }
                let fast = bytes.withUnsafeBufferPointer { JSONText.needsEscaping($0) }
                XCTAssertEqual(fast, naive(bytes), "\(bytes)")
            }
        }
    }

    func testEscapingOfLongTexts() {
        var out: [UInt8] = []
        JSONText.append("市民の声を聴く「まちづくり」について、ご意見をお寄せください。", to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "\"市民の声を聴く「まちづくり」について、ご意見をお寄せください。\"")
        out = []
        JSONText.append("長い文章の途中に\"引用\"と\\と改行\nと\u{2028}があっても正しく", to: &out)
        XCTAssertEqual(
            String(decoding: out, as: UTF8.self), "\"長い文章の途中に\\\"引用\\\"と\\\\と改行\\nと\\u2028があっても正しく\"")
    }

    /// Escaping on the bytes (JSONText.append into bytes, JSONBytes.string) gives `quote`'s literal for texts mixing
    /// every character it escapes with the ones next to them (U+2026/U+2027/U+202A share 0xE2 0x80 with U+2028).
    func testByteEscapingEqualsQuote() {
        let pieces = [
            "あ", "市民", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{B}", "\u{1F}", " ", "\u{7F}", "\u{2028}", "\u{2029}",
            "\u{2026}", "\u{2027}", "\u{202A}", "…", "※", "→", "①", "○", "★", "―", "a", "𠮷", "é", "\u{E2}", "/",
        ]
        var seed: UInt64 = 2026
        for round in 0..<4_000 {
            var text = ""
            for _ in 0..<(round % 23) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            var out: [UInt8] = [0x41]
            JSONText.append(text, to: &out)
            XCTAssertEqual(String(decoding: out.dropFirst(), as: UTF8.self), JSONText.quote(text), text.debugDescription)
            var bytes = JSONBytes(capacity: 1)
            bytes.string(text)
            let written = bytes.text()
            XCTAssertEqual(written, JSONText.quote(text), text.debugDescription)
        }
    }
}
