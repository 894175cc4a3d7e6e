// koe init's library side and the pipeline keys of import round 3: `columns:` always wins over koe's choice,
// `skip_moderated`, the plan table's codebook (tree, keywords from names, parses), rating pairs matched by name.
import Foundation
import KoeCore
import KoeSurvey
import KoeTagging
import KoeText
import XCTest

@testable import KoePipeline

final class PipelineDraftTests: XCTestCase {
    private var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Fixtures/survey/round3")
    }

    private func read(_ yml: String, _ file: String) throws -> CollectingSink {
        let folder = fixtures
        let config = try PipelineConfig.parse(yml, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        let sink = CollectingSink()
        try Stages.importer(for: config.sources[0], pipeline: "p.yml").read(
            url: folder.appendingPathComponent(file), displayPath: file, kind: nil, into: sink, diagnostics: DiagnosticCollector())
        return sink
    }

    func testPipelineColumnsWinAndSkipModerated() throws {
        let districts = try read("sources:\n  - path: two-districts.csv\n    columns: {勤務地の地区は: district, C: age}\n", "two-districts.csv")
        XCTAssertEqual(districts.respondents.map(\.segments.district), ["吉田", "広丘", "広丘", "洗馬", "吉田"])
        XCTAssertEqual(districts.respondents.first?.segments.age, "40代")
        let polis = try read("sources:\n  - path: polis-comments.csv\n    skip_moderated: true\n", "polis-comments.csv")
        XCTAssertEqual(polis.opinions.count, 5)
        XCTAssertEqual(polis.skipped.map(\.code), ["moderated"])
        XCTAssertThrowsError(try read("sources:\n  - path: polis-comments.csv\n    skip_moderated: maybe\n", "polis-comments.csv"))
    }

    func testPlanTableBecomesACodebookThatParses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.csv")
        try Data(
            """
            code,name,parent,horizon
            A,子育て世代に選ばれる地域の創造,,
            1,保育と放課後の居場所が確保されている,A,短期集中
            2,"学校施設と通学路が安全で、""学び""の場が整っている",A,長期継続
            B,住みよい地域の創造,,
            3,地域振興バスが使いやすい,B,

            """.utf8
        ).write(to: plan)
        var nodes = try PlanCodebook.read(url: plan, displayPath: "plan.csv")
        XCTAssertEqual(nodes.map(\.code), ["A", "1", "2", "B", "3"])
        XCTAssertEqual(nodes.map(\.parent), [nil, "A", "A", nil, "B"])
        let tokenizer = try Tokenizer()
        PlanCodebook.suggestKeywords(&nodes, tokenizer: tokenizer)
        XCTAssertTrue(nodes[1].keywords.contains("保育"), "\(nodes[1].keywords)")
        XCTAssertTrue(nodes[1].keywords.contains("放課後"), "\(nodes[1].keywords)")
        XCTAssertFalse(nodes[1].keywords.contains("確保"), "plan boilerplate is not a keyword")
        let yaml = PlanCodebook.yaml(nodes, source: "plan.csv")
        let url = folder.appendingPathComponent("codebook.yml")
        try Data(yaml.utf8).write(to: url)
        let codebook = try Codebook.load(url: url, displayPath: "codebook.yml", tokenizer: tokenizer)
        XCTAssertEqual(codebook.areas.map(\.code), ["A", "1", "2", "B", "3"])
        XCTAssertEqual(codebook.areas.map(\.level), [1, 2, 2, 1, 2])
        XCTAssertEqual(codebook.areas[2].name, "学校施設と通学路が安全で、\"学び\"の場が整っている")
        XCTAssertEqual(codebook.areas.map(\.horizon), [nil, .short, .long, nil, nil])
        // A bad plan says which row.
        try Data("code,name,parent\nA,戦略,\n1,施策,Z\n".utf8).write(to: plan)
        XCTAssertThrowsError(try PlanCodebook.read(url: plan, displayPath: "plan.csv")) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "unknown-parent")
            XCTAssertEqual(d?.location?.row, 3)
        }
    }

    func testRatingPairsAreMatchedToAreasByName() {
        let areas = [
            PlanNode(code: "A", name: "子育て世代に選ばれる地域の創造", parent: nil, row: 2),
            PlanNode(code: "1", name: "子育てを支える保育が充実している", parent: "A", row: 3),
            PlanNode(code: "2", name: "地域振興バスで移動しやすい", parent: "A", row: 4, keywords: ["交通"]),
        ]
        XCTAssertEqual(SurveySourceDraft.bestArea("子育て", areas)?.0.code, "1", "a tie goes to the project (level 2)")
        XCTAssertEqual(SurveySourceDraft.bestArea("交通", areas)?.0.code, "2", "keywords count")
        XCTAssertEqual(SurveySourceDraft.bestArea("防災", areas)?.1 ?? 0, 0)
        XCTAssertEqual(SurveySourceDraft.topicOf("重要度_子育て", removing: "重要度"), "子育て")
        XCTAssertEqual(SurveySourceDraft.topicOf("問29 優先度 / 子育て支援", removing: "優先度"), "子育て支援")
        XCTAssertEqual(YAMLText.quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"")
    }
}
