// WordIndexBuildTests — the word index built on a second thread in a file of its own: its shadow tables hold the
// rows of a plain 'rebuild' in the workspace (more than one segment, empty and missing words included), the index
// answers searches on the builder's own connection, and the temporary file is gone after a run and after a failure.
import Foundation
import KoeAnalysis
import KoeCore
import XCTest

@testable import KoeWorkspace

final class WordIndexBuildTests: XCTestCase {
    private func opinion(_ i: Int, words: [String]) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: "s-\(i)-C", kind: .survey, location: SourceLocation(file: "s.csv", row: i + 2, column: "意見", columnLetter: "C"),
                respondent: "r\(i)", text: words.joined(), segments: RawSegments()),
            segments: Segments(), normalized: words.joined(), areas: [], evidence: [], excluded: [], type: .request,
            typeCue: nil, horizon: .unknown, horizonCue: nil, words: words)
    }

    /// A workspace of `count` opinions with varied words (every 7th without words), its indexes built.
    private func workspace(_ url: URL, count: Int) throws -> WorkspaceBuilder {
        let builder = try WorkspaceBuilder(url: url)
        try builder.addAreas([PlanArea(code: "A", name: "子育て", level: 1)])
        var batch: [TaggedOpinion] = []
        for i in 0..<count {
            let words = i % 7 == 3 ? [] : (0..<(3 + i % 11)).map { "語\((i * 31 + $0 * 17) % 4000)" } + ["ばす\(i % 5)"]
            batch.append(opinion(i, words: words))
        }
        try builder.addOpinions(batch)
        return builder
    }

    private func rows(_ db: SQLiteDatabase, _ sql: String) throws -> [String] {
        let s = try db.prepare(sql)
        var rows: [String] = []
        while try s.next() { rows.append([s.text(0), s.text(1), s.text(2)].map { $0 ?? "∅" }.joined(separator: "|")) }
        return rows
    }

    private func shadowRows(_ db: SQLiteDatabase) throws -> [[String]] {
        [
            try rows(db, "SELECT id, hex(block), '' FROM opinion_words_data ORDER BY id"),
            try rows(db, "SELECT segid, hex(term), pgno FROM opinion_words_idx ORDER BY segid, term"),
            try rows(db, "SELECT k, v, '' FROM opinion_words_config ORDER BY k"),
        ]
    }

    func testShadowTablesAreThoseOfAPlainRebuild() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        for count in [0, 12_000] {
            let builder = try workspace(url, count: count)
            try builder.buildIndexes()
            let db = builder.database
            let built = try shadowRows(db)
            // The word index answers on the builder's own connection.
            let match = try rows(db, "SELECT count(*), '', '' FROM opinion_words WHERE opinion_words MATCH 'ばす2'")
            XCTAssertEqual(match, ["\((0..<count).filter { $0 % 5 == 2 && $0 % 7 != 3 }.count)||"])
            try db.execute("INSERT INTO opinion_words(opinion_words) VALUES ('integrity-check');")
            try builder.finish()
            // The same index made in the workspace itself, as before.
            try db.execute("DROP TABLE opinion_words;" + WorkspaceSchema.wordIndex + WorkspaceSchema.wordIndexBuild)
            let plain = try shadowRows(db)
            XCTAssertEqual(built, plain, "\(count) opinions")
            XCTAssertGreaterThan(built[0].count, count == 0 ? 1 : 10, "the averages, the structure and the leaves")
            XCTAssertEqual(built[2], ["version|4|"])
            XCTAssertFalse(FileManager.default.fileExists(atPath: WordIndexBuild.fileURL(for: url).path))
        }
    }

    func testTemporaryFileRemovedAfterAFailure() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let temporary = WordIndexBuild.fileURL(for: url)
        // A file left by a killed run is replaced.
        FileManager.default.createFile(atPath: temporary.path, contents: Data("not a database".utf8))
        let builder = try workspace(url, count: 500)
        // An index that cannot be made while the word index is being built.
        try builder.database.execute("CREATE TABLE tags_area(x);")
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary.path))
        XCTAssertThrowsError(try builder.buildIndexes())
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
    }

    func testTemporaryFileRemovedWhenTheBuilderIsDropped() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let temporary = WordIndexBuild.fileURL(for: url)
        var builder: WorkspaceBuilder? = try workspace(url, count: 50)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary.path))
        XCTAssertNotNil(builder)
        builder = nil
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
    }
}
