// WorkspaceBuilderTests — koe.sqlite written by the builder and read back: rows, word search through FTS5,
// tags with evidence, and the indexes built at the end.
import Foundation
import KoeAnalysis
import KoeCore
import KoeWorkspace
import XCTest

final class WorkspaceBuilderTests: XCTestCase {
    private func opinion(_ id: String, row: Int, text: String, words: [String], areas: [String], age: String?) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: id, kind: .survey, location: SourceLocation(file: "s.csv", row: row, column: "意見", columnLetter: "C"),
                respondent: "r\(row)", text: text, segments: RawSegments(age: age)),
            segments: Segments(age: age), normalized: text, areas: areas,
            evidence: areas.isEmpty ? [] : [(areas[areas.count - 1], [EvidenceItem(keyword: "保育園", surface: "保育園", start: 0, end: 3)])],
            excluded: [], type: .request, typeCue: "てほしい", horizon: .unknown, horizonCue: nil, words: words)
    }

    func testOpinionsWordsAndTagsReadBack() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let builder = try WorkspaceBuilder(url: url)
        try builder.addAreas([PlanArea(code: "A", name: "子育て", level: 1), PlanArea(code: "1", name: "保育", level: 2, parentCode: "A")])
        try builder.addRespondent(
            Respondent(id: "r2", location: SourceLocation(file: "s.csv", row: 2), segments: RawSegments(age: "34"), ratings: ["Q1": "3"]),
            segments: Segments(age: "30代"), ratingsJSON: #"{"Q1":"3"}"#)
        try builder.addOpinions([
            opinion("s-2-C", row: 2, text: "保育園を増やしてほしい", words: ["保育", "園", "増"], areas: ["A", "1"], age: "30代"),
            opinion("s-3-C", row: 3, text: "バスが少ない", words: ["ばす", "少"], areas: [], age: "70代"),
            opinion("s-4-C", row: 4, text: "ICT・DXの推進", words: ["ict・dx", "推進"], areas: [], age: nil),
        ])
        try builder.addRejected(RejectedRecord(location: SourceLocation(file: "s.csv", row: 4), code: "field-count", reason: "列の数"))
        try builder.finish()

        let db = try SQLiteDatabase(url: url, readOnly: true)
        func scalar(_ sql: String) throws -> String? {
            let s = try db.prepare(sql)
            return try s.next() ? s.text(0) : nil
        }
        XCTAssertEqual(try scalar("SELECT count(*) FROM opinions"), "3")
        XCTAssertEqual(try scalar("SELECT count(*) FROM respondents"), "1")
        XCTAssertEqual(try scalar("SELECT json_extract(ratings, '$.Q1') FROM respondents"), "3")
        XCTAssertEqual(try scalar("SELECT count(*) FROM rejected"), "1")
        // Word search goes through koe's own words, so 保育 finds the first opinion only.
        XCTAssertEqual(
            try scalar("SELECT o.id FROM opinion_words w JOIN opinions o ON o.opinion_rowid = w.rowid WHERE opinion_words MATCH '\"保育\"'"),
            "s-2-C")
        XCTAssertEqual(try scalar("SELECT count(*) FROM opinion_words WHERE opinion_words MATCH '\"ばす\"'"), "1")
        // Each of koe's words is one term (the ascii tokenizer splits at spaces and ASCII punctuation only): a
        // word kept whole with ・ is found whole, not by a part; ASCII letters still match either case.
        XCTAssertEqual(try scalar("SELECT count(*) FROM opinion_words WHERE opinion_words MATCH '\"ict・dx\"'"), "1")
        XCTAssertEqual(try scalar("SELECT count(*) FROM opinion_words WHERE opinion_words MATCH '\"dx\"'"), "0")
        XCTAssertEqual(try scalar("SELECT count(*) FROM opinion_words WHERE opinion_words MATCH '\"ICT・DX\" AND \"推進\"'"), "1")
        XCTAssertEqual(try scalar("SELECT group_concat(area || ':' || direct, ',') FROM tags"), "A:0,1:1")
        XCTAssertEqual(try scalar("SELECT surface FROM evidence WHERE area = '1'"), "保育園")
        XCTAssertEqual(try scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'opinions_id'"), "1")
        XCTAssertEqual(try scalar("SELECT value FROM meta WHERE key = 'schema_version'"), nil)  // meta is written by the run
    }
}
