// UTF16Units — a String's UTF-16 code units, decoded from its UTF-8 bytes in one pass: `Array(text.utf16)` goes
// through the generic collection copy, index by index (≈ 70 instructions a unit on Japanese text).

/// UTF-16 units of a String.
public enum UTF16Units {
    /// The UTF-16 code units of `text`, equal to `Array(text.utf16)`.
    public static func of(_ text: String) -> [UInt16] {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> [UInt16] in
            // A UTF-8 sequence of n bytes gives at most n units (4 bytes → 2 units), so the byte count is room.
            [UInt16](unsafeUninitializedCapacity: bytes.count) { out, written in
                var i = 0
                var o = 0
                let n = bytes.count
                while i < n {
                    let b = UInt32(bytes[i])
                    if b < 0x80 {
                        out[o] = UInt16(b)
                        i += 1
                    } else if b < 0xE0 {
                        out[o] = UInt16(((b & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F))
                        i += 2
                    } else if b < 0xF0 {
                        out[o] = UInt16(
                            ((b & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F))
                        i += 3
                    } else {
                        let scalar =
                            ((b & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6)
                            | (UInt32(bytes[i + 3]) & 0x3F)
                        let v = scalar - 0x10000
                        out[o] = UInt16(0xD800 + (v >> 10))
                        o += 1
                        out[o] = UInt16(0xDC00 + (v & 0x3FF))
                        i += 4
                    }
                    o += 1
                }
                written = o
            }
        }
        return fast ?? Array(text.utf16)
    }
}
