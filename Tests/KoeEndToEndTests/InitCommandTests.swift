// End-to-end: `koe init` on the sample survey (with and without the plan's structure table), then `koe run` on the
// pipeline it wrote; init never overwrites a file; the codebook drafted from the plan parses and tags.
import Foundation
import XCTest

final class InitCommandTests: XCTestCase {
    private var root: URL { SampleRunTests.root }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs koe with `folder` as the current directory.
    private func koe(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = SampleRunTests.koe
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func sample(_ path: String) -> String { root.appendingPathComponent(path).path }

    func testInitOnTheSampleSurveyThenRunWorks() throws {
        let dir = try folder()
        let workshops = try FileManager.default.contentsOfDirectory(atPath: sample("Samples/workshops")).filter { $0.hasSuffix(".md") }
            .sorted().map { sample("Samples/workshops/\($0)") }
        let made = try koe(
            ["init", sample("Samples/survey/citizen-survey.csv")] + workshops + ["--plan", sample("Samples/plan.csv")], in: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("重要度・満足度の組 8（計画の分野に対応づけ 8）"), made.stdout)
        let pipeline = try String(contentsOf: dir.appendingPathComponent("pipeline.yml"), encoding: .utf8)
        XCTAssertTrue(pipeline.contains("\"回答ID\": id   # A列: 見出し「回答ID」で、値が重複しない"), pipeline)
        XCTAssertTrue(pipeline.contains("\"お住まいの地区\": district"), pipeline)
        XCTAssertTrue(pipeline.contains("{area: \"2\", importance: \"重要度_教育\", satisfaction: \"満足度_教育\"}"), pipeline)
        XCTAssertTrue(pipeline.contains("\"まちの良いところ（自由記述）\": 評価"), pipeline)
        XCTAssertTrue(pipeline.contains("/Samples/workshops/*.md\""), pipeline)
        XCTAssertTrue(pipeline.contains("kind: workshop"), pipeline)
        let run = try koe(["run", "pipeline.yml", "--quiet"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let summary = try String(contentsOf: dir.appendingPathComponent("out/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.contains("子育て世代に選ばれる地域の創造"), String(summary.prefix(400)))
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/run.json"))) as? [String: Any]
        let counts = manifest?["counts"] as? [String: Any]
        XCTAssertEqual(counts?["respondents"] as? Int, 372, "\(counts ?? [:])")
        XCTAssertGreaterThan(counts?["opinions"] as? Int ?? 0, 600)
        XCTAssertGreaterThan(counts?["tagged"] as? Int ?? 0, 0)
        // The importance of area 2 is a mean of the 重要度_教育 column: the pairs reached the summary.
        let educationRow = summary.split(whereSeparator: \.isNewline).first { $0.hasPrefix("2,") }.map(String.init) ?? ""
        XCTAssertFalse(
            educationRow.split(separator: ",", omittingEmptySubsequences: false).dropFirst(7).first?.isEmpty ?? true, educationRow)
    }

    func testInitWithoutAPlanWritesAStarterCodebookAndRuns() throws {
        let dir = try folder()
        let made = try koe(["init", sample("Samples/survey/citizen-survey.csv")], in: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        let codebook = try String(contentsOf: dir.appendingPathComponent("codebook.yml"), encoding: .utf8)
        XCTAssertTrue(codebook.contains("name: \"子育て\""), codebook)
        let run = try koe(["run", "pipeline.yml", "--quiet"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testInitNeverOverwrites() throws {
        let dir = try folder()
        let mine = "# my own pipeline\n"
        try Data(mine.utf8).write(to: dir.appendingPathComponent("pipeline.yml"))
        let again = try koe(["init", sample("Samples/survey/citizen-survey.csv")], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("error[file-exists]"), again.stderr)
        XCTAssertTrue(again.stderr.contains("上書きしません"), again.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("pipeline.yml"), encoding: .utf8), mine)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("codebook.yml").path), "nothing is written")
    }

    func testPlanCodebookParsesAndTags() throws {
        let dir = try folder()
        XCTAssertEqual(
            try koe(["init", sample("Samples/survey/citizen-survey.csv"), "--plan", sample("Samples/plan.csv")], in: dir).status, 0)
        let tag = try koe(["tag", "--codebook", "codebook.yml", sample("Samples/survey/citizen-survey.csv")], in: dir)
        XCTAssertEqual(tag.status, 0, tag.stderr)
        XCTAssertTrue(tag.stdout.contains("\"areas\":[\""), String(tag.stdout.prefix(300)))
    }
}
