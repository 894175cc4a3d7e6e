// SummaryXLSXWriter tests: summary.xlsx reopened — sheets, plan outline, numbers equal to the CSV values,
// ▲▼ residual markers and fills, unreliable tables marked, rejected records listed.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRun
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class SummaryXLSXWriterTests: XCTestCase {
    static let areas = [
        PlanArea(code: "A", name: "子育て世代に選ばれる地域の創造", level: 1),
        PlanArea(code: "1", name: "子どもを産み育てる環境が整い", level: 2, parentCode: "A"),
        PlanArea(code: "1-1", name: "出産・子育てのサポート", level: 3, parentCode: "1", horizon: .short),
        PlanArea(code: "B", name: "=住みよい地域", level: 1),
    ]

    /// 60 respondents: 30代 mention 1-1 far more than 70代 (▲/▼); district 片丘 has 3 respondents (min
    /// expected < 5); ratings for A and B.
    static func results() -> RunResults {
        var summary = SummaryBuilder(areas: areas.map { PlanArea(code: $0.code, name: $0.name, level: $0.level) })
        var crossTabs = CrossTabBuilder(areas: areas.map(\.code), ageBands: ["30代", "70代"])
        for i in 0..<60 {
            let age = i % 2 == 0 ? "30代" : "70代"
            let district = i < 3 ? "片丘" : (i % 3 == 0 ? "広丘" : "吉田")
            let mentions: [String] =
                (age == "30代" && i % 10 != 0) || (age == "70代" && i % 10 == 1) ? ["1-1", "1", "A"] : ["B"]
            summary.addOpinion(areas: mentions, respondent: "r\(i)")
            summary.addRating(area: "A", importance: Double(i % 4 + 1))
            summary.addRating(area: "A", satisfaction: Double(i % 3 + 1))
            summary.addRating(area: "B", importance: Double(i % 2 + 2))
            summary.addRating(area: "B", satisfaction: Double(i % 4 + 1))
            crossTabs.add(
                Segments(age: age, gender: i % 2 == 0 ? "女性" : "男性", district: district), mentioned: Set(mentions))
        }
        let manifest = RunManifest(
            version: "test", pipeline: "p.yml", name: "試験", codebook: HashedFile(path: "c.yml", sha256: nil),
            codebookAreas: areas.count, gazetteer: nil)
        return RunResults(
            summary: summary.rows(), crossTabs: crossTabs.rows(), quotes: [:], attribution: AttributionGuard(minCell: 5),
            manifest: manifest, timer: RunTimer())
    }

    func write(to folder: URL) throws -> UnzippedPackage {
        let writer = SummaryXLSXWriter()
        try writer.begin(RunContext(directory: folder, title: "第六次総合計画 & 試験", areas: Self.areas, minCell: 5))
        try writer.reject(
            RejectedRecord(
                location: SourceLocation(file: "survey.csv", row: 12, column: "年代"), code: "unclosed-quote",
                reason: "引用符が閉じていません", raw: "山田太郎,090-1111-2222"))
        try writer.finish(Self.results())
        return try UnzippedPackage(Data(contentsOf: folder.appendingPathComponent(SummaryXLSXWriter.fileName)))
    }

    func testWorkbookSheetsOutlineAndNumbers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-xlsx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = try write(to: folder)
        XCTAssertEqual(
            try package.elements("xl/workbook.xml").named("sheet").compactMap { $0.attributes["name"] },
            ["集計", "年代", "性別", "地区", "重要度×満足度", "読込エラー"])
        XCTAssertEqual(SummaryXLSXWriter.summaryColumns.map(\.key), SummaryCSVWriter.header, "集計 follows summary.csv")

        let sheet = try package.elements("xl/worksheets/sheet1.xml")
        XCTAssertEqual(sheet.named("row").map { $0.attributes["outlineLevel"] ?? "0" }, ["0", "0", "1", "2", "0"])
        XCTAssertEqual(sheet.named("pane").first?.attributes["state"], "frozen")
        XCTAssertEqual(sheet.named("autoFilter").first?.attributes["ref"], "A1:Q5")
        // Every summary number is stored at full precision (A: 24 of the 30代 and 6 of the 70代 = 30 of 60).
        let rows = Self.results().summary
        let values = Set(sheet.named("v").map(\.text))
        for row in rows {
            XCTAssertTrue(values.contains(XLSXWorkbook.numberText(row.share)), "share \(row.area.code)")
            if let importance = row.importance { XCTAssertTrue(values.contains(XLSXWorkbook.numberText(importance))) }
        }
        XCTAssertEqual(rows.first?.share ?? 0, 30.0 / 60, accuracy: 1e-12)
        let strings = try package.elements("xl/sharedStrings.xml").named("t").map(\.text)
        XCTAssertTrue(strings.contains("'=住みよい地域"), "neutralised as in summary.csv")
        XCTAssertTrue(strings.contains("引用符が閉じていません"))
        XCTAssertFalse(strings.contains { $0.contains("090-1111-2222") }, "raw records stay out of the workbook")
        XCTAssertTrue(package.text("xl/worksheets/sheet1.xml").contains("第六次総合計画 &amp;&amp; 試験"), "print header")
    }

    func testSegmentSheetsMarkResidualsAndUnreliableTables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-xlsx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = try write(to: folder)
        let results = Self.results()
        let age = results.crossTabs.filter { $0.segment == .age && $0.area == "1-1" }
        let high = try XCTUnwrap(age.first { $0.value == "30代" }?.adjustedResidual)
        XCTAssertGreaterThan(high, 1.96)

        let styles = try package.elements("xl/styles.xml")
        let codes = styles.named("numFmt").compactMap { $0.attributes["formatCode"] }
        XCTAssertTrue(codes.contains("0.0%\" ▲\"") && codes.contains("0.0%\" ▼\""), "\(codes)")
        XCTAssertTrue(codes.contains("0.00\" ▲\""))
        let ageSheet = try package.elements("xl/worksheets/sheet2.xml")
        XCTAssertEqual(ageSheet.named("mergeCell").compactMap { $0.attributes["ref"] }, ["C2:E2", "F2:H2"])
        XCTAssertEqual(ageSheet.named("pane").first?.attributes["ySplit"], "3")
        XCTAssertTrue(ageSheet.named("v").map(\.text).contains(XLSXWorkbook.numberText(high)))
        let strings = try package.elements("xl/sharedStrings.xml").named("t").map(\.text)
        XCTAssertTrue(strings.contains("30代（n=30）"))
        // 地区: 片丘 has 3 respondents, so every table there has an expected count below 5.
        XCTAssertTrue(strings.contains("期待度数 5 未満: p は参考値"))
        let district = try XCTUnwrap(results.crossTabs.first { $0.segment == .district && $0.area == "A" })
        let minExpected = try XCTUnwrap(district.minExpected)
        XCTAssertLessThan(minExpected, 5)
        let districtSheet = try package.elements("xl/worksheets/sheet4.xml")
        XCTAssertTrue(districtSheet.named("v").map(\.text).contains(XLSXWorkbook.numberText(minExpected)))
        // 性別 is 2 × 2: Fisher's p is shown, and the unreliable note points to it when needed.
        let gender = try XCTUnwrap(results.crossTabs.first { $0.segment == .gender && $0.area == "1-1" })
        let genderSheet = try package.elements("xl/worksheets/sheet3.xml")
        XCTAssertTrue(genderSheet.named("v").map(\.text).contains(XLSXWorkbook.numberText(try XCTUnwrap(gender.fisherP))))
        XCTAssertTrue(genderSheet.named("v").map(\.text).contains(XLSXWorkbook.numberText(try XCTUnwrap(gender.pHolm))))
    }

    func testSameResultsGiveIdenticalBytes() throws {
        let run = RunContext(directory: URL(fileURLWithPath: "/nonexistent"), title: "t", areas: Self.areas, minCell: 5)
        let a = try SummaryXLSXWriter().workbook(run: run, results: Self.results()).archive()
        let b = try SummaryXLSXWriter().workbook(run: run, results: Self.results()).archive()
        XCTAssertEqual(a, b)
    }
}
