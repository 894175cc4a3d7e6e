// AttributionCellsTests — the `attribution_cells` rows the builder counts while the rows stream are exactly the
// rows of the SQL query over the respondents and opinions tables (QuoteWorkspace.attributionCells), both when
// counting is sure (ids increasing in each file) and when the builder leaves it to the query (an id repeated,
// ids out of order, a file resumed after another).
import Foundation
import KoeAnalysis
import KoeCore
import XCTest

@testable import KoeWorkspace

final class AttributionCellsTests: XCTestCase {
    private let ages: [String?] = ["30代", "40代", nil, "", "70代", "30代"]
    private let genders: [String?] = ["女性", "男性", nil, "その他"]
    // Canonically equal spellings are different values to SQL (bytes), and must stay apart.
    private let districts: [String?] = ["広丘", "か\u{3099}っこう区", "がっこう区", nil, "宗賀"]

    private func respondent(_ id: String, file: String, sheet: String? = nil, row: Int) -> Respondent {
        Respondent(id: id, location: SourceLocation(file: file, sheet: sheet, row: row), segments: RawSegments())
    }

    private func segments(_ i: Int) -> Segments {
        Segments(age: ages[i % ages.count], gender: genders[(i / 2) % genders.count], district: districts[(i / 3) % districts.count])
    }

    private func note(_ i: Int, source: String) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: "w\(i)", kind: .workshop, location: SourceLocation(file: source, row: i), respondent: nil, text: "駐輪場がほしい",
                segments: RawSegments()),
            segments: segments(i % 4), normalized: "駐輪場がほしい", areas: [], evidence: [], excluded: [], type: .request,
            typeCue: nil, horizon: .unknown, horizonCue: nil, words: ["駐輪場"])
    }

    /// Writes `respondents` (id, file, sheet) and workshop notes, then compares the stored table with the query.
    private func check(
        _ respondents: [(String, String, String?)], notes: [(Int, String)], expectSure: Bool, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        var counter = AttributionCells()
        for (i, r) in respondents.enumerated() {
            counter.respondent(file: r.1, sheet: r.2, id: r.0, segments: segments(i))
        }
        XCTAssertEqual(counter.sure, expectSure, file: file, line: line)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-cells-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let builder = try WorkspaceBuilder(url: url)
        for (i, r) in respondents.enumerated() {
            try builder.addRespondent(
                respondent(r.0, file: r.1, sheet: r.2, row: i + 2), segments: segments(i), ratingsJSON: nil as [UInt8]?)
        }
        try builder.addOpinions(notes.map { note($0.0, source: $0.1) })
        try builder.finish()
        let db = try SQLiteDatabase(url: url, readOnly: true)
        func rows(_ sql: String) throws -> [String] {
            let s = try db.prepare(sql)
            var out: [String] = []
            while try s.next() {
                out.append((0..<4).map { s.text($0).map { "'\($0)'" } ?? "NULL" }.joined(separator: ","))
            }
            return out
        }
        let stored = try rows("SELECT age, gender, district, members FROM attribution_cells ORDER BY rowid")
        let queried = try rows(QuoteWorkspace.attributionCells)
        XCTAssertFalse(stored.isEmpty, file: file, line: line)
        XCTAssertEqual(stored, queried, file: file, line: line)
    }

    func testIncreasingIdsAreCountedAsTheQueryCounts() throws {
        // Numeric ids grow in length (9 < 10), padded ids in bytes; two files and a sheet each in one block.
        let plain = (1...40).map { ("\($0)", "a.csv", nil as String?) }
        let padded = (1...30).map { (String(format: "R%04d", $0), "b.xlsx", "回答" as String?) }
        let other = (1...12).map { ("\($0)", "b.xlsx", "追加" as String?) }
        try check(plain + padded + other, notes: [(0, "w.md"), (1, "w.md"), (4, "w.md"), (2, "x.md"), (3, "x.md")], expectSure: true)
    }

    func testRepeatsAndDisorderAreLeftToTheQuery() throws {
        let repeated = [("1", "a.csv", nil), ("2", "a.csv", nil), ("2", "a.csv", nil), ("3", "a.csv", nil)] as [(String, String, String?)]
        try check(repeated, notes: [(0, "w.md")], expectSure: false)
        let unordered = [("2", "a.csv", nil), ("10", "a.csv", nil), ("9", "a.csv", nil)] as [(String, String, String?)]
        try check(unordered, notes: [], expectSure: false)
        // The same ids in another file or sheet are other people; a file resumed after another is not counted.
        let resumed = [("1", "a.csv", nil), ("1", "b.csv", nil), ("2", "a.csv", nil)] as [(String, String, String?)]
        try check(resumed, notes: [], expectSure: false)
        let sheets = [("1", "a.xlsx", "s1"), ("1", "a.xlsx", "s2"), ("1", "a.xlsx", nil)] as [(String, String, String?)]
        try check(sheets, notes: [(1, "w.md")], expectSure: true)
    }
}
