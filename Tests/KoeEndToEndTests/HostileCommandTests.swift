// Issue 21 through the `koe` executable: user numbers that used to crash, a FIFO as workspace, control
// characters from file names and column labels kept off the terminal, and broken workspaces refused.
import Foundation
import KoeWorkspace
import XCTest

final class HostileCommandTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-hostile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A small run whose survey file name carries an ESC sequence; returns the workspace.
    private func smallRun(_ dir: URL) throws -> URL {
        var csv = "ID,年代,性別,意見\n"
        for i in 1...8 { csv += "\(i),30代,女性,保育園を増やしてほしい\(i)\n" }
        try csv.write(to: dir.appendingPathComponent("a\u{1B}[31mb.csv"), atomically: true, encoding: .utf8)
        let pipeline = """
            sources:
              - path: "a\\e[31mb.csv"
                columns: {ID: id, 年代: age, 性別: gender, 意見: text}
            codebook: \(SampleRunTests.root.path)/Samples/codebook.yml
            output: out
            """
        try pipeline.write(to: dir.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        let run = try SampleRunTests.run(["run", dir.appendingPathComponent("p.yml").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        return dir.appendingPathComponent("out/koe.sqlite")
    }

    /// Defect 2: `--limit 2305843009213693951` ended in "Illegal instruction"; now a usage error (exit 2).
    func testHugeLimitIsAUsageError() throws {
        let r = try SampleRunTests.run(["quotes", "--workspace", "koe.sqlite", "--limit", "2305843009213693951"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("1〜100000"), r.stderr)
        XCTAssertEqual(try SampleRunTests.run(["run", "p.yml", "--threads", "99999999"]).status, 2)
    }

    /// Defect 12: `koe quotes --workspace FIFO` blocked forever.
    func testFIFOWorkspaceIsRefusedAtOnce() throws {
        let fifo = try temporaryDirectory().appendingPathComponent("koe.sqlite")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let started = Date()
        let r = try SampleRunTests.run(["quotes", "--workspace", fifo.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[not-a-regular-file]"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 2, "one error line and its hint\n" + r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// Defect 11: an ESC sequence in a column label (`koe inspect`) and in a file name (`koe quotes` text)
    /// reached the terminal raw; defect 10/9: the id carries no control character in any format.
    func testControlCharactersNeverReachTheTerminal() throws {
        let dir = try temporaryDirectory()
        let csv = dir.appendingPathComponent("s.csv")
        try "ID,\u{1B}]0;owned\u{07}意見\u{1B}[2J\n1,バスが少ない\n".write(to: csv, atomically: true, encoding: .utf8)
        let inspect = try SampleRunTests.run(["inspect", csv.path])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertFalse(inspect.stdout.contains("\u{1B}") || inspect.stdout.contains("\u{07}"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("\\x1B]0;owned\\x07意見"), inspect.stdout)
        let workspace = try smallRun(dir)
        for format in ["text", "md", "csv", "jsonl"] {
            let r = try SampleRunTests.run(["quotes", "--workspace", workspace.path, "--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.contains("\u{1B}"), "\(format): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains("a[31mb-2-D"), "the id without ESC (\(format))\n\(r.stdout)")
        }
    }

    /// Minor: a workspace with min_cell 0 or −5 was accepted; a dropped table said "check disk space".
    func testDamagedWorkspacesAreRefused() throws {
        let workspace = try smallRun(try temporaryDirectory())
        for value in ["0", "-5"] {
            let db = try SQLiteDatabase(url: workspace)
            try db.execute("UPDATE meta SET value = '\(value)' WHERE key = 'min_cell'")
            let r = try SampleRunTests.run(["quotes", "--workspace", workspace.path])
            XCTAssertEqual(r.status, 1, r.stdout)
            XCTAssertTrue(r.stderr.contains("error[workspace-damaged]") && r.stderr.contains("min_cell（\(value)）"), r.stderr)
        }
        let db = try SQLiteDatabase(url: workspace)
        // `opinions`: every quote query reads it (respondents no longer: the small-cell counts are `attribution_cells`).
        try db.execute("UPDATE meta SET value = '5' WHERE key = 'min_cell'; DROP TABLE opinions")
        let r = try SampleRunTests.run(["quotes", "--workspace", workspace.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[workspace-damaged]") && !r.stderr.contains("空き容量"), r.stderr)
    }
}
