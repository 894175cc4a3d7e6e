// HTMLNotesReader — workshop pages and public-comment result pages in HTML: headings give the path; list items,
// paragraphs and table data rows are notes; scripts, styles and navigation are ignored.
import Foundation
import KoeCore
import KoeText
import KoeXML

/// Reads notes from an HTML page through libxml2's HTML parser (broken markup is repaired, not refused).
/// - `h1`–`h6` set the heading path (levels 1–6).
/// - Every block (`p`, `li`, `dd`, `dt`, `div`, `blockquote`…) closes the note being collected: text directly
///   inside a block is one note; nested lists give one note per item. `<br>` is a line break inside a note;
///   other runs of white space collapse to one space.
/// - Tables: one note per data row (see `TableNotes`). A row of only `th` cells, or a row inside `thead`,
///   gives the column labels. A nested table's rows are notes of their own. `caption` is not a note.
/// - Ignored with their content: `head`, `script`, `style`, `noscript`, `template`, `nav`, `footer`, `iframe`,
///   `object`, `svg`, `math`, `select`, `button`, `textarea`, `caption`.
/// - Skipped: leftovers of a DOCTYPE internal subset (`markup`), which libxml2 leaves as text.
/// - Line = the line where the note's first visible text starts (the `tr`'s line for table rows).
struct HTMLNotesReader {
    let limits: HTMLLimits

    private static let ignored: Set<String> = [
        "head", "script", "style", "noscript", "template", "nav", "footer", "iframe",
        "object", "svg", "math", "select", "button", "textarea", "caption", "title",
    ]
    private static let blocks: Set<String> = [
        "p", "li", "dd", "dt", "div", "section", "article", "main", "header", "aside",
        "blockquote", "pre", "address", "figure", "figcaption", "ul", "ol", "dl",
        "body", "html", "form", "fieldset", "hr", "details", "summary", "center", "legend",
    ]

    private struct Table {
        var labels: [String]?
        var inHead = false
        var row: (line: Int, cells: [(text: String, span: Int)], allHeader: Bool)?
        var cell: (text: String, span: Int, header: Bool)?
    }

    func read(data: Data, displayPath: String, encoding: TextEncoding? = nil, emitter: NoteEmitter) throws {
        let text = try Self.decode(data, displayPath: displayPath, encoding: encoding, emitter: emitter)
        let document = try HTMLDocument(utf8: Data(text.utf8), location: SourceLocation(file: displayPath), limits: limits)
        var walk = Walk(emitter: emitter)
        try document.walk { event in
            switch event {
            case .start(let element): return try walk.start(element)
            case .text(let raw, let line): return walk.text(raw, line: line)
            case .end(let name):
                try walk.end(name)
                return .descend
            }
        }
        try walk.flush()
    }

    /// The state of one walk over the page: heading path, the note being collected, open heading and tables.
    private struct Walk {
        let emitter: NoteEmitter
        var path = HeadingPath()
        var buffer = ""
        var bufferLine = 0
        var bufferHasText = false
        var heading: (level: Int, text: String)?
        var tables: [Table] = []

        init(emitter: NoteEmitter) { self.emitter = emitter }

        static func headingLevel(_ name: String) -> Int? {
            guard name.count == 2, name.first == "h", let level = Int(String(name.last ?? "x")), (1...6).contains(level)
            else { return nil }
            return level
        }

        mutating func closeHeading() {
            guard let open = heading else { return }
            let text = HTMLNotesReader.clean(open.text).replacingOccurrences(of: "\n", with: " ")
            if tables.last?.cell != nil {
                tables[tables.count - 1].cell?.text += text + "\n"
            } else {
                path.set(level: open.level, text: text)
            }
            heading = nil
        }

        mutating func flush() throws {
            let note = HTMLNotesReader.clean(buffer)
            if HTMLNotesReader.isDeclarationDebris(note) {
                try emitter.skip(code: "markup", reason: "DOCTYPE 宣言の断片（本文ではありません）", row: bufferLine, path: path.joined)
            } else if !note.isEmpty {
                try emitter.note(note, row: bufferLine, path: path.joined)
            }
            buffer = ""
            bufferHasText = false
        }

        mutating func start(_ element: HTMLElement) throws -> HTMLDocument.Visit {
            let name = element.name
            if HTMLNotesReader.ignored.contains(name) { return .skipChildren }
            // Broken pages leave headings open (`<h2>テーマ<ul>…`): a block ends the heading.
            if heading != nil && (HTMLNotesReader.blocks.contains(name) || name == "table") { closeHeading() }
            if let level = Self.headingLevel(name) {
                if tables.last?.cell == nil { try flush() }
                heading = (level, "")
                return .descend
            }
            switch name {
            case "table":
                if tables.last?.cell == nil { try flush() }
                tables.append(Table())
            case "thead": if !tables.isEmpty { tables[tables.count - 1].inHead = true }
            case "tr":
                if !tables.isEmpty { tables[tables.count - 1].row = (element.line, [], true) }
            case "td", "th":
                if !tables.isEmpty {
                    let span = Int(element.attributes["colspan"] ?? "") ?? 1
                    tables[tables.count - 1].cell = ("", max(1, span), name == "th")
                }
            case "br":
                if heading != nil {
                    heading?.text += " "
                } else if tables.last?.cell != nil {
                    tables[tables.count - 1].cell?.text += "\n"
                } else {
                    buffer += "\n"
                }
            default:
                if HTMLNotesReader.blocks.contains(name) {
                    if tables.last?.cell != nil { tables[tables.count - 1].cell?.text += "\n" } else { try flush() }
                }
            }
            return .descend
        }

        mutating func text(_ raw: String, line: Int) -> HTMLDocument.Visit {
            // Source line breaks are white space in HTML; only <br> and blocks break a note's lines.
            let content = String(String.UnicodeScalarView(raw.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
            if heading != nil {
                heading?.text += content
            } else if tables.last?.cell != nil {
                tables[tables.count - 1].cell?.text += content
            } else if !tables.isEmpty && content.allSatisfy(\.isWhitespace) {
                return .descend
            } else {
                if !bufferHasText && !content.allSatisfy(\.isWhitespace) {
                    bufferHasText = true
                    bufferLine = HTMLNotesReader.startLine(raw, endLine: line)
                }
                buffer += content
            }
            return .descend
        }

        mutating func end(_ name: String) throws {
            if Self.headingLevel(name) != nil, heading != nil {
                closeHeading()
                return
            }
            switch name {
            case "table":
                if let table = tables.popLast(), let row = table.row, !row.cells.isEmpty {
                    try emitRow(row, labels: table.labels)
                }
            case "thead": if !tables.isEmpty { tables[tables.count - 1].inHead = false }
            case "td", "th":
                if !tables.isEmpty, let cell = tables[tables.count - 1].cell {
                    tables[tables.count - 1].row?.cells.append((HTMLNotesReader.clean(cell.text), cell.span))
                    if !cell.header { tables[tables.count - 1].row?.allHeader = false }
                    tables[tables.count - 1].cell = nil
                }
            case "tr":
                if !tables.isEmpty, let row = tables[tables.count - 1].row {
                    tables[tables.count - 1].row = nil
                    let table = tables[tables.count - 1]
                    if row.cells.isEmpty { break }
                    if (row.allHeader || table.inHead) && table.labels == nil {
                        tables[tables.count - 1].labels = TableNotes.grid(row.cells)
                    } else if !row.allHeader {
                        try emitRow(row, labels: table.labels)
                    }
                }
            default:
                if HTMLNotesReader.blocks.contains(name) && tables.last?.cell == nil { try flush() }
            }
        }

        func emitRow(_ row: (line: Int, cells: [(text: String, span: Int)], allHeader: Bool), labels: [String]?) throws {
            try emitter.tableRow(labels: labels, cells: TableNotes.grid(row.cells), row: row.line, path: path.joined)
        }
    }

    /// libxml2's HTML parser does not parse a DOCTYPE's internal subset; it leaves `<!ENTITY …>]>` as page text.
    static func isDeclarationDebris(_ note: String) -> Bool {
        ["!ENTITY", "!ELEMENT", "!ATTLIST", "!NOTATION", "<!ENTITY"].contains { note.hasPrefix($0) } || note == "]>"
    }

    /// libxml2 numbers a text node with the line where it ends: step back over the line breaks that follow its
    /// first visible character.
    static func startLine(_ content: String, endLine: Int) -> Int {
        guard let first = content.firstIndex(where: { !$0.isWhitespace }) else { return endLine }
        let breaks = content[first...].reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        return max(1, endLine - breaks)
    }

    /// Collapses white space runs (not `\n` from `<br>`/blocks, not U+3000) and trims each line.
    static func clean(_ raw: String) -> String {
        var lines: [String] = []
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            var out = ""
            var space = false
            for scalar in line.unicodeScalars {
                if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" || scalar == "\u{A0}" {
                    space = true
                } else {
                    if space && !out.isEmpty { out.unicodeScalars.append(" ") }
                    space = false
                    out.unicodeScalars.append(scalar)
                }
            }
            if !out.isEmpty { lines.append(out) }
        }
        return lines.joined(separator: "\n")
    }

    /// The encoding given, else UTF-8 (BOM optional) or UTF-16 with BOM; other bytes in the charset the page
    /// declares (Shift_JIS pages are read as CP932, as browsers do), else CP932. Lines that do not decode are
    /// rejected one by one (the rest of the page is read).
    static func decode(_ data: Data, displayPath: String, encoding: TextEncoding? = nil, emitter: NoteEmitter? = nil) throws -> String {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        var declared: String?
        if let range = head.range(of: #"charset\s*=\s*["']?[a-z0-9_\-]+"#, options: .regularExpression) {
            declared = head[range].split(separator: "=").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }
            if declared == "x-sjis" { declared = "cp932" }
        }
        let known = (try? TextEncoding.named(declared)) ?? nil
        if encoding == nil, known == nil, let declared, !declared.isEmpty, (try? ByteConverter(encoding: declared)) != nil {
            // A charset koe has no name for (euc-jp…): ICU converts it, strictly. A charset nobody knows
            // (a typo) is ignored: the bytes are detected as for any page.
            return try TextDecoding.decode(data, displayPath: displayPath, fallback: declared).text
        }
        let bytes = [UInt8](data)
        var chosen = encoding
        if chosen == nil, known != .utf8, String(validating: bytes, as: UTF8.self) == nil { chosen = known }
        let decoded = DecodedText(bytes: bytes, encoding: chosen)
        try emitter?.reject(decoded.badLines, encoding: decoded.encoding)
        return decoded.text
    }
}
