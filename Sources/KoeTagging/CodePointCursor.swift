// CodePointCursor — UTF-16 offsets of a text turned into code-point offsets and slices, walking the UTF-8 from the
// offset asked before: how evidence and cue positions are reported in the verbatim text.

/// UTF-16 offsets of a String → Unicode code point offsets and slices, found by walking the UTF-8 from the
/// offset asked before (offsets asked in about increasing order cost one pass over the text; nothing is
/// built per text).
struct CodePointCursor {
    let text: String
    /// A scalar boundary: its UTF-8 and UTF-16 offsets and the code points before it.
    private var utf8 = 0
    private var utf16 = 0
    private var scalars = 0

    init(_ text: String) { self.text = text }

    /// Code points before UTF-16 offset `offset` (clamped to the text; a trailing surrogate counts its
    /// scalar) and the UTF-8 offset of the scalar it lies in (a trailing surrogate rounds down). Walks back or
    /// forward from the offset asked before.
    mutating func position(_ offset: Int) -> (codePoints: Int, utf8: Int) {
        let target = max(0, offset)
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in walk(bytes, to: target) }
        if let found { return found }
        return Array(text.utf8).withUnsafeBufferPointer { walk($0, to: target) }
    }

    private mutating func walk(_ bytes: UnsafeBufferPointer<UInt8>, to target: Int) -> (codePoints: Int, utf8: Int) {
        // A String's UTF-8 is valid: continuation bytes are 10xxxxxx and a lead byte gives the scalar's length.
        while utf16 > target {
            repeat { utf8 -= 1 } while bytes[utf8] & 0xC0 == 0x80
            utf16 -= bytes[utf8] >= 0xF0 ? 2 : 1
            scalars -= 1
        }
        while utf16 < target, utf8 < bytes.count {
            let lead = bytes[utf8]
            let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let units = width == 4 ? 2 : 1
            if utf16 + units > target { return (scalars + 1, utf8) }  // inside a surrogate pair
            utf8 += width
            utf16 += units
            scalars += 1
        }
        return (scalars, utf8)
    }

    /// Code points before `offset` (see `position`).
    mutating func codePoints(_ offset: Int) -> Int { position(offset).codePoints }

    /// The text between two UTF-16 offsets (clamped; trailing surrogates round down to their scalar).
    mutating func slice(_ range: Range<Int>) -> String { locate(range).surface }

    /// Code-point offsets of a UTF-16 range and its text.
    mutating func locate(_ range: Range<Int>) -> (start: Int, end: Int, surface: String) {
        let lower = position(range.lowerBound)
        let upper = position(range.upperBound)
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lower.utf8)
        let end = utf8.index(utf8.startIndex, offsetBy: max(lower.utf8, upper.utf8))
        return (lower.codePoints, upper.codePoints, String(text[start..<end]))
    }
}
