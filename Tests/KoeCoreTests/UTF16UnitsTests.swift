// UTF16UnitsTests — the one-pass UTF-8 → UTF-16 decoding equals the standard library's UTF-16 view: every byte
// length of a scalar, at the ends of a text, a bridged string, and every scalar of the BMP edges and planes.
import Foundation
import KoeCore
import XCTest

final class UTF16UnitsTests: XCTestCase {
    func testEqualsTheUTF16View() {
        let texts = [
            "", "a", "ascii only", "é", "Ωμέγα", "日本語のテキスト", "𠀋", "🎉🎉", "a𠀋b", "ｶﾀｶﾅ ＡＢＣ １２３", "é日𠀋a",
            "改行\r\nと\tタブ", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "ゔ\u{3099}が\u{309A}",
            String(repeating: "長い文。", count: 500),
        ]
        for text in texts {
            XCTAssertEqual(UTF16Units.of(text), Array(text.utf16), text.debugDescription)
        }
        // A bridged string may have no contiguous UTF-8: the slow way gives the same units.
        let bridged = NSString(string: "橋渡し𠀋の文字列") as String
        XCTAssertEqual(UTF16Units.of(bridged), Array(bridged.utf16))
    }

    func testEveryScalarLength() {
        var scalars: [Unicode.Scalar] = []
        for value in stride(from: 0, through: 0x10FFFF, by: 97) where !(0xD800...0xDFFF).contains(value) {
            scalars.append(Unicode.Scalar(UInt32(value))!)
        }
        let text = String(String.UnicodeScalarView(scalars))
        XCTAssertEqual(UTF16Units.of(text), Array(text.utf16))
    }
}
