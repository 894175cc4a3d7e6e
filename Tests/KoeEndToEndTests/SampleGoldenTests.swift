// SampleGoldenTests — the sample run's data outputs pinned: runs `koe run Pipelines/sample.yml` and compares
// summary.csv, crosstab.csv, quotes.md, opinions.jsonl, untagged.csv, rejected.csv and a row dump of koe.sqlite
// with the copies in Tests/Fixtures/sample-run/ (run.json, which holds times, is not pinned). A mismatch prints
// a diff. After a reviewed change, `scripts/refresh-goldens` (KOE_UPDATE_GOLDENS=1) rewrites the copies.
import Foundation
import KoeWorkspace
import XCTest

final class SampleGoldenTests: XCTestCase {
    static let folder = SampleRunTests.root.appendingPathComponent("Tests/Fixtures/sample-run")
    static let files = ["summary.csv", "crosstab.csv", "quotes.md", "opinions.jsonl", "untagged.csv", "rejected.csv"]
    /// koe.sqlite's rows as text, in the fixtures as this file.
    static let dumpName = "koe.sqlite.dump"
    static var updating: Bool { ProcessInfo.processInfo.environment["KOE_UPDATE_GOLDENS"] == "1" }

    func testSampleRunMatchesTheGoldenCopies() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Bytes, not strings: a lost BOM or CRLF must show.
        var produced: [(name: String, bytes: Data)] = []
        for name in Self.files { produced.append((name, try Data(contentsOf: out.appendingPathComponent(name)))) }
        produced.append((Self.dumpName, Data(try Self.dump(out.appendingPathComponent("koe.sqlite")).utf8)))
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for (name, bytes) in produced { try bytes.write(to: Self.folder.appendingPathComponent(name)) }
            return
        }
        for (name, bytes) in produced {
            let golden = Self.folder.appendingPathComponent(name)
            guard let expected = try? Data(contentsOf: golden) else {
                XCTFail("\(golden.path) is missing: run scripts/refresh-goldens")
                continue
            }
            if expected != bytes {
                let text = String(decoding: bytes, as: UTF8.self)
                let shown =
                    Self.systemDiff(golden: golden, actual: text)
                    ?? Self.diff(expected: String(decoding: expected, as: UTF8.self), actual: text)
                XCTFail(
                    "\(name) differs from Tests/Fixtures/sample-run/\(name) (refresh with scripts/refresh-goldens after review):\n" + shown)
            }
        }
    }

    /// koe.sqlite's rows (`table|values`, tables by name, rows in rowid order), without the full-text index's
    /// internal tables (their bytes are the index's encoding, not data; its content table is kept).
    static func dump(_ url: URL) throws -> String {
        let shadow = ["_data", "_idx", "_docsize", "_config", "_content"]
        let text = try SQLiteDatabase(url: url, readOnly: true).dumpText()
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let table = line.prefix { $0 != "|" }
            return table != "sqlite_stat1" && !shadow.contains { table.hasSuffix($0) }
        }.joined(separator: "\n")
    }

    /// `diff -u` of the golden file and this run's text (first 80 lines), when the system has diff.
    static func systemDiff(golden: URL, actual: String) -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/diff") else { return nil }
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("koe-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: other) }
        guard (try? Data(actual.utf8).write(to: other)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", golden.path, other.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(80)
            .joined(separator: "\n")
    }

    /// A unified-style diff of the first differing lines (up to 20), with line numbers.
    static func diff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = ["--- golden (\(a.count) lines)", "+++ this run (\(b.count) lines)"]
        var shown = 0
        for i in 0..<max(a.count, b.count) where shown < 20 {
            let x = i < a.count ? a[i] : nil
            let y = i < b.count ? b[i] : nil
            guard x != y else { continue }
            out.append("@@ line \(i + 1)")
            if let x { out.append("-" + x.prefix(300)) }
            if let y { out.append("+" + y.prefix(300)) }
            shown += 1
        }
        return out.joined(separator: "\n")
    }

    /// The diff names the line and both sides (so a failure says what changed).
    func testDiffShowsTheChangedLine() {
        let d = Self.diff(expected: "a\nb\nc", actual: "a\nB\nc")
        XCTAssertTrue(d.contains("@@ line 2\n-b\n+B"), d)
        XCTAssertFalse(d.contains("@@ line 1"))
    }
}
