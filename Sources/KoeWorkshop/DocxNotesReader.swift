// DocxNotesReader — Word minutes (.docx): heading paragraphs give the path; other paragraphs (lists included),
// table rows and text boxes are notes; deletions, field codes and comments never reach a note.
import Foundation
import KoeCore
import KoeXML

/// Reads `word/document.xml` with the streaming reader (styles from `word/styles.xml`, the session title from
/// `docProps/core.xml`).
/// - Headings: paragraphs whose style is a heading (see `DocxStyles`) or that set their own outline level.
/// - Notes: every other body paragraph (list paragraphs included) is one note; a table row is one note (see
///   `TableNotes`; the header row is the one marked "repeat as header row" (`w:tblHeader`), or a first row that
///   looks like labels); a text box (`w:txbxContent`) is one note, its paragraphs joined by newlines.
/// - Kept: insertions (`w:ins`), hyperlink text, content controls. Excluded: deletions (`w:del`, `w:delText`),
///   moved-away text (`w:moveFrom`), field codes (`w:instrText`), content controls still showing their placeholder text, the fallback copy of drawings
///   (`mc:Fallback`, which repeats the text box), and comments, footnotes, headers and footers (other parts,
///   never read).
/// - Empty paragraphs and table rows whose cells are all empty are layout, not records: no event.
/// - Location: `row` = the paragraph's index in the document (1-based, counting every `w:p` in document
///   order, empty ones, table-cell and text-box paragraphs included) — .docx has no lines; for a table row,
///   the index of its first paragraph; for a text box, of its first inner paragraph. `column` = heading path.
struct DocxNotesReader {
    let zipLimits: ZipLimits
    let maxDepth: Int

    private static let skippedElements: Set<String> = [
        "del", "delText", "moveFrom", "instrText", "Fallback", "rPr",
        "footnoteReference", "endnoteReference", "commentReference",
    ]

    private struct Paragraph {
        var index: Int
        var text = ""
        var style: String?
        var outline: Int?
    }

    private struct Row {
        var index: Int
        var cells: [(text: String, span: Int)] = []
        var header = false
    }

    /// An open table: rows are emitted as they end, except the first, held until the second shows whether
    /// it is a header.
    private struct TableBuffer {
        var first: Row?
        var labels: [String]?
        var rowCount = 0
        var row: Row?
    }

    private enum Container { case table, cell, textBox }

    /// Reads the notes; returns the document title from docProps/core.xml (`dc:title`), if any.
    @discardableResult
    func read(url: URL, displayPath: String, emitter: NoteEmitter) throws -> String? {
        let package = try ZipPackage(url: url, displayPath: displayPath, limits: zipLimits)
        guard let document = try package.data("word/document.xml") else {
            throw KoeError(
                code: "docx-no-document", message: "Word 文書の本文（word/document.xml）がありません",
                hint: "Word で開いて .docx 形式で保存し直してください", location: SourceLocation(file: displayPath))
        }
        var title: String?
        if let core = try package.data("docProps/core.xml") {
            title = try Self.coreTitle(core, location: SourceLocation(file: displayPath, column: "docProps/core.xml"), maxDepth: maxDepth)
        }
        var styles = DocxStyles()
        if let data = try package.data("word/styles.xml") {
            styles = try DocxStyles(data: data, location: SourceLocation(file: displayPath, column: "word/styles.xml"), maxDepth: maxDepth)
        }
        let reader = try XMLStreamReader(
            data: document, location: SourceLocation(file: displayPath, column: "word/document.xml"),
            limits: XMLLimits(maxDepth: maxDepth))
        var walk = BodyWalk(styles: styles, emitter: emitter)
        while try reader.read() { try walk.step(reader) }
        return title
    }

    /// The state of one pass over `word/document.xml`: open paragraphs, tables, cells and text boxes.
    private struct BodyWalk {
        let styles: DocxStyles
        let emitter: NoteEmitter
        var path = HeadingPath()
        var paragraphs: [Paragraph] = []
        var containers: [Container] = []
        var tables: [TableBuffer] = []
        var cells: [(text: String, span: Int)] = []
        var boxes: [(text: String, index: Int?)] = []
        var paragraphCount = 0
        var skipDepth: Int?
        var inText = false
        var runDepth = 0
        var placeholders: [Bool] = []

        init(styles: DocxStyles, emitter: NoteEmitter) {
            self.styles = styles
            self.emitter = emitter
        }

        /// Handles the node the reader is on.
        mutating func step(_ reader: XMLStreamReader) throws {
            let type = reader.nodeType
            if let depth = skipDepth {
                if type == .endElement && reader.depth == depth { skipDepth = nil }
                return
            }
            switch type {
            case .element: try startElement(reader)
            case .endElement: try endElement(reader)
            case .text, .whitespace:
                if inText, let value = reader.value { append(value) }
            default: break
            }
        }

        mutating func append(_ text: String) {
            if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text += text }
        }

        mutating func endParagraph() throws {
            guard let paragraph = paragraphs.popLast() else { return }
            let level = styles.headingLevel(styleId: paragraph.style, outlineLevel: paragraph.outline)
            switch containers.last {
            case .cell?:
                if !cells[cells.count - 1].text.isEmpty { cells[cells.count - 1].text += "\n" }
                cells[cells.count - 1].text += paragraph.text
            case .textBox?:
                if !boxes[boxes.count - 1].text.isEmpty { boxes[boxes.count - 1].text += "\n" }
                boxes[boxes.count - 1].text += paragraph.text
                if boxes[boxes.count - 1].index == nil { boxes[boxes.count - 1].index = paragraph.index }
            default:
                if let level {
                    path.set(level: level, text: paragraph.text)
                } else if !paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try emitter.note(paragraph.text, row: paragraph.index, path: path.joined)
                }
            }
        }

        func emit(_ row: Row, labels: [String]?) throws {
            try emitter.tableRow(labels: labels, cells: TableNotes.grid(row.cells), row: row.index, path: path.joined)
        }

        /// Decides whether the held first row is a header, once the row count is known to be `rowCount`.
        func resolveFirst(_ table: inout TableBuffer, rowCount: Int) throws {
            guard let first = table.first else { return }
            table.first = nil
            let cells = TableNotes.grid(first.cells)
            if first.header || TableNotes.looksLikeHeader(cells, rowCount: rowCount) {
                table.labels = cells
            } else {
                try emit(first, labels: nil)
            }
        }

        mutating func endRow(_ row: Row) throws {
            var table = tables[tables.count - 1]
            tables[tables.count - 1] = TableBuffer()
            defer { tables[tables.count - 1] = table }
            table.rowCount += 1
            if table.rowCount == 1 {
                table.first = row
                return
            }
            if table.rowCount == 2 { try resolveFirst(&table, rowCount: 2) }
            if row.header {
                if table.labels == nil { table.labels = TableNotes.grid(row.cells) }
                return
            }
            try emit(row, labels: table.labels)
        }

        mutating func startElement(_ reader: XMLStreamReader) throws {
            let name = reader.localName
            let empty = reader.isEmptyElement
            if DocxNotesReader.skippedElements.contains(name) {
                if !empty { skipDepth = reader.depth }
                return
            }
            switch name {
            case "sdt": if !empty { placeholders.append(false) }
            case "showingPlcHdr": if !placeholders.isEmpty { placeholders[placeholders.count - 1] = true }
            case "sdtContent":
                // A content control still showing its placeholder (「ここをクリックして…」) holds no one's words.
                if placeholders.last == true && !empty { skipDepth = reader.depth }
            case "p":
                paragraphCount += 1
                paragraphs.append(Paragraph(index: paragraphCount))
                if empty { try endParagraph() }
            case "pStyle": if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].style = reader.attribute("val") }
            case "outlineLvl":
                if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].outline = reader.attribute("val").flatMap { Int($0) } }
            case "r": if !empty { runDepth += 1 }
            case "t": inText = !empty
            case "tab": if runDepth > 0 { append("\t") }
            case "br", "cr": if runDepth > 0 { append("\n") }
            case "noBreakHyphen": if runDepth > 0 { append("-") }
            case "tbl":
                if !empty {
                    containers.append(.table)
                    tables.append(TableBuffer())
                }
            case "tr":
                if containers.last == .table { tables[tables.count - 1].row = Row(index: paragraphCount + 1) }
            case "tblHeader":
                if containers.last == .table, reader.attribute("val") != "0", reader.attribute("val") != "false" {
                    tables[tables.count - 1].row?.header = true
                }
            case "tc":
                if !empty {
                    containers.append(.cell)
                    cells.append(("", 1))
                } else if containers.last == .table {
                    tables[tables.count - 1].row?.cells.append(("", 1))
                }
            case "gridSpan":
                if containers.last == .cell, let span = reader.attribute("val").flatMap({ Int($0) }) {
                    cells[cells.count - 1].span = max(1, span)
                }
            case "txbxContent":
                if !empty {
                    containers.append(.textBox)
                    boxes.append(("", nil))
                }
            default: break
            }
        }

        mutating func endElement(_ reader: XMLStreamReader) throws {
            switch reader.localName {
            case "sdt": _ = placeholders.popLast()
            case "p": try endParagraph()
            case "r": runDepth = max(0, runDepth - 1)
            case "t": inText = false
            case "tc":
                if containers.last == .cell, let cell = cells.popLast() {
                    containers.removeLast()
                    if containers.last == .table { tables[tables.count - 1].row?.cells.append(cell) }
                }
            case "tr":
                if containers.last == .table, let row = tables[tables.count - 1].row {
                    tables[tables.count - 1].row = nil
                    try endRow(row)
                }
            case "tbl":
                if containers.last == .table, var table = tables.popLast() {
                    containers.removeLast()
                    try resolveFirst(&table, rowCount: table.rowCount)
                }
            case "txbxContent":
                if containers.last == .textBox, let box = boxes.popLast() {
                    containers.removeLast()
                    try emitter.note(box.text, row: box.index ?? paragraphCount, path: path.joined)
                }
            default: break
            }
        }
    }

    private static func coreTitle(_ data: Data, location: SourceLocation, maxDepth: Int) throws -> String? {
        let reader = try XMLStreamReader(data: data, location: location, limits: XMLLimits(maxDepth: maxDepth))
        var inTitle = false
        var title = ""
        while try reader.read() {
            switch reader.nodeType {
            case .element: inTitle = reader.localName == "title" && !reader.isEmptyElement
            case .endElement: if reader.localName == "title" { inTitle = false }
            case .text, .whitespace: if inTitle, let value = reader.value { title += value }
            default: break
            }
        }
        let trimmed = title.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }
}
