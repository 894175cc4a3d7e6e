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

    /// Line breaks and runs of white space become one space; control characters (ESC, NUL…), bidi overrides
    /// and zero-width characters are removed (they could reorder or hide what a reader sees).
    /// The same rule as attributions, ids and headings (`InertText.singleLine`, the one place).
    public static func singleLine(_ text: String) -> String { InertText.singleLine(text) }

    /// Unicode White_Space (`InertText.isWhiteSpace`).
    @inline(__always) public static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool { InertText.isWhiteSpace(s) }

    @inline(__always) static func isInvisible(_ s: Unicode.Scalar) -> Bool { InertText.isInvisible(s) }

    /// Inner 「」 become 『』 (the usual way to quote inside a quote), so that text like `」（30代・女性）「`
    /// cannot look like the end of one quote and its attribution.
    public static func nestedQuotes(_ text: String) -> String {
        String(text.map { $0 == "「" ? "『" : $0 == "」" ? "』" : $0 })
    }

    /// Sentence ends: 。！？!? and the full-width period; closing brackets right after one belong to it.
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "!", "?", "．"]
    static let closers: Set<Character> = ["」", "』", "）", ")", "】", "〕"]

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

    /// Markdown- and HTML-inert text for quotes.md: `& < >` become entities and every ASCII character that
    /// Markdown gives a meaning (`\ ` * _ [ ] ( ) # + - . ! | ~ { }`) is backslash-escaped, so `<script>`,
    /// `[x](javascript:…)`, `**` and backticks print as written.
    public static func markdownEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", "{", "}", "\"":
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
