// The quote query ranked in SQL from `quote_rank` picks exactly what scanning every opinion picks (the first
// implementation, kept as the reference): on the sample run, for every area, segment value, type, horizon,
// searches and combinations of them, at several limits — same ids, same order, same score parts, same groups.
import Foundation
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
}
