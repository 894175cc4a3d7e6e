// PlanCycleRunTests — two waves of the sample city (Pipelines/sample-2023.yml, then sample-compare.yml with
// `baseline:`): the comparison's numbers equal SciPy's, the workbook has 前回比較, the report its sections and
// maps; a baseline of another schema version or age-band scheme gets a clear message, not wrong numbers.
import Foundation
import KoeWorkspace
import XCTest

final class PlanCycleRunTests: XCTestCase {
    /// Both runs, once for the class (each takes a few seconds in a debug build).
    static let runs: Result<(before: URL, now: URL), Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-plancycle-\(UUID().uuidString)")
        let before = dir.appendingPathComponent("2023")
        let now = dir.appendingPathComponent("2026")
        let r1 = try SampleRunTests.run(["run", "Pipelines/sample-2023.yml", "--out", before.path])
        guard r1.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": r1.stderr]) }
        let pipeline = try comparePipeline(in: dir, baseline: before.appendingPathComponent("koe.sqlite"))
        let r2 = try SampleRunTests.run(["run", pipeline.path, "--out", now.path])
        guard r2.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": r2.stderr]) }
        return (before, now)
    }

    /// Pipelines/sample-compare.yml with absolute paths, its baseline replaced, in `dir`.
    static func comparePipeline(in dir: URL, baseline: URL, edit: (String) -> String = { $0 }) throws -> URL {
        let root = SampleRunTests.root.path
        var text = try String(contentsOf: SampleRunTests.root.appendingPathComponent("Pipelines/sample-compare.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "../Samples/", with: root + "/Samples/")
        text = text.replacingOccurrences(of: "baseline: ../out/sample-2023/koe.sqlite", with: "baseline: \(baseline.path)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("compare-\(UUID().uuidString).yml")
        try edit(text).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func database() throws -> SQLiteDatabase {
        let (_, now) = try Self.runs.get()
        return try SQLiteDatabase(url: now.appendingPathComponent("koe.sqlite"), readOnly: true)
    }

    func rows(_ sql: String) throws -> [[Double?]] {
        let s = try database().prepare(sql)
        var out: [[Double?]] = []
        while try s.next() { out.append((0..<6).map { s.real(Int32($0)) }) }
        return out
    }

    /// References from `python3 scripts/eval/baseline_reference.py NOW BEFORE` (counts from each run's
    /// opinions.jsonl, p = 2 * scipy.stats.norm.sf(|z|) of the pooled z; that script checks all 1,528 rows).
    func testSharesEqualSciPy() throws {
        let cases: [(String, [Double], Double)] = [
            ("1", [61, 346, 26, 224], 0.0508351659398342),
            ("1-3", [19, 346, 3, 224], 0.011957724550954889),  // ▲ in the report
            ("4", [110, 346, 86, 224], 0.10513049423828297),
            ("A", [126, 346, 76, 224], 0.5442272803529207),
        ]
        for (area, counts, p) in cases {
            let r = try rows(
                "SELECT mentioning_now, respondents_now, mentioning_before, respondents_before, p, share_now FROM baseline_shares"
                    + " WHERE area = '\(area)' AND segment IS NULL")
            XCTAssertEqual(r.count, 1, area)
            XCTAssertEqual(r.first.map { Array($0.prefix(4)).compactMap { $0 } }, counts, area)
            XCTAssertEqual(r.first?[4] ?? 0, p, accuracy: p * 1e-12, area)
            XCTAssertEqual(r.first?[5] ?? 0, counts[0] / counts[1], accuracy: 1e-15)
        }
        // Every segment value present in both waves is compared; 無回答 too.
        let segments = try rows("SELECT count(*) FROM baseline_shares WHERE segment = 'district' AND area = '4'")
        XCTAssertEqual(segments.first?.first ?? 0, 10)
    }

    /// scipy.stats.ttest_ind(now, before, equal_var=False) on the survey CSVs' oriented ratings (5 − x, 5 = わからない
    /// and blanks left out), as printed by scripts/eval/baseline_reference.py.
    func testMeansEqualSciPyWelch() throws {
        let r = try rows("SELECT t, p, n_now, n_before FROM baseline_means WHERE area = '5' ORDER BY kind")
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(r[0][0] ?? 0, 0.04785855302543518, accuracy: 1e-12)  // importance
        XCTAssertEqual(r[0][1] ?? 0, 0.9618507009981211, accuracy: 1e-12)
        XCTAssertEqual(r[0][2], 340)
        XCTAssertEqual(r[0][3], 226)
        XCTAssertEqual(r[1][0] ?? 0, 0.4519437937606185, accuracy: 1e-12)  // satisfaction
        XCTAssertEqual(r[1][1] ?? 0, 0.6515203452182181, accuracy: 1e-12)
    }

    /// G² of the 2 × 2 table (survey opinions with the word, now vs before), as
    /// scipy.stats.chi2_contingency(t, correction=False, lambda_="log-likelihood") (baseline_reference.py).
    func testWordsThatRoseAndFell() throws {
        let s = try database().prepare("SELECT word, direction, opinions_now, opinions_before, g2, p FROM baseline_words ORDER BY rowid")
        var words: [(String, String, Int, Int, Double, Double)] = []
        while try s.next() {
            words.append((s.text(0) ?? "", s.text(1) ?? "", s.integer(2) ?? 0, s.integer(3) ?? 0, s.real(4) ?? 0, s.real(5) ?? 0))
        }
        XCTAssertEqual(words.filter { $0.1 == "rose" }.count, 15)
        XCTAssertEqual(words.first?.0, "公園")
        XCTAssertEqual(words.first?.2, 7)
        XCTAssertEqual(words.first?.3, 0)
        XCTAssertEqual(words.first?.4 ?? 0, 7.1053654628409415, accuracy: 1e-12)
        let fell = try XCTUnwrap(words.first { $0.1 == "fell" })
        XCTAssertEqual(fell.0, "免許")
        XCTAssertEqual(fell.5, 0.04154345127578354, accuracy: 1e-12)
    }

    func testWorkbookAndReportShowTheComparisonAndMaps() throws {
        let (_, now) = try Self.runs.get()
        let page = try String(contentsOf: now.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<section id=\"baseline\">"))
        XCTAssertTrue(page.contains("<svg id=\"chart-baseline\""))
        XCTAssertTrue(page.contains("<td class=\"n mark\" data-v=\"0.0415\">▲+4.2pt</td>"), "1-3 rose significantly")
        XCTAssertTrue(page.contains("<section id=\"map\">"))
        XCTAssertTrue(page.contains("data-district=\"高出\""))
        XCTAssertTrue(page.contains("koe のサンプル用の模式図"))
        // Every map has the ten districts.
        let maps = page.components(separatedBy: "<svg id=\"chart-map-").count - 1
        XCTAssertGreaterThan(maps, 10)
        XCTAssertEqual(page.components(separatedBy: "data-district=\"楢川\"").count - 1, maps)
        let xlsx = try Data(contentsOf: now.appendingPathComponent("summary.xlsx"))
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["unzip", "-p", now.appendingPathComponent("summary.xlsx").path, "xl/workbook.xml"]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let workbook = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        XCTAssertGreaterThan(xlsx.count, 0)
        XCTAssertTrue(workbook.contains("name=\"前回比較\""), workbook)
    }

    func testBaselineOfAnotherSchemaVersionIsRefused() throws {
        let (before, _) = try Self.runs.get()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-plancycle-old-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = dir.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: before.appendingPathComponent("koe.sqlite"), to: old)
        try SQLiteDatabase(url: old).execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        let pipeline = try Self.comparePipeline(in: dir, baseline: old)
        let r = try SampleRunTests.run(["run", pipeline.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[baseline-version]"), r.stderr)
        XCTAssertTrue(r.stderr.contains("別の版の koe"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/koe.sqlite").path))
    }

    func testDifferentAgeBandsWarnAndLeaveAgeOut() throws {
        let (before, _) = try Self.runs.get()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-plancycle-bands-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipeline = try Self.comparePipeline(in: dir, baseline: before.appendingPathComponent("koe.sqlite")) {
            $0.replacingOccurrences(
                of: "age_bands: [10代, 20代, 30代, 40代, 50代, 60代, 70代, 80歳以上]", with: "age_bands: [10代, 20代, 30代, 40代, 50代, 60代, 70歳以上]")
        }
        let out = dir.appendingPathComponent("out")
        let r = try SampleRunTests.run(["run", pipeline.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning[baseline-segments-differ]"), r.stderr)
        let db = try SQLiteDatabase(url: out.appendingPathComponent("koe.sqlite"), readOnly: true)
        let s = try db.prepare("SELECT count(*) FROM baseline_shares WHERE segment = 'age'")
        XCTAssertTrue(try s.next())
        XCTAssertEqual(s.integer(0), 0)
        let t = try db.prepare("SELECT count(*) FROM baseline_shares WHERE segment = 'gender'")
        XCTAssertTrue(try t.next())
        XCTAssertGreaterThan(t.integer(0) ?? 0, 0)
    }

    func testMissingBaselineIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-plancycle-missing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipeline = try Self.comparePipeline(in: dir, baseline: dir.appendingPathComponent("nowhere/koe.sqlite"))
        let r = try SampleRunTests.run(["run", pipeline.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[baseline-missing]"), r.stderr)
    }
}
