// Word minutes: heading styles (by name and outline level), lists, tables, text boxes; deletions, field codes
// and comments excluded; paragraph-index locations; the real python-docx sample from the corpus.
import Foundation
import KoeCore
import XCTest

@testable import KoeWorkshop

final class DocxNotesTests: XCTestCase {
    /// Japanese Word's styles: styleId "1"/"2" named "heading 1"/"heading 2"; a custom style that inherits outline level 2.
    static let styles =
        #"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="ThemeBase"><w:name w:val="テーマ基本"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Theme"><w:name w:val="テーマ"/><w:basedOn w:val="ThemeBase"/></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/></w:style>"#
        + "</w:styles>"

    static func p(_ text: String, style: String? = nil, extra: String = "") -> String {
        let pPr = style.map { #"<w:pPr><w:pStyle w:val="\#($0)"/></w:pPr>"# } ?? ""
        return "<w:p>" + pPr + extra + (text.isEmpty ? "" : #"<w:r><w:t xml:space="preserve">\#(text)</w:t></w:r>"#) + "</w:p>"
    }

    static func cell(_ text: String) -> String { "<w:tc>" + p(text) + "</w:tc>" }

    static var body: String {
        var xml = p("第3回 地域ワークショップ", style: "1")  // 1
        xml += p("Cグループ", style: "2")  // 2
        // 3
        xml +=
            #"<w:p><w:pPr><w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>通学路に歩道がほしい</w:t></w:r></w:p>"#
        // 4
        xml +=
            #"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>公民館の</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>古い</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>予約を簡単に</w:t></w:r></w:ins><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#
        // 5
        xml +=
            #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://example.jp" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>リンクの</w:t></w:r><w:r><w:tab/><w:t>意見</w:t><w:br/><w:t>二行目</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        xml += p("防災", style: "Theme")  // 6
        xml += #"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"# + cell("番号") + cell("意見") + "</w:tr>"  // 7, 8
        xml += "<w:tr>" + cell("1") + cell("避難所の場所を知らせてほしい") + "</w:tr>"  // 9, 10
        xml += "<w:tr>" + cell("2") + cell("") + "</w:tr></w:tbl>"  // 11, 12
        let box = "<w:txbxContent>" + p("付箋：") + p("川沿いの散歩道") + "</w:txbxContent>"
        xml +=
            #"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>"# + box  // 13 (14, 15 inside the box)
            + #"</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"# + box
            + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        xml += p("")  // 16
        xml += p("第4回", style: "1")  // 17
        xml += #"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>まとめ</w:t></w:r></w:p>"#  // 18
        xml += p("特になし")  // 19
        xml += p("全体で子育て支援の声が多かった")  // 20
        return xml
    }

    func testDocxBuiltFromParts() throws {
        let folder = try TemporaryFolder()
        let core =
            #"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>第3回 地域ワークショップ記録</dc:title></cp:coreProperties>"#
        let url = try folder.docx(
            "minutes.docx",
            parts: [
                "word/document.xml": documentXML(Self.body), "word/styles.xml": Self.styles,
                "docProps/core.xml": core,
            ])
        let sink = CollectingSink()
        let options = WorkshopOptions(segments: RawSegments(age: "30代", district: "広丘地区"))
        let summary = try WorkshopReader(options: options).read(
            url: url, displayPath: "minutes.docx", into: sink,
            diagnostics: DiagnosticCollector())
        let c = "第3回 地域ワークショップ > Cグループ"
        assertTriples(
            noteTriples(sink),
            [
                (3, c, "通学路に歩道がほしい"),
                (4, c, "公民館の予約を簡単に"),
                (5, c, "リンクの\t意見\n二行目"),
                (9, c + " > 防災", "避難所の場所を知らせてほしい"),
                (14, c + " > 防災", "付箋：\n川沿いの散歩道"),
                (20, "第4回 > まとめ", "全体で子育て支援の声が多かった"),
            ])
        XCTAssertEqual(skippedPairs(sink), ["11:empty", "19:non-answer"])
        XCTAssertEqual(summary.format, .docx)
        XCTAssertEqual(summary.session.title, "第3回 地域ワークショップ記録")
        XCTAssertEqual(sink.opinions.first?.id, "minutes-L3")
        XCTAssertEqual(Set(sink.opinions.map(\.segments)), [RawSegments(age: "30代", district: "広丘地区")])
        let all = everything(sink)
        for hidden in ["古い", "HYPERLINK", "example.jp"] { XCTAssertFalse(all.contains(hidden), hidden) }
    }

    func testHeadingStyleIdsWithoutStylesPart() throws {
        let folder = try TemporaryFolder()
        let body = Self.p("全体会", style: "Heading1") + Self.p("地区別", style: "Heading2") + Self.p("集会所が遠い")
        let url = try folder.docx("plain.docx", parts: ["word/document.xml": documentXML(body)])
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "plain.docx", into: sink, diagnostics: DiagnosticCollector())
        assertTriples(noteTriples(sink), [(3, "全体会 > 地区別", "集会所が遠い")])
    }

    func testStyleNames() {
        XCTAssertEqual(DocxStyles.levelFromName("heading 1"), 1)
        XCTAssertEqual(DocxStyles.levelFromName("見出し ３"), 3)
        XCTAssertEqual(DocxStyles.levelFromName("Heading2"), 2)
        XCTAssertEqual(DocxStyles.levelFromName("Title"), 0)
        XCTAssertNil(DocxStyles.levelFromName("List Paragraph"))
    }

    func testCorpusWordFileParagraphsAndNestedTables() throws {
        let url = try Paths.corpus("office-samples/blk-paras-and-tables.docx")
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "blk-paras-and-tables.docx", into: sink, diagnostics: DiagnosticCollector())
        // Paragraphs 1–4 sit in an empty 2×2 table (layout, no event); 6–9 in the outer cell of a nested table.
        assertTriples(
            noteTriples(sink),
            [
                (5, nil, "Lorem ipsum dolor sit amet, consectetur adipiscing elit."),
                (7, nil, "Table"),
                (8, nil, "Between"),
                (6, nil, "Text before\nText after"),
                (10, nil, "Donec semper facilitis metus finibus malesuada.".replacingOccurrences(of: "facilitis", with: "facilisis")),
            ])
        XCTAssertEqual(sink.skipped.count, 0)
    }

    func testMissingDocumentPartNamesTheFile() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("empty.docx", parts: ["word/styles.xml": Self.styles])
        XCTAssertThrowsError(
            try WorkshopReader().read(
                url: url, displayPath: "in/empty.docx", into: CollectingSink(),
                diagnostics: DiagnosticCollector())
        ) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "docx-no-document")
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.file, "in/empty.docx")
        }
    }
}

final class DocxScaleTests: XCTestCase {
    /// A 20,000-row table and 20,000 paragraphs read in linear time (no quadratic copies of the row buffer).
    func testLargeDocxIsReadQuickly() throws {
        let folder = try TemporaryFolder()
        var body = "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>" + DocxNotesTests.cell("番号") + DocxNotesTests.cell("意見") + "</w:tr>"
        for i in 1...20_000 { body += "<w:tr>" + DocxNotesTests.cell("\(i)") + DocxNotesTests.cell("意見\(i)") + "</w:tr>" }
        body += "</w:tbl>"
        for i in 1...20_000 { body += DocxNotesTests.p("段落\(i)") }
        let url = try folder.docx("large.docx", parts: ["word/document.xml": documentXML(body)])
        var count = 0
        var last = ""
        let sink = ClosureSink { event in if case .opinion(let o) = event { count += 1; last = o.text } }
        let start = Date()
        try WorkshopReader().read(url: url, displayPath: "large.docx", into: sink, diagnostics: DiagnosticCollector())
        let seconds = Date().timeIntervalSince(start)
        print("large docx: 40,000 notes in \(seconds) s")
        XCTAssertEqual(count, 40_000)
        XCTAssertEqual(last, "段落20000")
        XCTAssertLessThan(
            seconds, 60, "a ceiling for quadratic reading, not a speed figure (loaded CI machines run it several times slower)")
    }
}

final class DocxContentControlTests: XCTestCase {
    func testPlaceholderContentControlIsNotANote() throws {
        let folder = try TemporaryFolder()
        let placeholder =
            #"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"# + DocxNotesTests.p("ここをクリックしてテキストを入力してください。")
            + "</w:sdtContent></w:sdt>"
        let filled =
            #"<w:sdt><w:sdtPr><w:alias w:val="意見"/></w:sdtPr><w:sdtContent>"# + DocxNotesTests.p("ごみの分別が分かりにくい") + "</w:sdtContent></w:sdt>"
        let url = try folder.docx("form.docx", parts: ["word/document.xml": documentXML(placeholder + filled)])
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "form.docx", into: sink, diagnostics: DiagnosticCollector())
        assertTriples(noteTriples(sink), [(1, nil, "ごみの分別が分かりにくい")])
    }

    func testSpacesBetweenRunsAndTabDefinitionsInParagraphProperties() throws {
        let folder = try TemporaryFolder()
        let body =
            #"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="840"/></w:tabs></w:pPr><w:r><w:t>Park</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>and ride</w:t></w:r></w:p>"#
        let url = try folder.docx("runs.docx", parts: ["word/document.xml": documentXML(body)])
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "runs.docx", into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.map(\.text), ["Park and ride"])
    }
}
