// CrossTabOutputTests — crosstab.csv in a run: respondents without opinions are counted, missing segment
// values are left out, degenerate tables have empty test cells; the respondent/area join across delayed
// batches; p-value text.
import Foundation
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeRender
import XCTest

@testable import KoePipeline

final class CrossTabOutputTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func testRunWritesCrossTabsOfEverySurveyRespondent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-crosstab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Respondents 2 and 4 wrote nothing (they mention no area); 5 has no age (left out of the age table).
        let csv = """
            ID,年代,性別,意見,要望
            1,30代,女性,保育園を増やしてほしい,
            2,30代,男,,
            3,70代,女性,バスの本数を増やしてほしい,保育園が遠い
            4,70代,男性,,
            5,,女性,待機児童をなくしてほしい,
            6,41歳,回答しない,,病院が遠い

            """
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let notes = "# 子育て\n\n- 保育園がほしい\n- 児童館がほしい\n"
        try notes.write(to: folder.appendingPathComponent("w.md"), atomically: true, encoding: .utf8)
        let text = """
            sources:
              - path: s.csv
                columns: {ID: id, 年代: age, 性別: gender, 意見: text, 要望: text}
              - path: w.md
                kind: workshop
                segments: {age: 30代}
            codebook: \(Self.samples.path)/codebook.yml
            output: out
            """
        let config = try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        _ = try PipelineRunner(config: config, diagnostics: DiagnosticCollector()).run()
        let bytes = try Data(contentsOf: folder.appendingPathComponent("out/crosstab.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.first, CrossTabCSVWriter.header.joined(separator: ","))
        func block(_ segment: String, _ area: String) -> [[String]] {
            lines.map { $0.components(separatedBy: ",") }.filter { $0[0] == segment && $0[1] == area }
        }
        // Project 1-2 (保育園, 待機児童): respondents 1, 3 and 5 — the workshop notes are not counted.
        let age = block("age", "1-2")
        XCTAssertEqual(age.map { $0[2] }, ["30代", "40代", "70代"])
        XCTAssertEqual(age.map { $0[3] }, ["2", "1", "2"])
        XCTAssertEqual(age.map { $0[4] }, ["1", "0", "1"])
        XCTAssertEqual(age.map { $0[5] }, ["0.5000", "0.0000", "0.5000"])
        // n = 5, R = 2: expected 2 × 2 / 5 = 0.8; chi2 = 0.8333 (SciPy: chi2_contingency([[1,0,1],[1,1,1]]))
        XCTAssertEqual(age.map { $0[6] }, ["0.800", "0.400", "0.800"])
        XCTAssertEqual(age.first?[8], "0.8333")
        XCTAssertEqual(age.first?[9], "2")
        let gender = block("gender", "1-2")
        XCTAssertEqual(gender.map { $0[2] }, ["男性", "女性", "無回答"])
        XCTAssertEqual(gender.map { $0[3] }, ["2", "3", "1"])
        XCTAssertEqual(gender.map { $0[4] }, ["0", "3", "0"])
        // No district column: no district rows.
        XCTAssertTrue(block("district", "1-2").isEmpty)
        // Nobody mentions project 12: every test cell is empty, the counts are still there.
        let nobody = block("gender", "12")
        XCTAssertEqual(nobody.count, 3)
        for row in nobody {
            XCTAssertEqual(row[4], "0")
            XCTAssertEqual(Array(row[7...]), ["", "", "", "", "", "", "", ""], row.joined(separator: ","))
        }
    }

    func testJoinMatchesDelayedDeliveriesToTheirRespondents() {
        var join = RespondentAreaJoin(builder: CrossTabBuilder(areas: ["A", "1"], ageBands: ["30代", "70代"]))
        func respondent(_ id: String, row: Int) -> Respondent {
            Respondent(id: id, location: SourceLocation(file: "s.csv", row: row), segments: RawSegments())
        }
        func opinion(_ id: String, row: Int, column: String) -> Opinion {
            Opinion(
                id: "s-\(row)-\(column)", kind: .survey, location: SourceLocation(file: "s.csv", row: row, column: column),
                respondent: id, text: "x", segments: RawSegments())
        }
        let young = Segments(age: "30代")
        let old = Segments(age: "70代")
        // All events are read before any batch is delivered (the analysis lags behind reading).
        join.respondent(respondent("r1", row: 2), segments: young)
        let a = opinion("r1", row: 2, column: "B")
        let b = opinion("r1", row: 2, column: "C")
        join.submitted(a)
        join.submitted(b)
        join.respondent(respondent("r2", row: 3), segments: old)
        join.respondent(respondent("r3", row: 4), segments: old)
        let c = opinion("r3", row: 4, column: "B")
        join.submitted(c)
        join.respondent(respondent("r4", row: 5), segments: young)
        join.delivered(a, areas: ["A"], segments: Segments())
        join.delivered(b, areas: ["A", "1"], segments: Segments())
        join.delivered(c, areas: ["A"], segments: Segments())
        join.finish()
        XCTAssertEqual(join.builder.total, 4)
        guard let (values, test) = join.builder.table(.age, area: "1") else { return XCTFail("no table") }
        XCTAssertEqual(values, ["30代", "70代"])
        XCTAssertEqual(test.columns.map(\.respondents), [2, 2])
        XCTAssertEqual(test.columns.map(\.mentioning), [1, 0])
        XCTAssertEqual(join.builder.table(.age, area: "A")?.test.columns.map(\.mentioning), [1, 1])
    }

    /// Found measuring the 100,000-respondent bench: the queue's consumed head was kept until the end of the file
    /// (delivery never catches up while reading goes on), 14 MB more at 100,000 respondents.
    func testJoinHoldsOnlyRespondentsInFlight() {
        var join = RespondentAreaJoin(builder: CrossTabBuilder(areas: ["A"], ageBands: ["30代"]))
        var inFlight: [Opinion] = []
        for row in 2..<20_002 {
            let id = "r\(row)"
            join.respondent(
                Respondent(id: id, location: SourceLocation(file: "s.csv", row: row), segments: RawSegments()),
                segments: Segments(age: "30代"))
            let opinion = Opinion(
                id: "s-\(row)-B", kind: .survey, location: SourceLocation(file: "s.csv", row: row, column: "B"), respondent: id,
                text: "x", segments: RawSegments())
            join.submitted(opinion)
            inFlight.append(opinion)
            // Analysis lags 500 opinions behind reading.
            if inFlight.count > 500 {
                join.delivered(inFlight.removeFirst(), areas: row % 2 == 0 ? ["A"] : [], segments: Segments())
                XCTAssertLessThanOrEqual(join.heldStorage, 1_100)
            }
        }
        for opinion in inFlight { join.delivered(opinion, areas: ["A"], segments: Segments()) }
        join.finish()
        XCTAssertEqual(join.builder.total, 20_000)
        XCTAssertEqual(join.builder.table(.age, area: "A")?.test.mentioning, 9_750 + 500)
    }

    func testPValueTextHasFourSignificantDigits() {
        // Issue 9: 7.5e-6 printed as 0.000008 before; now 4 significant digits everywhere.
        XCTAssertEqual(CSVWriter.render(.significant(0.05514562983925021, digits: 4)), "0.05515")
        XCTAssertEqual(CSVWriter.render(.significant(7.5e-6, digits: 4)), "7.500e-06")
        XCTAssertEqual(CSVWriter.render(.significant(2.5379295183482714e-23, digits: 4)), "2.538e-23")
        XCTAssertEqual(CSVWriter.render(.significant(1, digits: 4)), "1.000")
    }
}
