// XLSXSheet — one worksheet's content and layout (frozen header, filter, outline, widths, print setup).

/// A worksheet: rows from row 1, with the header rows frozen, repeated on every printed page and
/// (optionally) under an autofilter. Rows with an outline level group under the row above them
/// (`summaryBelow = 0`), so collapsing a group leaves its parent row visible.
public struct XLSXSheet: Sendable {
    /// The name as given; the workbook makes it valid and unique (`XLSXSheetName`).
    public var name: String
    public var rows: [XLSXRow] = []
    /// Rows at the top that stay visible when scrolling and print on every page.
    public var headerRows: Int
    /// Whether the header's last row carries an autofilter over the whole table.
    public var autoFilter: Bool
    /// Column widths in Excel's character units; nil or missing columns are fitted to their text
    /// (East-Asian wide characters count as two).
    public var columnWidths: [Double?] = []
    /// Rows at the top whose text does not widen columns (a title or legend line that overflows to the right).
    public var unfittedRows: Int = 0
    /// Widest a wrapped cell (e.g. a header label) makes its column: longer text wraps instead.
    public var maxWrappedWidth: Double = 12
    /// Widest fitted column.
    public var maxFittedWidth: Double = 60
    /// Print on A4 landscape, fitted to one page wide.
    public var landscape: Bool
    /// Merged ranges such as `C2:E2` (e.g. a group header over its columns).
    public var merges: [String] = []
    /// Text printed at the top left of every page (e.g. the run's title); the footer always shows the
    /// sheet name and page numbers.
    public var printHeader: String?

    public init(name: String, headerRows: Int = 1, autoFilter: Bool = true, landscape: Bool = true) {
        self.name = name
        self.headerRows = headerRows
        self.autoFilter = autoFilter
        self.landscape = landscape
    }

    /// Appends a row.
    public mutating func append(_ cells: [XLSXCell], outlineLevel: Int = 0) {
        rows.append(XLSXRow(cells, outlineLevel: outlineLevel))
    }

    /// The number of columns (the longest row).
    public var columnCount: Int { rows.reduce(0) { max($0, $1.cells.count) } }

    /// The deepest outline level used.
    public var maxOutlineLevel: Int { rows.reduce(0) { max($0, $1.outlineLevel) } }

    /// Widths for every column: the given ones, else fitted to the widest cell text (+2), between 6 and
    /// `maxFittedWidth`. Wrapped cells count at most `maxWrappedWidth` (they wrap instead of widening the column).
    public func fittedWidths() -> [Double] {
        var widths = [Double](repeating: 6, count: columnCount)
        for row in rows.dropFirst(unfittedRows) {
            for (column, cell) in row.cells.enumerated() {
                var width = Double(Self.displayWidth(of: cell) + cell.style.indent * 2)
                if cell.style.wrap { width = min(width, maxWrappedWidth) }
                widths[column] = max(widths[column], min(width + 2, maxFittedWidth))
            }
        }
        for (column, width) in columnWidths.enumerated() where column < widths.count {
            if let width { widths[column] = width }
        }
        return widths
    }

    /// Line height in points for the default 11-pt font.
    static let lineHeight = 18.0

    /// The height a row needs when one of its wrapped cells takes several lines in its column (nil: the
    /// default height). Viewers do not re-measure rows on open, so the height is written out.
    func rowHeight(_ row: XLSXRow, widths: [Double]) -> Double? {
        var lines = 1
        for (column, cell) in row.cells.enumerated() where cell.style.wrap && column < widths.count {
            guard case .text(let text) = cell.value else { continue }
            let room = max(Int(widths[column]) - 1, 1)
            var cellLines = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                cellLines += max(1, (EastAsianWidth.columns(String(line)) + room - 1) / room)
            }
            lines = max(lines, cellLines)
        }
        return lines > 1 ? Double(min(lines, 20)) * Self.lineHeight : nil
    }

    /// The width a cell's shown text needs, in half-width character units (longest line).
    static func displayWidth(of cell: XLSXCell) -> Int {
        switch cell.value {
        case .empty: return 0
        case .text(let text):
            var widest = 0
            var current = 0
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    widest = max(widest, current)
                    current = 0
                } else {
                    current += EastAsianWidth.columns(scalar)
                }
            }
            return max(widest, current)
        case .number(let x):
            switch cell.style.numberFormat {
            case .integer: return String(Int(x.rounded())).count + (abs(x) >= 1000 ? 1 : 0)
            case .percent1: return NumberText.fixed(x * 100, digits: 1).count + 1
            case .decimal2: return NumberText.fixed(x, digits: 2).count
            case .decimal4: return NumberText.fixed(x, digits: 4).count
            case .pValue: return 10
            case .general: return min(String(x).count, 12)
            case .custom(let code):
                // The code's literal width approximates the shown text (`0.0%" ▲"` → 7), plus integer digits.
                let digits = abs(x) >= 1 ? String(Int(abs(x).rounded(.down))).count - 1 : 0
                return EastAsianWidth.columns(code.filter { $0 != "\"" && $0 != "\\" }) + digits + (x < 0 ? 1 : 0)
            }
        }
    }
}

/// Display width of characters in a monospace-like grid: East-Asian wide and full-width characters
/// take two columns, everything else one (combining marks none).
public enum EastAsianWidth {
    /// Columns `scalar` takes.
    public static func columns(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x1100 { return (0x300...0x36F).contains(v) ? 0 : 1 }
        if isWide(v) { return 2 }
        if (0x3099...0x309A).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        return 1
    }

    /// Columns a whole string takes.
    public static func columns(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + columns($1) } }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        case 0x25A0...0x25FF:  // ▲ ▼ ■ ○: ambiguous width, shown wide in Japanese fonts
            return true
        default:
            return false
        }
    }
}

/// Excel's rules for sheet names: 1–31 characters, none of `[ ] : * ? / \`, not starting or ending
/// with an apostrophe, not "History", unique ignoring case.
public enum XLSXSheetName {
    /// Most characters (UTF-16 units) a sheet name may have.
    public static let maxLength = 31

    /// Whether Excel accepts `name` (uniqueness aside).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf16.count <= maxLength && !name.contains(where: { forbidden.contains($0) })
            && !name.hasPrefix("'") && !name.hasSuffix("'") && name.lowercased() != "history"
            && !name.unicodeScalars.contains(where: { $0.value < 0x20 })
    }

    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// `raw` made valid (forbidden characters become `_`, cut to 31 on a character boundary) and
    /// unique among `taken` (a ` (2)`, ` (3)` … suffix).
    public static func make(_ raw: String, taken: [String]) -> String {
        var name = String(raw.map { forbidden.contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 } ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty { name = "Sheet" }
        if name.lowercased() == "history" { name += "_" }
        let lowered = Set(taken.map { $0.lowercased() })
        var candidate = cut(name, to: maxLength)
        var number = 2
        while lowered.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = cut(name, to: maxLength - suffix.utf16.count) + suffix
            number += 1
        }
        return candidate
    }

    private static func cut(_ name: String, to length: Int) -> String {
        var result = ""
        for character in name {
            if result.utf16.count + character.utf16.count > length { break }
            result.append(character)
        }
        return result
    }

    /// The name quoted for a formula or defined name: `'name'` with apostrophes doubled.
    public static func quoted(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
