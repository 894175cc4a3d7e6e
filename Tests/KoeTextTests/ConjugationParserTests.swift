// The tokenizer's fast tables against the readable ones they are built from: the grammar grouped by first kana,
// the lemmas by first kana, NFKC's fast paths against ICU, and cached readings against the parser.
import XCTest

@testable import KoeText

final class ConjugationParserTests: XCTestCase {
    /// `Conjugation.isKanji`'s comparisons against the ranges it stands for, on every UTF-16 unit.
    func testIsKanjiEqualsTheRanges() {
        for u in UInt16.min...UInt16.max {
            let ranges =
                (0x4E00...0x9FFF).contains(u) || (0x3400...0x4DBF).contains(u) || (0xF900...0xFAFF).contains(u)
                || u == 0x3005 || (0xD800...0xDBFF).contains(u)
            XCTAssertEqual(Conjugation.isKanji(u), ranges, String(u, radix: 16))
        }
    }

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

    /// Every unit the normalizer treats as already NFKC is left alone by ICU's NFKC, alone and beside the others
    /// (one of each range, both ends); a text of them only gets the identity map, as the ICU path gives it.
    func testInertUnitsAreLeftAloneByNFKC() {
        var inert: [UInt16] = []
        for u in 0...0xFFFF where Normalizer.isInert(UInt16(u)) {
            inert.append(UInt16(u))
            XCTAssertEqual(NFKC.normalize([UInt16(u)]).text, [UInt16(u)], String(format: "U+%04X", u))
        }
        XCTAssertEqual(inert.count, 0x5F + 0x56 + 0x5A + 1 + 0x5200 + 3 + 10)
        XCTAssertFalse(Normalizer.isInert(0xFF21), "full-width A folds to A")
        XCTAssertFalse(Normalizer.isInert(0x3000), "the ideographic space folds to a space")
        XCTAssertFalse(Normalizer.isInert(0x3099), "a combining sound mark composes")
        let ends = inert.filter { !Normalizer.isInert($0 &- 1) || !Normalizer.isInert($0 &+ 1) }
        for a in ends {
            for b in ends { XCTAssertEqual(NFKC.normalize([a, b]).text, [a, b]) }
        }
        let text = "子ども医療費を充実してほしい。ICTの「活用」、バス々"
        let fast = Normalizer.standard.normalize(text)
        let units = Normalizer.utf16(text)
        var scratch: [UInt16] = []
        XCTAssertTrue(Normalizer.utf16(text, into: &scratch).inert)
        let icu = NFKC.normalize(units)
        XCTAssertEqual(icu.text, units)
        XCTAssertEqual(fast.map, icu.map + [Int32(units.count)])
        XCTAssertFalse(Normalizer.utf16("ＩＣＴ", into: &scratch).inert)
    }

    /// Readings through the word layer's cache equal the parser's, called twice so the second comes from the
    /// table, over more words than it has slots (so slots are overwritten and colliding words must not match).
    func testCachedReadingsEqualTheParsers() {
        let parser = Conjugation.parser
        let layer = WordLayer()
        let kana = Array("かきくけこがさしすせそたちつてとなにのまみむめもらりるれろわいうえおをんっでだばよう".utf16)
        var words: [[UInt16]] = []
        for a in kana {
            for b in kana {
                words.append([a, b])
                for c in kana.prefix(12) { words.append([a, b, c]) }
            }
        }
        XCTAssertGreaterThan(words.count, ReadingCache.slots * 2)
        var inflecting = 0
        for _ in 0..<2 {
            for tail in words {
                let kanaForms = tail.withUnsafeBufferPointer { layer.analyzeKana($0) }
                XCTAssertEqual(kanaForms, tail.withUnsafeBufferPointer { parser.analyzeKana($0) })
                for stem in [Array("書".utf16), Array("見直".utf16)] {
                    let word = stem + tail
                    word.withUnsafeBufferPointer { w in
                        for (minStem, suru, limit) in [(stem.count, false, 2), (1, true, 3), (stem.count, false, 0)] {
                            let cached = layer.analyze(w, minStem: minStem, suruNoun: suru, maxStemKana: limit)
                            XCTAssertEqual(cached, parser.analyze(w, minStem: minStem, suruNoun: suru, maxStemKana: limit))
                            if cached.inflects { inflecting += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(inflecting, 1000)
    }
}
