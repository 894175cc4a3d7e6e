// Sticky-note CSV rows: one note per row; frame names, question headers and empty cells skipped with reason;
// the three real Miro exports from the corpus.
import Foundation
import KoeCore
import XCTest

@testable import KoeWorkshop

final class StickyNoteTests: XCTestCase {
    func testRowsBecomeNotesOrSkips() throws {
        let rows: [(excelRow: Int, fields: [String])] = [
            (1, ["\u{FEFF}フレーム 4"]), (2, ["誰も切り捨てられない"]), (3, ["Q5. 2050年、こうなってほしい！ #シン東京2050"]),
            (4, [""]), (5, []), (6, ["こち亀的  価値観の存続 "]), (7, ["Frame 12"]), (8, ["特になし"]), (9, ["美"]),
            (10, ["Ｑ２．伸びしろ"]), (11, ["Q&Aコーナーがほしい"]),
        ]
        let sink = CollectingSink()
        let summary = try StickyNoteReader().read(rows: rows, displayPath: "board/q5.csv", segments: RawSegments(age: "20代"), into: sink)
        XCTAssertEqual(sink.opinions.map(\.text), ["誰も切り捨てられない", "こち亀的  価値観の存続", "美", "Q&Aコーナーがほしい"])
        XCTAssertEqual(sink.opinions.map(\.id), ["q5-L2", "q5-L6", "q5-L9", "q5-L11"])
        XCTAssertEqual(sink.opinions.first?.location, SourceLocation(file: "board/q5.csv", row: 2, columnLetter: "A"))
        XCTAssertEqual(sink.opinions.first?.segments, RawSegments(age: "20代"))
        XCTAssertEqual(sink.opinions.first?.kind, .workshop)
        XCTAssertEqual(
            skippedPairs(sink),
            [
                "1:frame-title", "3:question-header", "4:empty", "5:empty", "7:frame-title",
                "8:non-answer", "10:question-header",
            ])
        XCTAssertEqual(summary.notes + summary.skippedTotal, rows.count)
        XCTAssertEqual(summary.format, .stickyNotes)
        XCTAssertEqual(summary.session.title, "Q5. 2050年、こうなってほしい！ #シン東京2050")
    }

    func testSeveralFilledCellsAreOneNote() throws {
        let sink = CollectingSink()
        try StickyNoteReader().read(
            rows: [(excelRow: 3, fields: ["", "公園", "ベンチ"])], displayPath: "x.csv",
            segments: RawSegments(), into: sink)
        XCTAssertEqual(sink.opinions.map(\.text), ["公園\nベンチ"])
        XCTAssertNil(sink.opinions.first?.location.columnLetter)
    }

    func testLooksLikeStickyNotes() {
        XCTAssertTrue(StickyNoteReader.looksLikeStickyNotes(firstRows: [["\u{FEFF}"], ["でかいクモがいない"], ["車の運転マナーが良い"]]))
        XCTAssertFalse(StickyNoteReader.looksLikeStickyNotes(firstRows: [["\u{FEFF}ご意見"], ["公園がほしい"], ["バス"]]))
        XCTAssertTrue(StickyNoteReader.looksLikeStickyNotes(firstRows: [["フレーム 4"], ["誰も切り捨てられない"]]))
        XCTAssertFalse(StickyNoteReader.looksLikeStickyNotes(firstRows: [["ID", "年代", "ご意見"], ["1", "30代", "公園"]]))
        XCTAssertFalse(StickyNoteReader.looksLikeStickyNotes(firstRows: [["ご意見"], ["公園がほしい"], ["バス"]]))
        XCTAssertFalse(StickyNoteReader.looksLikeStickyNotes(firstRows: [["公園がほしい"]]))
        XCTAssertFalse(StickyNoteReader.looksLikeStickyNotes(firstRows: [[""], [""], [""], ["a"]]))
    }

    /// The Miro files are one quoted cell per line (checked: no embedded quotes, commas inside quotes only, one
    /// blank line in q1 and q5), so a tiny test-only split is enough; the product parses them with the CSV reader.
    private func miroRows(_ url: URL) throws -> [(excelRow: Int, fields: [String])] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return try lines.enumerated().map { index, line in
            if line.isEmpty { return (index + 1, []) }
            guard line.count >= 2, line.hasPrefix("\""), line.hasSuffix("\""), !line.dropFirst().dropLast().contains("\"") else {
                throw XCTSkip("line \(index + 1) of \(url.lastPathComponent) is not one quoted cell")
            }
            return (index + 1, [String(line.dropFirst().dropLast())])
        }
    }

    func testMiroExports() throws {
        // (file, rows, notes, skipped by code) — counted independently with grep on the files (see report).
        let expected: [(String, Int, Int, [String: Int])] = [
            ("anno-miro-q1.csv", 67, 64, ["empty": 2, "question-header": 1]),
            ("anno-miro-q2.csv", 89, 88, ["question-header": 1]),
            ("anno-miro-q5.csv", 141, 138, ["empty": 1, "frame-title": 1, "question-header": 1]),
        ]
        for (name, rowCount, notes, skipped) in expected {
            let url = try Paths.corpus("shin-tokyo-2050-miro/\(name)")
            let rows = try miroRows(url)
            XCTAssertEqual(rows.count, rowCount, name)
            XCTAssertTrue(StickyNoteReader.looksLikeStickyNotes(firstRows: rows.prefix(20).map(\.fields)), name)
            let sink = CollectingSink()
            let summary = try StickyNoteReader().read(rows: rows, displayPath: name, segments: RawSegments(), into: sink)
            XCTAssertEqual(summary.notes, notes, name)
            XCTAssertEqual(summary.skipped, skipped, name)
            XCTAssertEqual(sink.opinions.count + sink.skipped.count, rowCount, name)
            XCTAssertEqual(Set(sink.opinions.map(\.id)).count, sink.opinions.count, name)
            print("miro \(name): rows \(rowCount), notes \(summary.notes), skipped \(summary.skipped.sorted { $0.key < $1.key })")
        }
        // Spot checks on real rows.
        let q5 = try miroRows(Paths.corpus("shin-tokyo-2050-miro/anno-miro-q5.csv"))
        let sink = CollectingSink()
        try StickyNoteReader().read(rows: q5, displayPath: "anno-miro-q5.csv", segments: RawSegments(), into: sink)
        XCTAssertEqual(sink.skipped.first?.code, "frame-title")
        XCTAssertEqual(sink.skipped.first?.location.row, 1)
        XCTAssertEqual(sink.opinions.first?.text, "誰も切り捨てられない")
        XCTAssertEqual(sink.opinions.first?.id, "anno-miro-q5-L2")
        XCTAssertTrue(sink.opinions.contains { $0.text == "P2Pのドローン宅配" && $0.location.row == 76 })
    }
}
