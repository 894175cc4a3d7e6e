// CSVWriter — CSV for Excel: UTF-8 with BOM, CRLF, RFC 4180 quoting, formula cells neutralised.
import Foundation
import KoeCore

/// One CSV cell: text is quoted as needed and neutralised; numbers are written as they are.
public enum CSVCell: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    case integer(Int)
    case number(Double, digits: Int)
    /// A number with `digits` significant digits (p values: `.significant(p, digits: 4)`); see
    /// `NumberText.significant`.
    case significant(Double, digits: Int)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }

    public init(_ value: String?) { self = value.map { .text($0) } ?? .empty }
}

/// Writes CSV rows that Excel opens correctly on a Japanese Windows PC.
public final class CSVWriter {
    private let file: OutputFile

    /// Creates the file and writes the BOM and the header row.
    public init(file: OutputFile, header: [String]) throws {
        self.file = file
        try file.write(bytes: [0xEF, 0xBB, 0xBF])
        try writeRow(header.map { .text($0) })
    }

    /// Writes one row: each cell rendered as `render(_:)` does, straight into the file's buffer.
    public func writeRow(_ cells: [CSVCell]) throws {
        try file.append { out in
            for i in cells.indices {
                if i > 0 { out.append(0x2C) }
                Self.render(cells[i], into: &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
    }

    /// Writes one row built cell by cell straight into the file's buffer (no `[CSVCell]`, no per-cell
    /// String): the same bytes as `writeRow(_: [CSVCell])` with the matching cells.
    public func writeRow(_ build: (inout CSVRowBuilder) -> Void) throws {
        try file.append { out in
            var row = CSVRowBuilder()
            swap(&row.bytes, &out)
            build(&row)
            swap(&row.bytes, &out)
            out.append(0x0D)
            out.append(0x0A)
        }
    }

    public func close() throws { try file.close() }

    /// Appends the bytes of `render(cell)` to `out`: text cells without building a quoted copy.
    static func render(_ cell: CSVCell, into out: inout [UInt8]) {
        switch cell {
        case .text(let raw): appendText(raw, into: &out)
        case .integer(let n): appendInteger(n, into: &out)
        case .empty: return
        default: out.append(contentsOf: render(cell).utf8)
        }
    }

    /// Appends `render(.text(raw))`. Text whose first byte cannot start a formula or an invisible
    /// character (printable ASCII other than `=+-@`, or a lead byte of U+3000…U+9FFF: kana, CJK) is its own
    /// neutralised form and is read in place; anything else goes through `SpreadsheetSafety.neutralise`.
    static func appendText(_ raw: String, into out: inout [UInt8]) {
        let done: Void? = raw.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first else { return }
            switch first {
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"):
                appendNeutralised(raw, into: &out)
            case 0x21...0x7E, 0xE3...0xE9: appendQuoted(bytes, into: &out)
            default: appendNeutralised(raw, into: &out)
            }
        }
        if done == nil { appendNeutralised(raw, into: &out) }
    }

    private static func appendNeutralised(_ raw: String, into out: inout [UInt8]) {
        var text = SpreadsheetSafety.neutralise(raw)
        text.withUTF8 { appendQuoted($0, into: &out) }
    }

    /// `bytes` as one CSV field: quoted (quotes doubled) when it holds a comma, quote or line break.
    private static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard needsQuotes(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// True when `bytes` hold a comma, quote, LF or CR. Eight bytes at a time: a word without a byte below
    /// 0x2D (all four are) is skipped with one test; UTF-8 kana and kanji bytes are all 0x80 or more.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func special(_ b: UInt8) -> Bool { b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Non-zero when some byte of w is below 0x2D (the classic "has less than" bit trick).
            if (w &- 0x2D2D_2D2D_2D2D_2D2D) & ~w & 0x8080_8080_8080_8080 != 0 {
                for k in i..<(i + 8) where special(base[k]) { return true }
            }
            i += 8
        }
        while i < bytes.count {
            if special(base[i]) { return true }
            i += 1
        }
        return false
    }

    /// Appends the decimal digits of `n` (as `String(n)` writes them) without making a String.
    static func appendInteger(_ n: Int, into out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        var (lo, hi) = (start, out.count - 1)
        while lo < hi {
            out.swapAt(lo, hi)
            lo += 1
            hi -= 1
        }
    }

    /// The text of one cell as it appears in the file.
    public static func render(_ cell: CSVCell) -> String {
        switch cell {
        case .empty: return ""
        case .integer(let n): return String(n)
        case .number(let x, let digits): return NumberText.fixed(x, digits: digits)
        case .significant(let x, let digits): return NumberText.significant(x, digits: digits)
        case .text(let raw):
            let text = SpreadsheetSafety.neutralise(raw)
            if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
    }
}

/// The cells of one row being written by `CSVWriter.writeRow(_:)`, appended in order.
public struct CSVRowBuilder {
    var bytes: [UInt8] = []
    private var cells = 0

    private mutating func separate() {
        if cells > 0 { bytes.append(0x2C) }
        cells += 1
    }

    /// A text cell (`.text(value)`): neutralised and quoted as needed.
    public mutating func text(_ value: String) {
        separate()
        CSVWriter.appendText(value, into: &bytes)
    }

    /// A text cell, or an empty one for nil (`CSVCell(value)`).
    public mutating func text(_ value: String?) {
        separate()
        if let value { CSVWriter.appendText(value, into: &bytes) }
    }

    /// An integer cell (`.integer(value)`), or an empty one for nil.
    public mutating func integer(_ value: Int?) {
        separate()
        if let value { CSVWriter.appendInteger(value, into: &bytes) }
    }

    /// Any other cell.
    public mutating func cell(_ cell: CSVCell) {
        separate()
        CSVWriter.render(cell, into: &bytes)
    }
}

/// Formula-injection protection shared by the CSV and XLSX writers.
public enum SpreadsheetSafety {
    /// A cell beginning with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe so Excel shows it as
    /// text and never evaluates it. Leading control, bidi and zero-width characters (NUL, ESC, U+202E…) are
    /// removed first: a spreadsheet drops them and would then see the formula (`\0=HYPERLINK(…)`).
    public static func neutralise(_ text: String) -> String {
        guard let first = text.utf8.first else { return text }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + text
        case 0x21...0x7F where first != 0x7F:
            return text
        default:
            guard let scalar = text.unicodeScalars.first, InertText.isInvisible(scalar) else { return text }
            let visible = String(dropLeadingInvisible(text))
            return visible.isEmpty ? visible : neutralise(visible)
        }
    }

    /// `text` without its leading invisible characters (white space other than tab and CR is kept).
    private static func dropLeadingInvisible(_ text: String) -> Substring.UnicodeScalarView {
        let scalars = Substring(text).unicodeScalars
        return scalars[(scalars.firstIndex { !InertText.isInvisible($0) } ?? scalars.endIndex)...]
    }
}

/// Locale-independent number formatting (deterministic output).
public enum NumberText {
    /// `x` with exactly `digits` decimals (half away from zero), no grouping; "" for NaN.
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = x < 0 && scaled != 0
        var whole = String(Int(scaled))
        if digits > 0 {
            while whole.count <= digits { whole = "0" + whole }
            let cut = whole.index(whole.endIndex, offsetBy: -digits)
            whole = whole[..<cut] + "." + whole[cut...]
        }
        return negative ? "-" + whole : whole
    }
}

extension NumberText {
    /// `x` with `digits` significant digits (1 … 17), trailing zeros kept, as C's `%#.{digits}g` writes it:
    /// plain decimals when 10⁻⁴ ≤ |x| < 10^digits (`0.05515`, `0.0006520`, `1.000`), otherwise scientific
    /// with a two-digit-minimum exponent (`7.500e-06`, `2.538e-23`, `4.941e-324`); 0 is `0.000…`; "" for NaN
    /// and ±∞. Rounded correctly from the double's exact value (ties to even), independent of the locale.
    /// Excel and LibreOffice Calc read both forms as numbers (checked by opening a CSV in LibreOffice
    /// headless: see `NumberTextTests` and docs/outputs.md).
    public static func significant(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "" }
        let precision = min(max(digits, 1), 17)
        // CoreFoundation formats with the POSIX locale: "." as the decimal mark, no grouping.
        return String(format: "%#.\(precision)g", x)
    }
}
