// `koe quotes` as a user runs it: after `koe run` on the sample city, each format prints masked, attributed
// quotes; a missing workspace exits 1 with a message to run `koe run`; usage errors exit 2.
import Foundation
import XCTest

final class QuotesCommandTests: XCTestCase {
    func testQuotesAfterARun() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-quotes-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let workspace = out.appendingPathComponent("koe.sqlite").path
        let text = try SampleRunTests.run(["quotes", "--workspace", workspace, "--area", "1-2", "--search", "子供", "--limit", "3"])
        XCTAssertEqual(text.status, 0, text.stderr)
        let quotes = text.stdout.split(separator: "\n").filter { $0.hasPrefix("「") }
        XCTAssertEqual(quotes.count, 3, text.stdout)
        XCTAssertTrue(quotes.allSatisfy { $0.contains("」（") }, "every quote has its attribution")
        let jsonl = try SampleRunTests.run(["quotes", "--workspace", workspace, "--age", "30代", "--format", "jsonl", "--limit", "5"])
        let objects = jsonl.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(objects.count, 5)
        XCTAssertTrue(objects.allSatisfy { ($0["attribution"] as? String)?.contains("30代") == true })
        let csv = try SampleRunTests.run(["quotes", "--workspace", workspace, "--type", "要望", "--format", "csv", "--limit", "2"])
        XCTAssertTrue(csv.stdout.hasPrefix("\u{FEFF}id,text,"))
        XCTAssertEqual(csv.stdout.split(separator: "\n").count, 3)
        let md = try SampleRunTests.run(["quotes", "--workspace", workspace, "--format", "md", "--limit", "1"])
        XCTAssertTrue(md.stdout.hasPrefix("- 「"), md.stdout)
        // A codebook keyword kept whole by the run (病児保育) is found, though the plain tokenizer splits it.
        let kept = try SampleRunTests.run(["quotes", "--workspace", workspace, "--search", "病児保育", "--format", "jsonl"])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertFalse(kept.stdout.isEmpty)
        XCTAssertTrue(kept.stdout.split(separator: "\n").allSatisfy { $0.contains("病児保育") })
        // A search of particles only is refused instead of listing every quote.
        let empty = try SampleRunTests.run(["quotes", "--workspace", workspace, "--search", "の"])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("search-no-words"), empty.stderr)
    }

    func testMissingWorkspaceAndUsage() throws {
        let missing = try SampleRunTests.run(["quotes", "--workspace", "no/such/koe.sqlite"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("error[workspace-missing]") && missing.stderr.contains("koe run"), missing.stderr)
        XCTAssertEqual(try SampleRunTests.run(["quotes"]).status, 2)
        XCTAssertEqual(try SampleRunTests.run(["quotes", "--workspace", "x", "--format", "pdf"]).status, 2)
    }
}
