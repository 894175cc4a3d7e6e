// The tokenizer's fast paths against the simple implementations they replaced: content word forms made through
// the table of Strings (and through none) equal `contentWords(display:)`, on inline cases and real text.
import Foundation
import XCTest

@testable import KoeText

final class WordStringsTests: XCTestCase {
    /// Inline cases: inflected words, katakana pieces, capitals, surrogate pairs, long words.
    static let cases = [
        "AIでバスのクリエイターが減らそうとしたBook、子どもたちの公園を守って", "ＵＲＬとＷｉ－Ｆｉを見直して、ゲームセンターへ行こう",
        "大きく強く考えています", "𠮷野家の𩸽を食べたい、𠮷く", "Ａく市の見守りと支え合う暮らし", "コミュニティバスターミナルエクスペリエンス",
        "働けるように取り組みを続ける。暮らしやすい町で暮らす", "言って持って守って選んで読んで",
    ]

    /// The lines of the sample answers and the shared corpora that are present.
    static func realLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = [root.appendingPathComponent("Samples/survey/citizen-survey.csv")]
        for path in ["aipubcom-bunkacho-2024/combined_list.csv", "yamaguchi-koukou-pubcom/opinions_flat.csv"] {
            files.append(root.appendingPathComponent("../shared/corpora/" + path).standardizedFileURL)
        }
        var lines: [String] = []
        for url in files where FileManager.default.fileExists(atPath: url.path) {
            lines += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        return lines
    }

    private func assertFormsEqualTheReference(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> Int
    {
        let tokenizer = try Tokenizer()
        let tiny = WordStrings(slots: 2)  // every slot shared by many words: collisions replace entries all the time
        var words = 0
        for text in lines {
            let t = tokenizer.tokenize(text)
            let keys = t.contentWords(display: false)
            let display = t.contentWords(display: true)
            for forms in [t.contentWordForms(), tokenizer.contentWordForms(t), t.contentWordForms(strings: tiny)] {
                XCTAssertEqual(forms.keys, keys, text, file: file, line: line)
                XCTAssertEqual(forms.display, display, text, file: file, line: line)
                // Byte for byte, not only canonically equal.
                XCTAssertEqual(forms.keys.map { Array($0.utf8) }, keys.map { Array($0.utf8) }, text, file: file, line: line)
                XCTAssertEqual(
                    forms.display.map { Array($0.utf8) }, display.map { Array($0.utf8) }, text, file: file, line: line)
            }
            words += keys.count
        }
        return words
    }

    func testFormsEqualTheReferenceOnInlineCases() throws {
        XCTAssertGreaterThan(try assertFormsEqualTheReference(Self.cases + Self.cases), 40)
    }

    func testFormsEqualTheReferenceOnRealText() throws {
        let lines = try Self.realLines()
        let words = try assertFormsEqualTheReference(lines)
        XCTAssertGreaterThan(words, lines.count, "real text has content words")
    }

    func testTableReturnsTheSameStringAndCountsHits() {
        let strings = WordStrings(slots: 4)
        let words = ["子ども", "バス", "ばす", "見直す", "クリエイターエクスペリエンス", "𠮷野", "a"]
        for word in words + words {
            for _ in 0..<2 {
                let units = Array(word.utf16)
                let made = units.withUnsafeBufferPointer { strings.string($0) }
                XCTAssertEqual(Array(made.utf8), Array(word.utf8))
            }
        }
        XCTAssertGreaterThan(strings.misses, 0)
        XCTAssertGreaterThan(strings.hits, 0, "a word met again in its slot is not made again")
        // A lone surrogate becomes U+FFFD as the transcoder makes it, from the table too.
        let lone: [UInt16] = [0x5E02, 0xD800]
        for _ in 0..<2 {
            XCTAssertEqual(lone.withUnsafeBufferPointer { strings.string($0) }, "市\u{FFFD}")
        }
    }

    func testFunctionKanaLookupEqualsTheSet() throws {
        let roles = WordRoles()
        var checked = 0
        for word in WordRoles.functionKana {
            for candidate in [word, word + [0x3042], Array(word.dropLast())] where candidate.count >= 3 {
                guard candidate.allSatisfy(Conjugation.isHiragana) else { continue }
                let expected: Token.Role = WordRoles.functionKana.contains(candidate) ? .function : .content
                let role = candidate.withUnsafeBufferPointer { u in
                    roles.role(
                        u, RawWord(start: 0, end: u.count, status: 300, forms: FormSet(), lexicon: false), kind: .kana,
                        hash: HashedWords.hash(candidate[...]))
                }
                XCTAssertEqual(role, expected, String(decoding: candidate, as: UTF16.self))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testLexiconMatchesEqualABruteForceSearch() throws {
        // Words cut from the texts themselves (two to five units, some with katakana and capitals to fold), so
        // that many places match and many only share a first unit or a first pair.
        let lines = Array(Self.cases + (try Self.realLines()).prefix(80))
        let normalizer = Normalizer.standard
        var words: Set<[UInt16]> = []
        for (n, line) in lines.enumerated() {
            let units = normalizer.normalize(line).units
            for start in stride(from: n % 3, to: units.count - 1, by: 7) {
                words.insert(Array(units[start..<min(units.count, start + 2 + (start + n) % 4)]).map(WordHash.fold))
            }
        }
        // Only words the lexicon keeps as they are (it trims spaces and normalizes what it is given).
        words = words.filter {
            normalizer.normalize(String(decoding: $0, as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)).units
                .map(WordHash.fold) == $0
        }
        let lexicon = WordLexicon(words: words.map { String(decoding: $0, as: UTF16.self) }, normalizer: normalizer)
        let longest = words.map(\.count).max() ?? 0
        var matched = 0
        for line in lines {
            let units = normalizer.normalize(line).units
            let folded = units.map(WordHash.fold)
            units.withUnsafeBufferPointer { u in
                for start in 0..<u.count {
                    var expected: [Int] = []
                    for end in stride(from: min(u.count, start + longest), through: start + 2, by: -1)
                    where words.contains(Array(folded[start..<end])) {
                        expected.append(end)
                    }
                    XCTAssertEqual(lexicon.matches(in: u, at: start), expected, line)
                    matched += expected.count
                }
            }
        }
        XCTAssertGreaterThan(matched, 1000)
    }

    /// The role as it was first written: every unit counted, then the lists looked up as Strings and arrays.
    private func referenceRole(_ t: TokenizedText, _ token: Token) -> Token.Role {
        if token.kind == .number { return .number }
        let units = Array(t.normalized.units[token.normalizedRange])
        let kanji = units.filter(Conjugation.isKanji).count
        let hiragana = units.filter(Conjugation.isHiragana).count
        let other = units.filter { !Conjugation.isKanji($0) && !Conjugation.isHiragana($0) && !(0xDC00...0xDFFF).contains($0) }
        if !other.isEmpty || token.fromLexicon { return .content }
        if kanji == 1 && hiragana == 0 {
            let word = RawWord(
                start: token.normalizedRange.lowerBound, end: token.normalizedRange.upperBound, status: 400, forms: FormSet(),
                lexicon: false)
            return t.normalized.units.withUnsafeBufferPointer { WordRoles.isLoneNoun($0, word) } ? .content : .fragment
        }
        let string = String(decoding: units, as: UTF16.self)
        if kanji > 0 { return WordRoles.functionKanji.contains(string) ? .function : .content }
        if token.forms.inflects || hiragana < 3 { return .function }
        return WordRoles.functionKana.contains(units) ? .function : .content
    }

    func testRolesEqualTheReferenceOnRealText() throws {
        let lexicon = WordLexicon(words: ["周南市", "地域振興バス", "ＤＸ推進", "子育て支援"])
        let tokenizer = try Tokenizer(words: lexicon)
        var roles: [Token.Role: Int] = [:]
        for text in Self.cases + (try Self.realLines()) + ["周南市の地域振興バスとDX推進"] {
            let t = tokenizer.tokenize(text)
            for token in t.tokens {
                XCTAssertEqual(token.role, referenceRole(t, token), t.normalizedSurface(of: token))
                roles[token.role, default: 0] += 1
            }
        }
        XCTAssertEqual(roles.count, 4, "every role occurs: \(roles)")
    }
}
