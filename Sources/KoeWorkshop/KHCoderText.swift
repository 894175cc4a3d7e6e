// KHCoderText — KH Coder's own text format: `<H1>…</H1>` to `<H5>…</H5>` heading lines (often saved in CP932)
// mark the document's levels, and every other non-empty line is one paragraph.

/// Recognises KH Coder's heading tags.
enum KHCoderText {
    /// True when some line of the file (the first 2,000 looked at) is a KH Coder heading tag.
    static func isKHCoderText(_ lines: [Substring]) -> Bool {
        lines.prefix(2_000).contains { heading($0.trimmedWhitespace) != nil }
    }

    /// `<H2>第2章</H2>` → (2, "第2章"); tags in either case, levels 1–5 as KH Coder has them.
    static func heading(_ trimmed: String) -> (level: Int, text: String)? {
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 9, bytes[0] == UInt8(ascii: "<"), bytes[1] | 0x20 == UInt8(ascii: "h"),
            (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[2]), bytes[3] == UInt8(ascii: ">")
        else { return nil }
        let level = Int(bytes[2] - UInt8(ascii: "0"))
        let close = Array("</h\(level)>".utf8)
        let tail = bytes.suffix(5).map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        guard tail == close else { return nil }
        let text = String(decoding: bytes[4..<(bytes.count - 5)], as: UTF8.self)
        return (level, text.trimmedWhitespace)
    }
}
