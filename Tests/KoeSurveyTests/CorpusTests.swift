// Real exports from ../shared/corpora: layout, roles and record counts as `koe inspect` reports them.
import Foundation
import KoeCore
import XCTest

@testable import KoeSurvey

final class CorpusTests: XCTestCase {
    private func inspect(_ path: String, options: SurveyOptions = SurveyOptions()) throws -> SurveyInspection {
        let url = try Corpus.file(path)
        let inspection = try SurveyInspector.inspect(url: url, displayPath: path, options: options)
        if ProcessInfo.processInfo.environment["KOE_PRINT_INSPECT"] != nil { print(inspection.rendered + "\n") }
        return inspection
    }

    func testQualtricsCurrent() throws {
        let i = try inspect("format-samples-qualtrics/sample.csv")
        XCTAssertEqual(i.tool, .qualtrics)
        XCTAssertEqual(i.headerRows, 3)
        XCTAssertEqual(i.records, 1)
        XCTAssertEqual(i.encoding?.encoding, .utf8)
        XCTAssertEqual(i.encoding?.hasBOM, false)
        XCTAssertEqual(i.columns.count, 20)
        let byLetter = Dictionary(uniqueKeysWithValues: i.columns.map { ($0.letter, $0.role) })
        XCTAssertEqual(byLetter["I"], .id)  // ResponseId
        XCTAssertEqual(byLetter["A"], .other)  // StartDate
        XCTAssertEqual(byLetter["D"], .other)  // IPAddress
        XCTAssertEqual(byLetter["R"], .choice)  // Q1 multiple choice
        XCTAssertEqual(byLetter["S"], .text)  // Q2 free text
        XCTAssertEqual(byLetter["T"], .other)  // empty topics
        XCTAssertEqual(i.columns[18].label, "Q2 / This is a free text question.")
        let r = try readSurvey(try Corpus.file("format-samples-qualtrics/sample.csv"))
        XCTAssertEqual(r.sink.opinions.map(\.text), ["Hello World!"])
        XCTAssertEqual(r.sink.opinions.first?.location.row, 4)
        XCTAssertEqual(r.sink.opinions.first?.respondent, "R_2YPOQ602ER1jkf1")
        XCTAssertEqual(r.sink.opinions.first?.id, "sample-4-S")
    }

    func testRenderedIsAlignedOneLinePerColumn() throws {
        let i = try inspect("format-samples-qualtrics/sample.csv")
        let lines = i.rendered.split(separator: "\n").map(String.init)
        let columnLines = lines.filter { $0.hasPrefix("  ") }
        XCTAssertEqual(columnLines.count, 20)
        // The role names start at the same display column on every line.
        let starts = columnLines.map { line -> Int in
            let role = i.columns.map(\.role.japaneseName).first { line.contains("  " + $0 + " ") } ?? ""
            let prefix = line.components(separatedBy: "  " + role + " ").first ?? ""
            return DisplayWidth.of(prefix)
        }
        XCTAssertEqual(Set(starts).count, 1, "\(starts)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("文字コード") && $0.contains("確信度 1.00") && $0.contains("ASCII 以外の") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("アンケート形式") && $0.contains("Qualtrics") })
    }

    func testQualtricsLegacy() throws {
        let i = try inspect("format-samples-qualtrics/sample_legacy.csv")
        XCTAssertEqual(i.tool, .qualtricsLegacy)
        XCTAssertEqual(i.headerRows, 2)
        XCTAssertEqual(i.records, 1)
        XCTAssertEqual(i.rejected, 0)
        XCTAssertEqual(i.encoding?.hasBOM, true)
        XCTAssertEqual(i.columns.count, 16)  // trailing comma = an empty 16th column
        XCTAssertEqual(i.columns[0].role, .id)
        XCTAssertEqual(i.columns[0].label, "V1 / ResponseID")
        XCTAssertEqual(i.columns[11].role, .text)
        XCTAssertEqual(i.columns[15].role, .other)
        let r = try readSurvey(try Corpus.file("format-samples-qualtrics/sample_legacy.csv"))
        XCTAssertEqual(r.sink.opinions.map(\.text), ["Hello World!"])
        XCTAssertEqual(r.sink.opinions.first?.location.row, 3)
        XCTAssertEqual(r.sink.opinions.first?.location.columnLetter, "L")
    }

    func testMiroStickyNotes() throws {
        for (name, rows) in [("anno-miro-q1.csv", 67), ("anno-miro-q2.csv", 89), ("anno-miro-q5.csv", 141)] {
            let i = try inspect("shin-tokyo-2050-miro/\(name)")
            XCTAssertEqual(i.tool, .headerless, name)
            XCTAssertEqual(i.headerRows, 0, name)
            XCTAssertEqual(i.records + blankLines("shin-tokyo-2050-miro/\(name)"), rows, name)
            XCTAssertEqual(i.encoding?.hasBOM, true)
            XCTAssertEqual(roles(i), [.text], name)
        }
    }

    /// Lines that hold only `""` (empty notes): a blank record, not a data record.
    private func blankLines(_ path: String) -> Int {
        guard let text = try? String(contentsOf: Corpus.root.appendingPathComponent(path), encoding: .utf8) else { return 0 }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return lines.filter { $0.allSatisfy { $0 == "\"" || $0 == "\u{FEFF}" } }.count
    }

    func testAIPubcom() throws {
        let i = try inspect("aipubcom-bunkacho-2024/combined_list.csv")
        XCTAssertEqual(i.tool, .plain)
        XCTAssertEqual(i.headerRows, 1)
        XCTAssertEqual(i.records, 1750)
        XCTAssertEqual(i.rejected, 0)
        XCTAssertEqual(roles(i), [.id, .text, .choice])
        let r = try readSurvey(try Corpus.file("aipubcom-bunkacho-2024/combined_list.csv"))
        XCTAssertEqual(r.counts.records, 1750)
        XCTAssertEqual(r.counts.opinions + r.counts.skipped, 1750)
        XCTAssertEqual(r.sink.respondents.first?.id, "2")
        XCTAssertEqual(r.sink.opinions.first?.location.row, 2)
        XCTAssertTrue(r.sink.opinions.first?.text.hasPrefix("・４ページの") ?? false)
    }

    func testYamaguchi() throws {
        let i = try inspect("yamaguchi-koukou-pubcom/opinions_flat.csv")
        XCTAssertEqual(i.tool, .plain)
        XCTAssertEqual(i.records, 382)
        XCTAssertEqual(i.rejected, 0)
        let byLabel = Dictionary(uniqueKeysWithValues: i.columns.map { ($0.label, $0.role) })
        XCTAssertEqual(byLabel["opinion_item_id"], .id)
        XCTAssertEqual(byLabel["topic_label"], .choice)
        XCTAssertEqual(byLabel["official_text"], .text)
        XCTAssertEqual(byLabel["school_mentions"], .choice)
        // The prefecture's answers repeat one text per group: not citizens' free answers.
        XCTAssertEqual(byLabel["response_text"], .other)
        XCTAssertEqual(byLabel["source_page"], .other)
    }

    func testMultiLineXLSX() throws {
        let url = try Corpus.file("office-samples/multi-line.text.in.cell.xlsx")
        let reader = try XLSXSheetReader(url: url, displayPath: "multi-line.xlsx")
        let first = try reader.next()
        let second = try reader.next()
        XCTAssertEqual(first?.fields, ["just a single line"])
        XCTAssertEqual(second?.excelRow, 2)
        XCTAssertEqual(second?.fields, ["first line\nsecond line (separated by CTRL+ALT+ENTER on macOS)\nthird line"])
        XCTAssertNil(try reader.next())
        // One column, no header-like first cell: a headerless list, both cells are answers.
        let r = try readSurvey(url)
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [1, 2])
        XCTAssertEqual(
            r.sink.opinions.map(\.text),
            ["just a single line", "first line\nsecond line (separated by CTRL+ALT+ENTER on macOS)\nthird line"])
    }
}
