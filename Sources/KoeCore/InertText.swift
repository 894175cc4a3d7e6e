// InertText — the one place that makes text from inputs harmless where it is shown: on one line without
// control, bidi or zero-width characters (attributions, ids, headings), escaped for a terminal, and with
// leading invisible characters ignored when deciding whether a spreadsheet cell looks like a formula.

/// Text from inputs (answers, column labels, file names, codebook names) made inert for an output.
public enum InertText {
    /// True for C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, marks and zero-width characters,
    /// which can hide or reorder what a reader sees (U+202E turns `（30代・女性）` around).
    @inlinable public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Unicode White_Space, by its (fixed, short) list instead of the property tables: the same answer as
    /// `properties.isWhitespace`, at a comparison's cost (it runs over every opinion's text).
    @inlinable public static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20: return true
        case 0x21..<0x85: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// One line: runs of white space (line breaks too) become one space, invisible characters are removed,
    /// and the ends are trimmed. Plain text comes back unchanged.
    public static func singleLine(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if isWhiteSpace(s) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isInvisible(s) { continue }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        return String(out)
    }

    /// True for what a terminal acts on or reorders: C0 and C1 controls but the line break and tab, DEL, and
    /// the bidi controls.
    static func drivesTerminal(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Text for a terminal: control and bidi characters except the line break and tab are shown as escapes
    /// (`\x1B`, `\u{202E}`), so an ESC sequence in a file name or column label cannot drive the terminal.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: drivesTerminal) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if !drivesTerminal(s) {
                out.unicodeScalars.append(s)
            } else if s.value < 0x100 {
                out += "\\x" + hex(s.value, digits: 2)
            } else {
                out += "\\u{" + hex(s.value, digits: 4) + "}"
            }
        }
        return out
    }

    /// A Markdown code span's content: one line, no backticks (they would close the span).
    public static func codeSpan(_ text: String) -> String {
        singleLine(text).replacingOccurrences(of: "`", with: "'")
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let s = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
