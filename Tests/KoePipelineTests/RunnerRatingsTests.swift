// Ratings in a run: oriented means, missing codes left out, invalid values counted and warned (review
// finding: they used to vanish silently); an unknown rating area is a configuration error.
import Foundation
import KoeCore
import XCTest

@testable import KoePipeline

final class RunnerRatingsTests: XCTestCase {
    private var folder: URL!
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ratings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = """
            ID,意見,重要度_交通,満足度_交通
            1,バスの本数を増やしてほしい,1,4
            2,駅前の駐車場が足りない,2,満足
            3,通学路が危ない,9,3
            4,デマンド交通が便利,5,12

            """
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func config(area: String) throws -> PipelineConfig {
        let text = """
            sources:
              - path: s.csv
                columns: {ID: id, 意見: text}
                ratings:
                  - {area: "\(area)", importance: 重要度_交通, satisfaction: 満足度_交通}
                scale: {min: 1, max: 4, high_is: bad, missing: [5, 9]}
            codebook: \(Self.samples.path)/codebook.yml
            output: out
            """
        return try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
    }

    func testMeansLeaveOutMissingAndCountInvalid() throws {
        let diagnostics = DiagnosticCollector()
        _ = try PipelineRunner(config: config(area: "4"), diagnostics: diagnostics).run()
        let summary = try String(contentsOf: folder.appendingPathComponent("out/summary.csv"), encoding: .utf8)
        let row = summary.components(separatedBy: "\r\n").first { $0.hasPrefix("4,") } ?? ""
        let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // importance: codes 1, 2 (9 and 5 missing) → oriented 4, 3 → mean 3.5 over 2
        XCTAssertEqual(Array(cells[7...8]), ["3.500", "2"], row)
        // satisfaction: 4, 3 valid → oriented 1, 2 → 1.5; 満足 and 12 are invalid
        XCTAssertEqual(Array(cells[9...10]), ["1.500", "2"], row)
        // Issue 9: missing answers (the codes 9 and 5 of importance; none of satisfaction) are counted.
        XCTAssertEqual(Array(cells[15...16]), ["2", "0"], row)
        let warnings = diagnostics.diagnostics.filter { $0.code == "invalid-rating" }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.location?.column, "満足度_交通")
        XCTAssertEqual(warnings.first?.location?.row, 3)
        XCTAssertTrue(warnings.first?.message.contains("2 件") ?? false, warnings.first?.message ?? "")
        let manifest = try String(contentsOf: folder.appendingPathComponent("out/run.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"invalid_ratings\":2"), manifest)
    }

    func testUnknownRatingAreaIsAnError() throws {
        XCTAssertThrowsError(try PipelineRunner(config: config(area: "ZZ"), diagnostics: DiagnosticCollector()).run()) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unknown-area")
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.row, 2)
        }
    }

    /// Issue 9: the `weights` column gives weighted_share; an unusable weight leaves that respondent out of it
    /// (and is warned), the unweighted share is unchanged.
    func testWeightsGiveWeightedShare() throws {
        let csv = """
            ID,意見,W
            1,バスの本数を増やしてほしい,3
            2,保育園に入れない,1
            3,駅前の駐車場が足りない,x
            4,特になし,1

            """
        try csv.write(to: folder.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        let text = """
            sources:
              - path: w.csv
                columns: {ID: id, 意見: text}
                weights: W
            codebook: \(Self.samples.path)/codebook.yml
            output: out
            """
        let config = try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        let diagnostics = DiagnosticCollector()
        _ = try PipelineRunner(config: config, diagnostics: diagnostics).run()
        let summary = try String(contentsOf: folder.appendingPathComponent("out/summary.csv"), encoding: .utf8)
        let rows = summary.components(separatedBy: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        // Project 4 (交通): respondent 1 (weight 3) mentions it; respondent 3 (bad weight) too.
        // share = 2 of 3 respondents with an opinion; weighted = 3 / (3 + 1) (respondent 3 left out).
        let transport = rows.first { $0.first == "4" } ?? []
        XCTAssertEqual(transport[5], "0.6667", transport.joined(separator: ","))
        XCTAssertEqual(transport[14], "0.7500", transport.joined(separator: ","))
        let childcare = rows.first { $0.first == "1" } ?? []
        XCTAssertEqual(childcare[14], "0.2500", childcare.joined(separator: ","))
        XCTAssertEqual(diagnostics.diagnostics.filter { $0.code == "bad-weight" && $0.location?.file == "p.yml" }.count, 1)
    }
}
