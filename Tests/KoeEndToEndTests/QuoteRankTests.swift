// The quote query ranked in SQL from `quote_rank` picks exactly what scanning every opinion picks (the first
// implementation, kept as the reference): on the sample run, for every area, segment value, type, horizon,
// searches and combinations of them, at several limits — same ids, same order, same score parts, same groups.
import Foundation
import KoeCore
import KoePipeline
import KoeQuotes
import KoeWorkspace
import XCTest

final class QuoteRankTests: XCTestCase {
    func testRankedQueryEqualsTheScan() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-quote-rank-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let workspace = try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite"))
        func values(_ column: String) throws -> [String] {
            let statement = try workspace.database.prepare("SELECT DISTINCT \(column) FROM opinions WHERE \(column) IS NOT NULL ORDER BY 1")
            var out: [String] = []
            while try statement.next() { out.append(statement.text(0) ?? "") }
            return out
        }
        var filters: [QuoteFilter] = []
        func add(_ limit: Int, _ change: (inout QuoteFilter) -> Void) {
            var f = QuoteFilter()
            f.limit = limit
            change(&f)
            filters.append(f)
        }
        for limit in [1, 5, 20, 200] { add(limit) { _ in } }
        for area in try workspace.areaCodes() { add(5) { $0.area = area } }
        for age in try values("age") { add(10) { $0.age = age } }
        for gender in try values("gender") { add(10) { $0.gender = gender } }
        for district in try values("district") { add(10) { $0.district = district } }
        for type in try values("type") { add(10) { $0.type = type } }
        for horizon in try values("horizon") { add(10) { $0.horizon = horizon } }
        for words in [["保育園"], ["バス"], ["子ども"], ["公園"], ["バス", "本数"]] where try words.allSatisfy(workspace.hasWord) {
            add(20) { $0.words = words }
            add(3) {
                $0.words = words
                $0.age = "30代"
            }
        }
        add(5) {
            $0.area = "A"
            $0.gender = "女性"
            $0.type = "要望"
        }
        // An area × one value (stored by the run) and two values (counted by the query).
        for area in try workspace.areaCodes().prefix(4) {
            for type in try values("type") { add(5) { ($0.area, $0.type) = (area, type) } }
            for age in try values("age") { add(5) { ($0.area, $0.age) = (area, age) } }
        }
        for age in try values("age") {
            for gender in try values("gender") { add(5) { ($0.age, $0.gender) = (age, gender) } }
        }
        for district in try values("district") { add(5) { ($0.district, $0.horizon) = (district, "long") } }
        var compared = 0
        for filter in filters {
            let scanned = try workspace.quotes(filter, scanning: true)
            let ranked = try workspace.quotes(filter)
            let label =
                "area \(filter.area ?? "-") age \(filter.age ?? "-") gender \(filter.gender ?? "-") district "
                + "\(filter.district ?? "-") type \(filter.type ?? "-") horizon \(filter.horizon ?? "-") words \(filter.words) limit \(filter.limit)"
            XCTAssertEqual(ranked.map(\.candidate.id), scanned.map(\.candidate.id), label)
            XCTAssertEqual(ranked.map(\.candidate.score), scanned.map(\.candidate.score), label)
            XCTAssertEqual(ranked.map(\.candidate.groupSize), scanned.map(\.candidate.groupSize), label)
            XCTAssertEqual(ranked.map(\.source), scanned.map(\.source), label)
            XCTAssertEqual(ranked.map(\.row), scanned.map(\.row), label)
            if !scanned.isEmpty { compared += 1 }
        }
        XCTAssertGreaterThan(compared, 40, "most filters find quotes")
        // Representativeness takes part (else the common-word counts would not be compared at all).
        XCTAssertTrue(try workspace.quotes(QuoteFilter()).contains { $0.candidate.score.representativeness > 0 })
    }

    /// The common words the run stored for each area and single value are the ones counted over the matching
    /// opinions in opinion order (as the scan counts them), and the stored attribution cells give the counted guard.
    func testStoredSectionsEqualCounting() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-quote-common-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let workspace = try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite"))
        let keys = try workspace.database.prepare("SELECT DISTINCT area, segment, value FROM quote_common_segments ORDER BY 1, 2, 3")
        var filters: [QuoteFilter] = [QuoteFilter()]
        while try keys.next() {
            var f = QuoteFilter()
            f.area = keys.text(0).flatMap { $0.isEmpty ? nil : $0 }
            let value = keys.text(2)
            switch keys.text(1) {
            case "age": f.age = value
            case "gender": f.gender = value
            case "district": f.district = value
            case "type": f.type = value
            default: f.horizon = value
            }
            filters.append(f)
        }
        XCTAssertGreaterThan(filters.count, 60, "sections of areas × values are stored")
        var nonEmpty = 0
        for filter in filters {
            let stored = try XCTUnwrap(try workspace.storedCommonWords(filter))
            // The matching opinions, written here independently of QuoteFilterSQL.
            var conditions = ["1"]
            var values: [SQLiteValue] = []
            let fields = [("age", filter.age), ("gender", filter.gender), ("district", filter.district), ("type", filter.type)]
            for (column, value) in fields + [("horizon", filter.horizon)] {
                guard let value else { continue }
                values.append(.text(value))
                conditions.append("o.\(column) = ?\(values.count)")
            }
            if let area = filter.area {
                values.append(.text(area))
                conditions.append("o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = ?\(values.count))")
            }
            let statement = try workspace.database.prepare(
                "SELECT r.counted FROM quote_rank r JOIN opinions o ON o.opinion_rowid = r.opinion_rowid WHERE "
                    + conditions.joined(separator: " AND ") + " ORDER BY r.opinion_rowid")
            statement.bind(values)
            var selector = QuoteSelector(perArea: 1)
            while try statement.next() { selector.count((statement.text(0) ?? "").split(separator: " ").map(String.init), area: "q") }
            XCTAssertEqual(stored, selector.commonWords("q"), "\(filter.area ?? "-") \(filter)")
            if !stored.isEmpty { nonEmpty += 1 }
        }
        XCTAssertGreaterThan(nonEmpty, 20, "most stored sections have common words")
        var combined = QuoteFilter()
        (combined.age, combined.gender) = ("30代", "女性")
        XCTAssertNil(try workspace.storedCommonWords(combined), "two values are counted, not stored")

        let stored = try workspace.attributionGuard()
        let scanned = try workspace.attributionGuard(scanning: true)
        let cells = try workspace.database.prepare("SELECT DISTINCT age, gender, district FROM opinions")
        var checked = 0
        while try cells.next() {
            let s = Segments(age: cells.text(0), gender: cells.text(1), district: cells.text(2))
            XCTAssertEqual(stored.safeSegments(s), scanned.safeSegments(s), "\(s)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
        let members = try workspace.database.prepare("SELECT SUM(members) FROM attribution_cells")
        XCTAssertTrue(try members.next())
        XCTAssertGreaterThan(members.integer(0) ?? 0, 0)
    }
}
