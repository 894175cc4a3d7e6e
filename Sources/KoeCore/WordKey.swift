// WordKey — a word's identity for hot-path tables (quote scoring, co-occurrence counts): a 64-bit FNV hash of
// the scalars of its NFC form, compared by bytes, so no lookup pays for String hashing (which normalizes every
// non-ASCII string) while words stay equal exactly when String equality says so.

/// A word's identity under String equality (canonical equivalence), hashed without normalizing: FNV-1a 64
/// over the scalars of its NFC form, which is the word itself when it is plain (`isPlain`).
public struct WordKey: Hashable, Sendable {
    public let hash: UInt64
    /// The NFC form (the word itself when plain).
    public let canonical: String

    /// The key of `word`, working out whether it is plain and its hash.
    public init(_ word: String) {
        var h = Self.basis
        var plain = true
        for s in word.unicodeScalars {
            h = Self.mix(h, s.value)
            if plain { plain = Self.isPlain(s) }
        }
        self.init(word, plain: plain, hash: h)
    }

    /// `hash`: `WordKey.hash(word)`, already worked out.
    public init(_ word: String, plain: Bool, hash: UInt64) {
        if plain {
            canonical = word
            self.hash = hash
        } else {
            canonical = word.precomposedStringWithCanonicalMapping
            self.hash = Self.hash(canonical)
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    public static func == (a: WordKey, b: WordKey) -> Bool { a.hash == b.hash && sameBytes(a.canonical, b.canonical) }

    /// True when `a` and `b` have the same UTF-8 bytes.
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == y.count && x.elementsEqual(y) }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    public static let basis: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    public static func mix(_ h: UInt64, _ value: UInt32) -> UInt64 { (h ^ UInt64(value)) &* 0x0000_0100_0000_01B3 }

    /// FNV-1a 64 over the scalar values of `s`.
    public static func hash(_ s: String) -> UInt64 { s.unicodeScalars.reduce(basis) { mix($0, $1.value) } }

    /// UTF-8 byte order (a fixed order that, unlike String's, needs no normalization).
    public static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Kana, CJK ideographs, 々, ASCII letters and digits: NFC, without decompositions, and never composed
    /// with the scalar before them — a word made only of these is its own NFC form.
    @inline(__always)
    public static func isPlain(_ s: Unicode.Scalar) -> Bool { isPlain(value: s.value) }

    /// `isPlain` of the scalar with value `value` (inlinable: word ids test every scalar of every word).
    @inlinable @inline(__always)
    public static func isPlain(value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3005, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x3400...0x4DBF,
            0x4E00...0x9FFF:
            return true
        default: return false
        }
    }
}
