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

    public func close() throws { try file.close() }

    /// Appends the bytes of `render(cell)` to `out`: text cells without building a quoted copy.
    static func render(_ cell: CSVCell, into out: inout [UInt8]) {
        guard case .text(let raw) = cell else {
            out.append(contentsOf: render(cell).utf8)
            return
        }
        var text = SpreadsheetSafety.neutralise(raw)
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
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
