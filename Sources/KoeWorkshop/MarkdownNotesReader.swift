// MarkdownNotesReader — Markdown and plain-text minutes: headings give the path, each list item (with its
// continuation lines), paragraph or table row is one note, located by its first line.
import Foundation
import KoeCore
import KoeText

/// Reads Markdown (`.md`) and plain-text (`.txt`) minutes. One line-oriented parser serves both:
/// - Headings: ATX (`#`…`######`, levels 1–6) and setext (a paragraph underlined with `===` → 1, `---` → 2).
///   Plain-text minutes mark headings with a line that is wholly `【…】`, or starts with `■ □ ◆ ◇ ▼`; such
///   marker headings nest below any `#` heading, in the order each marker kind first appears (the first kind
///   seen is the outer one), like reStructuredText's underline styles.
/// - Notes: a list item (`-`, `*`, `+`, `1.`, `1)`, `(1)`, `①`, and the Japanese bullets `・ ● ○ ◯ •`) with its
///   continuation lines; a paragraph (consecutive non-blank lines); a pipe-table data row (see `TableNotes`).
///   A blank line ends a note. Lines of a note are joined with a newline; block markers (`-`, `>`) are removed,
///   the rest is verbatim. In plain text, a speaker line (`A：…`, `参加者2: …`) also starts a note, label kept.
/// - Skipped with reason: empty list items (`empty`), 特になし-style notes (`non-answer`), fenced code in
///   Markdown (`code-block`, one per closed fence). A fence never closed is not code: its lines are read as
///   notes and a warning says so. Plain text has no fences: a line of ``` or ~~~ (or ＿ ─ ━ ＝…) is a
///   separator. HTML comments and thematic breaks (`---`, `***`) are markup, not records.
/// - KH Coder's text format (`<H1>…</H1>` … `<H5>…</H5>` heading lines): headings give the path and every other
///   non-empty line is one note, as KH Coder counts paragraphs.
/// - Provenance: line = 1-based line of the note's first line; column = heading path joined by " > ".
struct MarkdownNotesReader {
    enum Dialect { case markdown, text, khCoder }

    let dialect: Dialect
    var diagnostics: DiagnosticSink?

    private enum Pending {
        case none
        case paragraph(line: Int, lines: [String])
        case item(line: Int, lines: [String])
    }

    func read(lines: [Substring], startLine: Int, emitter: NoteEmitter) throws {
        var scan = Scan(dialect: dialect, lines: lines, emitter: emitter, index: startLine)
        while true {
            while scan.index < lines.count { try scan.readLine() }
            try scan.flush()
            guard let open = scan.fence else { break }
            // An unclosed fence is a separator someone typed, not code: read what follows it as notes.
            diagnostics?.report(
                Diagnostic(
                    .warning, code: "unclosed-fence",
                    message: "「\(open.marker)」で始まるコードブロックが閉じられていないため、後の行をメモとして読みました",
                    hint: "区切り線なら問題ありません。コードブロックなら閉じる「\(open.marker)」を書いてください",
                    location: SourceLocation(file: emitter.displayPath, row: open.line)))
            scan.reread(after: open.line)
        }
    }

    /// The state of one pass over the lines: heading path, the note being gathered, open fence, comment, table.
    private struct Scan {
        let dialect: Dialect
        let lines: [Substring]
        let emitter: NoteEmitter
        var index: Int
        var path = HeadingPath()
        var markerOrder: [String] = []
        var pending = Pending.none
        var fence: (marker: String, line: Int)?
        var inComment = false
        var table: (labels: [String]?, active: Bool) = (nil, false)
        /// Fences found never closed: read as ordinary lines on the second pass.
        var unclosedFences: Set<Int> = []
        var pathAtFence = HeadingPath()

        init(dialect: Dialect, lines: [Substring], emitter: NoteEmitter, index: Int) {
            self.dialect = dialect
            self.lines = lines
            self.emitter = emitter
            self.index = index
        }

        mutating func flush() throws {
            switch pending {
            case .none: break
            case .paragraph(let line, let lines), .item(let line, let lines):
                try emitter.note(lines.joined(separator: "\n"), row: line, path: path.joined)
            }
            pending = .none
        }

        /// Goes back to the line after the unclosed fence opened at `line`, reading it as an ordinary line.
        mutating func reread(after line: Int) {
            unclosedFences.insert(line)
            fence = nil
            path = pathAtFence
            pending = .none
            table = (nil, false)
            inComment = false
            index = line - 1
        }

        /// Reads the line at `index` and moves past it (and past a table's delimiter row).
        mutating func readLine() throws {
            let number = index + 1
            var line = String(lines[index])
            index += 1
            if dialect == .khCoder {
                let trimmed = line.trimmedWhitespace
                if let (level, text) = KHCoderText.heading(trimmed) {
                    path.set(level: level, text: text)
                } else if !trimmed.isEmpty {
                    try emitter.note(trimmed, row: number, path: path.joined)
                }
                return
            }
            if let open = fence {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix(open.marker) {
                    try emitter.skip(code: "code-block", reason: "コードブロック（メモではありません）", row: open.line, path: path.joined)
                    fence = nil
                }
                return
            }
            if inComment {
                if line.contains("-->") { inComment = false }
                return
            }
            // Block quotes: the quoted text is read like any other line.
            let unindented = line.drop(while: { $0 == " " })
            if unindented.hasPrefix(">") { line = String(unindented.drop(while: { $0 == ">" || $0 == " " })) }
            let trimmed = line.trimmedWhitespace
            if table.active && !trimmed.hasPrefix("|") { table = (nil, false) }
            if trimmed.isEmpty {
                try flush()
                return
            }
            if try readBlockStart(trimmed, number: number) { return }
            if try readHeadingOrBreak(line, trimmed: trimmed) { return }
            if trimmed.hasPrefix("|") {
                try readTableRow(trimmed, number: number)
                return
            }
            try readNoteLine(line, trimmed: trimmed, number: number)
        }

        /// A fence (Markdown) or an HTML comment opening on this line.
        mutating func readBlockStart(_ trimmed: String, number: Int) throws -> Bool {
            if dialect == .markdown, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~"), !unclosedFences.contains(number) {
                try flush()
                fence = (String(trimmed.prefix(3)), number)
                pathAtFence = path
                return true
            }
            if trimmed.hasPrefix("<!--") {
                try flush()
                if !trimmed.contains("-->") { inComment = true }
                return true
            }
            return false
        }

        /// ATX and setext headings, thematic breaks and separators.
        mutating func readHeadingOrBreak(_ line: String, trimmed: String) throws -> Bool {
            if let (level, text) = MarkdownNotesReader.atxHeading(line) {
                try flush()
                path.set(level: level, text: text)
                return true
            }
            if MarkdownNotesReader.isUnderline(trimmed, "="), case .paragraph(_, let lines) = pending {
                path.set(level: 1, text: lines.joined(separator: " "))
                pending = .none
                return true
            }
            if MarkdownNotesReader.isUnderline(trimmed, "-"), case .paragraph(_, let lines) = pending,
                dialect == .markdown || lines.count == 1
            {
                path.set(level: 2, text: lines.joined(separator: " "))
                pending = .none
                return true
            }
            if MarkdownNotesReader.isThematicBreak(trimmed) || MarkdownNotesReader.isSeparator(trimmed) {
                try flush()
                return true
            }
            return false
        }

        /// A pipe-table row: a header row (followed by a delimiter row) gives the labels, the others are notes.
        mutating func readTableRow(_ trimmed: String, number: Int) throws {
            try flush()
            let cells = MarkdownNotesReader.pipeCells(trimmed)
            if !table.active {
                // A header row is followed by a delimiter row (|---|:--:|).
                if index < lines.count, MarkdownNotesReader.isDelimiterRow(lines[index].trimmingCharacters(in: .whitespaces)) {
                    table = (cells, true)
                    index += 1
                    return
                }
                table = (nil, true)
            }
            try emitter.tableRow(labels: table.labels, cells: cells, row: number, path: path.joined)
        }

        /// Marker headings, list items, speaker lines, and lines continuing the note being gathered.
        mutating func readNoteLine(_ line: String, trimmed: String, number: Int) throws {
            if let (marker, text) = MarkdownNotesReader.markerHeading(trimmed) {
                try flush()
                if !markerOrder.contains(marker) { markerOrder.append(marker) }
                let level = 6 + (markerOrder.firstIndex(of: marker) ?? 0) + 1
                path.set(level: level, text: text)
                return
            }
            if let rest = MarkdownNotesReader.listItem(line) {
                try flush()
                pending = .item(line: number, lines: [rest])
                return
            }
            if dialect == .text, MarkdownNotesReader.isSpeakerLine(trimmed) {
                try flush()
                pending = .item(line: number, lines: [trimmed])
                return
            }
            switch pending {
            case .none: pending = .paragraph(line: number, lines: [trimmed])
            case .paragraph(let start, var lines):
                pending = .none
                lines.append(trimmed)
                pending = .paragraph(line: start, lines: lines)
            case .item(let start, var lines):
                pending = .none
                lines.append(trimmed)
                pending = .item(line: start, lines: lines)
            }
        }
    }

    /// A line of only ``` ~~~ or rule characters (at least 3): a separator, not a note. (In Markdown a line of
    /// ``` or ~~~ opens a fence before this is asked.)
    static func isSeparator(_ trimmed: String) -> Bool {
        guard trimmed.count >= 3, let first = trimmed.first, "`~＿─━＝=~～ー―-*_・".contains(first) else { return false }
        let compact = trimmed.filter { $0 != " " && $0 != "\u{3000}" }
        return compact.count >= 3 && compact.allSatisfy { "`~＿─━＝=～ー―-*_・".contains($0) }
            && Set(compact).count <= 2
    }

    /// `## text ##` → (2, "text"); up to three leading spaces; `#` must be followed by a space or the end.
    static func atxHeading(_ line: String) -> (Int, String)? {
        let body = line.drop(while: { $0 == " " })
        guard line.count - body.count <= 3 else { return nil }
        let hashes = body.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = body.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.first == "\u{3000}" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        if let range = text.range(of: #"\s+#+$"#, options: .regularExpression) { text.removeSubrange(range) }
        if text.allSatisfy({ $0 == "#" }) { text = "" }
        return (hashes, text)
    }

    static func isUnderline(_ trimmed: String, _ mark: Character) -> Bool {
        trimmed.first == mark && trimmed.count >= 2 && trimmed.allSatisfy { $0 == mark }
    }

    static func isThematicBreak(_ trimmed: String) -> Bool {
        guard let head = trimmed.first, "-*_".contains(head) else { return false }
        let compact = trimmed.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// `【テーマ】` alone on a line, or a line starting with ■ □ ◆ ◇ ▼ → (marker kind, heading text).
    static func markerHeading(_ trimmed: String) -> (String, String)? {
        if trimmed.hasPrefix("【"), trimmed.hasSuffix("】"), trimmed.count >= 2,
            !trimmed.dropFirst().dropLast().contains("【"), !trimmed.dropFirst().dropLast().contains("】")
        {
            return ("【】", String(trimmed.dropFirst().dropLast()))
        }
        if let first = trimmed.first, "■□◆◇▼".contains(first) {
            return (String(first), trimmed.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The text after a list marker, or nil when `line` does not start a list item.
    static func listItem(_ line: String) -> String? {
        let body = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
        guard let first = body.first else { return nil }
        if "・●○◯•".contains(first) {
            return body.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        if ("①"..."⑳").contains(first) {
            return body.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        if "-*+".contains(first) {
            let rest = body.dropFirst()
            if rest.isEmpty { return "" }
            guard rest.first == " " || rest.first == "\t" else { return nil }
            return rest.trimmingCharacters(in: .whitespaces)
        }
        if first == "(" || first == "（" {
            let digits = body.dropFirst().prefix(while: { $0.isASCII && $0.isNumber || ("０"..."９").contains($0) })
            let after = body.dropFirst(1 + digits.count)
            guard !digits.isEmpty, digits.count <= 3, let close = after.first, close == ")" || close == "）" else { return nil }
            return after.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        let digits = body.prefix(while: { ($0.isASCII && $0.isNumber) || ("０"..."９").contains($0) })
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let after = body.dropFirst(digits.count)
        guard let mark = after.first, ".)．）".contains(mark) else { return nil }
        let rest = after.dropFirst()
        guard rest.isEmpty || rest.first == " " || rest.first == "\u{3000}" || !(mark == "." || mark == ")") else { return nil }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    /// Minutes that record who spoke, one remark per line (`A：…`, `参加者2: …`, `委員：…`): a label of 1–12
    /// characters without spaces or punctuation, not a number (`10:00` is a time), then `：` or `:`.
    static func isSpeakerLine(_ trimmed: String) -> Bool {
        guard let colon = trimmed.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        let label = trimmed[..<colon]
        guard (1...12).contains(label.count), trimmed.index(after: colon) < trimmed.endIndex else { return false }
        if label.allSatisfy({ $0.isNumber }) { return false }
        return !label.contains { $0.isWhitespace || "。、，,.「」()（）".contains($0) }
    }

    static func pipeCells(_ trimmed: String) -> [String] {
        var body = Substring(trimmed)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func isDelimiterRow(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("|") || trimmed.hasPrefix(":") || trimmed.hasPrefix("-") else { return false }
        let cells = pipeCells(trimmed)
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                !cell.isEmpty && cell.contains("-") && cell.allSatisfy { "-: ".contains($0) }
            }
    }
}
