// DOCXDocument — builds a WordprocessingML document (.docx) of styled plain-text paragraphs, deterministically.
import Foundation

/// A run of plain text inside a paragraph. Text is never interpreted (no Markdown, no HTML): tabs become
/// `w:tab`, line breaks `w:br`, and characters XML cannot carry U+FFFD.
public struct DOCXRun: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}

/// The paragraph styles the document defines (styles.xml). Headings carry outline levels, so Word's
/// navigation pane and the table of contents see them.
public enum DOCXParagraphStyle: String, Sendable, CaseIterable {
    case normal = "Normal"
    case title = "Title"
    case heading1 = "Heading1"
    case heading2 = "Heading2"
    case heading3 = "Heading3"
    case heading4 = "Heading4"
    /// An indented quotation (Word's built-in "Quote", shown as 引用文).
    case quote = "Quote"
    /// The attribution line under a quote (right-aligned, small, grey).
    case attribution = "QuoteSource"
    /// A caption or note line (Word's built-in "caption", 図表番号).
    case caption = "Caption"

    /// The heading style for level 1–4 (clamped).
    public static func heading(_ level: Int) -> DOCXParagraphStyle {
        switch level {
        case ...1: return .heading1
        case 2: return .heading2
        case 3: return .heading3
        default: return .heading4
        }
    }

    /// The outline level (0-based) of a heading style, nil for body styles.
    var outlineLevel: Int? {
        switch self {
        case .heading1: return 0
        case .heading2: return 1
        case .heading3: return 2
        case .heading4: return 3
        default: return nil
        }
    }
}

/// A Word document being built: A4 portrait, Japanese fonts (游明朝 / 游ゴシック with MS fallbacks), page
/// numbers in the footer. Add blocks in reading order, then `write(to:)` or `archive()`.
public struct DOCXDocument: OOXMLArchive {
    enum Block: Equatable {
        case paragraph(DOCXParagraphStyle, [DOCXRun])
        case tableOfContents(levels: Int, placeholder: String)
        case pageBreak
    }

    private(set) var blocks: [Block] = []
    /// The document title (docProps/core.xml).
    public var title: String

    public init(title: String) { self.title = title }

    /// The text Word shows in the table of contents until its fields are updated.
    public static let tableOfContentsPlaceholder = "目次を更新するには右クリック→フィールド更新"

    /// Appends a paragraph of runs in `style`.
    public mutating func paragraph(_ runs: [DOCXRun], style: DOCXParagraphStyle = .normal) {
        blocks.append(.paragraph(style, runs))
    }

    /// Appends a paragraph of plain text in `style`.
    public mutating func paragraph(_ text: String, style: DOCXParagraphStyle = .normal) {
        paragraph([DOCXRun(text)], style: style)
    }

    /// Appends a heading of level 1–4.
    public mutating func heading(_ text: String, level: Int) { paragraph(text, style: .heading(level)) }

    /// Appends a table-of-contents field over heading levels 1…`levels` (Word fills it when fields update;
    /// settings.xml asks Word to update fields when the document opens).
    public mutating func tableOfContents(levels: Int = 4, placeholder: String = DOCXDocument.tableOfContentsPlaceholder) {
        blocks.append(.tableOfContents(levels: max(1, min(9, levels)), placeholder: placeholder))
    }

    /// Starts a new page.
    public mutating func pageBreak() { blocks.append(.pageBreak) }

    /// The .docx bytes.
    public func archive() throws -> Data {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var package = OOXMLPackage()
        var rels = OOXMLRelationships()
        rels.add(type: OOXMLType.relationshipBase + "styles", target: "styles.xml")
        rels.add(type: OOXMLType.relationshipBase + "settings", target: "settings.xml")
        rels.add(type: OOXMLType.relationshipBase + "fontTable", target: "fontTable.xml")
        let footer = rels.add(type: OOXMLType.relationshipBase + "footer", target: "footer1.xml")
        package.relationships.add(type: OOXMLType.officeDocument, target: "word/document.xml")
        package.add("word/document.xml", contentType: main + ".document.main+xml", bytes: documentXML(footer: footer))
        package.add(relationships: rels, of: "word/document.xml")
        package.add("word/styles.xml", contentType: main + ".styles+xml", bytes: DOCXParts.styles)
        package.add("word/settings.xml", contentType: main + ".settings+xml", bytes: DOCXParts.settings)
        package.add("word/fontTable.xml", contentType: main + ".fontTable+xml", bytes: DOCXParts.fontTable)
        package.add("word/footer1.xml", contentType: main + ".footer+xml", bytes: DOCXParts.footer)
        package.addDocumentProperties(title: title, creator: "koe", application: "koe")
        return try package.archive()
    }

    func documentXML(footer: String) -> [UInt8] {
        var xml = XMLBuilder()
        xml.open("w:document", ["xmlns:w": DOCXParts.wordNamespace, "xmlns:r": DOCXParts.relationshipNamespace])
        xml.open("w:body")
        for block in blocks {
            switch block {
            case .paragraph(let style, let runs):
                xml.open("w:p")
                if style != .normal { xml.raw("<w:pPr><w:pStyle w:val=\"\(style.rawValue)\"/></w:pPr>") }
                for run in runs { Self.append(run, to: &xml) }
                xml.close()
            case .tableOfContents(let levels, let placeholder):
                appendTableOfContents(levels: levels, placeholder: placeholder, to: &xml)
            case .pageBreak:
                xml.raw("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
            }
        }
        xml.open("w:sectPr")
        xml.empty("w:footerReference", attributes: [("w:type", "default"), ("r:id", footer)])
        xml.raw("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>")
        xml.raw(
            "<w:pgMar w:top=\"1701\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"851\" "
                + "w:footer=\"567\" w:gutter=\"0\"/>")
        xml.raw("<w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"360\"/>")
        xml.closeAll()
        return xml.bytes
    }

    /// The TOC field. Its result (what shows until Word updates the field) is the placeholder line and the
    /// headings' texts without page numbers, so viewers that never update fields still list the contents.
    private func appendTableOfContents(levels: Int, placeholder: String, to xml: inout XMLBuilder) {
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr><w:r><w:t>目次</w:t></w:r></w:p>")
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr>")
        xml.raw("<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>")
        xml.raw("<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-\(levels)\" \\h \\z \\u </w:instrText></w:r>")
        xml.raw("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>")
        Self.append(DOCXRun(placeholder), to: &xml)
        for block in blocks {
            guard case .paragraph(let style, let runs) = block, let level = style.outlineLevel, level < levels else {
                continue
            }
            xml.raw("</w:p><w:p><w:pPr><w:pStyle w:val=\"TOC\(level + 1)\"/></w:pPr>")
            for run in runs { Self.append(DOCXRun(run.text), to: &xml) }
        }
        xml.raw("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
    }

    /// Appends one run: text pieces in `w:t xml:space="preserve"`, tabs as `w:tab`, line breaks
    /// (LF, CR, CRLF, U+2028) as `w:br`.
    static func append(_ run: DOCXRun, to xml: inout XMLBuilder) {
        xml.open("w:r")
        if run.bold || run.italic {
            xml.open("w:rPr")
            if run.bold { xml.empty("w:b") }
            if run.italic { xml.empty("w:i") }
            xml.close()
        }
        var piece = String.UnicodeScalarView()
        var previousCR = false
        func flush(_ xml: inout XMLBuilder) {
            guard !piece.isEmpty else { return }
            xml.open("w:t", ["xml:space": "preserve"])
            xml.text(String(piece))
            xml.close()
            piece.removeAll()
        }
        for scalar in run.text.unicodeScalars {
            switch scalar {
            case "\t":
                flush(&xml)
                xml.empty("w:tab")
            case "\n" where previousCR:
                break
            case "\n", "\r", "\u{2028}", "\u{2029}":
                flush(&xml)
                xml.empty("w:br")
            default:
                piece.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        flush(&xml)
        xml.close()
    }
}
