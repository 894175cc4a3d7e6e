// DocxNotesReader — Word minutes (.docx): heading paragraphs give the path; other paragraphs (lists included),
// table rows and text boxes are notes; deletions, field codes and comments never reach a note.
import Foundation
import KoeCore
import KoeXML

/// Reads `word/document.xml` with the streaming reader (styles from `word/styles.xml`).
/// - Headings: paragraphs whose style is a heading (see `DocxStyles`) or that set their own outline level.
/// - Notes: every other body paragraph (list paragraphs included) is one note; a table row is one note (see
///   `TableNotes`; the header row is the one marked "repeat as header row" (`w:tblHeader`), or a first row that
///   looks like labels); a text box (`w:txbxContent`) is one note, its paragraphs joined by newlines.
/// - Kept: insertions (`w:ins`), hyperlink text, content controls. Excluded: deletions (`w:del`, `w:delText`),
///   moved-away text (`w:moveFrom`), field codes (`w:instrText`), the fallback copy of drawings
///   (`mc:Fallback`, which repeats the text box), and comments, footnotes, headers and footers (other parts,
///   never read).
/// - Empty paragraphs and table rows whose cells are all empty are layout, not records: no event.
/// - Location: `row` = the paragraph's index in the document (1-based, counting every `w:p` in document
///   order, empty ones, table-cell and text-box paragraphs included) — .docx has no lines; for a table row,
///   the index of its first paragraph. `column` = heading path.
struct DocxNotesReader {
    let zipLimits: ZipLimits
    let maxDepth: Int

    private static let skippedElements: Set<String> = ["del", "delText", "moveFrom", "instrText", "Fallback", "rPr",
                                                       "footnoteReference", "endnoteReference", "commentReference"]

    private struct Paragraph {
        var index: Int
        var text = ""
        var style: String?
        var outline: Int?
    }

    private enum Container {
        case table(rows: [(index: Int, cells: [(text: String, span: Int)], header: Bool)], row: (index: Int, cells: [(text: String, span: Int)], header: Bool)?)
        case cell(text: String, span: Int)
        case textBox(text: String, index: Int?)
    }

    func read(url: URL, displayPath: String, emitter: NoteEmitter) throws {
        let package = try ZipPackage(url: url, displayPath: displayPath, limits: zipLimits)
        guard let document = try package.data("word/document.xml") else {
            throw KoeError(code: "docx-no-document", message: "Word 文書の本文（word/document.xml）がありません",
                           hint: "Word で開いて .docx 形式で保存し直してください", location: SourceLocation(file: displayPath))
        }
        var styles = DocxStyles()
        if let data = try package.data("word/styles.xml") {
            styles = try DocxStyles(data: data, location: SourceLocation(file: displayPath, column: "word/styles.xml"), maxDepth: maxDepth)
        }
        let reader = try XMLStreamReader(data: document, location: SourceLocation(file: displayPath, column: "word/document.xml"),
                                         limits: XMLLimits(maxDepth: maxDepth))
        var path = HeadingPath()
        var paragraphs: [Paragraph] = []
        var containers: [Container] = []
        var paragraphCount = 0
        var skipDepth: Int?
        var inText = false
        var runDepth = 0

        func append(_ text: String) {
            if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text += text }
        }

        func endParagraph() throws {
            guard let paragraph = paragraphs.popLast() else { return }
            let level = styles.headingLevel(styleId: paragraph.style, outlineLevel: paragraph.outline)
            switch containers.last {
            case .cell(let text, let span):
                containers[containers.count - 1] = .cell(text: text.isEmpty ? paragraph.text : text + "\n" + paragraph.text, span: span)
            case .textBox(let text, let index):
                containers[containers.count - 1] = .textBox(text: text.isEmpty ? paragraph.text : text + "\n" + paragraph.text,
                                                            index: index ?? paragraph.index)
            default:
                if let level {
                    path.set(level: level, text: paragraph.text)
                } else if !paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try emitter.note(paragraph.text, row: paragraph.index, path: path.joined)
                }
            }
        }

        func endTable(_ rows: [(index: Int, cells: [(text: String, span: Int)], header: Bool)]) throws {
            var labels: [String]?
            for (number, row) in rows.enumerated() {
                let cells = TableNotes.grid(row.cells)
                if number == 0 && (row.header || TableNotes.looksLikeHeader(cells, rowCount: rows.count)) {
                    labels = cells
                    continue
                }
                if row.header && labels == nil { labels = cells; continue }
                if row.header { continue }
                try emitter.tableRow(labels: labels, cells: cells, row: row.index, path: path.joined)
            }
        }

        while try reader.read() {
            let type = reader.nodeType
            if let depth = skipDepth {
                if type == .endElement && reader.depth == depth { skipDepth = nil }
                continue
            }
            switch type {
            case .element:
                let name = reader.localName
                let empty = reader.isEmptyElement
                if Self.skippedElements.contains(name) {
                    if !empty { skipDepth = reader.depth }
                    continue
                }
                switch name {
                case "p":
                    paragraphCount += 1
                    paragraphs.append(Paragraph(index: paragraphCount))
                    if empty { try endParagraph() }
                case "pStyle": if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].style = reader.attribute("val") }
                case "outlineLvl": if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].outline = reader.attribute("val").flatMap { Int($0) } }
                case "r": if !empty { runDepth += 1 }
                case "t": inText = !empty
                case "tab": if runDepth > 0 { append("\t") }
                case "br", "cr": if runDepth > 0 { append("\n") }
                case "noBreakHyphen": if runDepth > 0 { append("-") }
                case "tbl": containers.append(.table(rows: [], row: nil))
                case "tr":
                    if case .table(let rows, _)? = containers.last { containers[containers.count - 1] = .table(rows: rows, row: (paragraphCount + 1, [], false)) }
                case "tblHeader":
                    if case .table(let rows, var row)? = containers.last, reader.attribute("val") != "0", reader.attribute("val") != "false" {
                        row?.header = true
                        containers[containers.count - 1] = .table(rows: rows, row: row)
                    }
                case "tc": containers.append(.cell(text: "", span: 1))
                case "gridSpan":
                    if case .cell(let text, _)? = containers.last, let span = reader.attribute("val").flatMap({ Int($0) }) {
                        containers[containers.count - 1] = .cell(text: text, span: max(1, span))
                    }
                case "txbxContent": if !empty { containers.append(.textBox(text: "", index: nil)) }
                default: break
                }
            case .endElement:
                switch reader.localName {
                case "p": try endParagraph()
                case "r": runDepth = max(0, runDepth - 1)
                case "t": inText = false
                case "tc":
                    if case .cell(let text, let span)? = containers.last {
                        containers.removeLast()
                        if case .table(let rows, var row)? = containers.last {
                            row?.cells.append((text, span))
                            containers[containers.count - 1] = .table(rows: rows, row: row)
                        }
                    }
                case "tr":
                    if case .table(var rows, let row)? = containers.last, let row {
                        rows.append(row)
                        containers[containers.count - 1] = .table(rows: rows, row: nil)
                    }
                case "tbl":
                    if case .table(let rows, _)? = containers.last {
                        containers.removeLast()
                        try endTable(rows)
                    }
                case "txbxContent":
                    if case .textBox(let text, let index)? = containers.last {
                        containers.removeLast()
                        try emitter.note(text, row: index ?? paragraphCount, path: path.joined)
                    }
                default: break
                }
            case .text, .whitespace:
                if inText, let value = reader.value { append(value) }
            default: break
            }
        }
    }
}
