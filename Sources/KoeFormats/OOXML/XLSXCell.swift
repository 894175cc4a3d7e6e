// XLSXCell — the values, styles and rows an xlsx sheet is made of (plain values; rendering is elsewhere).

/// How a cell looks: number format, font weight/slant, wrapping and fill. Equal styles share one `xf`.
public struct XLSXStyle: Hashable, Sendable {
    /// Number formats koe uses. Percent formats expect fractions (0.125 shows as 12.5%).
    public enum NumberFormat: Hashable, Sendable {
        case general
        /// `0`
        case integer
        /// `0.0%` (shares)
        case percent1
        /// `0.00` (means)
        case decimal2
        /// `0.0000`
        case decimal4
        /// p-values: `0.0000`, or `0.000E+00` below 0.001 so small p never shows as 0.0000
        case pValue
        /// Any Excel format code.
        case custom(String)

        /// The format code, or nil for a built-in id that needs no `numFmt` entry.
        var code: String? {
            switch self {
            case .general, .integer, .decimal2: return nil
            case .percent1: return "0.0%"
            case .decimal4: return "0.0000"
            case .pValue: return "[<0.001]0.000E+00;0.0000"
            case .custom(let code): return code
            }
        }

        /// The built-in format id (General 0, `0` 1, `0.00` 2).
        var builtinID: Int? {
            switch self {
            case .general: return 0
            case .integer: return 1
            case .decimal2: return 2
            default: return nil
            }
        }
    }

    /// Cell fills: a colour-blind-safe blue/orange pair (tell "higher" from "lower" without red/green)
    /// and grey for values that should not be trusted.
    public enum Fill: Hashable, Sendable {
        case none
        /// #DCE9F5 — light blue (e.g. a significantly low cell)
        case blue
        /// #FBE3C9 — light orange (e.g. a significantly high cell)
        case orange
        /// #E7E6E6 — grey (e.g. an unreliable test)
        case grey

        var rgb: String? {
            switch self {
            case .none: return nil
            case .blue: return "FFDCE9F5"
            case .orange: return "FFFBE3C9"
            case .grey: return "FFE7E6E6"
            }
        }
    }

    public var numberFormat: NumberFormat
    public var bold: Bool
    public var italic: Bool
    /// Dim grey text (used with `italic` for unreliable values).
    public var muted: Bool
    public var wrap: Bool
    public var fill: Fill
    /// Left indent in Excel's indent steps (0–15), e.g. to show a row's depth in a tree.
    public var indent: Int

    public init(
        numberFormat: NumberFormat = .general, bold: Bool = false, italic: Bool = false, muted: Bool = false,
        wrap: Bool = false, fill: Fill = .none, indent: Int = 0
    ) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.muted = muted
        self.wrap = wrap
        self.fill = fill
        self.indent = max(0, min(15, indent))
    }

    /// The default style (General, regular).
    public static let plain = XLSXStyle()
    /// A header cell: bold, wrapped.
    public static let header = XLSXStyle(bold: true, wrap: true)
    /// A value that should not be trusted: grey fill, italic, muted text.
    public static let unreliable = XLSXStyle(italic: true, muted: true, fill: .grey)

    /// This style with another number format.
    public func with(_ format: NumberFormat) -> XLSXStyle {
        var copy = self
        copy.numberFormat = format
        return copy
    }

    /// This style indented `steps` levels.
    public func indented(_ steps: Int) -> XLSXStyle {
        var copy = self
        copy.indent = max(0, min(15, steps))
        return copy
    }

    /// This style with another fill.
    public func with(fill: Fill) -> XLSXStyle {
        var copy = self
        copy.fill = fill
        return copy
    }
}

/// One cell: a number (stored as a number), a text (stored in the shared strings, formula-neutralised),
/// or empty (written only when it has a style).
public struct XLSXCell: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
        case empty
    }

    public var value: Value
    public var style: XLSXStyle

    public init(_ value: Value, style: XLSXStyle = .plain) {
        self.value = value
        self.style = style
    }

    /// A text cell.
    public static func text(_ text: String, _ style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.text(text), style: style)
    }

    /// A text cell, or an empty one for nil.
    public static func text(_ text: String?, _ style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(text.map { .text($0) } ?? .empty, style: style)
    }

    /// A number cell in `format`; NaN, infinities and nil give an empty cell.
    public static func number(_ x: Double?, _ format: XLSXStyle.NumberFormat, _ style: XLSXStyle = .plain)
        -> XLSXCell
    {
        guard let x, x.isFinite else { return XLSXCell(.empty, style: style.with(format)) }
        return XLSXCell(.number(x), style: style.with(format))
    }

    /// An integer cell.
    public static func integer(_ n: Int?, _ style: XLSXStyle = .plain) -> XLSXCell {
        number(n.map(Double.init), .integer, style)
    }

    /// An empty cell (kept only when `style` is not plain, e.g. to carry a fill).
    public static func empty(_ style: XLSXStyle = .plain) -> XLSXCell { XLSXCell(.empty, style: style) }
}

/// One row: cells from column A, and its outline (grouping) level 0–7.
public struct XLSXRow: Sendable, Equatable {
    public var cells: [XLSXCell]
    public var outlineLevel: Int

    public init(_ cells: [XLSXCell], outlineLevel: Int = 0) {
        self.cells = cells
        self.outlineLevel = max(0, min(7, outlineLevel))
    }
}
