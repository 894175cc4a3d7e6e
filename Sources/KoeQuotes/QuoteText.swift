// QuoteText — how a quote's text is printed: on one line, without control or bidi characters, trimmed only
// at a sentence boundary with …, inner 「」 turned into 『』 so a quote cannot forge an attribution, and
// Markdown/HTML escaped for quotes.md so nothing in it renders.
import KoeCore

/// Text operations on quotes. All are pure and keep the citizen's words: nothing is paraphrased.
public enum QuoteText {
    /// The readable length (characters) beyond which a quote is trimmed at a sentence boundary.
    public static let readableLength = 160

    /// The cut mark appended where a trimmed quote stops.
    public static let ellipsis = "…"

    /// Line breaks and runs of white space become one space, but every full-width space (U+3000) stays as
    /// written (quotes are verbatim); white space at either end is dropped. Control characters (ESC, NUL…),
    /// bidi overrides and zero-width characters are removed (they could reorder or hide what a reader sees).
    public static func singleLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isWhiteSpace(s) {
                if out.isEmpty { continue }
                if s.value == 0x3000 {
                    pending.append(s)
                } else if pending.last != " " {
                    pending.append(" ")
                }
                continue
            }
            if isInvisible(s) { continue }
            out.append(contentsOf: pending)
            pending.removeAll()
            out.append(s)
        }
        return String(out)
    }

    /// The number of scalars `singleLine` writes for the white space in a run: each full-width space, and one
    /// space for each stretch of other white space between them; `pending` and `lastWasSpace` carry the run.
    static func countWhiteSpace(_ s: Unicode.Scalar, pending: inout Int, lastWasSpace: inout Bool) {
        if s.value == 0x3000 {
            pending += 1
            lastWasSpace = false
        } else if !lastWasSpace {
            pending += 1
            lastWasSpace = true
        }
    }

    /// Unicode White_Space, by its (fixed, short) list instead of the property tables: the same answer as
    /// `properties.isWhitespace`, at a comparison's cost (it runs over every opinion's text).
    public static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20: return true
        case 0x21..<0x85: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    @inline(__always) static func isInvisible(_ s: Unicode.Scalar) -> Bool { InertText.isInvisible(s) }

    /// Inner 「」 become 『』 (the usual way to quote inside a quote), so that text like `」（30代・女性）「`
    /// cannot look like the end of one quote and its attribution.
    public static func nestedQuotes(_ text: String) -> String {
        String(text.map { $0 == "「" ? "『" : $0 == "」" ? "』" : $0 })
    }

    /// Sentence ends: 。！？!? and the full-width period; closing brackets right after one belong to it.
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "!", "?", "．"]
    static let closers: Set<Character> = ["」", "』", "）", ")", "】", "〕"]
    /// The same two sets as scalars (each is one scalar).
    static let sentenceEndScalars: Set<Unicode.Scalar> = Set(sentenceEnds.map { $0.unicodeScalars.first! })
    static let closerScalars: Set<Unicode.Scalar> = Set(closers.map { $0.unicodeScalars.first! })

    /// `text` (already on one line) cut after the last whole sentence that ends within `limit` characters,
    /// with … appended; when the first sentence alone is longer, the cut comes after it. Text within the
    /// limit, or with no sentence end before its last character, is returned whole.
    public static func trimmed(_ text: String, limit: Int = readableLength) -> (text: String, trimmed: Bool) {
        guard text.utf8.count > limit, text.count > limit else { return (text, false) }
        let chars = Array(text)
        var best: Int?
        var i = 0
        while i < chars.count {
            if sentenceEnds.contains(chars[i]) {
                var end = i + 1
                while end < chars.count, sentenceEnds.contains(chars[end]) || closers.contains(chars[end]) { end += 1 }
                if end > limit && best != nil { break }
                best = end
                if end > limit { break }
                i = end
                continue
            }
            i += 1
        }
        guard let cut = best, cut < chars.count,
            chars[cut...].contains(where: { !$0.isWhitespace })
        else { return (text, false) }
        let head = String(chars[..<cut]).trimmingTrailingSpaces
        return (head + ellipsis, true)
    }

    /// The text of a quote for any output: one line, nested quotes, trimmed. Masking comes first (it needs
    /// the verbatim text).
    public static func printable(_ masked: String, limit: Int = readableLength) -> (text: String, trimmed: Bool) {
        trimmed(nestedQuotes(singleLine(masked)), limit: limit)
    }

    /// Markdown- and HTML-inert text for the middle of a quotes.md line: `& < >` become entities and only the
    /// characters that could change the rendering inside a line are backslash-escaped — `\ ` * _ [ ] | ~`
    /// (escapes, code, emphasis, links and images, which need `[`, tables, strikethrough) — so `<script>`,
    /// `[x](javascript:…)`, `**` and backticks print as written while `3-4人`, `2.5km`, `(注)` and `#1` stay as
    /// typed (`- + . # !` only mean something at the start of a line, and `( )` only after `]`).
    public static func markdownEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\"
                out.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
