// Quotes through a whole run: quotes.md (grouping, trimming, escaping, masking, session attribution, small
// cells), koe.sqlite (groups, score parts, sessions), run.json counts, and every `koe quotes` filter and
// format over the workspace, with missing and stale workspaces refused.
import Foundation
import KoeCore
import KoeRender
import KoeWorkspace
import KoeXML
import XCTest

@testable import KoePipeline
@testable import KoeQuotes

final class QuoteRunTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let campaign = "保育園の待機児童を早急に解消してください。保育士の処遇を改善し、定員を増やすことを強く求めます。"
    static let hostile = "<script>alert(1)</script>保育園を**増やして**[x](javascript:alert(1)) `code` 」（30代・女性）「偽の意見"

    var folder: URL!
    var config: PipelineConfig!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-quotes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rows = ["ID,年代,性別,地区,要望"]
        // 30代・女性・広丘: 12 respondents (a large cell); 6 send the campaign text with small edits.
        for i in 1...6 { rows.append("c\(i),30代,女性,広丘,\"\(Self.campaign)\(i.isMultiple(of: 2) ? "" : "よろしく")\"") }
        rows.append("h1,30代,女性,広丘,\"\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))\"")
        rows.append("p1,30代,女性,広丘,保育園の田中さんに電話0263(52)1234で相談したら、延長保育の空きを教えてくれた。")
        rows.append("k1,30代,女性,広丘,子供の遊び場として公園の遊具を新しくしてほしい。")
        rows.append("t1,30代,女性,広丘," + String(repeating: "学童保育の時間を延ばしてほしい。", count: 12))
        rows.append("s1,30代,女性,広丘,将来も子どもが安心して遊べる公園を残してほしい。")
        rows.append("x1,30代,女性,広丘,特になし")
        // One 80歳以上・男性 in 楢川: a cell of one.
        rows.append("o1,80歳以上,男性,楢川,孫と行ける屋内遊び場が少なくて困っています。")
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let notes = """
            ---
            title: 子育て世代ワークショップ「子育てしやすいまち」
            segments: {age: 30代}
            ---
            # 子育て

            - 保育園の送迎が大変で、延長保育がもっとほしい
            - 公園に屋根のある遊び場がほしい
            - 病児保育をもっと使いやすくしてほしい

            """
        try notes.write(to: folder.appendingPathComponent("w.md"), atomically: true, encoding: .utf8)
        let text = """
            sources:
              - path: s.csv
                columns: {ID: id, 年代: age, 性別: gender, 地区: district, 要望: text}
              - path: w.md
                kind: workshop
            codebook: \(Self.samples.path)/codebook.yml
            quotes: {per_area: 20, min_cell: 5}
            output: out
            """
        config = try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        try text.write(to: folder.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        _ = try PipelineRunner(config: config, diagnostics: DiagnosticCollector()).run()
    }

    override func tearDownWithError() throws {
        if ProcessInfo.processInfo.environment["KOE_KEEP"] != nil { print("kept", folder.path); return }
        try? FileManager.default.removeItem(at: folder)
    }

    private var out: URL { folder.appendingPathComponent("out") }

    func testQuotesMarkdown() throws {
        let md = try String(contentsOf: out.appendingPathComponent("quotes.md"), encoding: .utf8)
        let section = md.components(separatedBy: "#### 1-2 ").last?.components(separatedBy: "\n#").first ?? ""
        // The campaign is printed once, with its size, under its measure.
        XCTAssertEqual(section.components(separatedBy: "待機児童を早急に").count - 1, 1, section)
        XCTAssertTrue(section.contains("同様の意見 6件 `s-2-E`"), section)
        XCTAssertTrue(md.contains("（短期集中）"), "measures carry their horizon")
        // Inert: nothing renders, nothing forges an attribution.
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(
            md.contains("&lt;script&gt;alert(1)&lt;/script&gt;保育園を\\*\\*増やして\\*\\*\\[x\\](javascript:alert(1)) \\`code\\`"))
        XCTAssertTrue(md.contains("』（30代・女性）『偽の意見」（30代・女性・広丘） `s-8-E`"))
        // Masked: the name and the phone number in any form.
        XCTAssertTrue(md.contains("保育園の＊＊＊さんに電話＊＊＊で相談したら"))
        XCTAssertFalse(md.contains("田中") || md.contains("1234"))
        // Trimmed at a sentence boundary with …, never cut inside a sentence.
        XCTAssertTrue(md.contains(String(repeating: "学童保育の時間を延ばしてほしい。", count: 10) + "…」"))
        // Workshop notes by session; the lone 80歳以上 in 楢川 is not pointed at.
        XCTAssertTrue(md.contains("（子育て世代ワークショップ・30代） `w-L7`"))
        XCTAssertTrue(md.contains("孫と行ける屋内遊び場が少なくて困っています。」（属性非表示）"))
        XCTAssertFalse(md.contains("楢川"))
    }

    /// quotes.docx: the same quotes as quotes.md, in Word's Quote style with attribution and provenance under
    /// them, headings in plan order with the horizon marked, small cells coarsened, hostile text as plain text.
    func testQuotesDocx() throws {
        let package = try ZipPackage(url: out.appendingPathComponent("quotes.docx"), displayPath: "quotes.docx")
        let xml = String(decoding: try XCTUnwrap(package.data("word/document.xml")), as: UTF8.self)
        // Paragraphs as (style, text), in order.
        var paragraphs: [(style: String, text: String)] = []
        for chunk in xml.components(separatedBy: "<w:p>").dropFirst() + xml.components(separatedBy: "<w:p ").dropFirst() {
            let body = chunk.components(separatedBy: "</w:p>").first ?? ""
            let style =
                body.range(of: "<w:pStyle w:val=\"([^\"]+)\"", options: .regularExpression).map {
                    String(body[$0]).replacingOccurrences(of: "<w:pStyle w:val=\"", with: "").replacingOccurrences(of: "\"", with: "")
                } ?? "Normal"
            var text = ""
            var rest = Substring(body)
            while let open = rest.range(of: "<w:t"), let close = rest.range(of: "</w:t>", range: open.upperBound..<rest.endIndex) {
                let inner = rest[open.upperBound..<close.lowerBound]
                text += inner.split(separator: ">", maxSplits: 1).last.map(String.init) ?? ""
                rest = rest[close.upperBound...]
            }
            paragraphs.append((style, text))
        }
        func decoded(_ s: String) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
                of: "&quot;", with: "\""
            )
            .replacingOccurrences(of: "&amp;", with: "&")
        }
        let headings = paragraphs.filter { $0.style.hasPrefix("Heading") }
        XCTAssertEqual(headings.first?.style, "Heading1")
        XCTAssertTrue(headings.contains { $0.style == "Heading3" && $0.text.hasPrefix("1-2 ") && $0.text.hasSuffix("（短期集中）") })
        XCTAssertTrue(headings.contains { $0.style == "Heading3" && $0.text.hasPrefix("1-3 ") && $0.text.hasSuffix("（長期継続）") })
        XCTAssertTrue(headings.contains { $0.style == "Heading4" && $0.text.hasPrefix("1-1-1 ") })
        XCTAssertTrue(xml.contains("TOC \\o"), "a table-of-contents field")
        let quotes = paragraphs.enumerated().filter { $0.element.style == "Quote" }
        XCTAssertFalse(quotes.isEmpty)
        for (i, q) in quotes {
            XCTAssertEqual(paragraphs[i + 1].style, "QuoteSource", q.text)
            XCTAssertTrue(paragraphs[i + 1].text.contains("出典 "), "provenance id under \(q.text)")
        }
        let all = paragraphs.map { decoded($0.text) }.joined(separator: "\n")
        XCTAssertTrue(all.contains("「<script>alert(1)</script>保育園を**増やして**[x](javascript:alert(1)) `code` 』（30代・女性）『偽の意見」"))
        XCTAssertTrue(all.contains("（属性非表示）　出典 s-14-E"), "the lone 80歳以上 is not pointed at")
        XCTAssertFalse(all.contains("楢川") || all.contains("田中") || all.contains("1234"))
        XCTAssertTrue(all.contains("（30代・女性・広丘）　同様の意見 6件　出典 s-2-E"))
        XCTAssertTrue(all.contains("（子育て世代ワークショップ・30代）　出典 w-L7"))
        XCTAssertEqual(all.components(separatedBy: "待機児童を早急に").count - 1, 1, "the campaign once")
    }

    func testWorkspaceAndManifestKeepGroupsAndScoreParts() throws {
        let db = try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite"))
        let groups = try db.database.prepare("SELECT group_id, group_size, COUNT(*) FROM near_duplicates GROUP BY group_id")
        XCTAssertTrue(try groups.next())
        XCTAssertEqual(groups.text(0), "s-2-E")
        XCTAssertEqual(groups.integer(1), 6)
        XCTAssertEqual(groups.integer(2), 6)
        let parts = try db.database.prepare(
            "SELECT COUNT(*) FROM quotes WHERE specificity IS NULL OR length IS NULL OR representativeness IS NULL OR diversity IS NULL")
        XCTAssertTrue(try parts.next())
        XCTAssertEqual(parts.integer(0), 0)
        let campaign = try db.database.prepare("SELECT group_size, masked_text FROM quotes WHERE group_id = 's-2-E' LIMIT 1")
        XCTAssertTrue(try campaign.next())
        XCTAssertEqual(campaign.integer(0), 6)
        let session = try db.database.prepare("SELECT label FROM sessions WHERE source = 'w.md'")
        XCTAssertTrue(try session.next())
        XCTAssertEqual(session.text(0), "子育て世代ワークショップ")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any]
        let near = manifest?["near_duplicates"] as? [String: Any]
        XCTAssertEqual(near?["groups"] as? Int, 1)
        XCTAssertEqual(near?["largest"] as? Int, 6)
    }

    private func query(_ edit: (inout QuoteFilter) -> Void) throws -> [WorkspaceQuote] {
        var filter = QuoteFilter()
        edit(&filter)
        return try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite")).quotes(filter)
    }

    func testEveryFilter() throws {
        let all = try query { $0.limit = 100 }
        XCTAssertEqual(all.filter { $0.candidate.group == "s-2-E" }.count, 1, "a group once")
        XCTAssertFalse(all.contains { $0.candidate.text == "特になし" && $0.candidate.score.specificity > 0 })
        // --area includes descendants: A holds what 1-2 holds.
        let measure = Set(
            try query {
                $0.area = "1-2"; $0.limit = 100
            }.map(\.candidate.id))
        let strategy = Set(
            try query {
                $0.area = "A"; $0.limit = 100
            }.map(\.candidate.id))
        XCTAssertFalse(measure.isEmpty)
        XCTAssertTrue(measure.isSubset(of: strategy))
        XCTAssertTrue(measure.contains("s-8-E"))
        XCTAssertThrowsError(try query { $0.area = "ZZ" }) { XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "unknown-area") }
        XCTAssertEqual(try query { $0.age = "80歳以上" }.map(\.candidate.id), ["s-14-E"])
        XCTAssertEqual(try query { $0.gender = "男性" }.map(\.candidate.id), ["s-14-E"])
        XCTAssertEqual(try query { $0.district = "楢川" }.map(\.candidate.id), ["s-14-E"])
        XCTAssertTrue(
            try query {
                $0.type = "要望"; $0.limit = 100
            }.allSatisfy { $0.candidate.type == "要望" })
        XCTAssertFalse(try query { $0.type = "要望" }.isEmpty)
        XCTAssertEqual(try query { $0.horizon = "long" }.map(\.candidate.id), ["s-12-E"])
        XCTAssertTrue(try query { $0.horizon = "short" }.contains { $0.candidate.group == "s-2-E" }, "早急に")
        // --search with koe's normalizer: 子供 finds 子ども and 子供.
        let children = try query { $0.words = try! QuoteSearch.words("子供") }.map(\.candidate.id)
        XCTAssertEqual(Set(children), ["s-10-E", "s-12-E"])
        XCTAssertEqual(try query { $0.words = try! QuoteSearch.words("屋根 遊び場") }.map(\.candidate.id), ["w-L8"])
        // A codebook keyword the run kept whole (病児保育) is one word of the index, though the plain tokenizer splits
        // it: searched through the workspace, it is that word; a plain word is searched as before.
        let db = try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite"))
        XCTAssertNotEqual(try QuoteSearch.words("病児保育"), ["病児保育"])
        XCTAssertEqual(try QuoteSearch.words("病児保育", in: db), ["病児保育"])
        XCTAssertEqual(try QuoteSearch.words("子供 屋根", in: db), try QuoteSearch.words("子供 屋根"))
        let sickChildCare = try query {
            $0.words = try! QuoteSearch.words("病児保育", in: db); $0.limit = 100
        }
        XCTAssertFalse(sickChildCare.isEmpty)
        XCTAssertTrue(sickChildCare.allSatisfy { $0.candidate.text.contains("病児保育") }, "every quote holds the word")
        XCTAssertEqual(try query { $0.limit = 2 }.count, 2)
    }

    func testEveryFormatMasksAndCoarsensLikeQuotesMarkdown() throws {
        let db = try QuoteWorkspace(url: out.appendingPathComponent("koe.sqlite"))
        let guardian = try db.attributionGuard()
        var filter = QuoteFilter()
        filter.limit = 100
        let found = try db.quotes(filter)
        let md = try String(contentsOf: out.appendingPathComponent("quotes.md"), encoding: .utf8)
        let mdLines = QuoteListWriter(format: .md, attribution: guardian).lines(found)
        for line in mdLines { XCTAssertTrue(md.contains(line), "koe quotes --format md prints the quotes.md line: \(line)") }
        let text = QuoteListWriter(format: .text, attribution: guardian).lines(found).joined(separator: "\n")
        XCTAssertTrue(text.contains("「孫と行ける屋内遊び場が少なくて困っています。」（属性非表示）"))
        XCTAssertTrue(text.contains("<script>"), "plain text for the terminal")
        XCTAssertFalse(text.contains("田中") || text.contains("楢川") || text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("同様の意見 6件"))
        let jsonl = QuoteListWriter(format: .jsonl, attribution: guardian).lines(found)
        XCTAssertEqual(jsonl.count, found.count)
        for line in jsonl {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let score = object?["score"] as? [String: Any]
            for part in ["total", "specificity", "length", "representativeness", "type", "diversity"] {
                XCTAssertNotNil(score?[part] as? Double, part)
            }
        }
        XCTAssertTrue(jsonl.contains { $0.contains("\"similar\":6") })
        let csv = QuoteListWriter(format: .csv, attribution: guardian).lines(found)
        XCTAssertTrue(csv[0].hasPrefix("\u{FEFF}id,text,trimmed,attribution,similar"))
        XCTAssertEqual(csv.count, found.count + 1)
        XCTAssertTrue(csv.contains { $0.contains("（属性非表示）") && $0.contains("s-14-E") })
    }

    func testMissingAndStaleWorkspacesAreRefused() throws {
        XCTAssertThrowsError(try QuoteWorkspace(url: folder.appendingPathComponent("none/koe.sqlite"))) {
            XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "workspace-missing")
            XCTAssertTrue(($0 as? KoeError)?.diagnostic.hint?.contains("koe run") == true)
        }
        let url = out.appendingPathComponent("koe.sqlite")
        XCTAssertNil(try QuoteSearch.staleness(QuoteWorkspace(url: url), config: config))
        XCTAssertEqual(try QuoteSearch.workspaceURL(config).standardizedFileURL.path, url.standardizedFileURL.path)
        // An input edited after the run.
        let survey = folder.appendingPathComponent("s.csv")
        let handle = try FileHandle(forWritingTo: survey)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("z1,20代,男性,広丘,追加の意見\n".utf8))
        try handle.close()
        let reason = try QuoteSearch.staleness(QuoteWorkspace(url: url), config: config)
        XCTAssertEqual(reason, "入力 s.csv が前回の実行より後に変更されています")
        // A workspace of another schema version.
        let copy = folder.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: url, to: copy)
        try SQLiteDatabase(url: copy).execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        XCTAssertThrowsError(try QuoteWorkspace(url: copy)) { XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "workspace-stale") }
    }
}
