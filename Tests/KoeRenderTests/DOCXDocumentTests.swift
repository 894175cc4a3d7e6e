// DOCX builder tests: the written document reopened — styles, headings in order, TOC and PAGE fields, plain text.
import Foundation
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class DOCXDocumentTests: XCTestCase {
    static func sampleDocument() -> DOCXDocument {
        var doc = DOCXDocument(title: "市民の声 引用集")
        doc.paragraph("市民の声 引用集", style: .title)
        doc.tableOfContents()
        doc.heading("A 子育て世代に選ばれる地域の創造", level: 1)
        doc.heading("1 子どもを産み育てる環境が整い", level: 2)
        doc.heading("1-1 出産・子育てのサポート【短期集中】", level: 3)
        doc.heading("(1) 保育園", level: 4)
        doc.paragraph("保育園を増やしてほしい。\t**太字**ではない\n<script>alert(1)</script> & [x](javascript:y)", style: .quote)
        doc.paragraph("（30代・女性・広丘）id: s1-r12-c3", style: .attribution)
        doc.paragraph([DOCXRun("注: "), DOCXRun("太字", bold: true), DOCXRun("斜体", italic: true)], style: .caption)
        return doc
    }

    func testPackageLayoutAndDeterminism() throws {
        let data = try Self.sampleDocument().archive()
        XCTAssertEqual(data, try Self.sampleDocument().archive())
        let package = try UnzippedPackage(data)
        XCTAssertEqual(
            package.paths,
            [
                "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml",
                "docProps/app.xml",
            ])
        XCTAssertEqual(try package.elements("docProps/core.xml").named("created").first?.text, "1980-01-01T00:00:00Z")
        let rels = try package.elements("word/_rels/document.xml.rels").named("Relationship")
        let footerID = rels.first { $0.attributes["Target"] == "footer1.xml" }?.attributes["Id"]
        XCTAssertNotNil(footerID)
        let reference = try package.elements("word/document.xml").named("footerReference").first
        XCTAssertEqual(reference?.attributes["id"], footerID)
    }

    func testHeadingsInOrderWithOutlineLevels() throws {
        let package = try UnzippedPackage(try Self.sampleDocument().archive())
        let document = try package.elements("word/document.xml")
        // Paragraph styles in order, with each paragraph's text.
        var paragraphs: [(style: String, text: String)] = []
        for element in document {
            if element.name == "p" { paragraphs.append(("Normal", "")) }
            if element.name == "pStyle", let style = element.attributes["val"] { paragraphs[paragraphs.count - 1].style = style }
            if element.name == "t" { paragraphs[paragraphs.count - 1].text += element.text }
        }
        let headings = paragraphs.filter { $0.style.hasPrefix("Heading") }
        XCTAssertEqual(headings.map(\.style), ["Heading1", "Heading2", "Heading3", "Heading4"])
        XCTAssertEqual(headings.first?.text, "A 子育て世代に選ばれる地域の創造")
        XCTAssertEqual(paragraphs.first?.style, "Title")
        let styles = try package.elements("word/styles.xml")
        var outline: [String: String] = [:]
        var current = ""
        for element in styles {
            if element.name == "style" { current = element.attributes["styleId"] ?? "" }
            if element.name == "outlineLvl" { outline[current] = element.attributes["val"] }
        }
        XCTAssertEqual(outline, ["Heading1": "0", "Heading2": "1", "Heading3": "2", "Heading4": "3"])
        let styleIDs = Set(styles.named("style").compactMap { $0.attributes["styleId"] })
        XCTAssertTrue(styleIDs.isSuperset(of: DOCXParagraphStyle.allCases.map(\.rawValue)))
        let names = styles.named("name").compactMap { $0.attributes["val"] }
        XCTAssertTrue(names.contains("heading 1") && names.contains("Quote") && names.contains("引用元"))
    }

    func testTableOfContentsPageFieldFontsAndPage() throws {
        let package = try UnzippedPackage(try Self.sampleDocument().archive())
        let document = try package.elements("word/document.xml")
        let instructions = document.named("instrText").map(\.text)
        XCTAssertEqual(instructions, [" TOC \\o \"1-4\" \\h \\z \\u "])
        XCTAssertEqual(document.named("fldChar").compactMap { $0.attributes["fldCharType"] }, ["begin", "separate", "end"])
        XCTAssertTrue(document.named("t").contains { $0.text == DOCXDocument.tableOfContentsPlaceholder })
        // The field's result lists the headings (TOC1–TOC4) until Word updates it.
        let tocStyles = document.named("pStyle").compactMap { $0.attributes["val"] }.filter { $0.hasPrefix("TOC") }
        XCTAssertEqual(tocStyles, ["TOCHeading", "TOC1", "TOC2", "TOC3", "TOC4"])
        let size = try XCTUnwrap(document.named("pgSz").first)
        XCTAssertEqual(size.attributes["w"], "11906")
        XCTAssertEqual(size.attributes["h"], "16838")
        XCTAssertEqual(document.named("footerReference").count, 1)

        let footer = try package.elements("word/footer1.xml")
        XCTAssertEqual(footer.named("instrText").map(\.text), [" PAGE "])
        XCTAssertEqual(try package.elements("word/settings.xml").named("updateFields").first?.attributes["val"], "true")

        let fonts = try package.elements("word/fontTable.xml")
        let fontNames = fonts.named("font").compactMap { $0.attributes["name"] }
        XCTAssertTrue(fontNames.contains("游明朝"))
        XCTAssertEqual(fonts.named("altName").first?.attributes["val"], "ＭＳ 明朝")
        XCTAssertTrue(package.text("word/styles.xml").contains("w:eastAsia=\"游明朝\""))
    }

    func testTextIsPlainAndXMLSafe() throws {
        var doc = Self.sampleDocument()
        doc.paragraph("制御\u{1}文字\u{FFFE}と\r\n改行\r終わり")
        let package = try UnzippedPackage(try doc.archive())
        let document = try package.elements("word/document.xml")
        let texts = document.named("t").map(\.text)
        XCTAssertTrue(texts.contains("<script>alert(1)</script> & [x](javascript:y)"), "kept as text, not markup")
        XCTAssertTrue(texts.contains("**太字**ではない"), "Markdown is not interpreted")
        XCTAssertTrue(texts.contains("制御\u{FFFD}文字\u{FFFD}と"))
        XCTAssertTrue(package.text("word/document.xml").contains("&lt;script&gt;"))
        // Tab → w:tab; LF, CRLF and CR → one w:br each.
        XCTAssertEqual(document.named("tab").count, 1)
        XCTAssertEqual(document.named("br").count, 3)
        XCTAssertEqual(document.named("b").count, 1)
        XCTAssertEqual(document.named("i").count, 1)
    }

    /// Writes a proof document where `scripts/proof/office` can convert it (only with KOE_PROOF_DIR set).
    func testWriteProofDocument() throws {
        guard let folder = ProcessInfo.processInfo.environment["KOE_PROOF_DIR"] else {
            throw XCTSkip("set KOE_PROOF_DIR to write proof.docx for scripts/proof/office")
        }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("proof.docx")
        try ProofDocuments.document().write(to: url)
        XCTAssertEqual(try Data(contentsOf: url), try ProofDocuments.document().archive())
    }
}
