// WorkspaceFinishTests — the end of a workspace's build as before it was split: the statistics of the large tables
// recorded once the input ends and the rest at the end give the rows (and their order) of one ANALYZE of the whole
// file; the late indexes come in the schema's old order; near-duplicate rows go in in the ids' byte order.
import Foundation
import KoeAnalysis
import KoeCore
import XCTest

@testable import KoeWorkspace

final class WorkspaceFinishTests: XCTestCase {
    private func opinion(_ id: String, row: Int, words: [String], areas: [String], age: String?) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: id, kind: .survey, location: SourceLocation(file: "s.csv", row: row, column: "意見", columnLetter: "C"),
                respondent: "r\(row)", text: words.joined(), segments: RawSegments(age: age)),
            segments: Segments(age: age), normalized: words.joined(), areas: areas,
            evidence: areas.isEmpty ? [] : [(areas[0], [EvidenceItem(keyword: "保育園", surface: "保育園", start: 0, end: 3)])],
            excluded: [], type: .request, typeCue: "てほしい", horizon: .unknown, horizonCue: nil, words: words)
    }

    private func statistics(_ db: SQLiteDatabase) throws -> [String] {
        let s = try db.prepare("SELECT tbl, ifnull(idx, '-'), stat FROM sqlite_stat1 ORDER BY rowid")
        var rows: [String] = []
        while try s.next() { rows.append([s.text(0), s.text(1), s.text(2)].map { $0 ?? "" }.joined(separator: "|")) }
        return rows
    }

    func testStatisticsAreThoseOfOneAnalyzeOfTheWholeFile() throws {
        for early in [true, false] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString).sqlite")
            defer { try? FileManager.default.removeItem(at: url) }
            let builder = try WorkspaceBuilder(url: url)
            try builder.addAreas([PlanArea(code: "A", name: "子育て", level: 1), PlanArea(code: "B", name: "交通", level: 1)])
            var batch: [TaggedOpinion] = []
            for i in 0..<300 {
                try builder.addRespondent(
                    Respondent(
                        id: "r\(i)", location: SourceLocation(file: "s.csv", row: i + 2), segments: RawSegments(age: "\(20 + i % 50)")),
                    segments: Segments(age: "\(2 + i % 5)0代"), ratingsJSON: nil as [UInt8]?)
                let areas = i % 3 == 0 ? ["A"] : i % 3 == 1 ? ["A", "B"] : []
                batch.append(
                    opinion("s-\(i)-C", row: i + 2, words: ["保育", "語\(i % 17)", "ばす\(i % 5)"], areas: areas, age: "\(2 + i % 5)0代"))
            }
            try builder.addOpinions(batch)
            if early { try builder.buildIndexes() }
            try builder.addSessions(["w.xlsx": "第1回"])
            try builder.addWords(
                (0..<40).map { WordRow(word: "語\($0 % 13)", area: $0 % 2 == 0 ? "" : "A", frequency: 40 - $0, opinions: 1) })
            try builder.finish()
            let db = builder.database
            let split = try statistics(db)
            try db.execute("ANALYZE;")
            XCTAssertEqual(split, try statistics(db), "indexes built \(early ? "when the input ended" : "at the end")")
            XCTAssertTrue(split.contains("near_duplicates|-|0") == false)
            XCTAssertTrue(split.contains { $0.hasPrefix("opinions|opinions_id|300 ") })
            XCTAssertTrue(split.contains { $0.hasPrefix("words|words_word|40 ") })
            // The indexes in the schema in the order they were always made.
            let s = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
            var names: [String] = []
            while try s.next() { names.append(s.text(0) ?? "") }
            XCTAssertEqual(
                names,
                [
                    "opinions_id", "quote_rank_order", "opinions_source_row", "tags_area", "tags_opinion", "evidence_opinion",
                    "respondents_source_row", "near_duplicates_group", "words_word",
                ])
        }
    }

    func testIdsInByteOrder() {
        let lists = [
            ["f-10-E", "f-100-E", "f-2-F"], ["f-1-E", "f-1000000000-E", "f-100000000-F"], [], ["f-9", "f-é", "f-e\u{301}", "f-"],
            ["f-10000000000000-A", "f-10000000000000-"],
        ]
        let got = WorkspaceBuilder.byteOrder(lists).map { lists[Int($0.list)][Int($0.place)] }
        let want = lists.flatMap { $0 }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(got.map { Array($0.utf8) }, want.map { Array($0.utf8) })
        XCTAssertTrue(WorkspaceBuilder.byteOrder([]).isEmpty)
        XCTAssertEqual(WorkspaceBuilder.byteOrder([["x"]]).count, 1)
    }
}
