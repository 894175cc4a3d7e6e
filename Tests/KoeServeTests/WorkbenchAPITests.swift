// WorkbenchAPITests — the JSON API of koe serve over a real run: the filters of `koe quotes`, choices (use,
// reject, clear) and hand masks, two writers at once losing nothing, choices carried into the next run (a
// changed text marked changed), the chosen export, KWIC, overview, and a keyword tried and saved.
import Foundation
import KoeCore
import KoeWorkspace
import XCTest

@testable import KoeServe

final class WorkbenchAPITests: XCTestCase {
    var fixture: ServeFixture!
    var bench: Workbench!

    override func setUpWithError() throws {
        fixture = try ServeFixture()
        bench = try fixture.workbench()
    }

    func testQuoteFilters() throws {
        let all = bench.get("/api/quotes?limit=100").quotes
        XCTAssertGreaterThan(all.count, 3)
        for quote in all {
            for key in ["id", "text", "attribution", "areas", "type", "group_size", "review", "choice"] {
                XCTAssertTrue(quote.keys.contains(key), "SPEC §9 key \(key)")
            }
        }
        let area = bench.get("/api/quotes?area=1-2&limit=100").quotes
        XCTAssertFalse(area.isEmpty)
        for quote in area {
            let areas = quote["areas"] as? [String] ?? []
            XCTAssertTrue(areas.contains { $0 == "1-2" || $0.hasPrefix("1-2-") }, "\(areas)")
        }
        let bus = bench.get("/api/quotes?search=バス&limit=100").quotes
        XCTAssertFalse(bus.isEmpty)
        XCTAssertTrue(bus.allSatisfy { ($0["text"] as? String ?? "").contains("バス") })
        let old = bench.get("/api/quotes?age=60代&gender=男性&district=洗馬&limit=100").quotes
        XCTAssertFalse(old.isEmpty)
        XCTAssertTrue(old.allSatisfy { ($0["id"] as? String ?? "").hasPrefix("s-1") }, "only the 60代 rows (10–15)")
        XCTAssertTrue(old.allSatisfy { ($0["text"] as? String ?? "").contains("バス") })
        XCTAssertEqual(bench.get("/api/quotes?search=保育園&age=60代").quotes.count, 0)
        XCTAssertEqual(bench.get("/api/quotes?limit=1").quotes.count, 1)
        let wants = bench.get("/api/quotes?type=要望&limit=100").quotes
        XCTAssertTrue(wants.allSatisfy { ($0["type"] as? String) == "要望" })
        XCTAssertEqual(bench.get("/api/quotes?horizon=short&limit=100").status, 200)
        // Near-duplicates (the eight 保育園 rows differ by one digit) print once with their group size.
        let nursery = bench.get("/api/quotes?search=延長保育&limit=100").quotes
        XCTAssertEqual(nursery.count, 1, "\(nursery.map { $0["id"] ?? "" })")
        XCTAssertEqual(nursery.first?["group_size"] as? Int, 8)
        XCTAssertEqual(bench.get("/api/quotes?limit=0").errorCode, "bad-limit")
        XCTAssertEqual(bench.get("/api/quotes?area=ZZ").errorCode, "unknown-area")
        XCTAssertEqual(bench.get("/api/quotes?search=の").errorCode, "search-no-words")
        // Masked as in quotes.md: the phone number and the name never leave the server.
        let park = bench.get("/api/quotes?search=遊具").quotes.first?["text"] as? String ?? ""
        XCTAssertFalse(park.contains("0263"), park)
        XCTAssertTrue(park.contains("＊＊＊"), park)
    }

    func testChoicesAreRecordedAndListedInPlanOrder() throws {
        let busAreas = bench.get("/api/opinion?id=s-10-E").object["areas"] as? [String] ?? []
        let parkAreas = bench.get("/api/opinion?id=s-17-E").object["areas"] as? [String] ?? []
        XCTAssertTrue(busAreas.contains("8-1"), "\(busAreas)")
        XCTAssertEqual(parkAreas.last, "1-3", "\(parkAreas)")
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-10-E","area":"8-1","choice":"use"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-17-E","area":"1-3","choice":"use"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-18-E","area":"1-3","choice":"reject"}"#).status, 200)
        let bus = bench.get("/api/quotes?search=バス&area=8-1").quotes.first { ($0["id"] as? String) == "s-10-E" }
        XCTAssertEqual(bus?["choice"] as? String, "use")
        let chosen = bench.get("/api/chosen").object["chosen"] as? [[String: Any]] ?? []
        XCTAssertEqual(chosen.map { $0["id"] as? String ?? "" }, ["s-17-E", "s-10-E"], "plan order: 1-3 before 8-1; rejects left out")
        let markdown = bench.get("/api/chosen?format=md")
        XCTAssertEqual(markdown.header("Content-Disposition"), "attachment; filename=\"chosen-quotes.md\"")
        XCTAssertTrue(markdown.text.contains("## 1-3 "), markdown.text)
        XCTAssertFalse(markdown.text.contains("0263"), "masked in the export too")
        // Clearing removes it; bad values are refused with their codes.
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-10-E","area":"8-1","choice":"clear"}"#).status, 200)
        XCTAssertEqual((bench.get("/api/chosen").object["chosen"] as? [Any])?.count, 1)
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-10-E","area":"8-1","choice":"maybe"}"#).errorCode, "bad-choice")
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"nope","area":"5-1","choice":"use"}"#).errorCode, "unknown-opinion")
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-10-E","area":"ZZ","choice":"use"}"#).errorCode, "unknown-area")
        XCTAssertEqual(bench.post("/api/choices", "not json").errorCode, "bad-request")
    }

    func testFlaggedQuoteNeedsAPersonsConfirmation() throws {
        let flagged = try XCTUnwrap(bench.get("/api/quotes?search=休憩所").quotes.first)
        XCTAssertEqual(flagged["id"] as? String, "s-19-E")
        XCTAssertEqual(flagged["review"] as? [String], ["続柄の後の人名らしき語"])
        let refused = bench.post("/api/choices", #"{"id":"s-19-E","area":"1-3","choice":"use"}"#)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.errorCode, "review-unconfirmed")
        XCTAssertEqual((bench.get("/api/chosen").object["chosen"] as? [Any])?.count, 0)
        // Rejecting needs no confirmation; using it does, and the confirmation is stored.
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-19-E","area":"1-3","choice":"reject"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-19-E","area":"1-3","choice":"use","confirmed":true}"#).status, 200)
        let chosen = bench.get("/api/chosen").object["chosen"] as? [[String: Any]] ?? []
        XCTAssertEqual(chosen.first?["confirmed"] as? Bool, true)
        // Masking the name by hand clears the flag: the quote can then be chosen like any other.
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-19-E","span":"ひな"}"#).status, 200)
        XCTAssertEqual(bench.get("/api/quotes?search=休憩所").quotes.first?["review"] as? [String], [])
    }

    func testMaskMore() throws {
        let before = bench.get("/api/opinion?id=s-18-E").object["whole"] as? String ?? ""
        XCTAssertTrue(before.contains("景観"), before)
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-18-E","span":"景観"}"#).status, 200)
        let after = bench.get("/api/opinion?id=s-18-E").object
        XCTAssertFalse((after["whole"] as? String ?? "").contains("景観"))
        XCTAssertEqual(after["masks"] as? [String], ["景観"])
        let listed = bench.get("/api/quotes?search=空き家").quotes.first?["text"] as? String ?? ""
        XCTAssertEqual(listed, "空き家が増えて＊＊＊が心配です。")
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-18-E","span":"ない言葉"}"#).errorCode, "span-not-found")
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-18-E","span":""}"#).errorCode, "bad-span")
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-18-E","span":"景観","remove":true}"#).status, 200)
        XCTAssertTrue((bench.get("/api/opinion?id=s-18-E").object["whole"] as? String ?? "").contains("景観"))
    }

    func testTwoWritersAtOnceLoseNothing() throws {
        // Two servers (two processes' connections) on one workspace, each writing from its own thread.
        let other = try fixture.workbench()
        let ids = (2...18).map { "s-\($0)-E" }
        let areas = ["1-1", "1-2", "1-3", "2-1", "5-1", "A"]
        let first: Workbench = bench
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let b = worker == 0 ? first : other
            for id in ids {
                let area = areas[worker * 3 + (id.count % 3)]
                let response = b.post("/api/choices", #"{"id":"\#(id)","area":"\#(area)","choice":"reject"}"#)
                if response.status != 200 { failures.add(response.text) }
            }
        }
        XCTAssertEqual(failures.items, [])
        let db = try SQLiteDatabase(url: fixture.workspace, readOnly: true)
        let count = try db.prepare("SELECT count(*) FROM choices")
        XCTAssertTrue(try count.next())
        XCTAssertEqual(count.integer(0), ids.count * 2, "every choice of both writers is kept")
        let mode = try db.prepare("PRAGMA journal_mode")
        XCTAssertTrue(try mode.next())
        XCTAssertEqual(mode.text(0), "wal")
    }

    func testChoicesSurviveARunAndAChangedTextIsMarked() throws {
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-17-E","area":"1-3","choice":"use"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-18-E","area":"A","choice":"use"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-18-E","span":"景観"}"#).status, 200)
        bench = nil
        try fixture.run()
        var again = try fixture.workbench()
        var chosen = again.get("/api/chosen").object["chosen"] as? [[String: Any]] ?? []
        XCTAssertEqual(chosen.count, 2)
        XCTAssertTrue(chosen.allSatisfy { ($0["changed"] as? Bool) == false }, "\(chosen)")
        XCTAssertFalse((again.get("/api/opinion?id=s-18-E").object["whole"] as? String ?? "").contains("景観"), "masks carried")
        // The citizen's text of s-18-E changes in the export: its choice is kept but marked changed.
        try fixture.rewrite { $0.replacingOccurrences(of: "空き家が増えて景観が心配です。", with: "空き家が増えて景観と防犯が心配です。") }
        again = try fixture.workbench()  // release before the run
        try fixture.run()
        again = try fixture.workbench()
        chosen = again.get("/api/chosen").object["chosen"] as? [[String: Any]] ?? []
        XCTAssertEqual(chosen.first { ($0["id"] as? String) == "s-18-E" }?["changed"] as? Bool, true)
        XCTAssertEqual(chosen.first { ($0["id"] as? String) == "s-17-E" }?["changed"] as? Bool, false)
        let quote = again.get("/api/quotes?search=空き家").quotes.first
        XCTAssertEqual(quote?["changed"] as? Bool, true)
        XCTAssertTrue(again.get("/api/chosen?format=md").text.contains("本文が変わったため確認が必要な意見"))
        // Choosing it again (after a look) clears the mark.
        XCTAssertEqual(again.post("/api/choices", #"{"id":"s-18-E","area":"A","choice":"use"}"#).status, 200)
        XCTAssertEqual(again.get("/api/quotes?search=空き家").quotes.first?["changed"] as? Bool, false)
    }

    func testKWICOverviewAndMeta() throws {
        let lines = bench.get("/api/kwic?search=バス&limit=3").object["lines"] as? [[String: String]] ?? []
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines.allSatisfy { $0["word"] == "バス" && ($0["right"] ?? "").hasPrefix("の本数") }, "\(lines)")
        XCTAssertEqual(bench.get("/api/kwic").errorCode, "search-required")
        let overview = bench.get("/api/overview?segment=age").object
        XCTAssertEqual(overview["opinions"] as? Int, 18)
        XCTAssertEqual(overview["respondents"] as? Int, 18)
        XCTAssertFalse((overview["ranking"] as? [Any] ?? []).isEmpty)
        XCTAssertFalse((overview["heat"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual(bench.get("/api/overview?segment=income").errorCode, "bad-segment")
        let meta = bench.get("/api/meta").object
        XCTAssertEqual((meta["ages"] as? [String])?.sorted(), ["30代", "40代", "60代"])
        XCTAssertEqual(bench.get("/api/nothing").status, 404)
    }
}

/// Failures collected from worker threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ item: String) {
        lock.lock()
        list.append(item)
        lock.unlock()
    }
    var items: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}

/// The codebook desk: a keyword tried and saved (comments, order and backup kept), and the chosen quotes printed
/// by the next run when the pipeline says `quotes: {chosen: true}`.
final class CodebookAndChosenRunTests: XCTestCase {
    func testKeywordTriedThenSavedKeepsTheUsersFile() throws {
        let fixture = try ServeFixture()
        let bench = try fixture.workbench()
        let original = try String(contentsOf: fixture.codebook, encoding: .utf8)
        let tried = bench.post("/api/codebook/try", #"{"area":"8-1","keyword":"景観"}"#).object
        let holds = try SQLiteDatabase(url: fixture.workspace, readOnly: true).prepare("SELECT count(*) FROM tags WHERE area = '8-1'")
        XCTAssertTrue(try holds.next())
        XCTAssertEqual(tried["would_tag"] as? Int, (holds.integer(0) ?? 0) + 1, "the area's opinions and the new one: \(tried)")
        XCTAssertEqual(tried["newly_tagged"] as? Int, 1)
        let before = bench.get("/api/opinion?id=s-18-E").object["areas"] as? [String] ?? []
        XCTAssertFalse(before.contains("8-1"))
        XCTAssertEqual(tried["from_untagged"] as? Int, before.isEmpty ? 1 : 0)
        let moves = tried["moves"] as? [[String: Any]] ?? []
        XCTAssertEqual(moves.first?["from"] as? String, before.last ?? "（未分類）", "its most specific area today")
        XCTAssertEqual(moves.first?["to"] as? String, "8-1")
        XCTAssertEqual((tried["sample"] as? [[String: Any]])?.first?["id"] as? String, "s-18-E")
        XCTAssertEqual(try String(contentsOf: fixture.codebook, encoding: .utf8), original, "trying never writes")
        let saved = bench.post("/api/codebook/save", #"{"area":"8-1","keyword":"景観"}"#)
        XCTAssertEqual(saved.status, 200, saved.text)
        let text = try String(contentsOf: fixture.codebook, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, original.split(separator: "\n").count, "one line changed, none added")
        let changed = zip(original.split(separator: "\n"), text.split(separator: "\n")).filter { $0 != $1 }
        XCTAssertEqual(changed.count, 1)
        XCTAssertTrue(changed.first?.1.hasSuffix(", 景観]") == true, "\(changed)")
        XCTAssertTrue(text.hasPrefix("# サンプル市"), "comments stay")
        XCTAssertEqual(try String(contentsOf: fixture.codebook.appendingPathExtension("bak"), encoding: .utf8), original)
        // The next run tags the opinion.
        try fixture.run()
        let again = try fixture.workbench()
        XCTAssertTrue((again.get("/api/opinion?id=s-18-E").object["areas"] as? [String] ?? []).contains("8-1"))
        XCTAssertEqual(bench.post("/api/codebook/try", #"{"area":"ZZ","keyword":"景観"}"#).errorCode, "unknown-area")
        XCTAssertEqual(bench.post("/api/codebook/try", #"{"area":"8-1","keyword":""}"#).errorCode, "bad-keyword")
        XCTAssertNotNil(bench.get("/api/themes").object["available"] as? Bool, "themes say whether the run found any")
    }

    func testEditorKeepsLayout() {
        let flow = "- code: A\n  name: 甲 # 戦略\n  keywords: [公園, 遊具]  # よく出る\n  children:\n    - code: \"1\"\n      name: 乙\n"
        XCTAssertEqual(
            CodebookEditor.adding("広場", to: "A", in: flow),
            "- code: A\n  name: 甲 # 戦略\n  keywords: [公園, 遊具, 広場]  # よく出る\n  children:\n    - code: \"1\"\n      name: 乙\n")
        XCTAssertEqual(
            CodebookEditor.adding("a, b", to: "1", in: flow),
            flow + "      keywords: [\"a, b\"]\n".replacingOccurrences(of: "\n      keywords", with: "      keywords"))
        let block = "- code: B\n  name: 丙\n  keywords:\n    - バス\n    - 電車\n- code: C\n  name: 丁\n"
        XCTAssertEqual(
            CodebookEditor.adding("駅", to: "B", in: block),
            "- code: B\n  name: 丙\n  keywords:\n    - バス\n    - 電車\n    - 駅\n- code: C\n  name: 丁\n")
        XCTAssertNil(CodebookEditor.adding("駅", to: "Z", in: block))
    }

    func testNextRunPrintsTheChosenQuotesWhenThePipelineSaysSo() throws {
        let fixture = try ServeFixture()
        let bench = try fixture.workbench()
        XCTAssertEqual(bench.post("/api/choices", #"{"id":"s-17-E","area":"1-3","choice":"use"}"#).status, 200)
        XCTAssertEqual(bench.post("/api/masks", #"{"id":"s-17-E","span":"遊具"}"#).status, 200)
        let pipeline = fixture.folder.appendingPathComponent("p.yml")
        let text = try String(contentsOf: pipeline, encoding: .utf8)
        try text.replacingOccurrences(of: "min_cell: 5}", with: "min_cell: 5, chosen: true}").write(
            to: pipeline, atomically: true, encoding: .utf8)
        try fixture.run()
        let md = try String(contentsOf: fixture.folder.appendingPathComponent("out/quotes.md"), encoding: .utf8)
        let quoted = md.split(separator: "\n").filter { $0.hasPrefix("- 「") }
        XCTAssertEqual(quoted.count, 1, md)
        XCTAssertTrue(quoted.first?.contains("`s-17-E`") == true)
        XCTAssertTrue(quoted.first?.contains("＊＊＊が古い") == true, "the hand mask is printed: \(quoted)")
        XCTAssertFalse(md.contains("0263"))
    }
}
