// DisplayFormTests — the katakana spelling recovery's byte pre-check answers as Foundation's search does.
import Foundation
import XCTest

@testable import KoeReport

final class DisplayFormTests: XCTestCase {
    /// The old recovery: the katakana candidate, kept when `String.contains` finds it.
    private func reference(_ word: String, _ text: String) -> String? {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars {
            switch s.value {
            case 0x3041...0x3096: out.append(Unicode.Scalar(s.value + 0x60) ?? s)
            case 0x30FC: out.append(s)
            default: return nil
            }
        }
        let candidate = String(out)
        return text.contains(candidate) ? candidate : nil
    }

    func testSameAnswerAsFoundationSearch() {
        let words = ["ばす", "すーぱー", "が", "か", "ぱん", "こども", "ばすてい", "バス", "公園", "", "ゔぁ"]
        let texts = [
            "バスの本数を増やしてほしい", "ばすの本数", "スーパーが遠い", "カ\u{3099}ス", "カ\u{3099}", "ガ", "ハ\u{309A}ン屋",
            "パン屋", "バス\u{301}", "バス\u{3099}", "子供とバス", "", "ｶﾞｽ", "ヴァイオリン", "ウ\u{3099}ァ",
            "𠮷バス", "バ", "ス", NSString(string: "バスが来ない") as String,
        ]
        for word in words {
            for text in texts {
                XCTAssertEqual(
                    DisplayForm.katakana(of: word, in: text), reference(word, text), "\(word) in \(text.debugDescription)")
            }
        }
        XCTAssertEqual(DisplayForm.katakana(of: "ばす", in: "市のバスが"), "バス")
        XCTAssertEqual(DisplayForm.katakana(of: "が", in: "カ\u{3099}"), reference("が", "カ\u{3099}"))
    }

    /// The pre-check rules out only texts without the bytes and without combining kana marks.
    func testPreCheck() {
        XCTAssertTrue(DisplayForm.cannotContain("ばすの本数", "バス"))
        XCTAssertFalse(DisplayForm.cannotContain("バスの本数", "バス"))
        XCTAssertFalse(DisplayForm.cannotContain("カ\u{3099}ス", "ガス"))
        XCTAssertFalse(DisplayForm.cannotContain("ハ\u{309A}ン", "ガス"))
    }
}
