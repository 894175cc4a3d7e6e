// Tagging: whole-word matching, ancestors, exclusions, rules, evidence offsets, and matcher cost vs size.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class TaggerTests: XCTestCase {
    let tokenizer = try! Tokenizer()

    func area(
        _ code: String, parent: String? = nil, level: Int = 1, keywords: [String] = [], exclude: [String] = [],
        rule: String? = nil
    ) throws -> Area {
        let parsed = try rule.map { text -> RuleExpression in
            var p = RuleParser(source: RuleSource(text), keys: { [tokenizer] in tokenizer.keys($0) })
            return try p.parse()
        }
        return Area(
            code: code, name: code, level: level, parentCode: parent, horizon: nil,
            keywords: keywords.map { Keyword(text: $0, keys: tokenizer.keys($0)) },
            exclude: exclude.map { Keyword(text: $0, keys: tokenizer.keys($0)) },
            ruleText: rule, rule: parsed, location: SourceLocation(file: "t.yml"))
    }

    func tagger(_ areas: [Area]) throws -> Tagger {
        try Tagger(codebook: try Codebook(areas: areas, displayPath: "t.yml"))
    }

    func tag(_ tagger: Tagger, _ text: String) -> TagResult { tagger.tag(tokenizer.tokenize(text)) }

    func testWholeWordsOnly() throws {
        let t = try tagger([try area("bus", keywords: ["バス"])])
        XCTAssertEqual(tag(t, "バスの本数を増やしてほしい").areas, ["bus"])
        XCTAssertEqual(tag(t, "バスケットボールのコートがほしい").areas, [])
        XCTAssertEqual(tag(t, "ﾊﾞｽが来ない").areas, ["bus"], "half-width katakana folds")
        XCTAssertEqual(tag(t, "バス停が遠い").areas, [], "ICU keeps バス停 whole (PLATFORM.md)")
    }

    func testKodomoMatchesInKodomotachiBecauseICUSplits() throws {
        XCTAssertEqual(tokenizer.keys("子どもたち"), ["子ども", "たち"])
        let t = try tagger([try area("kids", keywords: ["子ども"])])
        let result = tag(t, "子供たちの遊び場")
        XCTAssertEqual(result.areas, ["kids"])
        XCTAssertEqual(result.evidence["kids"]?.first?.surface, "子供")
        XCTAssertEqual(tag(t, "こども達").areas, ["kids"])
    }

    func testMultiTokenKeywordAndEvidenceOffsetsInCodePoints() throws {
        let t = try tagger([try area("care", keywords: ["学童保育"])])
        let text = "😀ＡＢ、学童保育を増やして"
        let e = try XCTUnwrap(tag(t, text).evidence["care"]?.first)
        XCTAssertEqual(e.keyword, "学童保育")
        XCTAssertEqual(e.surface, "学童保育")
        XCTAssertEqual(e.start, 4, "the emoji is one code point (two UTF-16 units)")
        XCTAssertEqual(e.end, 8)
        XCTAssertEqual(Array(text.unicodeScalars)[e.start..<e.end].map(String.init).joined(), "学童保育")
        XCTAssertEqual(tag(t, "学童の保育").areas, [], "tokens must be consecutive")
    }

    func testAncestorsInPlanOrder() throws {
        let t = try tagger([
            try area("A"), try area("1", parent: "A", level: 2), try area("1-1", parent: "1", level: 3, keywords: ["保育園"]),
            try area("B", keywords: ["公園"]),
        ])
        let r = tag(t, "公園と保育園")
        XCTAssertEqual(r.areas, ["A", "1", "1-1", "B"])
        XCTAssertEqual(r.direct, ["1-1", "B"])
        XCTAssertEqual(r.evidence["A"]?.map(\.code), ["1-1"])
    }

    func testExclusionIsRecorded() throws {
        let t = try tagger([try area("care", keywords: ["保育園"], exclude: ["観光"]), try area("x", keywords: ["観光"])])
        let r = tag(t, "観光客が保育園の前に駐車する")
        XCTAssertEqual(r.areas, ["x"])
        XCTAssertEqual(r.excluded.count, 1)
        XCTAssertEqual(r.excluded.first?.code, "care")
        XCTAssertEqual(r.excluded.first?.exclude, "観光")
        XCTAssertEqual(r.excluded.first?.start, 0)
        XCTAssertEqual(r.excluded.first?.blocked.map(\.keyword), ["保育園"])
        XCTAssertEqual(tag(t, "観光地").excluded, [], "no exclusion recorded when nothing was blocked")
    }

    /// Found in review: an exclusion on a measure did not hold for its sub-items, so the measure was still
    /// counted through a child's keyword.
    func testExclusionHoldsForTheSubtree() throws {
        let t = try tagger([
            try area("4", keywords: []),
            try area("4-1", parent: "4", level: 2, keywords: ["バス"], exclude: ["観光"]),
            try area("4-1-1", parent: "4-1", level: 3, keywords: ["路線"]),
            try area("10", keywords: ["観光"]),
        ])
        let r = tag(t, "観光バスの路線を増やしてほしい")
        XCTAssertEqual(r.areas, ["10"])
        XCTAssertEqual(Set(r.excluded.map(\.code)), ["4-1", "4-1-1"])
        XCTAssertEqual(tag(t, "路線バスを増やしてほしい").areas, ["4", "4-1", "4-1-1"])
    }

    func testRules() throws {
        let t = try tagger([
            try area("r1", rule: "(保育園 | 学童) & !観光"),
            try area("count", rule: "公園 >= 2"),
            try area("near", rule: "near(先生-奥さん)[3]"),
            try area("seq", rule: "seq(先生-奥さん)[b5]"),
            try area("ref", rule: "<＊r1> & 公園"),
            try area("raw", rule: "'先生と奥さん'"),
            try area("len", rule: "lw <= 2"),
        ])
        XCTAssertEqual(tag(t, "学童が足りない").areas, ["r1"])
        XCTAssertEqual(tag(t, "学童と観光").areas, [])
        XCTAssertEqual(tag(t, "公園、公園").areas, ["count", "len"])
        XCTAssertEqual(tag(t, "公園と学童").areas, ["r1", "ref"])
        XCTAssertEqual(tag(t, "奥さんと先生").areas, ["near", "raw"].filter { $0 == "near" })
        XCTAssertEqual(tag(t, "先生と奥さん").areas, ["near", "seq", "raw"])
        XCTAssertEqual(tag(t, "先生。その奥さん").areas, ["near"], "[b5] requires the same sentence")
        XCTAssertEqual(tag(t, "先生がいつも昼も夜も本当に奥さん").areas, ["seq"].filter { _ in false }, "outside the window")
        let evidence = tag(t, "学童が足りない").evidence["r1"]
        XCTAssertEqual(evidence?.map(\.keyword), ["学童"])
        XCTAssertEqual(evidence?.first?.via, "rule")
    }

    func testTaggingDoesNotDependOnOrder() throws {
        let areas = [try area("a", keywords: ["公園"]), try area("b", keywords: ["バス"]), try area("c", rule: "<＊a> | <＊b>")]
        let forward = try tagger(areas)
        let text = "バスで公園へ"
        XCTAssertEqual(tag(forward, text).areas, ["a", "b", "c"])
        let reversed = try tagger(areas.reversed())
        XCTAssertEqual(Set(tag(reversed, text).areas), ["a", "b", "c"])
    }

    /// Matching cost must not grow with the number of keywords (printed, not asserted on time).
    func testCostIsFlatFrom20To2000Keywords() throws {
        let text = tokenizer.tokenize(String(repeating: "駅前の駐輪場が狭く、バスの本数も少ないので改善してほしい。", count: 20))
        var lines: [String] = []
        var probes: [Int] = []
        for size in [20, 200, 2000] {
            var areas: [Area] = []
            for i in 0..<size {
                areas.append(
                    Area(
                        code: "k\(i)", name: "k\(i)", level: 1, parentCode: nil, horizon: nil,
                        keywords: [Keyword(text: "語\(i)", keys: tokenizer.keys("語\(i)") + ["x\(i)"])],
                        exclude: [], ruleText: nil, rule: nil, location: SourceLocation(file: "t")))
            }
            areas.append(try area("bus", keywords: ["バス"]))
            let t = try tagger(areas)
            XCTAssertEqual(t.tag(text).areas, ["bus"])
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<200 { _ = t.tag(text) }
            let perText = Double(DispatchTime.now().uptimeNanoseconds - start) / 200 / 1000
            lines.append("keywords=\(size + 1) patterns=\(t.patternCount) \(String(format: "%.1f", perText)) µs/text")
            probes.append(t.patternCount)
        }
        print("matcher cost: " + lines.joined(separator: "; "))
        XCTAssertEqual(probes, [21, 201, 2001])
    }
}

extension TaggerTests {
    /// One Tagger shared by threads, one Tokenizer per thread: same tags as one thread.
    func testSharedTaggerAcrossThreads() throws {
        let t = try tagger([
            try area("bus", keywords: ["バス"]), try area("kids", keywords: ["子ども"]),
            try area("r", rule: "near(バス-子ども)[5]"),
        ])
        let texts = (0..<400).map { i in i % 3 == 0 ? "バスで子どもが通う\(i)" : (i % 3 == 1 ? "バスケット\(i)" : "子供の居場所\(i)") }
        let expected = texts.map { tag(t, $0).areas }
        let results = ResultBox(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            guard let tokenizer = try? Tokenizer() else { return }
            for i in stride(from: worker, to: texts.count, by: 4) {
                results.set(i, t.tag(tokenizer.tokenize(texts[i])).areas)
            }
        }
        XCTAssertEqual(results.values, expected)
    }
}

/// Thread-safe result slots for the concurrency test.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[String]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [String]) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [[String]] { lock.lock(); defer { lock.unlock() }; return slots }
}
