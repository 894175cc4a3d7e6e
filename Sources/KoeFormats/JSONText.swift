// JSONText — a small deterministic JSON builder (fields in the order written; no locale, no floats surprises).

/// Builds one JSON value as text. Keys appear in the order they are added. Everything is appended to
/// one UTF-8 byte buffer (one allocation per object, not one per field; no String appends); objects built
/// with `add(_:object:)` / `add(_:objects:_:)` are written straight into their parent's buffer.
public struct JSONObject {
    private var buffer: [UInt8]
    private var empty = true

    /// An empty object with room for `capacity` bytes before the buffer grows.
    public init(capacity: Int = 256) {
        buffer = []
        buffer.reserveCapacity(capacity)
        buffer.append(0x7B)  // {
    }

    /// A nested object that takes over its parent's buffer (handed back by `close(into:)`).
    private init(continuing parent: inout [UInt8]) {
        buffer = []
        swap(&buffer, &parent)
        buffer.append(0x7B)  // {
    }

    /// Closes a nested object and hands the buffer back to its parent.
    private mutating func close(into parent: inout [UInt8]) {
        buffer.append(0x7D)  // }
        swap(&buffer, &parent)
    }

    private mutating func key(_ key: String) {
        if !empty { buffer.append(0x2C) }  // ,
        empty = false
        JSONText.append(key, to: &buffer)
        buffer.append(0x3A)  // :
    }

    private mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    public mutating func add(_ key: String, _ value: String?) {
        self.key(key)
        if let value { JSONText.append(value, to: &buffer) } else { raw("null") }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        self.key(key)
        if let value { JSONText.append(value, to: &buffer) } else { raw("null") }
    }

    public mutating func add(_ key: String, _ value: Double?, digits: Int) {
        self.key(key)
        raw(value.map { NumberText.fixed($0, digits: digits) } ?? "null")
    }

    public mutating func add(_ key: String, _ value: Bool) {
        self.key(key)
        raw(value ? "true" : "false")
    }

    public mutating func add(_ key: String, strings: [String]) {
        self.key(key)
        buffer.append(0x5B)  // [
        for (i, string) in strings.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            JSONText.append(string, to: &buffer)
        }
        buffer.append(0x5D)  // ]
    }

    /// Adds a nested object (same bytes as `add(key, raw: object.text)`, without the String round trip).
    public mutating func add(_ key: String, object: JSONObject) {
        self.key(key)
        object.appendClosed(to: &buffer)
    }

    /// Adds an array of objects (same bytes as `add(key, raw: JSONText.array(objects.map(\.text)))`).
    public mutating func add(_ key: String, objects: [JSONObject]) {
        self.key(key)
        buffer.append(0x5B)  // [
        for (i, object) in objects.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            object.appendClosed(to: &buffer)
        }
        buffer.append(0x5D)  // ]
    }

    /// Adds a nested object that `build` writes in place (same bytes as `add(key, object:)` with the object
    /// `build` would make, without a buffer of its own).
    public mutating func add(_ key: String, object build: (inout JSONObject) -> Void) {
        self.key(key)
        var child = JSONObject(continuing: &buffer)
        build(&child)
        child.close(into: &buffer)
    }

    /// Adds an array with one object per item, each written in place by `build`.
    public mutating func add<Items: Sequence>(
        _ key: String, objects items: Items, _ build: (inout JSONObject, Items.Element) -> Void
    ) {
        self.key(key)
        buffer.append(0x5B)  // [
        var first = true
        for item in items {
            if !first { buffer.append(0x2C) }
            first = false
            var child = JSONObject(continuing: &buffer)
            build(&child, item)
            child.close(into: &buffer)
        }
        buffer.append(0x5D)  // ]
    }

    private func appendClosed(to out: inout [UInt8]) {
        out.append(contentsOf: buffer)
        out.append(0x7D)  // }
    }

    /// Adds pre-rendered JSON (an object or array built elsewhere).
    public mutating func add(_ key: String, raw: String) {
        self.key(key)
        self.raw(raw)
    }

    /// The object's UTF-8 bytes, closed (no String made: nothing to validate).
    public var bytes: [UInt8] {
        var out = buffer
        out.append(0x7D)  // }
        return out
    }

    /// The object's bytes with a newline (one jsonl line), built in place.
    public consuming func line() -> [UInt8] {
        buffer.append(0x7D)  // }
        buffer.append(0x0A)
        return buffer
    }

    public var text: String {
        String(unsafeUninitializedCapacity: buffer.count + 1) { out in
            let n = out.initialize(fromContentsOf: buffer)
            out[n] = 0x7D  // }
            return n + 1
        }
    }
}

public enum JSONText {
    /// Appends the decimal digits of `n` (as `String(n)` writes them) to `out`.
    public static func append(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(0x2D) }  // -
        var m = n.magnitude
        var divisor: UInt = 1
        while divisor <= m / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(0x30 + UInt8(m / divisor))
            m %= divisor
            divisor /= 10
        }
    }

    /// Appends the JSON string literal of `s` to `out` as UTF-8.
    public static func append(_ s: String, to out: inout [UInt8]) {
        // The bytes are read in place (no copy of the String, no retain).
        let clean: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard needsEscaping(bytes) else {
                out.append(0x22)
                out.append(contentsOf: bytes)
                out.append(0x22)
                return
            }
            // Escaped on the bytes (no String built scalar by scalar).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: escapedBound(bytes.count)) { room in
                let written = writeEscaped(bytes, to: room.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: room[0..<written]))
            }
        }
        guard clean == nil else { return }
        var quoted = quote(s)
        quoted.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Longest JSON string literal of `count` UTF-8 bytes: every byte a `\u00XX` escape, and the quotes.
    static func escapedBound(_ count: Int) -> Int { 6 * count + 2 }

    /// Writes the JSON string literal of valid UTF-8 `bytes` at `out` (room for `escapedBound(bytes.count)`) and
    /// returns the bytes written: the same as `quote` of their String (RFC 8259 escapes, U+2028/2029 as `\u`
    /// escapes, everything else as it is), worked out on the bytes.
    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let hex: StaticString = "0123456789abcdef"
        var o = 0
        @inline(__always) func put(_ b: UInt8) {
            out[o] = b
            o += 1
        }
        put(0x22)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            i += 1
            switch b {
            case 0x22, 0x5C:
                put(0x5C)
                put(b)
            case 0x0A:
                put(0x5C)
                put(0x6E)  // n
            case 0x0D:
                put(0x5C)
                put(0x72)  // r
            case 0x09:
                put(0x5C)
                put(0x74)  // t
            case 0x00..<0x20:
                put(0x5C)  // \u00XX
                put(0x75)
                put(0x30)
                put(0x30)
                put(hex.utf8Start[Int(b >> 4)])
                put(hex.utf8Start[Int(b & 0xF)])
            case 0xE2 where i + 1 < n && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
                // U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
                put(0x5C)  // \u2028, \u2029
                put(0x75)
                put(0x32)
                put(0x30)
                put(0x32)
                put(bytes[i + 1] == 0xA8 ? 0x38 : 0x39)
                i += 2
            default:
                put(b)
            }
        }
        put(0x22)
        return o
    }

    /// True when some byte is a control character, a quote, a backslash or 0xE2 (the lead byte of U+2028/2029, checked
    /// by the slow path). Eight bytes at a time: exact zero-byte and less-than tests on a 64-bit word.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // hasless(w, 0x20): some byte below 0x20.
            if (w &- ones &* 0x20) & ~w & highs != 0 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C))
                || hasZero(w ^ (ones &* 0xE2))
            {
                return true
            }
            i += 8
        }
        while i < count {
            let byte = base[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return true }
            i += 1
        }
        return false
    }

    /// Appends the JSON string literal of `s` to `out`.
    public static func append(_ s: String, to out: inout String) {
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 {
            out += quote(s)
            return
        }
        out += "\""
        out += s
        out += "\""
    }

    /// A JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
    public static func quote(_ s: String) -> String {
        // Fast path: most texts need no escaping (no quote, backslash, control character, U+2028/2029).
        var clean = true
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 {
            clean = false
            break
        }
        if clean { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
