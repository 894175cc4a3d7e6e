// End-to-end: the question's type as the prior — `koe run` with a column label, a `type:` setting and a
// sticky-note board whose question comes last; `koe inspect` showing the type of each free-text column.
import Foundation
import KoeWorkspace
import XCTest

final class QuestionTypeRunTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-qt-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testRunRecordsWhereEachTypeCameFrom() throws {
        let dir = try folder()
        try Data(
            """
            回答ID,年代,まちの良いところ,ご意見
            1,30代,夜景,駅前
            2,40代,ペットの生体販売禁止を実現してほしい,満員電車
            3,50代,特にないけど、嫌いではない,特になし

            """.utf8
        ).write(to: dir.appendingPathComponent("survey.csv"))
        try Data("\"美\"\n\"Q1. 東京の良いところ\"\n".utf8).write(to: dir.appendingPathComponent("board.csv"))
        let codebook = SampleRunTests.root.appendingPathComponent("Samples/codebook.yml").path
        try Data(
            """
            sources:
              - path: survey.csv
                kind: survey
                columns: {回答ID: id, 年代: age, まちの良いところ: text, ご意見: text}
                type: {ご意見: 課題}
                horizon: {D: long}
              - path: board.csv
                kind: workshop
            codebook: \(codebook)
            output: out

            """.utf8
        ).write(to: dir.appendingPathComponent("p.yml"))
        let result = try SampleRunTests.run(["run", dir.appendingPathComponent("p.yml").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOf: dir.appendingPathComponent("out/opinions.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        var byText: [String: [String: Any]] = [:]
        for line in lines { byText[line["text"] as? String ?? ""] = line }
        XCTAssertEqual(lines.count, 6, "特になし is skipped before typing")
        func check(_ text: String, _ type: String, _ source: String, _ question: String, file: StaticString = #filePath, line: UInt = #line)
        {
            let o = byText[text]
            XCTAssertEqual(o?["type"] as? String, type, text, file: file, line: line)
            XCTAssertEqual(o?["type_source"] as? String, source, text, file: file, line: line)
            XCTAssertEqual(o?["question"] as? String, question, text, file: file, line: line)
        }
        check("夜景", "評価", "question", "まちの良いところ")
        check("特にないけど、嫌いではない", "評価", "question", "まちの良いところ")
        check("ペットの生体販売禁止を実現してほしい", "要望", "cue", "まちの良いところ")
        check("満員電車", "課題", "setting", "ご意見")
        check("美", "評価", "question", "Q1. 東京の良いところ")
        XCTAssertEqual((byText["夜景"]?["cues"] as? [String: Any])?["question_type"] as? String, "良いところ")
        XCTAssertEqual(byText["駅前"]?["horizon"] as? String, "long")
        XCTAssertEqual(byText["駅前"]?["horizon_source"] as? String, "setting")
        XCTAssertEqual(
            (byText["ペットの生体販売禁止を実現してほしい"]?["cues"] as? [String: Any])?["type"] as? String, "してほしい")
        // The workspace stores the same decision.
        let db = try SQLiteDatabase(url: dir.appendingPathComponent("out/koe.sqlite"), readOnly: true)
        let rows = try db.prepare("SELECT text, type_source, horizon_source, question FROM opinions ORDER BY opinion_rowid")
        var stored: [String: [String?]] = [:]
        while try rows.next() { stored[rows.text(0) ?? ""] = [rows.text(1), rows.text(2), rows.text(3)] }
        XCTAssertEqual(stored["満員電車"], ["setting", "setting", "ご意見"])
        XCTAssertEqual(stored["ペットの生体販売禁止を実現してほしい"], ["cue", nil, "まちの良いところ"])
        XCTAssertEqual(stored["美"], ["question", nil, "Q1. 東京の良いところ"])
    }

    func testInspectShowsTheTypeOfEachFreeTextColumn() throws {
        let result = try SampleRunTests.run(["inspect", "Samples/survey/citizen-survey.csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("意見の種類（問いから推定）:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("まちの良いところ（自由記述） → 評価（問いの「良いところ」から）"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("まちの課題・市への要望（自由記述） → 課題（本文の手がかり語で 要望 にも）（問いの「課題」から）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("時間軸 長期（問いの「10年後」から）"), result.stdout)
    }
}
