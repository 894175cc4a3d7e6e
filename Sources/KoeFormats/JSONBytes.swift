// JSONBytes — a JSON line written straight into one growing byte buffer: fixed parts (keys with their quotes,
// commas and colons) copied as literals, strings checked for escaping and copied in place. For the renderings
// made once per opinion on the analysis workers, where `JSONObject`'s per-field work showed in profiles.

/// A JSON text under construction as raw UTF-8 bytes. The caller writes the punctuation (as literals such as
/// `,"text":`), this type writes the values exactly as `JSONObject` does (`JSONText.append`), so both give the
/// same bytes. One allocation while writing (grown by doubling when an estimate was short), one for the result.
public struct JSONBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// An empty text with room for `capacity` bytes before the buffer grows.
    public init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Appends bytes as they are.
    @inline(__always)
    public mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends a literal (keys with their punctuation: `,"text":`).
    @inline(__always)
    public mutating func raw(_ literal: StaticString) {
        raw(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends the JSON string literal of `s` (as `JSONText.append(_:to:)`).
    public mutating func string(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard JSONText.needsEscaping(bytes) else {
                reserve(bytes.count + 2)
                base[count] = 0x22
                if let source = bytes.baseAddress { (base + count + 1).update(from: source, count: bytes.count) }
                base[count + 1 + bytes.count] = 0x22
                count += bytes.count + 2
                return
            }
            reserve(JSONText.escapedBound(bytes.count))
            count += JSONText.writeEscaped(bytes, to: base + count)
        }
        if done == nil {
            var quoted = JSONText.quote(s)
            quoted.withUTF8 { raw($0) }
        }
    }

    /// The string literal of `s`, or `null`.
    @inline(__always)
    public mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// The decimal digits of `n` (as `JSONText.append(_:to:)` for an Int).
    public mutating func int(_ n: Int) {
        reserve(20)
        if n < 0 {
            base[count] = 0x2D  // -
            count += 1
        }
        var m = n.magnitude
        var divisor: UInt = 1
        while divisor <= m / 10 { divisor *= 10 }
        while divisor > 0 {
            base[count] = 0x30 + UInt8(m / divisor)
            count += 1
            m %= divisor
            divisor /= 10
        }
    }

    /// The digits of `n`, or `null`.
    @inline(__always)
    public mutating func int(_ n: Int?) {
        if let n { int(n) } else { raw("null") }
    }

    /// `[ "a","b" ]` without spaces: the array of the string literals of `strings`.
    public mutating func strings(_ strings: [String]) {
        byte(0x5B)  // [
        var first = true
        for s in strings {
            if !first { byte(0x2C) }  // ,
            first = false
            string(s)
        }
        byte(0x5D)  // ]
    }

    /// The bytes written, in an array of their exact size (the buffer is freed).
    public consuming func finish() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as a String.
    public consuming func text() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }
}
