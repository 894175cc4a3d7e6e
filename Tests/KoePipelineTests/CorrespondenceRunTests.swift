// 対応分析 through a whole run of the sample city: the area_age coordinates and inertia shares in koe.sqlite
// equal numpy's (scripts/eval/ca_reference.py on the sample's crosstab.csv), the other analyses are written,
// and the report and workbook show them.
import Foundation
import KoeCore
import KoeWorkspace
import XCTest

@testable import KoePipeline

final class CorrespondenceRunTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `python3 scripts/eval/ca_reference.py area_age.json`, the table built from Tests/Fixtures/sample-run/
    /// crosstab.csv (age rows' `mentioning`, projects 1–12 × 10代…80歳以上; 無回答 left out), numpy 2.4.6.
    static let reference: [String: (Double, Double)] = [
        "1": (1.0207971696, -0.5348257300), "3": (0.1950056608, 0.8688675936), "8": (-0.7254360536, -0.2375598735),
        "9": (-0.9560033917, -0.4361832532), "12": (0.3043722953, 0.7927298313),
    ]
    static let referenceColumns: [String: (Double, Double)] = [
        "10代": (0.2374760697, 0.5891124818), "40代": (0.7354492389, -0.1015173660),
        "80歳以上": (-0.4481285912, -0.2084066570),
    ]
    static let referenceShares = [0.6131320499, 0.2554774598, 0.0571560231, 0.0400243932, 0.0194692336]

    func testSampleRunAreaAgeEqualsNumpy() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ca-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let config = try PipelineConfig.load(
            Self.root.appendingPathComponent("Pipelines/sample.yml"), displayPath: "Pipelines/sample.yml")
        _ = try PipelineRunner(config: config, diagnostics: DiagnosticCollector()).run(outputDirectory: out)
        let db = try SQLiteDatabase(url: out.appendingPathComponent("koe.sqlite"), readOnly: true)
        let points = try db.prepare("SELECT kind, label, dim1, dim2 FROM correspondence WHERE analysis = 'area_age'")
        var rows: [String: (Double, Double)] = [:]
        var columns: [String: (Double, Double)] = [:]
        while try points.next() {
            let value = (points.real(2) ?? .nan, points.real(3) ?? .nan)
            if points.text(0) == "row" { rows[points.text(1) ?? ""] = value } else { columns[points.text(1) ?? ""] = value }
        }
        XCTAssertEqual(rows.count, 12)
        XCTAssertEqual(columns.count, 8, "無回答 is left out: \(columns.keys.sorted())")
        for (label, ref) in Self.reference {
            let got = try XCTUnwrap(rows[label], label)
            XCTAssertEqual(got.0, ref.0, accuracy: 1e-8, label)
            XCTAssertEqual(got.1, ref.1, accuracy: 1e-8, label)
        }
        for (label, ref) in Self.referenceColumns {
            let got = try XCTUnwrap(columns[label], label)
            XCTAssertEqual(got.0, ref.0, accuracy: 1e-8, label)
            XCTAssertEqual(got.1, ref.1, accuracy: 1e-8, label)
        }
        let inertia = try db.prepare("SELECT dim, share FROM correspondence_inertia WHERE analysis = 'area_age' ORDER BY dim")
        var shares: [Double] = []
        while try inertia.next() { shares.append(inertia.real(1) ?? .nan) }
        XCTAssertEqual(shares.count, 7)
        for (s, ref) in zip(shares, Self.referenceShares) { XCTAssertEqual(s, ref, accuracy: 1e-9) }
        let analyses = try db.prepare("SELECT DISTINCT analysis FROM correspondence ORDER BY analysis")
        var names: [String] = []
        while try analyses.next() { names.append(analyses.text(0) ?? "") }
        XCTAssertEqual(names, ["area_age", "area_district", "word_age"])
        let words = try db.prepare("SELECT count(*) FROM correspondence WHERE analysis = 'word_age' AND kind = 'row'")
        XCTAssertTrue(try words.next())
        XCTAssertEqual(words.integer(0), 20)

        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"ca-area_age\""))
        XCTAssertTrue(html.contains("id=\"ca-word_age\""))
        XCTAssertTrue(html.contains("第1軸 (61.3%)"), "axis label with the inertia share")
        XCTAssertTrue(html.contains("原点（点線の交点）に近い点は平均的"))
    }
}
