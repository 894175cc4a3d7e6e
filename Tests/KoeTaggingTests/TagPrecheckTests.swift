// The tagger's precheck before tokenizing: keyword stems as needles, rules that cannot hold without their words,
// and exactness on real text (a text the check turns away is never tagged, for every codebook at hand).
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class TagPrecheckTests: XCTestCase {
    let tokenizer = try! Tokenizer()

    func area(_ code: String, keywords: [String] = [], exclude: [String] = [], rule: String? = nil) throws -> Area {
        let parsed = try rule.map { text -> RuleExpression in
            var p = RuleParser(source: RuleSource(text), keys: { [tokenizer] in tokenizer.keys($0) })
            return try p.parse()
        }
        return Area(
            code: code, name: code, level: 1, parentCode: nil, horizon: nil,
            keywords: keywords.map { Keyword(text: $0, keys: tokenizer.keys($0)) },
            exclude: exclude.map { Keyword(text: $0, keys: tokenizer.keys($0)) }, ruleText: rule, rule: parsed,
            location: SourceLocation(file: "t.yml"))
    }

    func tagger(_ areas: [Area]) throws -> Tagger { try Tagger(codebook: try Codebook(areas: areas, displayPath: "t.yml")) }

    func mayTag(_ t: Tagger, _ text: String) -> Bool { t.mayTag(tokenizer.normalize(text)) }

    func needle(_ key: String) -> String? {
        TagPrecheck.needle(ofKey: key[...]).map { String(decoding: $0, as: UTF16.self) }
    }

    func testNeedleIsTheShortestStemAFormCanHave() {
        XCTAssertEqual(needle("働く"), "働", "a verb with a kanji: its stem")
        XCTAssertEqual(needle("高い"), "高")
        XCTAssertEqual(needle("見守り"), "見守り", "no dictionary-form ending")
        XCTAssertEqual(needle("ばす"), "ばす", "バス: ば is no stem the word layer gives a form to")
        XCTAssertEqual(needle("でいさーびす"), "でいさーびす")
        XCTAssertEqual(needle("ほしい"), "ほし", "a kana adjective the kana lemmas know")
        XCTAssertEqual(needle("できる"), "でき")
        XCTAssertNil(needle("する"), "する's stem is empty: every した may match")
        XCTAssertEqual(needle("ワイン"), "わいん", "folded like keys")
    }

    func testTextsWithoutAStemAreTurnedAway() throws {
        let t = try tagger([
            try area("kids", keywords: ["子供", "保育園"]), try area("bus", keywords: ["バス"]),
            try area("work", keywords: ["働く", "見直し"]),
        ])
        XCTAssertTrue(t.hasPrecheck)
        XCTAssertFalse(mayTag(t, "公園の遊具を新しくしてほしい"))
        XCTAssertTrue(mayTag(t, "こどもの遊び場"), "variants fold before the check (こども → 子ども)")
        XCTAssertTrue(mayTag(t, "ﾊﾞｽが来ない"), "half-width katakana folds")
        XCTAssertTrue(mayTag(t, "市内で働いている"), "an inflected verb holds its stem")
        XCTAssertTrue(mayTag(t, "制度を見直してほしい"))
        // A stem alone lets the text through (the check is necessary, not sufficient): no tag, but no harm.
        XCTAssertTrue(mayTag(t, "労働時間"))
        XCTAssertEqual(t.tag(tokenizer.tokenize("労働時間")).areas, [])
    }

    func testRulesDecideWhetherThereIsACheck() throws {
        let words = try area("w", keywords: ["公園"])
        XCTAssertTrue(try tagger([words, try area("r", rule: "(保育園 | 学童) & !観光")]).hasPrecheck)
        XCTAssertTrue(try tagger([words, try area("r", rule: "保育園 & lw > 3")]).hasPrecheck, "a count beside a word")
        XCTAssertTrue(try tagger([words, try area("r", rule: "near(先生-奥さん)[3]")]).hasPrecheck)
        XCTAssertTrue(try tagger([words, try area("r", rule: "<＊w> & !観光")]).hasPrecheck, "w cannot hold without 公園")
        XCTAssertFalse(try tagger([words, try area("r", rule: "!観光")]).hasPrecheck, "holds without any word")
        XCTAssertFalse(try tagger([words, try area("r", rule: "lw <= 2")]).hasPrecheck)
        XCTAssertFalse(try tagger([words, try area("r", rule: "観光 | lc > 100")]).hasPrecheck)
        XCTAssertFalse(try tagger([words, try area("r", rule: "!観光"), try area("s", rule: "<＊r>")]).hasPrecheck)
        XCTAssertFalse(try tagger([try area("suru", keywords: ["する"])]).hasPrecheck, "a keyword with no needle")
        // Raw strings are needles of their own.
        let raw = try tagger([words, try area("r", rule: "'先生と奥さん'")])
        XCTAssertTrue(raw.hasPrecheck)
        XCTAssertTrue(mayTag(raw, "先生と奥さんが来た"))
        XCTAssertFalse(mayTag(raw, "先生が来た"))
    }

    /// On real answers and every codebook at hand: whatever the check turns away has no tag and no exclusion.
    func testTurnedAwayTextsAreNeverTaggedOnRealText() throws {
        let texts = try Self.realTexts()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var codebooks = ["Samples/codebook.yml", "Samples/yamaguchi-codebook.yml", "scripts/bench/codebook.yml"].map {
            root.appendingPathComponent($0)
        }
        codebooks.append(KHCoderFileTests.corpora.appendingPathComponent("khcoder-rules/theme.cod"))
        var checked = 0
        for url in codebooks where FileManager.default.fileExists(atPath: url.path) {
            // theme.cod needs morphology koe refuses (rule-needs-morphology): it cannot be loaded.
            guard let codebook = try? Codebook.load(url: url, displayPath: url.lastPathComponent, tokenizer: tokenizer) else {
                continue
            }
            let t = try Tagger(codebook: codebook)
            guard t.hasPrecheck else { continue }
            var away = 0
            for text in texts where !t.mayTag(tokenizer.normalize(text)) {
                away += 1
                let r = t.tag(tokenizer.tokenize(text))
                XCTAssertTrue(r.areas.isEmpty && r.excluded.isEmpty, "\(url.lastPathComponent): \(text) → \(r.areas)")
            }
            XCTAssertGreaterThan(away, 0, url.lastPathComponent)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 3, "the sample, Yamaguchi and bench codebooks admit a check")
    }

    /// Sentences of the sample survey and workshops, and of the shared corpora when present.
    static func realTexts() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = [root.appendingPathComponent("Samples/survey/citizen-survey.csv")]
        let workshops = root.appendingPathComponent("Samples/workshops")
        files += try FileManager.default.contentsOfDirectory(at: workshops, includingPropertiesForKeys: nil)
        for path in ["aipubcom-bunkacho-2024/combined_list.csv", "yamaguchi-koukou-pubcom/opinions_flat.csv"] {
            files.append(KHCoderFileTests.corpora.appendingPathComponent(path))
        }
        var texts: [String] = []
        for url in files where FileManager.default.fileExists(atPath: url.path) {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(whereSeparator: { $0 == "\n" || $0 == "。" }) where line.count >= 4 {
                texts.append(String(line.prefix(400)))
            }
        }
        return texts
    }
}
