// Fast paths of the matcher agree with the plain String ones: token ids through byte-keyed vocabulary.
import Foundation
import KoeText
import XCTest

@testable import KoeTagging

final class FastPathTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// Texts with every kind of token the fold handles: kana, width forms, Latin case, surrogates, marks.
    func texts() throws -> [String] {
        var texts = [
            "ﾊﾞｽが来ない、バスの本数を増やして", "ＢＵＳとbusとBus", "ｳﾞｧｲｵﾘﾝとヴァイオリンとゔぁいおりん",
            "か\u{3099}っこう と がっこう", "𠮷野家と吉野家", "子供と子ども、こども", "アイウ\u{3099}エオ", "①②と123",
        ]
        let files = [
            Self.samples.appendingPathComponent("survey/citizen-survey.csv"),
            Self.samples.appendingPathComponent("codebook.yml"),
        ]
        for url in files {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw XCTSkip("sample absent: \(url.path)")
            }
            texts += text.split(whereSeparator: \.isNewline).map(String.init)
        }
        return texts
    }

    func testByteKeyedIDsMatchStringKeyedIDs() throws {
        let tokenizer = try Tokenizer()
        let texts = try texts()
        let keyed = texts.map { tokenizer.tokenize($0).tokens.map(\.key) }
        // Half the texts' keys become patterns (single and pairs), so both known and unknown keys occur.
        var trie = TokenTrie()
        var reference: [String: Int32] = [:]
        for keys in keyed.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
            for (i, key) in keys.enumerated() {
                _ = trie.insert([key])
                if reference[key] == nil { reference[key] = Int32(reference.count) }
                if i + 1 < keys.count { _ = trie.insert([key, keys[i + 1]]) }
            }
        }
        XCTAssertGreaterThan(reference.count, 100, "the samples give a real vocabulary")
        var unknown = 0
        for keys in keyed {
            let ids = trie.ids(keys)
            XCTAssertEqual(ids, keys.map { reference[$0] ?? -1 }, "\(keys)")
            unknown += ids.filter { $0 < 0 }.count
        }
        XCTAssertGreaterThan(unknown, 0, "some keys are outside the vocabulary")
    }

    /// Byte equality, not canonical equivalence: safe because keys are NFKC-normalized first (checked here
    /// and, on real texts, by the test above).
    func testKeyBytesEqualityAndHashFollowBytes() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.keys("か\u{3099}っこう"), tokenizer.keys("がっこう"))
        let keys = ["ばす", "bus", "ゔぁ", "𠮷", "", "が", "か\u{3099}"]
        for a in keys {
            for b in keys {
                XCTAssertEqual(KeyBytes(a) == KeyBytes(b), Array(a.utf8) == Array(b.utf8), "\(a) \(b)")
                if Array(a.utf8) == Array(b.utf8) { XCTAssertEqual(KeyBytes(a).hashValue, KeyBytes(b).hashValue) }
            }
        }
        // A bridged or substring-derived String hashes like a native one.
        let sub = String("xばすx".dropFirst().dropLast())
        XCTAssertEqual(KeyBytes(sub), KeyBytes("ばす"))
        XCTAssertEqual(KeyBytes(sub).hashValue, KeyBytes("ばす").hashValue)
    }

    /// CodePointOffsets slices through a UTF-8 offset table; the plain way walks the UTF-16 view.
    func testCodePointOffsetsMatchUTF16Walks() {
        for text in ["", "abc", "バスの本数", "𠮷野家の👍🏽と e\u{301}", "a𠮷", "𠮷", "改行\r\nと\tタブ"] {
            let offsets = CodePointOffsets(text)
            let utf16 = text.utf16
            var points: [Int] = []
            var count = 0
            for unit in utf16 {
                points.append(count)
                if !UTF16.isTrailSurrogate(unit) { count += 1 }
            }
            points.append(count)
            let n = utf16.count
            for lower in 0...(n + 1) {
                XCTAssertEqual(offsets.codePoints(lower), points[min(lower, n)], "\(text) \(lower)")
                for upper in lower...(n + 1) {
                    let start = utf16.index(utf16.startIndex, offsetBy: min(lower, n))
                    let end = utf16.index(utf16.startIndex, offsetBy: min(upper, n))
                    XCTAssertEqual(offsets.slice(lower..<upper), String(text[start..<end]), "\(text) \(lower)..<\(upper)")
                }
            }
        }
    }
}
