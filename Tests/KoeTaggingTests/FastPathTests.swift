// Fast paths of the matcher agree with the plain String ones: word ids through the hashed vocabulary.
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

    func testHashedIDsMatchStringKeyedIDs() throws {
        let tokenizer = try Tokenizer()
        let texts = try texts()
        let keyed = texts.map { text in
            let t = tokenizer.tokenize(text)
            return t.tokens.map { t.key(of: $0) }
        }
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

    /// A word's key hash (built from its units without a String) equals the hash of its key string, and
    /// the ids a text gets (key and dictionary forms) are those of its key strings.
    func testWordHashesAgreeWithKeyStrings() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.keys("か\u{3099}っこう"), tokenizer.keys("がっこう"))
        for text in try texts().prefix(300) + ["ﾊﾞｽを減らそうと思う", "ＤＸ推進で𠮷野家が働ける"] {
            let t = tokenizer.tokenize(text)
            var trie = TokenTrie()
            for token in t.tokens {
                XCTAssertEqual(token.keyHash, WordHash.of(t.key(of: token)), text)
                for (i, form) in t.dictionaryForms(of: token).enumerated() {
                    XCTAssertEqual(token.forms[i].hash, WordHash.of(form), text)
                    _ = trie.insert([form])
                }
                _ = trie.insert([t.key(of: token)])
            }
            let ids = trie.ids(t)
            for (i, token) in t.tokens.enumerated() {
                XCTAssertEqual(ids[i * TokenTrie.stride], trie.ids([t.key(of: token)])[0])
                for (f, form) in t.dictionaryForms(of: token).enumerated() {
                    XCTAssertEqual(ids[i * TokenTrie.stride + 1 + f], trie.ids([form])[0])
                }
            }
        }
    }

    /// CodePointCursor walks UTF-8 forward from the last offset asked; the plain way walks the UTF-16 view. Offsets
    /// are asked in every order (forward, repeated, backward) on one cursor and on a fresh one.
    func testCodePointCursorMatchesUTF16Walks() {
        for text in ["", "abc", "バスの本数", "𠮷野家の👍🏽と e\u{301}", "a𠮷", "𠮷", "改行\r\nと\tタブ"] {
            var offsets = CodePointCursor(text)
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
                    let expected = (points[min(lower, n)], points[min(upper, n)], String(text[start..<end]))
                    XCTAssertEqual(offsets.slice(lower..<upper), expected.2, "\(text) \(lower)..<\(upper)")
                    var fresh = CodePointCursor(text)
                    let located = fresh.locate(lower..<upper)
                    XCTAssertEqual(located.start, expected.0, "\(text) \(lower)..<\(upper)")
                    XCTAssertEqual(located.end, expected.1, "\(text) \(lower)..<\(upper)")
                    XCTAssertEqual(located.surface, expected.2, "\(text) \(lower)..<\(upper)")
                }
            }
        }
    }
}
