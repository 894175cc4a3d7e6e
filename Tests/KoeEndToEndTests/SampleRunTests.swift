// End-to-end: runs the `koe` executable on the sample city (Pipelines/sample.yml) into temporary folders,
// checks every output, and that two runs give byte-identical data files.
import Foundation
import KoeWorkspace
import XCTest

final class SampleRunTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The koe binary built beside the test bundle.
    static var koe: URL {
        var dir = Bundle(for: SampleRunTests.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("koe").path) {
            dir = root.appendingPathComponent(".build/debug")
        }
        return dir.appendingPathComponent("koe")
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = koe
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testSamplePipelineWritesEveryOutputDeterministically() throws {
        let first = try temporaryDirectory()
        let second = try temporaryDirectory()
        let a = try Self.run(["run", "Pipelines/sample.yml", "--out", first.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try Self.run(["run", "Pipelines/sample.yml", "--out", second.path])
        XCTAssertEqual(b.status, 0, b.stderr)
        let dataFiles = ["opinions.jsonl", "summary.csv", "crosstab.csv", "quotes.md", "untagged.csv", "rejected.csv"]
        for name in dataFiles {
            let x = try Data(contentsOf: first.appendingPathComponent(name))
            let y = try Data(contentsOf: second.appendingPathComponent(name))
            XCTAssertEqual(x, y, "\(name) differs between two runs")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: first.appendingPathComponent("run.json").path))

        // opinions.jsonl: every survey answer and workshop note, with provenance and segments.
        let lines = try String(contentsOf: first.appendingPathComponent("opinions.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        XCTAssertGreaterThan(lines.count, 600)
        let survey = lines.filter { ($0["kind"] as? String) == "survey" }
        let notes = lines.filter { ($0["kind"] as? String) == "workshop" }
        XCTAssertGreaterThan(survey.count, 500)
        XCTAssertGreaterThan(notes.count, 80)
        for line in lines {
            for key in ["id", "source", "row", "column", "text", "normalized", "segments", "areas", "evidence", "type", "horizon"] {
                XCTAssertNotNil(line[key], "missing \(key) in \(line["id"] ?? "?")")
            }
        }
        let ids = lines.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        let tagged = lines.filter { !(($0["areas"] as? [String]) ?? []).isEmpty }
        XCTAssertGreaterThan(Double(tagged.count) / Double(lines.count), 0.6)
        // A tag on a measure counts for its project and strategy.
        if let withMeasure = tagged.first(where: { (($0["areas"] as? [String]) ?? []).contains("1-1") }) {
            let areas = withMeasure["areas"] as? [String] ?? []
            XCTAssertTrue(areas.contains("1") && areas.contains("A"), "\(areas)")
        } else {
            XCTFail("no opinion tagged 1-1")
        }
        let highSchool = notes.filter { ($0["source"] as? String)?.contains("koukousei") ?? false }
        XCTAssertFalse(highSchool.isEmpty)
        for note in highSchool {
            let segments = note["segments"] as? [String: Any]
            XCTAssertEqual(segments?["age"] as? String, "10代")
            XCTAssertEqual(segments?["district"] as? String, "広丘")
        }

        // summary.csv: UTF-8 with BOM, plan order, the SPEC columns.
        let summaryBytes = try Data(contentsOf: first.appendingPathComponent("summary.csv"))
        XCTAssertEqual(Array(summaryBytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let summary = String(decoding: summaryBytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertEqual(
            summary[0],
            "area,name,level,opinions,respondents,share,rank,importance,importance_n,satisfaction,satisfaction_n,improvement_index,quadrant,workshop_notes,weighted_share,importance_missing,satisfaction_missing"
        )
        XCTAssertTrue(summary[1].hasPrefix("A,子育て世代に選ばれる地域の創造,1,"), summary[1])
        let project4 = summary.first { $0.hasPrefix("4,") } ?? ""
        let cells = project4.split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(cells.count, 17, project4)
        if cells.count == 17 {
            XCTAssertFalse(cells[7].isEmpty, "importance of project 4 (交通) comes from the rating columns")
            XCTAssertFalse(cells[12].isEmpty, "quadrant of project 4")
        }

        // quotes.md: plan order, masked, attributed.
        let quotes = try String(contentsOf: first.appendingPathComponent("quotes.md"), encoding: .utf8)
        XCTAssertTrue(quotes.contains("## A 子育て世代に選ばれる地域の創造"))
        XCTAssertFalse(quotes.contains("0263-12-3456"), "phone numbers are masked")
        // Small cells: one workshop session counts as one person, so its notes never carry a district.
        let workshopQuotes = quotes.split(separator: "\n").filter { $0.contains("koukousei") || $0.contains("narakawa") }
        XCTAssertFalse(workshopQuotes.isEmpty)
        for line in workshopQuotes { XCTAssertFalse(line.contains("・広丘）") || line.contains("・楢川）"), String(line)) }
        XCTAssertNotNil(quotes.range(of: "（[0-9]+代[^）]*）|（80歳以上[^）]*）", options: .regularExpression))

        try checkCrossTabs(in: first)

        // run.json: counts add up.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: first.appendingPathComponent("run.json"))) as? [String: Any]
        let counts = manifest?["counts"] as? [String: Any]
        let opinions = counts?["opinions"] as? Int ?? -1
        XCTAssertEqual(opinions, lines.count)
        XCTAssertEqual(counts?["in"] as? Int, opinions + (counts?["skipped"] as? Int ?? 0) + (counts?["rejected"] as? Int ?? 0))
        let inputs = manifest?["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.count, 5)
        XCTAssertEqual((inputs.first?["sha256"] as? String)?.count, 64)
    }

    /// crosstab.csv: every segment × area block covers the same respondents; the sample's known association
    /// (parents in their 30s and 40s write about project 1, 子育て) stands out.
    private func checkCrossTabs(in folder: URL) throws {
        let bytes = try Data(contentsOf: folder.appendingPathComponent("crosstab.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(
            lines.first,
            "segment,area,value,respondents,mentioning,share,expected,adjusted_residual,chi2,df,p,cramers_v,min_expected,fisher_p,p_holm")
        let rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
        XCTAssertTrue(rows.allSatisfy { $0.count == 15 })
        // Within a segment, every area's table has the same n (respondents whose value is known).
        var n: [String: Set<Int>] = [:]
        var blocks: [String: Int] = [:]
        for row in rows { blocks[row[0] + "\u{0}" + row[1], default: 0] += Int(row[3]) ?? -1_000_000 }
        for (key, total) in blocks { n[String(key.split(separator: "\u{0}")[0]), default: []].insert(total) }
        XCTAssertEqual(Set(n.keys), ["age", "gender", "district"])
        for (segment, totals) in n { XCTAssertEqual(totals.count, 1, "\(segment): \(totals.sorted())") }
        // The sample has 372 respondents; 8 left the age blank, 4 the gender; a few districts are unmapped.
        XCTAssertEqual(n["age"], [364])
        XCTAssertEqual(n["gender"], [368])
        XCTAssertLessThan(n["district"]?.first ?? 0, 368)
        // Blocks in the order age, gender, district; areas in plan order (A first).
        XCTAssertEqual(rows.first?[0], "age")
        XCTAssertEqual(rows.first?[1], "A")
        XCTAssertEqual(rows.last?[0], "district")
        let project1 = rows.filter { $0[0] == "age" && $0[1] == "1" }
        XCTAssertEqual(
            project1.map { $0[2] }, ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上", "無回答"])
        for band in ["30代", "40代"] {
            let residual = project1.first { $0[2] == band }.flatMap { Double($0[7]) } ?? 0
            XCTAssertGreaterThanOrEqual(residual, 1.96, "age × project 1, \(band)")
        }
        let seventies = project1.first { $0[2] == "70代" }.flatMap { Double($0[7]) } ?? 0
        XCTAssertLessThanOrEqual(seventies, -1.96, "age × project 1, 70代")
        // Test cells are the whole table's: the same on every row, p tiny for this association.
        XCTAssertEqual(Set(project1.map { $0[8] + $0[9] + $0[10] + $0[11] }).count, 1)
        XCTAssertEqual(project1.first?[9], "8")
        XCTAssertLessThan(Double(project1.first?[10] ?? "") ?? 1, 1e-6)
    }

    /// Writes a pipeline into `dir` that reads `sources` (absolute paths or globs) with the sample codebook.
    private func pipeline(in dir: URL, sources: [String], strict: Bool = false) throws -> URL {
        let samples = Self.root.appendingPathComponent("Samples").path
        var text = "sources:\n"
        for source in sources {
            text += "  - path: \(source)\n"
            if strict { text += "    strict: true\n" }
        }
        text += "codebook: \(samples)/codebook.yml\ngazetteer: \(samples)/districts.csv\noutput: \(dir.path)/out\n"
        let url = dir.appendingPathComponent("p.yml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Found in review: a bad source path emptied the previous run's files and left a mixed folder.
    /// The workspace compared by content (the file's bytes may hold free pages).
    static func dump(_ url: URL) throws -> String { try SQLiteDatabase(url: url, readOnly: true).dumpText() }

    /// Issue 9: one analysis thread and every thread, twice each, give the same bytes in every data output.
    func testOutputsAreTheSameWithOneThreadAndAllThreads() throws {
        var outputs: [URL] = []
        for threads in ["1", "4", "1", "4"] {
            let dir = try temporaryDirectory()
            let r = try Self.run(["run", "Pipelines/sample.yml", "--out", dir.path, "--threads", threads])
            XCTAssertEqual(r.status, 0, r.stderr)
            outputs.append(dir)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: outputs[0].path).filter { $0 != "run.json" }.sorted()
        XCTAssertTrue(names.contains("koe.sqlite"), "\(names)")
        for name in names {
            for other in outputs.dropFirst() {
                if name.hasSuffix(".sqlite") {
                    let a = try Self.dump(outputs[0].appendingPathComponent(name))
                    XCTAssertGreaterThan(a.count, 1000)
                    XCTAssertEqual(a, try Self.dump(other.appendingPathComponent(name)), "\(name) .dump differs")
                } else {
                    XCTAssertEqual(
                        try Data(contentsOf: outputs[0].appendingPathComponent(name)),
                        try Data(contentsOf: other.appendingPathComponent(name)),
                        "\(name) differs")
                }
            }
        }
    }

    /// Issue 9: the workspace's opinions table holds exactly the opinions of opinions.jsonl, and the documented
    /// queries answer.
    func testWorkspaceHoldsExactlyTheOpinionsOfTheJSONL() throws {
        let dir = try temporaryDirectory()
        let r = try Self.run(["run", "Pipelines/sample.yml", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let jsonl = try String(contentsOf: dir.appendingPathComponent("opinions.jsonl"), encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let db = try SQLiteDatabase(url: dir.appendingPathComponent("koe.sqlite"), readOnly: true)
        let rows = try db.prepare("SELECT id, text, type, source, row FROM opinions ORDER BY opinion_rowid")
        var fromDB: [[String]] = []
        while try rows.next() {
            fromDB.append([rows.text(0) ?? "", rows.text(1) ?? "", rows.text(2) ?? "", rows.text(3) ?? "", rows.text(4) ?? ""])
        }
        let fromJSONL = jsonl.map { o in
            [
                o["id"] as? String ?? "", o["text"] as? String ?? "", o["type"] as? String ?? "", o["source"] as? String ?? "",
                (o["row"] as? Int).map(String.init) ?? "",
            ]
        }
        XCTAssertEqual(fromDB.count, jsonl.count)
        XCTAssertEqual(fromDB, fromJSONL)
        // Tags: the same area lists.
        let tags = try db.prepare(
            "SELECT o.id, group_concat(t.area, ',') FROM opinions o JOIN tags t USING (opinion_rowid) GROUP BY o.opinion_rowid ORDER BY o.opinion_rowid"
        )
        var tagged: [String: String] = [:]
        while try tags.next() { tagged[tags.text(0) ?? ""] = tags.text(1) }
        for o in jsonl {
            let areas = (o["areas"] as? [String] ?? []).joined(separator: ",")
            XCTAssertEqual(tagged[o["id"] as? String ?? ""] ?? "", areas)
        }
        // docs/outputs.md query 1: 40代 opinions on area 1 that mention 保育園 (word search).
        let q1 = try db.prepare(
            """
            SELECT o.id FROM opinions o JOIN opinion_words w ON w.rowid = o.opinion_rowid
            WHERE opinion_words MATCH '"保育園"' AND o.age = '40代'
              AND o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = '1')
            """)
        var hits = 0
        while try q1.next() { hits += 1 }
        let expected = jsonl.filter {
            ($0["text"] as? String ?? "").contains("保育園") && (($0["segments"] as? [String: Any])?["age"] as? String) == "40代"
                && ($0["areas"] as? [String] ?? []).contains("1")
        }.count
        XCTAssertGreaterThan(expected, 0)
        XCTAssertEqual(hits, expected)
    }

    /// Issue 14: progress on stderr when it is a terminal (run under a pseudo-terminal with `script`), a plain
    /// summary line when it is not, nothing but warnings with --quiet.
    func testProgressUnderAPseudoTerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("script (bsdutils) is not installed: cannot make a pseudo-terminal")
        }
        let dir = try temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", "\(Self.koe.path) run Pipelines/sample.yml --out \(dir.path)", "/dev/null"]
        process.currentDirectoryURL = Self.root
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let screen = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(screen.contains("\r\u{1B}[K[1/5] ../Samples/survey/citizen-survey.csv"), screen)
        XCTAssertTrue(screen.contains("件/秒"), screen)
        XCTAssertTrue(screen.contains("書き出し中"), screen)
        // The warning starts on a cleared line, not after the progress text.
        XCTAssertTrue(screen.contains("\u{1B}[KPipelines/sample.yml: warning[unmapped-district]"), screen)

        let plain = try Self.run(["run", "Pipelines/sample.yml", "--out", dir.path])
        XCTAssertFalse(plain.stderr.contains("\u{1B}[K"))
        XCTAssertTrue(plain.stderr.contains("意見 718 件"), plain.stderr)
        let quiet = try Self.run(["run", "Pipelines/sample.yml", "--out", dir.path, "--quiet"])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertFalse(quiet.stderr.contains("意見 718 件"), quiet.stderr)
        XCTAssertTrue(quiet.stderr.contains("warning[unmapped-district]"), quiet.stderr)
    }

    func testFailedRunLeavesThePreviousOutputsIntact() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let notes = Self.root.appendingPathComponent("Samples/workshops").path
        let good = try pipeline(in: dir, sources: ["\(notes)/*.md"])
        XCTAssertEqual(try Self.run(["run", good.path]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("opinions.jsonl"))
        XCTAssertFalse(before.isEmpty)
        let bad = try pipeline(in: dir, sources: ["\(notes)/*.md", "\(dir.path)/nomatch/*.md"])
        let result = try Self.run(["run", bad.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error[no-files]"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("opinions.jsonl")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    /// A file that cannot be read at all is one rejected record; the others are imported; exit 1.
    func testUnreadableFileIsCountedAndTheOthersImported() throws {
        let dir = try temporaryDirectory()
        let broken = dir.appendingPathComponent("broken.docx")
        try Data("PK\u{03}\u{04}not a zip".utf8).write(to: broken)
        let notes = Self.root.appendingPathComponent("Samples/workshops/2026-07-11-kosodate.md").path
        let result = try Self.run(["run", try pipeline(in: dir, sources: [broken.path, notes]).path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("broken.docx"), result.stderr)
        let out = dir.appendingPathComponent("out")
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8)
            .split(separator: "\r\n")
        XCTAssertEqual(rejected.count, 2, "header and one line for the broken file")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any]
        let counts = manifest?["counts"] as? [String: Any]
        XCTAssertEqual(counts?["rejected"] as? Int, 1)
        XCTAssertEqual(counts?["failed_files"] as? Int, 1)
        XCTAssertGreaterThan(counts?["opinions"] as? Int ?? 0, 20)
    }

    func testBadPipelineKeyExitsOneNamingTheLine() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("bad.yml")
        try "sources:\n  - path: x.csv\n    kind: survey\ncodebok: c.yml\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["run", file.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bad.yml:4:1: error[unknown-key]"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"))
    }

    func testMissingPipelineFileExitsOne() throws {
        let result = try Self.run(["run", "no/such/pipeline.yml"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error[file-not-found]"), result.stderr)
    }

    func testUsageErrorExitsTwo() throws {
        XCTAssertEqual(try Self.run(["run"]).status, 2)
        XCTAssertEqual(try Self.run(["frobnicate"]).status, 2)
    }

    /// Every subcommand is documented in the README's command table and has an example in its --help.
    func testEveryCommandIsDocumented() throws {
        let help = try Self.run(["--help"]).stdout
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let commands = section.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard line.hasPrefix("  "), !line.hasPrefix("    "), let first = words.first, first.first?.isLowercase == true else {
                return nil
            }
            return String(first)
        }
        XCTAssertEqual(Set(commands), ["run", "inspect", "import", "tag", "tokenize", "quotes", "serve"])
        for command in commands {
            XCTAssertTrue(readme.contains("| `koe \(command)"), "README does not document koe \(command)")
            let text = try Self.run([command, "--help"]).stdout
            XCTAssertTrue(text.contains("例:") && text.contains("koe \(command)"), "koe \(command) --help has no example")
        }
    }

    func testTokenizeFromStdin() throws {
        let result = try Self.run(["tokenize"], stdin: "子どもを産み育てる環境が整い、親子と周囲が笑顔になっている\n子供の医療費\n")
        XCTAssertEqual(result.stdout, "子ども を 産み育てる 環境 が 整い 親子 と 周囲 が 笑顔 に なって いる\n子ども の 医療 費\n")
        let forms = try Self.run(["tokenize", "--forms"], stdin: "送迎の負担を減らそうと思う\n")
        XCTAssertEqual(forms.stdout, "送迎 の 負担 を 減らそう(減らす) と 思う\n")
    }

    /// `--count` (scripts/bench/tokenizer): counts only, every line tokenized.
    func testTokenizeCountPrintsOnlyCounts() throws {
        let result = try Self.run(["tokenize", "--count"], stdin: "子供の医療費\n\n減らそうと思う\n")
        XCTAssertTrue(result.stdout.hasPrefix("bytes=42 lines=3 words=7 cpu_seconds="), result.stdout)
    }

    func testTokenizeKeepsListedWordsWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = dir.appendingPathComponent("words.txt")
        try "\u{FEFF}# 強制抽出する語\n周南市\nえんぱーく\n".write(to: list, atomically: true, encoding: .utf8)
        let plain = try Self.run(["tokenize"], stdin: "周南市のえんぱーく\n")
        XCTAssertEqual(plain.stdout, "周 南市 の えん ぱ ー く\n")
        let kept = try Self.run(["tokenize", "--words", list.path], stdin: "周南市のえんぱーく\n")
        XCTAssertEqual(kept.stdout, "周南市 の えんぱーく\n")
        let missing = try Self.run(["tokenize", "--words", dir.appendingPathComponent("none.txt").path], stdin: "x\n")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("語のリスト"), missing.stderr)
    }
}
