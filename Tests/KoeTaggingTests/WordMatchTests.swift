// Keyword matching on words: a dictionary-form keyword matches conjugated forms, names kept whole, look-alikes
// never match. The case table is Tests/Fixtures/words/cases.tsv (scripts/eval/word_cases.py runs MeCab on it).
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class WordMatchTests: XCTestCase {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/words/cases.tsv")
    /// Names a pipeline's `words:` list or gazetteer would hold (KH Coder's 強制抽出する語).
    static let wordList = ["えんぱーく", "奈良井宿", "鹿野分校", "下松市"]

    struct Case {
        var category: String
        var keyword: String
        var sentence: String
        var expected: Bool
    }

    static func load() throws -> [Case] {
        let text = try String(contentsOf: cases, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Case? in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 4 else { return nil }
            return Case(category: f[0], keyword: f[1], sentence: f[2], expected: f[3] == "1")
        }
    }

    /// Whether `keyword` tags `sentence`, through the codebook path a pipeline uses (lexicon, keyword keys, trie).
    static func matches(_ keyword: String, _ sentence: String, tokenizer: Tokenizer) throws -> (Bool, [Evidence]) {
        tokenizer.words = WordLexicon(words: [keyword].filter(WordLexicon.isNameLike) + wordList)
        let area = Area(
            code: "A", name: "A", level: 1, parentCode: nil, horizon: nil,
            keywords: [Keyword(text: keyword, keys: tokenizer.keys(keyword))], exclude: [], ruleText: nil, rule: nil,
            location: SourceLocation(file: "t.yml"))
        let tagger = try Tagger(codebook: try Codebook(areas: [area], displayPath: "t.yml"))
        let result = tagger.tag(tokenizer.tokenize(sentence))
        return (!result.areas.isEmpty, result.evidence["A"] ?? [])
    }

    func testCaseTableRecallAndFalseMatches() throws {
        let cases = try Self.load()
        XCTAssertGreaterThanOrEqual(cases.count, 150)
        let tokenizer = try Tokenizer()
        var positives = 0
        var found = 0
        var negatives = 0
        var falseMatches = 0
        var byCategory: [String: (hit: Int, total: Int)] = [:]
        var misses: [String] = []
        for c in cases {
            let (matched, evidence) = try Self.matches(c.keyword, c.sentence, tokenizer: tokenizer)
            byCategory[c.category, default: (0, 0)].total += 1
            if matched == c.expected { byCategory[c.category, default: (0, 0)].hit += 1 }
            if c.expected {
                positives += 1
                if matched { found += 1 } else { misses.append("miss  \(c.keyword) | \(c.sentence)") }
                // Evidence is verbatim text at its code-point offsets.
                for e in evidence {
                    let scalars = Array(c.sentence.unicodeScalars)
                    var slice = String.UnicodeScalarView()
                    slice.append(contentsOf: scalars[e.start..<e.end])
                    XCTAssertEqual(String(slice), e.surface, "\(c.keyword) | \(c.sentence)")
                }
            } else {
                negatives += 1
                if matched {
                    falseMatches += 1
                    misses.append("false \(c.keyword) | \(c.sentence) → \(evidence.map(\.surface))")
                }
            }
        }
        let recall = Double(found) / Double(positives)
        print(String(format: "word cases: recall %.3f (%d/%d), false matches %d/%d", recall, found, positives, falseMatches, negatives))
        for (category, r) in byCategory.sorted(by: { $0.key < $1.key }) { print("  \(category): \(r.hit)/\(r.total) right") }
        for m in misses { print("  " + m) }
        XCTAssertGreaterThanOrEqual(recall, 0.9)
        XCTAssertLessThanOrEqual(falseMatches, negatives / 16)
    }

    func testEvidenceKeepsTheConjugatedSurface() throws {
        let tokenizer = try Tokenizer()
        let (matched, evidence) = try Self.matches("減らす", "送迎の負担を減らそうと思う", tokenizer: tokenizer)
        XCTAssertTrue(matched)
        XCTAssertEqual(evidence.map(\.surface), ["減らそう"])
        XCTAssertEqual(evidence.map(\.start), [6])
        XCTAssertEqual(evidence.map(\.end), [10])
        let (_, safe) = try Self.matches("安い", "ﾊﾞｽ代が安くて😀助かる", tokenizer: tokenizer)
        XCTAssertEqual(safe.map(\.surface), ["安くて"])
        XCTAssertEqual(safe.map(\.start), [5], "ﾊﾞ is two code points")
    }

    func testPhraseKeywordsMatchAcrossWords() throws {
        let tokenizer = try Tokenizer()
        XCTAssertTrue(try Self.matches("子どもを産み育てる", "子供を産み育てる環境", tokenizer: tokenizer).0)
        XCTAssertTrue(try Self.matches("時間をかけ", "もっと時間をかけて議論すべき", tokenizer: tokenizer).0)
        XCTAssertFalse(try Self.matches("時間をかけ", "時間がかかる", tokenizer: tokenizer).0)
    }
}
