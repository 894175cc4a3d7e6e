// Tokenizer and normalizer tests: golden municipal sentences, variant folding, offsets back to the verbatim text.
import Foundation
import XCTest

@testable import KoeText

final class TokenizerTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tokenize")

    /// Each folder under Tests/Fixtures/tokenize holds input.txt and expected.txt (reviewed by eye), and
    /// optionally words.txt (words kept whole). Words print as `koe tokenize --forms` does: 減らそう(減らす).
    /// KOE_UPDATE_GOLDENS=1 rewrites expected.txt instead of comparing.
    func testGoldenFolders() throws {
        let tokenizer = try Tokenizer()
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        XCTAssertFalse(folders.isEmpty)
        for folder in folders {
            let dir = Self.fixtures.appendingPathComponent(folder)
            let input = try String(contentsOf: dir.appendingPathComponent("input.txt"), encoding: .utf8)
            let list = dir.appendingPathComponent("words.txt")
            tokenizer.words =
                FileManager.default.fileExists(atPath: list.path)
                ? WordLexicon(words: try WordList.read(list, displayPath: "words.txt")) : .empty
            let actual =
                input.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
                    let result = tokenizer.tokenize(String(line))
                    return result.tokens.map { token in
                        let word = result.normalizedSurface(of: token)
                        let forms = result.displayForms(of: token)
                        return forms.isEmpty ? word : word + "(" + forms.joined(separator: "|") + ")"
                    }.joined(separator: " ")
                }.joined(separator: "\n") + "\n"
            let expectedURL = dir.appendingPathComponent("expected.txt")
            if ProcessInfo.processInfo.environment["KOE_UPDATE_GOLDENS"] == "1" {
                try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            let lines = zip(expected.split(separator: "\n"), actual.split(separator: "\n"))
            for (n, (e, a)) in lines.enumerated() where e != a {
                XCTFail("\(folder) line \(n + 1):\n  expected: \(e)\n  actual:   \(a)")
            }
            XCTAssertEqual(expected.split(separator: "\n").count, actual.split(separator: "\n").count, folder)
        }
    }

    func testPunctuationAndSpacesAreDropped() throws {
        let tokens = try Tokenizer().tokenize("「バス」、電車。 　！？（駅）").tokens
        let result = try Tokenizer().tokenize("「バス」、電車。 　！？（駅）")
        XCTAssertEqual(result.tokens.map { result.key(of: $0) }, ["ばす", "電車", "駅"])
        XCTAssertEqual(tokens.count, 3)
    }

    func testChildVariantsFoldToOneKey() throws {
        let tokenizer = try Tokenizer()
        let keys = ["子供の医療費", "こどもの医療費", "子どもの医療費", "コドモの医療費"].map { tokenizer.keys($0).first }
        XCTAssertEqual(Set(keys.compactMap { $0 }), ["子ども"])
    }

    func testKatakanaHiraganaAndWidthFold() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.keys("ｶﾞｲﾄﾞ"), tokenizer.keys("ガイド"))
        XCTAssertEqual(tokenizer.keys("ゴミ").first, tokenizer.keys("ごみ").first)
        XCTAssertEqual(tokenizer.keys("１２３件"), ["123", "件"])
        XCTAssertEqual(tokenizer.keys("ＤＸ推進"), ["dx", "推進"])
    }

    func testWholeWordsOnly() throws {
        let tokenizer = try Tokenizer()
        XCTAssertFalse(tokenizer.keys("バスケットボール").contains("ばす"))
        XCTAssertTrue(tokenizer.keys("バスの本数").contains("ばす"))
    }

    func testOffsetsPointIntoTheVerbatimText() throws {
        let text = "ｶﾞｲﾄﾞブックと子供の１２３件😀です"
        let result = try Tokenizer().tokenize(text)
        let surfaces = result.tokens.map { result.surface(of: $0) }
        XCTAssertEqual(surfaces, ["ｶﾞｲﾄﾞブック", "と", "子供", "の", "１２３", "件", "です"])
        XCTAssertEqual(
            result.tokens.map { result.normalizedSurface(of: $0) },
            ["ガイドブック", "と", "子ども", "の", "123", "件", "です"])
    }

    /// Found in review: a token ending inside one NFKC expansion (⑴ → "(1)", ㈱ → "(株)") took the whole rest
    /// of the text as its verbatim surface.
    func testTokensInsideAnExpansionMapToThatCharacter() throws {
        let tokenizer = try Tokenizer()
        let a = tokenizer.tokenize("⑴保育園の充実")
        XCTAssertEqual(a.tokens.map { a.surface(of: $0) }, ["⑴", "保育園", "の", "充実"])
        let b = tokenizer.tokenize("㈱山田商店の前")
        XCTAssertEqual(b.surface(of: b.tokens[0]), "㈱")
        let c = tokenizer.tokenize("ｶﾞｲﾄﾞ")
        XCTAssertEqual(c.tokens.map { c.surface(of: $0) }, ["ｶﾞｲﾄﾞ"])
        for text in ["", "😀", "e\u{301}cole", "が\u{3099}", "ﾊﾟﾊﾟ①②", "㍻30年"] {
            let r = tokenizer.tokenize(text)
            for token in r.tokens {
                XCTAssertLessThanOrEqual(token.originalRange.upperBound, text.utf16.count, text)
                XCTAssertFalse(token.originalRange.isEmpty, text)
            }
        }
    }

    func testFoldKeyTranscodesEveryRange() {
        let samples = ["ABCガイドｶﾞ", "子ども😀𠮷", "é\u{0}ñ", "バス停", ""]
        for text in samples {
            let expected = String(
                text.unicodeScalars.map { scalar -> Character in
                    switch scalar.value {
                    case 0x30A1...0x30F6: return Character(Unicode.Scalar(scalar.value - 0x60) ?? scalar)
                    case 65...90: return Character(Unicode.Scalar(scalar.value + 32) ?? scalar)
                    default: return Character(scalar)
                    }
                })
            XCTAssertEqual(Normalizer.foldKey(ArraySlice(Array(text.utf16))), expected, text)
        }
        XCTAssertEqual(Normalizer.foldKey([0xD800, 0x41]), "\u{FFFD}a")
    }

    func testEmptyAndSymbolOnlyText() throws {
        let tokenizer = try Tokenizer()
        XCTAssertTrue(tokenizer.tokenize("").tokens.isEmpty)
        XCTAssertTrue(tokenizer.tokenize("、。・！").tokens.isEmpty)
    }
}
