// The tokenizer's fast tables against the readable ones they are built from: the grammar grouped by first kana,
// the lemmas by first kana, and NFKC's quick-check fast path against offsets the per-segment path gave.
import XCTest

@testable import KoeText

final class ConjugationParserTests: XCTestCase {
    /// The automaton as written in `Grammar.table`, walked edge by edge in table order.
    static func reference(_ state: Grammar.Chain, _ tail: ArraySlice<UInt16>) -> Bool {
        if state == .end { return tail.isEmpty }
        for (literal, next) in Grammar.table[state.rawValue]
        where tail.starts(with: literal) && reference(next, tail.dropFirst(literal.count)) {
            return true
        }
        return false
    }

    /// Every state on every literal pair, and on pseudo-random tails over the grammar's kana and a few others,
    /// accepts exactly what the table accepts.
    func testGroupedGrammarAcceptsWhatTheTableAccepts() {
        let literals = Set(Grammar.table.flatMap { $0.map(\.literal) })
        var alphabet = Array(Set(literals.flatMap { $0 })).sorted()
        alphabet += Array("のをがアー子a".utf16)
        var tails: [[UInt16]] = [[]]
        for a in literals { for b in literals { tails.append(a + b) } }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(seed >> 61)
            var tail: [UInt16] = []
            for k in 0..<length { tail.append(alphabet[Int((seed >> UInt64(8 * k)) & 0xFF) % alphabet.count]) }
            tails.append(tail)
        }
        var accepted = 0
        for state in Grammar.Chain.allCases {
            for tail in tails {
                let expected = Self.reference(state, tail[...])
                XCTAssertEqual(Grammar.accepts(state, tail[...]), expected, "\(state) \(String(decoding: tail, as: UTF16.self))")
                if expected { accepted += 1 }
            }
        }
        XCTAssertGreaterThan(accepted, 1000)
    }

    /// Each first kana selects exactly the lemmas whose stem starts with it, plus the empty stem (する).
    func testLemmasByFirstKana() {
        let parser = Conjugation.parser
        for k in 0...96 {
            var expected: UInt32 = 0
            for (l, lemma) in Conjugation.kanaLemmas.enumerated() {
                if lemma.stem.isEmpty || (k < 96 && lemma.stem[0] == UInt16(0x3040 + k)) { expected |= 1 << UInt32(l) }
            }
            XCTAssertEqual(parser.lemmasByHead[k], expected, "kana \(k)")
        }
        XCTAssertEqual(parser.singleUnitEnding(0x308B), 7)  // る
        XCTAssertNil(parser.singleUnitEnding(0x3057))  // し (only in する)
    }

    /// The word layer skips candidate ends `canEnd` rejects: no word with a reading ends there. Checked on
    /// every kanji + kana-tail word over the grammar's kana up to three kana, and every kana word up to four.
    func testNoReadingEndsWhereCanEndSaysNo() {
        let parser = Conjugation.parser
        var kana = Array(Set(Grammar.table.flatMap { $0.flatMap(\.literal) })).sorted()
        kana += Array("かきくけこがぎぐげごさしすせそたちつてとなにぬねのばびぶべぼまみむめもらりるれろわいうえおをんっ".utf16)
        kana = Array(Set(kana)).sorted()
        var words: [[UInt16]] = []
        for a in kana {
            words.append([a])
            for b in kana {
                words.append([a, b])
                for c in kana { words.append([a, b, c]) }
            }
        }
        var rejected = 0
        for tail in words where !parser.canEnd(tail[tail.count - 1]) {
            rejected += 1
            let kanaWord = tail.withUnsafeBufferPointer { parser.analyzeKana($0).inflects }
            XCTAssertFalse(kanaWord, String(decoding: tail, as: UTF16.self))
            for stem in [Array("書".utf16), Array("見".utf16), Array("見直".utf16), Array("高".utf16)] {
                let word = stem + tail
                let reads = word.withUnsafeBufferPointer { w in
                    (1...2).contains { k in
                        k < w.count && parser.analyze(w, minStem: k).inflects
                            || parser.analyze(w, minStem: 1, suruNoun: true, maxStemKana: 3).inflects
                    }
                }
                XCTAssertFalse(reads, String(decoding: word, as: UTF16.self))
            }
        }
        XCTAssertGreaterThan(rejected, 1000)
    }

    /// The buffer parser and the slice entry point agree, including on a slice that does not start at 0.
    func testSliceAndBufferReadingsAgree() {
        let text = Array("xx減らそう".utf16)
        let slice = text[2...]
        let forms = Conjugation.analyze(slice, minStem: 1)
        XCTAssertTrue(forms.inflects)
        XCTAssertEqual(forms.count, 1)
        let direct = text.withUnsafeBufferPointer {
            Conjugation.parser.analyze(UnsafeBufferPointer(rebasing: $0[2...]), minStem: 1)
        }
        XCTAssertEqual(direct, forms)
        XCTAssertEqual(Conjugation.analyzeKana(Array("して".utf16)[...]).count, 1)
    }

    /// Runs already in NFKC between ones that are not keep their own offsets (expected surfaces from the
    /// per-segment normalizer this fast path replaced).
    func testOffsetsAcrossMixedRuns() throws {
        let text = "（３）生成ＡＩは①ｶﾞｲﾄﾞで㍻30年が\u{3099}、e\u{301}cole子供😀𠮷ﾊﾟﾊﾟです"
        let result = try Tokenizer().tokenize(text)
        XCTAssertEqual(
            result.tokens.map { result.surface(of: $0) },
            ["３", "生成", "ＡＩ", "は", "①", "ｶﾞｲﾄﾞ", "で", "㍻", "30", "年", "が\u{3099}", "e\u{301}cole", "子供", "𠮷", "ﾊﾟﾊﾟ", "です"])
        XCTAssertEqual(
            result.tokens.map { result.normalizedSurface(of: $0) },
            ["3", "生成", "AI", "は", "1", "ガイド", "で", "平成", "30", "年", "が\u{3099}", "école", "子ども", "𠮷", "パパ", "です"])
        // Reused buffers: a shorter text after a longer one sees none of the longer one's units.
        let tokenizer = try Tokenizer()
        _ = tokenizer.tokenize(text)
        let short = tokenizer.tokenize("バス")
        XCTAssertEqual(short.normalized.units, Array("バス".utf16))
        XCTAssertEqual(short.normalized.map, [0, 1, 2])
    }
}
