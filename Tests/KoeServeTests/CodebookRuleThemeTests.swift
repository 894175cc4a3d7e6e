// The codebook desk beyond keywords: a KH Coder-style rule tried (counts, sample, what leaves) and saved as one line
// (replaced on the next save), and a theme of untagged opinions shown (masked) and proposed as a new area — tried,
// then saved as a new node under its parent; the next run tags with both. Writes need the token header and are
// refused read-only; hostile names stay data.
import Foundation
import KoeCore
import KoeWorkspace
import XCTest

@testable import KoeServe

final class CodebookRuleThemeTests: XCTestCase {
    func testRuleTriedThenSavedAsOneLine() throws {
        let fixture = try ServeFixture()
        let bench = try fixture.workbench()
        let original = try String(contentsOf: fixture.codebook, encoding: .utf8)
        let rule = #"{"area":"8-1","rule":"(空き家 | 遊具) & !電話"}"#
        let tried = bench.post("/api/codebook/try", rule)
        XCTAssertEqual(tried.status, 200, tried.text)
        // u1 (空き家) comes in; p1 has 遊具 but also 電話, so the negation keeps it out.
        XCTAssertEqual(tried.object["newly_tagged"] as? Int, 1, "\(tried.object)")
        XCTAssertEqual((tried.object["sample"] as? [[String: Any]])?.map { $0["id"] as? String }, ["s-18-E"])
        XCTAssertEqual(tried.object["removed"] as? Int, 0)
        XCTAssertEqual(tried.object["checked_all"] as? Bool, false, "only opinions with 空き家 or 遊具, and the area's own, are tagged")
        XCTAssertEqual(try String(contentsOf: fixture.codebook, encoding: .utf8), original, "trying never writes")
        XCTAssertEqual(bench.post("/api/codebook/save", rule).status, 200)
        let saved = try String(contentsOf: fixture.codebook, encoding: .utf8).components(separatedBy: "\n")
        let before = original.components(separatedBy: "\n")
        XCTAssertEqual(saved.count, before.count + 1, "one line added")
        let added = saved.indices.first { saved[$0] != before[$0] } ?? 0
        XCTAssertEqual(saved[added], #"          rule: "(空き家 | 遊具) & !電話""#)
        XCTAssertTrue(saved[added - 1].hasPrefix("          exclude:"), "after the area's keywords and exclude")
        XCTAssertEqual(Array(saved[..<added]) + Array(saved[(added + 1)...]), before, "comments and order stay")
        XCTAssertEqual(try String(contentsOf: fixture.codebook.appendingPathExtension("bak"), encoding: .utf8), original)
        // A second rule replaces the line; an opinion the old rule tagged leaves.
        let replaced = bench.post("/api/codebook/try", #"{"area":"8-1","rule":"遊具 & 屋根"}"#).object
        XCTAssertEqual(replaced["newly_tagged"] as? Int, 0, "\(replaced)")
        XCTAssertEqual(replaced["removed"] as? Int, 1, "the saved rule's opinion would leave")
        XCTAssertEqual((replaced["removed_sample"] as? [[String: Any]])?.first?["id"] as? String, "s-18-E")
        XCTAssertEqual(bench.post("/api/codebook/save", #"{"area":"8-1","rule":"遊具 | 空き家"}"#).status, 200)
        let again = try String(contentsOf: fixture.codebook, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertEqual(again.count, saved.count, "replaced, not added")
        XCTAssertEqual(again[added], #"          rule: "遊具 | 空き家""#)
        try fixture.run()
        XCTAssertTrue((try fixture.workbench().get("/api/opinion?id=s-18-E").object["areas"] as? [String] ?? []).contains("8-1"))
        // A rule that does not parse is an error that names the rule, not a broken file.
        let broken = bench.post("/api/codebook/try", #"{"area":"8-1","rule":"(空き家 | "}"#)
        XCTAssertEqual(broken.status, 400, broken.text)
        XCTAssertNotNil(broken.errorCode)
        XCTAssertEqual(bench.post("/api/codebook/try", #"{"area":"8-1","rule":" "}"#).errorCode, "bad-rule")
    }

    func testEditorRuleAndNewAreaEdits() {
        let text = "- code: A\n  name: 甲\n  keywords: [公園]  # よく出る\n  children:\n    - code: \"1\"\n      name: 乙\n# 終わり\n"
        XCTAssertEqual(
            CodebookEditor.settingRule("a | b", for: "A", in: text),
            "- code: A\n  name: 甲\n  keywords: [公園]  # よく出る\n  rule: \"a | b\"\n  children:\n    - code: \"1\"\n      name: 乙\n# 終わり\n")
        let ruled = "- code: A\n  name: 甲\n  rule: x & y # 旧\n"
        XCTAssertEqual(CodebookEditor.settingRule("\"z\"", for: "A", in: ruled), "- code: A\n  name: 甲\n  rule: \"\\\"z\\\"\" # 旧\n")
        XCTAssertEqual(
            CodebookEditor.addingArea(code: "T1", name: "空き家", keywords: ["空き家", "景観"], under: "A", in: text),
            "- code: A\n  name: 甲\n  keywords: [公園]  # よく出る\n  children:\n    - code: \"1\"\n      name: 乙\n"
                + "    - code: \"T1\"\n      name: 空き家\n      keywords: [空き家, 景観]\n# 終わり\n")
        XCTAssertEqual(
            CodebookEditor.addingArea(code: "T2", name: "a: b", keywords: [], under: "1", in: text),
            "- code: A\n  name: 甲\n  keywords: [公園]  # よく出る\n  children:\n    - code: \"1\"\n      name: 乙\n"
                + "      children:\n        - code: \"T2\"\n          name: \"a: b\"\n# 終わり\n")
        XCTAssertTrue(
            CodebookEditor.addingArea(code: "T3", name: "丙", keywords: [], under: nil, in: text)?.hasSuffix(
                "# 終わり\n- code: \"T3\"\n  name: 丙\n") == true)
        XCTAssertNil(CodebookEditor.addingArea(code: "1", name: "x", keywords: [], under: nil, in: text), "a used code")
        XCTAssertNil(CodebookEditor.addingArea(code: "T4", name: "x", keywords: [], under: "Z", in: text), "no such parent")
    }

    /// Fixture themes (as the themes stage writes them): a theme of 空き家 with a member holding a phone number.
    private func insertThemes(_ fixture: ServeFixture, label: String = "空き家・景観") throws {
        let db = try SQLiteDatabase(url: fixture.workspace)
        try db.prepare("DELETE FROM themes").run([])
        try db.prepare("INSERT INTO themes VALUES (1, ?1, 3, '[\"空き家\",\"景観\"]', '[]')").run([.text(label)])
        for (i, id) in ["s-18-E", "s-17-E", "s-19-E", "s-2-E"].enumerated() {
            try db.prepare("INSERT INTO theme_members VALUES (1, ?1, ?2)").run([.text(id), .integer(i < 3 ? i + 1 : 0)])
        }
    }

    func testThemeShownAndProposedAsANewArea() throws {
        let fixture = try ServeFixture()
        try insertThemes(fixture)
        let bench = try fixture.workbench()
        let themes = bench.get("/api/themes").object
        XCTAssertEqual(themes["available"] as? Bool, true)
        let theme = (themes["themes"] as? [[String: Any]])?.first ?? [:]
        XCTAssertEqual(theme["label"] as? String, "空き家・景観")
        XCTAssertEqual(theme["keywords"] as? [String], ["空き家", "景観"])
        let shown = (theme["opinions"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        XCTAssertEqual(shown.count, 3, "three representatives")
        XCTAssertFalse(shown.joined().contains("0263"), "masked like quotes: \(shown)")
        XCTAssertTrue(shown.joined().contains("＊＊＊"))
        let original = try String(contentsOf: fixture.codebook, encoding: .utf8)
        let tried = bench.post("/api/themes/try", #"{"theme":"1","parent":"8"}"#)
        XCTAssertEqual(tried.status, 200, tried.text)
        XCTAssertEqual(tried.object["code"] as? String, "T1")
        XCTAssertEqual(tried.object["would_tag"] as? Int, 1, "\(tried.object)")
        XCTAssertEqual(
            tried.object["from_untagged"] as? Int, (tried.object["moves"] as? [[String: Any]])?.first?["from"] as? String == "（未分類）" ? 1 : 0
        )
        XCTAssertEqual(try String(contentsOf: fixture.codebook, encoding: .utf8), original, "trying never writes")
        let saved = bench.post("/api/themes/save", #"{"theme":"1","parent":"8","code":"T1","name":"空き家と景観"}"#)
        XCTAssertEqual(saved.status, 200, saved.text)
        let text = try String(contentsOf: fixture.codebook, encoding: .utf8)
        XCTAssertTrue(text.contains("        - code: \"T1\"\n          name: 空き家と景観\n          keywords: [空き家, 景観]\n"), text)
        XCTAssertEqual(text.components(separatedBy: "\n").count, original.components(separatedBy: "\n").count + 3, "three lines added")
        XCTAssertTrue(text.hasPrefix("# サンプル市"))
        try fixture.run()
        let after = try fixture.workbench()
        XCTAssertTrue((after.get("/api/opinion?id=s-18-E").object["areas"] as? [String] ?? []).contains("T1"))
        XCTAssertEqual(
            after.post("/api/themes/try", #"{"theme":"1","code":"T1"}"#).errorCode, "unknown-theme", "the run replaced the themes")
        XCTAssertEqual(bench.post("/api/themes/try", #"{"theme":"1","code":"8-1"}"#).errorCode, "area-code-taken")
        XCTAssertEqual(bench.post("/api/themes/try", #"{"theme":"9"}"#).errorCode, "unknown-theme")
        XCTAssertEqual(bench.post("/api/themes/try", #"{"theme":"1","code":"T9","parent":"ZZ"}"#).errorCode, "unknown-area")
    }

    func testThemeWritesNeedTheTokenHeaderAndAreRefusedReadOnly() throws {
        let fixture = try ServeFixture()
        try insertThemes(fixture, label: ServeFixture.hostile)
        let bench = try fixture.workbench()
        let json = String(decoding: bench.get("/api/themes").body, as: UTF8.self)
        XCTAssertFalse(json.contains("<script>"), "escaped as data")
        XCTAssertTrue(json.contains("\\u003cscript\\u003e"))
        for path in ["/api/themes/save", "/api/codebook/save"] {
            let body = #"{"theme":"1","code":"T1","area":"8-1","rule":"空き家"}"#
            XCTAssertEqual(bench.post(path, body, headers: ["X-Koe-Token": ""]).status, 403, path)
            XCTAssertEqual(bench.post(path, body, headers: ["Origin": "http://evil.example"]).errorCode, "csrf-refused", path)
            XCTAssertEqual(try fixture.workbench(readOnly: true).post(path, body).errorCode, "read-only", path)
        }
        // A hostile name is saved as a quoted YAML scalar: the codebook still loads and names the area verbatim.
        let name = #"x" # y: [z]"#
        let body = try JSONSerialization.data(withJSONObject: ["theme": "1", "code": "T1", "name": name, "keywords": "空き家"])
        let saved = bench.post("/api/themes/save", String(decoding: body, as: UTF8.self))
        XCTAssertEqual(saved.status, 200, saved.text)
        XCTAssertEqual(saved.object["name"] as? String, name)
        try fixture.run()
        XCTAssertTrue(try fixture.workbench().store.areas.contains { $0.code == "T1" && $0.name == name })
    }
}
