// QuoteRankRowsTests — the workspace's `quote_rank` rows and stored common words: the score parts handed over by
// the analysis worker are the ones stored (not worked out again), and the common words of every section (all,
// each area, each segment value, each area × value) are what counting that section's opinions in order gives.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeWorkspace
import XCTest

final class QuoteRankRowsTests: XCTestCase {
    private func opinion(_ i: Int, text: String, words: [String], areas: [String], segments: Segments, type: OpinionType) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: "o\(i)", kind: .survey, location: SourceLocation(file: "s.csv", row: i + 2, column: "意見", columnLetter: "C"),
                respondent: "r\(i)", text: text, segments: RawSegments()),
            segments: segments, normalized: text, areas: areas, evidence: [], excluded: [], type: type, typeCue: nil,
            horizon: i % 3 == 0 ? .long : .unknown, horizonCue: nil, words: words)
    }

    /// Writes a workspace with `write`, then reads it with `body`.
    private func withWorkspace(_ body: (SQLiteDatabase) throws -> Void, write: (WorkspaceBuilder) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-rank-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let builder = try WorkspaceBuilder(url: url)
        try builder.addAreas([PlanArea(code: "A", name: "子育て", level: 1), PlanArea(code: "B", name: "交通", level: 1)])
        try write(builder)
        try builder.finish()
        try body(try SQLiteDatabase(url: url, readOnly: true))
    }

    func testHandedPartsAreStored() throws {
        // Parts made for another text: the row must hold them, proving the writer does not work them out again.
        var handed = opinion(0, text: "バスが少ない", words: ["ばす", "少"], areas: [], segments: Segments(), type: .problem)
        let parts = QuoteRankParts(text: "保育園を増やしてほしい。駅前にも", words: ["保育", "園", "駅前"], type: "要望")
        handed.quoteRank = parts
        let plain = opinion(1, text: "バスが少ない", words: ["ばす", "少"], areas: [], segments: Segments(), type: .problem)
        try withWorkspace { db in
            let rows = try db.prepare("SELECT base, text_key, counted FROM quote_rank ORDER BY opinion_rowid")
            XCTAssertTrue(try rows.next())
            XCTAssertEqual(rows.real(0), parts.score.base)
            XCTAssertEqual(rows.integer(1), Int(Int64(bitPattern: parts.textKey)))
            XCTAssertEqual(rows.text(2), parts.counted.joined(separator: " "))
            XCTAssertTrue(try rows.next())
            let own = QuoteRankParts(text: "バスが少ない", words: ["ばす", "少"], type: "課題")
            XCTAssertEqual(rows.real(0), own.score.base)
            XCTAssertNotEqual(rows.real(0), parts.score.base)
            XCTAssertEqual(rows.integer(1), Int(Int64(bitPattern: own.textKey)))
            XCTAssertEqual(rows.text(2), own.counted.joined(separator: " "))
            XCTAssertNotEqual(own.counted, parts.counted)
        } write: { builder in
            try builder.addOpinions([handed, plain])
        }
    }

    func testCommonWordsOfEverySectionAreTheSectionsCounts() throws {
        // Segment values repeat, are missing or empty, and one district is spelled two canonically equal ways
        // (which the query treats as one value); areas overlap; more words than counters.
        let ages: [String?] = ["30代", "40代", nil, "", "70代"]
        let districts: [String?] = ["広丘", "か\u{3099}っこう区", "がっこう区", nil, "松本市立波田小学校区"]
        let types: [OpinionType] = [.request, .problem, .unknown]
        var seed: UInt64 = 5
        var opinions: [TaggedOpinion] = []
        for i in 0..<3_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let words = ["語\(seed >> 54)", "駅\(i % 300)", i % 3 == 0 ? "保育園" : "バス", "とても長いまちづくりの言葉\(i % 40)"]
            let areas = [[], ["A"], ["B"], ["A", "B"]][i % 4]
            let segments = Segments(age: ages[i % 5], gender: i % 2 == 0 ? "女性" : nil, district: districts[i % 5])
            var o = opinion(i, text: words.joined(), words: words, areas: areas, segments: segments, type: types[i % 3])
            if i % 2 == 0 { o.quoteRank = QuoteRankParts(text: o.opinion.text, words: words, type: o.typeLabel) }
            opinions.append(o)
        }
        // The reference: each section's words counted in opinion order, sections keyed by Strings (canonical equality).
        var selector = QuoteSelector(perArea: 1)
        var sections: [String: (area: String, segment: String?, value: String?)] = [:]
        for o in opinions {
            let counted = QuoteRankParts(text: o.opinion.text, words: o.words, type: o.typeLabel).counted
            let fields: [(String, String?)] = [
                ("age", o.segments.age), ("gender", o.segments.gender), ("district", o.segments.district), ("type", o.type.rawValue),
                ("horizon", o.horizon.rawValue),
            ]
            for area in [""] + o.areas {
                selector.count(counted, area: area + "|")
                sections[area + "|", default: (area, nil, nil)] = (area, nil, nil)
                for (segment, value) in fields {
                    guard let value, !value.isEmpty else { continue }
                    let key = area + "|" + segment + "|" + value
                    selector.count(counted, area: key)
                    if sections[key] == nil { sections[key] = (area, segment, value) }
                }
            }
        }
        try withWorkspace { db in
            var stored: [String: [String]] = [:]
            let plain = try db.prepare("SELECT area, word FROM quote_common ORDER BY area, position")
            while try plain.next() { stored[(plain.text(0) ?? "") + "|", default: []].append(plain.text(1) ?? "") }
            let narrowed = try db.prepare(
                "SELECT area, segment, value, word FROM quote_common_segments ORDER BY area, segment, value, position")
            while try narrowed.next() {
                let key = (narrowed.text(0) ?? "") + "|" + (narrowed.text(1) ?? "") + "|" + (narrowed.text(2) ?? "")
                stored[key, default: []].append(narrowed.text(3) ?? "")
            }
            let expected = sections.keys.map { ($0, selector.commonWords($0)) }.filter { !$0.1.isEmpty }
            XCTAssertGreaterThan(expected.count, 30)
            XCTAssertEqual(stored.count, expected.count)
            for (key, words) in expected { XCTAssertEqual(stored[key], words, key) }
            XCTAssertNotNil(stored["A|district|がっこう区"], "the two spellings are one value")
        } write: { builder in
            for start in stride(from: 0, to: opinions.count, by: 500) {
                try builder.addOpinions(Array(opinions[start..<min(start + 500, opinions.count)]))
            }
        }
    }
}
