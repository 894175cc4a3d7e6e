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
            "𠮷バス", "バ", "ス", NSString(string: "バスが来ない") as String, "\u{0600}バス", "バス\u{200D}", "バス\u{FE0F}",
            "（バス）", "バス。", "Aバス1", "バスバス\u{3099}", "バス\u{3099}とバス", "バス\u{0301}", "ばすとバ\u{3099}ス",
            "ｽｰﾊﾟｰ", "スーパー\u{FF9E}", "\u{1F600}バス", "バス\r\n",
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

    /// The byte search decides only where the bytes alone settle the answer.
    func testByteSearch() {
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "ばすの本数"), .absent)
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "市のバスの本数"), .found)
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "バス"), .found)
        XCTAssertEqual(DisplayForm.byteSearch("ガス", in: "カ\u{3099}ス"), .unsure)
        XCTAssertEqual(DisplayForm.byteSearch("ガス", in: "ハ\u{309A}ン"), .unsure)
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "バス\u{3099}"), .unsure)
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "\u{0600}バス"), .unsure)
        XCTAssertEqual(DisplayForm.byteSearch("バス", in: "バス\u{3099}、バス。"), .found)
    }
}
