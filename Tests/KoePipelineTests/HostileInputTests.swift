// Issue 21: `koe run` against hostile inputs and hostile conditions — bounded pipeline numbers, a locked
// output folder, outputs committed all or nothing, files that are not regular files, links leaving a source
// folder, bidi characters and Markdown in codebooks and answers, one person on several rows, and personal data
// in the words report.html shows.
import Foundation
import KoeCore
import XCTest

@testable import KoePipeline

final class HostileInputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let codebook = """
            - code: "<script>alert(1)</script>"
              name: "**交通** [x](javascript:alert(1))"
              keywords: [バス]
            - code: B
              name: 子育て
              keywords: [保育園]

            """
        try codebook.write(to: folder.appendingPathComponent("codebook.yml"), atomically: true, encoding: .utf8)
        try survey(rows: 12).write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// 12 respondents, 30代 女性, district 広丘 with a bidi override after it.
    private func survey(rows: Int, text: String = "バスの本数を増やしてほしい") -> String {
        var csv = "ID,年代,性別,地区,意見\n"
        for i in 1...rows { csv += "\(i),30代,女性,広丘\u{202E},\(text)\(i)回目\n" }
        return csv
    }

    private func config(_ extra: String = "", sources: String? = nil) throws -> PipelineConfig {
        let text = """
            sources:
            \(sources ?? "  - path: s.csv\n    columns: {ID: id, 年代: age, 性別: gender, 地区: district, 意見: text}")
            codebook: codebook.yml
            output: out
            \(extra)
            """
        return try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
    }

    private func run(_ config: PipelineConfig) throws -> DiagnosticCollector {
        let diagnostics = DiagnosticCollector()
        _ = try PipelineRunner(config: config, diagnostics: diagnostics).run()
        return diagnostics
    }

    private func output(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("out/\(name)"), encoding: .utf8)
    }

    private func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? KoeError)?.diagnostic.code ?? "\(error)"
        }
    }

    /// Defect 2: `quotes: {per_area: 2305843009213693951}` crashed (capacity overflow); min_cell 0 or −5 passed.
    func testPipelineNumbersAreBounded() throws {
        for value in ["2305843009213693951", "-1", "1e3"] {
            XCTAssertThrowsError(try config("quotes: {per_area: \(value)}")) { error in
                let d = (error as? KoeError)?.diagnostic
                XCTAssertEqual(d?.code, "wrong-type")
                XCTAssertEqual(d?.location?.row, 6, "the key's line")
                XCTAssertTrue(d?.message.contains("0〜1000") ?? false, d?.message ?? "")
            }
        }
        XCTAssertThrowsError(try config("quotes: {min_cell: 0}"))
        XCTAssertThrowsError(try config("quotes: {min_cell: -5}"))
        XCTAssertThrowsError(try config(sources: "  - path: s.csv\n    header_rows: 99999999999"))
        XCTAssertThrowsError(try config(sources: "  - path: s.csv\n    scale: {min: .nan, max: 4}"))
        XCTAssertEqual(try config("quotes: {per_area: 7, min_cell: 3}").quotesPerArea, 7)
    }

    /// Defects 9 and 10: codebook codes and names are inert in quotes.md headings, and the district's U+202E
    /// reaches no output.
    func testCodebookAndDistrictTextIsInertInOutputs() throws {
        _ = try run(config())
        let quotes = try output("quotes.md")
        XCTAssertFalse(quotes.contains("<script>"), quotes)
        XCTAssertTrue(quotes.contains("## &lt;script&gt;alert(1)&lt;/script&gt; \\*\\*交通\\*\\* \\[x\\](javascript:alert(1))"), quotes)
        XCTAssertTrue(quotes.contains("（30代・女性・広丘）"), quotes)
        for name in ["quotes.md", "report.html", "crosstab.csv", "opinions.jsonl", "untagged.csv"] {
            XCTAssertFalse(try output(name).unicodeScalars.contains("\u{202E}"), name)
        }
    }

    /// Defect 16: one respondent id on five rows counted as five people and was attributed; now one person
    /// is one, the attribution is coarsened and the duplicate id is warned about.
    func testRepeatedIdCountsOnce() throws {
        var csv = "ID,年代,性別,地区,意見\n"
        for i in 1...5 { csv += "7,40代,男性,広丘,バスの停留所が遠くて困る\(i)\n" }
        for i in 1...5 { csv += "\(10 + i),30代,女性,広丘,保育園を増やしてほしい\(i)\n" }
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let diagnostics = try run(config())
        let quotes = try output("quotes.md")
        XCTAssertFalse(quotes.contains("40代・男性"), quotes)
        XCTAssertTrue(quotes.contains("（30代・女性・広丘）"), "five distinct people keep their attribution\n" + quotes)
        let warnings = diagnostics.diagnostics.filter { $0.code == "duplicate-respondent-id" }
        XCTAssertEqual(warnings.map { $0.location?.row }, [3, 4, 5, 6])
    }

    /// Defect 6: two runs into one folder mixed their files; the second now stops with a clear message.
    func testLockedOutputFolderIsRefused() throws {
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let config = try config()
        XCTAssertThrowsError(try run(config)) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "output-busy")
            XCTAssertTrue(d?.message.contains("別の koe run が書き込み中") ?? false)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))
        flock(fd, LOCK_UN)
        XCTAssertNoThrow(try run(config))
    }

    /// Defect 5: a file that cannot be replaced left old and new outputs mixed; now every old file stays.
    func testFailedCommitKeepsEveryOldOutput() throws {
        _ = try run(config())
        let out = folder.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        var before: [String: Data] = [:]
        for name in names { before[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
        // The next run has other answers, and one output (untagged.csv, last in order) cannot be replaced.
        try survey(rows: 20, text: "保育園がもっとほしい").write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let blocker = out.appendingPathComponent("untagged.csv")
        try FileManager.default.removeItem(at: blocker)
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("x"), withIntermediateDirectories: true)
        XCTAssertEqual(code { _ = try run(config()) }, "output-unwritable")
        for name in names where name != "untagged.csv" {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)), before[name], "\(name) changed")
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(hidden, [], "no work, backup or journal left")
    }

    /// Defect 5: a run stopped inside its commit is completed by the next one (all new, never a mix).
    func testInterruptedCommitIsCompleted() throws {
        let out = folder.appendingPathComponent("out")
        let work = out.appendingPathComponent(".koe-work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: out.appendingPathComponent("a.csv"))
        try Data("old".utf8).write(to: out.appendingPathComponent("b.csv"))
        try Data("new".utf8).write(to: out.appendingPathComponent("a.csv.tmp"))
        try FileManager.default.moveItem(at: out.appendingPathComponent("a.csv.tmp"), to: work.appendingPathComponent("b.csv"))
        // a.csv was already moved in when the run was stopped; b.csv was not.
        try Data("new".utf8).write(to: out.appendingPathComponent("a.csv"))
        try Data("a.csv\nb.csv".utf8).write(to: out.appendingPathComponent(".koe-commit"))
        let folderForRun = try OutputFolder(final: out)
        folderForRun.discard()
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("a.csv"), encoding: .utf8), "new")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("b.csv"), encoding: .utf8), "new")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(".koe-commit").path))
    }

    /// Defect 12: a source glob matching a FIFO blocked forever; defect 15: a link out of a source folder was
    /// imported as notes.
    func testSourcesMustBeRegularFilesInsideTheirFolder() throws {
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("- バスが少ない\n".utf8).write(to: notes.appendingPathComponent("a.md"))
        try FileManager.default.createSymbolicLink(
            atPath: notes.appendingPathComponent("passwd.md").path, withDestinationPath: "/etc/passwd")
        let workshop = "  - path: notes/*.md\n    kind: workshop"
        XCTAssertEqual(code { _ = try run(config(sources: workshop)) }, "link-outside-folder")
        try FileManager.default.removeItem(at: notes.appendingPathComponent("passwd.md"))
        XCTAssertEqual(mkfifo(notes.appendingPathComponent("pipe.md").path, 0o600), 0)
        let started = Date()
        XCTAssertEqual(code { _ = try run(config(sources: workshop)) }, "not-a-regular-file")
        XCTAssertEqual(code { _ = try run(config(sources: "  - path: notes/pipe.md")) }, "not-a-regular-file")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    /// Defect 7: an unusable TMPDIR silently dropped the near-duplicate grouping (165 groups → 0, exit 0).
    func testUnwritableTemporaryFolderFailsLoudly() throws {
        let previous = ProcessInfo.processInfo.environment["TMPDIR"]
        setenv("TMPDIR", folder.appendingPathComponent("no/such/folder").path, 1)
        defer {
            if let previous { setenv("TMPDIR", previous, 1) } else { unsetenv("TMPDIR") }
        }
        XCTAssertEqual(code { _ = try run(config()) }, "temp-unwritable")
    }
}

extension HostileInputTests {
    /// Defect 3: report.html's co-occurrence network and untagged-word table showed e-mail addresses, domains
    /// and personal names taken from answers. Words from masked spans are now left out.
    func testReportShowsNoWordFromMaskedSpans() throws {
        var csv = "ID,年代,性別,地区,意見\n"
        let answers = [
            "山田花子さんに公園の清掃でお世話になりました。連絡は yamada.taro@example.com まで",
            "公園の清掃について山田花子さんと話しました。yamada.taro@example.com に送ります",
            "山田花子さんの公園清掃はありがたい。yamada.taro@example.com",
            "公園の清掃の回数を増やしてほしい",
        ]
        for i in 1...12 { csv += "\(i),30代,女性,広丘,\(answers[i % answers.count])\n" }
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        _ = try run(config())
        let report = try output("report.html")
        for word in ["山田", "花子", "yamada", "example"] {
            XCTAssertFalse(report.contains(word), "\(word) in report.html")
        }
        XCTAssertTrue(report.contains("清掃"), "ordinary words are still shown")
        // The masked quote still prints, and the workspace keeps the raw text.
        XCTAssertTrue(try output("quotes.md").contains("＊＊＊"))
    }

    /// Minor: the unmapped-district warning listed every value on one line (469 KB); now the first few and
    /// the count.
    func testUnmappedWarningIsShort() throws {
        var csv = "ID,年代,性別,地区,意見\n"
        for i in 1...200 { csv += "\(i),30代,女性,地区\(i)\(String(repeating: "町", count: 200)),バスが少ない\n" }
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "name,district\n広丘町,広丘\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let diagnostics = try run(config("gazetteer: d.csv"))
        let warning = diagnostics.diagnostics.first { $0.code == "unmapped-district" }
        XCTAssertNotNil(warning)
        XCTAssertLessThan(warning?.message.count ?? .max, 700, warning?.message ?? "")
        XCTAssertTrue(warning?.message.contains("ほか 190 種類") ?? false, warning?.message ?? "")
    }
}
