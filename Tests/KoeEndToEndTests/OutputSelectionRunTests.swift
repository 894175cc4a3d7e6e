// End-to-end: `koe run --only` and the pipeline's `outputs:` write exactly the requested files plus run.json,
// with the same bytes as the full run (only the work those files need is done); unknown names are refused.
import Foundation
import XCTest

final class OutputSelectionRunTests: XCTestCase {
    static let every = [
        "opinions.jsonl", "untagged.csv", "rejected.csv", "summary.csv", "summary.xlsx", "crosstab.csv", "quotes.md",
        "quotes.docx", "report.html", "koe.sqlite",
    ]

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-only-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    private func manifest(_ dir: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent("run.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func assertSameFile(_ name: String, _ a: URL, _ b: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        if name.hasSuffix(".sqlite") {
            let x = try SampleRunTests.dump(a.appendingPathComponent(name))
            XCTAssertGreaterThan(x.count, 1000, file: file, line: line)
            XCTAssertEqual(x, try SampleRunTests.dump(b.appendingPathComponent(name)), "\(name) .dump differs", file: file, line: line)
        } else {
            let x = try Data(contentsOf: a.appendingPathComponent(name))
            XCTAssertGreaterThan(x.count, 0, name, file: file, line: line)
            XCTAssertEqual(x, try Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs", file: file, line: line)
        }
    }

    func testOnlySummaryAndCrossTabsWritesThoseWithTheFullRunsBytes() throws {
        let full = try temporaryDirectory()
        let only = try temporaryDirectory()
        let a = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", full.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", only.path, "--only", "summary.csv, crosstab.csv"])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(try files(full), (Self.every + ["run.json"]).sorted())
        XCTAssertEqual(try files(only), ["crosstab.csv", "run.json", "summary.csv"])
        for name in ["summary.csv", "crosstab.csv"] { try assertSameFile(name, full, only) }
        // run.json says what was asked for; the counts are the full run's; no near-duplicates were grouped.
        let m = try manifest(only)
        XCTAssertEqual(m["outputs"] as? [String], ["summary.csv", "crosstab.csv", "run.json"])
        XCTAssertEqual(m["outputs_from"] as? String, "--only")
        XCTAssertNil(m["near_duplicates"])
        let tagged = (try manifest(full)["counts"] as? [String: Any])?["tagged"] as? Int
        XCTAssertEqual((m["counts"] as? [String: Any])?["tagged"] as? Int, tagged)
        XCTAssertGreaterThan(tagged ?? 0, 0)
        XCTAssertEqual(try manifest(full)["outputs"] as? [String], Self.every + ["run.json"])
        XCTAssertEqual(try manifest(full)["outputs_from"] as? String, "all")
        XCTAssertNotNil(try manifest(full)["near_duplicates"])
        let writers = try XCTUnwrap((m["seconds"] as? [String: Any])?["writers"] as? [String: Any])
        XCTAssertEqual(Set(writers.keys), ["summary.csv", "crosstab.csv"])
    }

    /// Each output alone does only the work it needs, and still gives the full run's bytes.
    func testEachOutputAloneEqualsTheFullRun() throws {
        let full = try temporaryDirectory()
        let a = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", full.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        for name in Self.every {
            let dir = try temporaryDirectory()
            let r = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", dir.path, "--only", name, "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try files(dir), [name, "run.json"].sorted())
            try assertSameFile(name, full, dir)
        }
    }

    func testPipelineOutputsKeyAndItsErrors() throws {
        let dir = try temporaryDirectory()
        let samples = SampleRunTests.root.appendingPathComponent("Samples").path
        let base = """
            sources:
              - path: \(samples)/survey/citizen-survey.csv
                columns: {回答ID: id, 年代: age, 性別: gender, お住まいの地区: district, まちの課題・市への要望（自由記述）: text}
            codebook: \(samples)/codebook.yml
            output: out

            """
        let good = dir.appendingPathComponent("good.yml")
        try (base + "outputs: [summary.xlsx, report.html]\n").write(to: good, atomically: true, encoding: .utf8)
        let r = try SampleRunTests.run(["run", good.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try files(out), ["report.html", "run.json", "summary.xlsx"])
        XCTAssertEqual(try manifest(out)["outputs"] as? [String], ["summary.xlsx", "report.html", "run.json"])
        XCTAssertEqual(try manifest(out)["outputs_from"] as? String, "outputs")
        // --only wins over the pipeline's list; files it does not write are left as they were.
        let report = try Data(contentsOf: out.appendingPathComponent("report.html"))
        let o = try SampleRunTests.run(["run", good.path, "--quiet", "--only", "crosstab.csv"])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertEqual(try files(out), ["crosstab.csv", "report.html", "run.json", "summary.xlsx"])
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("report.html")), report)
        XCTAssertEqual(try manifest(out)["outputs"] as? [String], ["crosstab.csv", "run.json"])

        // An unknown name in the pipeline: exit 1, naming the line and the valid names.
        let bad = dir.appendingPathComponent("bad.yml")
        try (base + "outputs:\n  - summary.csv\n  - sumary.xlsx\n").write(to: bad, atomically: true, encoding: .utf8)
        let e = try SampleRunTests.run(["run", bad.path])
        XCTAssertEqual(e.status, 1)
        XCTAssertTrue(e.stderr.contains("bad.yml:8:5: error[unknown-output]"), e.stderr)
        XCTAssertTrue(e.stderr.contains("「summary.xlsx」の誤りではありませんか"), e.stderr)
        XCTAssertTrue(e.stderr.contains("使える出力: opinions.jsonl, untagged.csv"), e.stderr)
        let empty = dir.appendingPathComponent("empty.yml")
        try (base + "outputs: []\n").write(to: empty, atomically: true, encoding: .utf8)
        let x = try SampleRunTests.run(["run", empty.path])
        XCTAssertEqual(x.status, 1)
        XCTAssertTrue(x.stderr.contains("error[empty-outputs]"), x.stderr)

        // An unknown name after --only: a usage error (exit 2) naming the flag.
        let u = try SampleRunTests.run(["run", good.path, "--only", "summary.csv,report.htm"])
        XCTAssertEqual(u.status, 2)
        XCTAssertTrue(u.stderr.contains("error[unknown-output]: --only に不明な出力「report.htm」"), u.stderr)
        XCTAssertTrue(u.stderr.contains("「report.html」の誤りではありませんか"), u.stderr)
        XCTAssertTrue(u.stderr.contains("koe.sqlite"), u.stderr)
        // Nothing was written by the refused runs.
        XCTAssertEqual(try files(out), ["crosstab.csv", "report.html", "run.json", "summary.xlsx"])
        XCTAssertEqual(try manifest(out)["outputs"] as? [String], ["crosstab.csv", "run.json"])
    }
}
