// Themes through a whole run: two known topics among untagged answers become two themes in koe.sqlite, the same
// for one and three threads; a name that the masker hides never labels a theme; runs whose outputs show no
// themes do not compute them.
import Foundation
import KoeCore
import KoeWorkspace
import XCTest

@testable import KoePipeline

final class ThemeRunTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rows = ["ID,年代,要望"]
        let bus = ["バスの本数を増やしてほしい。", "駅までのバスが少なく不便です。", "バスの路線と本数を見直してほしい。", "駅へ行くバスの運賃が高い。"]
        let park = ["公園の遊具が古くて危ない。", "近くの公園に遊具と芝生がほしい。", "公園の芝生と遊具を手入れしてほしい。", "遊具のある公園が近くにない。"]
        for n in 0..<24 {
            let text = n % 2 == 0 ? bus[(n / 2) % 4] + "田中さんも困っています。" : park[(n / 2) % 4]
            rows.append("r\(n),\(30 + (n % 4) * 10)代,\(text)")
        }
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "- code: L\n  name: 図書館\n  keywords: [図書館]\n".write(
            to: folder.appendingPathComponent("codebook.yml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func run(_ out: String, workers: Int, extra: String = "") throws -> URL {
        let text = """
            sources:
              - path: s.csv
                columns: {ID: id, 年代: age, 要望: text}
            codebook: codebook.yml
            themes: {count: 2}
            output: \(out)
            \(extra)
            """
        let config = try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        var runner = PipelineRunner(config: config, diagnostics: DiagnosticCollector())
        runner.workers = workers
        _ = try runner.run()
        return folder.appendingPathComponent(out)
    }

    private func rows(_ db: SQLiteDatabase, _ sql: String) throws -> [String] {
        let s = try db.prepare(sql)
        let columns = Int32(sql.components(separatedBy: " FROM ")[0].split(separator: ",").count)
        var out: [String] = []
        while try s.next() { out.append((0..<columns).map { s.text($0) ?? "" }.joined(separator: "|")) }
        return out
    }

    func testTwoTopicsBecomeTwoThemesWithAnyThreadCount() throws {
        let one = try SQLiteDatabase(url: try run("one", workers: 1).appendingPathComponent("koe.sqlite"), readOnly: true)
        let three = try SQLiteDatabase(url: try run("three", workers: 3).appendingPathComponent("koe.sqlite"), readOnly: true)
        let themes = "SELECT theme, label, size, keywords, representatives FROM themes ORDER BY theme"
        let members = "SELECT theme, opinion_id, representative FROM theme_members ORDER BY rowid"
        XCTAssertEqual(try rows(one, themes), try rows(three, themes))
        XCTAssertEqual(try rows(one, members), try rows(three, members))
        XCTAssertEqual(try rows(one, "SELECT size FROM themes ORDER BY theme"), ["12", "12"])
        // Each theme holds one topic: the bus answers are the even rows.
        let split = try rows(
            one,
            "SELECT m.theme, group_concat(DISTINCT o.text LIKE '%バス%') FROM theme_members m JOIN opinions o ON o.id = m.opinion_id GROUP BY m.theme"
        )
        XCTAssertEqual(Set(split.map { $0.split(separator: "|").last.map(String.init) ?? "" }), ["1", "0"], "\(split)")
        // Representatives are listed first (1, 2, 3), masked as quotes are.
        let reps = try rows(one, "SELECT representative FROM theme_members WHERE theme = 1 ORDER BY rowid LIMIT 4")
        XCTAssertEqual(reps, ["1", "2", "3", "0"])
        let printed = try rows(one, "SELECT representatives FROM themes").joined()
        XCTAssertFalse(printed.contains("田中"), printed)
        // 田中 comes from a masked name (田中さん): no label or keyword shows it.
        for line in try rows(one, "SELECT label, keywords FROM themes") { XCTAssertFalse(line.contains("田中"), line) }
        XCTAssertTrue(try rows(one, "SELECT label FROM themes").contains { $0.contains("バス") || $0.contains("公園") })
    }

    func testRunsWithoutThemeOutputsSkipTheWork() throws {
        let only = try run("only", workers: 2, extra: "outputs: [summary.csv, crosstab.csv]")
        let data = try Data(contentsOf: only.appendingPathComponent("run.json"))
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let seconds = try XCTUnwrap(manifest["seconds"] as? [String: Any])
        XCTAssertNil(seconds["themes"], "no theme work for summary.csv and crosstab.csv")
        XCTAssertNotNil(seconds["text_analyses"])
        let full = try run("full", workers: 2, extra: "outputs: [koe.sqlite]")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: full.appendingPathComponent("run.json"))) as? [String: Any]
        XCTAssertNotNil((all?["seconds"] as? [String: Any])?["themes"])
        for names in ["summary.csv", "crosstab.csv,opinions.jsonl", "quotes.md"] {
            XCTAssertFalse(try OutputSelection.parse(only: names).analysis.themes, names)
        }
        for names in ["report.html", "summary.xlsx", "koe.sqlite"] {
            XCTAssertTrue(try OutputSelection.parse(only: names).analysis.themes, names)
        }
    }
}
