// SourceLocation — where a record, an opinion or a diagnostic comes from: one type for all three.

/// A place in an input file: the file, the sheet (xlsx), the row as Excel shows it (or the line for notes),
/// and the column label / Excel letter (or heading path for notes).
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The path as the user gave it (relative to the pipeline file or the working directory).
    public var file: String
    /// The sheet name of an .xlsx workbook.
    public var sheet: String?
    /// The spreadsheet row as Excel shows it (header row = 1 in a one-header file), or the line of a note.
    public var row: Int?
    /// The column label (survey) or the heading path joined by " > " (workshop notes).
    public var column: String?
    /// The Excel column letter (A, B, …, AA) of a survey cell, or the character column (from 1) of a position in
    /// a file the user writes by hand (`text(_:line:column:)`).
    public var columnLetter: String?

    public init(file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil, columnLetter: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.columnLetter = columnLetter
    }

    /// A position in a file the user writes by hand (pipeline file, codebook, rules): rendered `file:line:column`
    /// like a compiler's message, the column counted in characters from 1.
    public static func text(_ file: String, line: Int?, column: Int?) -> SourceLocation {
        SourceLocation(file: file, row: line, columnLetter: column.map(String.init))
    }

    /// `file:row:LETTER` (or fewer parts) — the prefix of a rendered diagnostic.
    public var rendered: String {
        var text = file
        if let sheet { text += "[\(sheet)]" }
        if let row { text += ":\(row)" }
        if let columnLetter { text += ":\(columnLetter)" }
        return text
    }
}

/// Excel column letters: 0 → A, 25 → Z, 26 → AA.
public enum ExcelColumn {
    public static func letter(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The zero-based index of letters like "AA"; nil when `text` is not 1–3 ASCII letters.
    public static func index(_ text: String) -> Int? {
        guard (1...3).contains(text.utf8.count) else { return nil }
        var n = 0
        for byte in text.utf8 {
            switch byte {
            case 65...90: n = n * 26 + Int(byte - 64)
            case 97...122: n = n * 26 + Int(byte - 96)
            default: return nil
            }
        }
        return n - 1
    }
}
