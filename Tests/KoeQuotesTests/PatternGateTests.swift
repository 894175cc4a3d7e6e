// PatternGateTests — the masker skips a pattern when a text lacks what every match needs (RequiredText): the
// reader of pattern sources on known shapes, and gated matching equal to ungated matching on every pattern of
// the masker over koe's masking cases and, where present, the shared corpora's answers.
import Foundation
import XCTest

@testable import KoeQuotes

final class PatternGateTests: XCTestCase {
    private func required(_ pattern: String) -> [[String]] {
        RequiredText(pattern: pattern).all.map { $0.map { String(decoding: $0, as: UTF16.self) }.sorted() }
    }

    func testLiteralRunsAndQuantifiers() {
        XCTAssertEqual(required("郵便番号"), [["郵便番号"]])
        XCTAssertEqual(required("ab?c"), [["a"], ["c"]], "b? is optional, so a and c are separate needs")
        XCTAssertEqual(required("a(?:bc)+d"), [["a"], ["bc"], ["d"]])
        XCTAssertEqual(required("x{0,2}y{2}z*"), [["y"]])
        XCTAssertEqual(required("(?:ab|cd)e"), [["ab", "cd"], ["e"]])
        XCTAssertEqual(required("[0-3]{3}番"), [["0", "1", "2", "3"], ["番"]])
        XCTAssertEqual(required("a+?b{1,}+"), [["a"], ["b"]], "lazy and possessive quantifiers still need their atom")
    }

    func testWhatIsNotRequired() {
        XCTAssertEqual(required("(?:ab|)c"), [["c"]], "an empty branch makes the alternation optional")
        XCTAssertEqual(required("d(?<!e)(?!f)"), [["d"]], "negative lookarounds say nothing")
        XCTAssertEqual(
            required("(?<=g)d(?=abc|xy)"), [["g"], ["d"], ["abc", "xy"]], "what a positive lookaround sees is in the text")
        XCTAssertEqual(required("(?:(?=a))?b(?=c)*"), [["b"]], "a repeated lookaround is not sure")
        XCTAssertEqual(required("(?i:line)ID"), [["ID"]], "a caseless group has no literal strings")
        XCTAssertEqual(required("[^a]b"), [["b"]], "a negated class says nothing")
        XCTAssertEqual(required("[[a-z]&&[^b]]c"), [["c"]], "a set operation is not read")
        XCTAssertEqual(required("\\p{Han}{2}様"), [["様"]])
        XCTAssertEqual(required("^.a$\\b"), [["a"]])
        XCTAssertEqual(required("[\\p{Han}a]x"), [["x"]])
    }

    func testUnknownSyntaxGivesUp() {
        XCTAssertEqual(required("(?i)abc"), [], "an inline flag for the rest of the pattern is not read")
        XCTAssertEqual(required("a(b"), [])
        XCTAssertEqual(required("a)b"), [])
        XCTAssertEqual(required("\\1a"), [], "a back reference is not read")
        XCTAssertEqual(required("a{,3}"), [])
    }

    func testClassesAndEscapes() {
        XCTAssertEqual(required("[@＠]"), [["@", "＠"]])
        XCTAssertEqual(required("[-‐]x"), [["-", "‐"], ["x"]], "a dash first in a class is itself")
        XCTAssertEqual(required("[a\\-c]"), [["-", "a", "c"]])
        XCTAssertEqual(required("\\.jp"), [[".jp"]])
        XCTAssertEqual(
            required("[A-Za-z]"),
            [
                [
                    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X",
                    "Y", "Z", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
                    "w", "x", "y", "z",
                ]
            ])
        XCTAssertEqual(required("[一-龯]x"), [["x"]], "a range wider than the cap is opaque")
    }

    func testPresenceOfUnits() {
        let present = UnitPresence(Array("会員番号は12".utf16))
        XCTAssertTrue(RequiredText(pattern: "番号[0-9]").allows(present))
        XCTAssertFalse(RequiredText(pattern: "会員ID").allows(present))
        XCTAssertTrue(RequiredText(pattern: "(?:会員ID|番号)").allows(present))
        XCTAssertTrue(RequiredText(pattern: "(?i)zzz").allows(present), "no requirement: always allowed")
    }

    /// Every pattern of the masker and of the name finder, gated and not, on every text: the same matches.
    func testGatedMatchingEqualsUngatedMatching() throws {
        var texts = MaskingCases.all.map(\.input)
        let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/corpora")
        if let files = FileManager.default.enumerator(at: corpora.standardized, includingPropertiesForKeys: nil) {
            for case let file as URL in files where ["csv", "txt", "tsv"].contains(file.pathExtension) {
                guard let data = try? Data(contentsOf: file), data.count < 20_000_000,
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                texts += text.split(whereSeparator: \.isNewline).prefix(4000).map(String.init)
            }
        }
        let masker = Masker()
        var gated = 0
        var compared = 0
        for (set, view) in [(masker.patterns, true), (masker.contextPatterns, false)] {
            set.withMatchers { matchers in
                for text in texts {
                    let units = view ? MatchingView(text).units : Array(text.utf16)
                    let present = UnitPresence(units)
                    for index in set.sources.indices {
                        let all = matchers.matches(index, in: units, present: nil)
                        let some = matchers.matches(index, in: units, present: present)
                        if !set.required[index].allows(present) { gated += 1 }
                        compared += 1
                        XCTAssertEqual(all, some, "pattern \(set.sources[index]) on \(text)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(gated, compared / 4, "the gates skip a real share of the work")
        print("PatternGateTests: \(texts.count) texts, \(compared) pattern runs compared, \(gated) skipped")
    }

    /// Most of the masker's patterns have a requirement (so the gates do work).
    func testMostPatternsHaveARequirement() {
        let masker = Masker()
        let sets = [masker.patterns, masker.contextPatterns]
        let withNeeds = sets.flatMap(\.required).filter { !$0.all.isEmpty }.count
        let total = sets.map(\.sources.count).reduce(0, +)
        XCTAssertGreaterThan(withNeeds * 4, total * 3, "\(withNeeds) of \(total) patterns have a requirement")
    }

    /// One masker used from several threads at once (each borrows matchers of its own) masks as it does alone.
    func testSharedPatternsFromManyThreads() {
        let texts = MaskingCases.all.map(\.input)
        let masker = Masker()
        let alone = texts.map { masker.spans(in: $0) }
        final class Results: @unchecked Sendable {
            var spans: [[MaskedSpan]]
            let lock = NSLock()
            init(_ count: Int) { spans = Array(repeating: [], count: count) }
        }
        let together = Results(texts.count)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in stride(from: worker, to: texts.count, by: 8) {
                let spans = (worker % 2 == 0 ? masker : Masker()).spans(in: texts[index])
                together.lock.lock()
                together.spans[index] = spans
                together.lock.unlock()
            }
        }
        XCTAssertEqual(alone, together.spans)
        XCTAssertGreaterThan(alone.filter { !$0.isEmpty }.count, texts.count / 3, "the cases do hold personal data")
    }

    /// A presence made in reused bits (how matchers make one per text) answers as a fresh one, and its bits are all
    /// zero again once cleared: over a sequence of texts, each gate and each unit of this text and of the one before.
    func testReusedPresenceBitsEqualFreshPresence() {
        let masker = Masker()
        let gates = masker.patterns.required + masker.contextPatterns.required
        let bits = PresenceBits()
        var before: [UInt16] = Array("0123456789@＠-ー番号".utf16)
        for text in MaskingCases.all.map(\.input) + ["", "a", "電話は090-1234-5678", "田中さん"] {
            for units in [MatchingView(text).units, Array(text.utf16)] {
                let fresh = UnitPresence(units)
                let reused = UnitPresence(units, bits: bits)
                for (k, gate) in gates.enumerated() {
                    XCTAssertEqual(gate.allows(reused), gate.allows(fresh), "gate \(k) on \(text)")
                }
                for u in units + before {
                    XCTAssertEqual(reused.contains(u), fresh.contains(u), "unit \(u) on \(text)")
                }
                XCTAssertFalse(bits.isClear && !units.isEmpty, "the text's units are set")
                reused.clear()
                XCTAssertTrue(bits.isClear, "cleared after \(text)")
                before = units
            }
        }
    }

    /// `mask(_:spans:)` with the first pass's spans given masks as passes of `maskOnce` until nothing changes (what
    /// `mask` did before it took the spans), and `MaskedWords` finds the same words as with the plain `mask`.
    func testMaskWithKnownSpansEqualsRepeatedPasses() {
        let masker = Masker()
        var changed = 0
        for text in MaskingCases.all.map(\.input) + ["マンション500万円 上杉謙信さん", "特になし", ""] {
            var plain = text
            for _ in 0..<8 {
                let next = masker.maskOnce(plain)
                if next == plain { break }
                plain = next
            }
            let spans = Masker.merged(masker.spans(in: text))
            XCTAssertEqual(masker.mask(text, spans: spans), plain, text)
            XCTAssertEqual(masker.mask(text), plain, text)
            if plain != text { changed += 1 }
            let words = ["田中", "さん", "090", "ばす", "上杉", "謙信"]
            let before = MaskedWords.fold(text)
            let after = MaskedWords.fold(plain)
            let expected = Set(
                words.filter {
                    MaskedWords.occurrences(of: MaskedWords.fold($0), in: after)
                        < MaskedWords.occurrences(of: MaskedWords.fold($0), in: before)
                })
            XCTAssertEqual(MaskedWords.inMaskedSpans(words, text: text, masker: masker), spans.isEmpty ? [] : expected, text)
        }
        XCTAssertGreaterThan(changed, 10, "cases that mask something are among them")
    }

    /// Kana digit words are read as digits only in runs long enough (counted before the digits are listed).
    func testKanaDigitRuns() {
        XCTAssertEqual(String(decoding: MatchingView("電話はゼロハチゼロです").units, as: UTF16.self), "電話は080です")
        XCTAssertEqual(String(decoding: MatchingView("ぜろきゅうぜろへ").units, as: UTF16.self), "090へ")
        XCTAssertEqual(String(decoding: MatchingView("東京にご連絡").units, as: UTF16.self), "東京にご連絡")
        XCTAssertEqual(String(decoding: MatchingView("ゴの字").units, as: UTF16.self), "ゴの字", "one katakana word alone")
        XCTAssertEqual(String(decoding: MatchingView("ゴ9").units, as: UTF16.self), "59", "one katakana word by a digit")
        XCTAssertNil(MatchingView.kanaDigits(Array("にさん".utf16), at: 0), "two hiragana words are no number")
        XCTAssertEqual(MatchingView.kanaDigits(Array("にさんご".utf16), at: 0)?.map(\.0), [2, 3, 5])
        XCTAssertEqual(MatchingView.kanaDigits(Array("にさんご".utf16), at: 0)?.map(\.1), [1, 2, 1])
    }

    /// `mayContain` (bit test, then a search over the text's buffer) against a plain search, on strings built from
    /// the text's own units and from units it lacks.
    func testMayContainEqualsPlainSearch() {
        func plain(_ string: [UInt16], _ text: [UInt16]) -> Bool {
            guard !string.isEmpty, string.count <= text.count else { return false }
            return (0...(text.count - string.count)).contains { Array(text[$0..<($0 + string.count)]) == string }
        }
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for text in MaskingCases.all.map(\.input).prefix(200) + ["", "a", "ab", "会員番号"] {
            let units = Array(text.utf16)
            let present = UnitPresence(units)
            var strings: [[UInt16]] = [[], [0x41], Array("番号".utf16), Array("さん".utf16), units]
            for _ in 0..<20 where !units.isEmpty {
                let start = Int.random(in: 0..<units.count, using: &generator)
                let end = Int.random(in: start...min(units.count, start + 4), using: &generator)
                var s = Array(units[start..<end])
                if Bool.random(using: &generator), !s.isEmpty { s[s.count - 1] = units[Int.random(in: 0..<units.count, using: &generator)] }
                strings.append(s)
            }
            for string in strings {
                XCTAssertEqual(present.mayContain(string), plain(string, units), "\(string) in \(text)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    /// An `AnchorSet` of one-unit strings (how RelationNames, ListNames and ContextNames now test a unit against a
    /// small set at every unit or kanji run) answers as the `Set<UInt16>` it replaced, for every UTF-16 unit.
    func testOneUnitAnchorSetEqualsSetMembership() {
        for text in ["はがも:：→＝=「 　", "、，,・と 　/／", "者員記当師長方宅士", "\u{0}\u{FFFF}a", "夫妻娘孫父母兄姉弟妹"] {
            let units = Array(text.utf16)
            let set = Set(units)
            let bits = AnchorSet(units.map { [$0] })
            for u in UInt16.min...UInt16.max where bits.mayStart(u) != set.contains(u) {
                XCTFail("unit \(u) of \(text)")
            }
        }
    }

    /// `RelationNames.relation` (only words ending in the unit before p compared) against the plain scan of every
    /// kinship and role word, at every position of the masking cases and of texts made of the words themselves.
    func testRelationWordLookupEqualsPlainScan() {
        let words = RelationNames.kinship.map { (Array($0.utf16), true) } + RelationNames.roles.map { (Array($0.utf16), false) }
        func plain(_ s: [UInt16], _ p: Int) -> (length: Int, kin: Bool)? {
            var best: (length: Int, kin: Bool)?
            for (word, kin) in words where word.count <= p && word.count > (best?.length ?? 0) {
                guard s[(p - word.count)..<p].elementsEqual(word) else { continue }
                if word.count == 1, p >= 2, PersonNames.isKanji(s[p - 2]) { continue }
                best = (word.count, kin)
            }
            return best
        }
        var found = 0
        let texts =
            MaskingCases.all.map(\.input) + ["義父の斎藤", "工夫の", "自治会長の松田", "ひ孫と娘婿"]
            + [(RelationNames.kinship + RelationNames.roles).joined()]
        for text in texts {
            let s = Array(text.utf16)
            for p in s.indices.dropFirst() {
                let fast = RelationNames.relation(s, endingAt: p)
                let slow = plain(s, p)
                XCTAssertTrue(fast?.length == slow?.length && fast?.kin == slow?.kin, "\(text) at \(p)")
                if slow != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 100, "relation words are found")
    }
}
