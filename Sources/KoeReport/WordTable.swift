// WordTable — word → word id for the co-occurrence builder: open addressing on a 64-bit hash of the word's
// scalars (of its NFC form), so a lookup costs no String hashing (which normalizes every non-ASCII string);
// words are equal when String equality (canonical equivalence) says so, as in a Dictionary keyed by String.
import Foundation

/// Word ids by word, with ids handed out by the caller (0, 1, 2… and reused after `remove`).
struct WordTable: Sendable {
    /// A word in the form the table compares: its NFC form and that form's hash.
    struct Key: Sendable {
        let hash: UInt64
        let canonical: String

        init(_ word: String) {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            var plain = true
            for s in word.unicodeScalars {
                h = (h ^ UInt64(s.value)) &* 0x0000_0100_0000_01B3
                if plain { plain = Self.isPlain(s) }
            }
            if plain {
                canonical = word
                hash = h
            } else {
                canonical = word.precomposedStringWithCanonicalMapping
                hash = canonical.unicodeScalars.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1.value)) &* 0x0000_0100_0000_01B3 }
            }
        }

        /// Kana, CJK ideographs, 々, ASCII letters and digits: NFC, without decompositions, never composed with
        /// the scalar before them — a word made only of these is its own NFC form.
        @inline(__always)
        static func isPlain(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3005, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x3400...0x4DBF,
                0x4E00...0x9FFF:
                return true
            default: return false
            }
        }
    }

    /// Per id: the word's key (nil for a free id).
    private var keys: [Key?] = []
    /// id + 1 per slot; 0 marks an empty slot.
    private var slots: [Int32]
    private var shift: UInt64
    /// Words held.
    private(set) var count = 0

    init() {
        slots = Array(repeating: 0, count: 1024)
        shift = UInt64(64 - 1024.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The id of the word with `key`, or nil.
    func id(of key: Key) -> Int32? {
        let mask = slots.count - 1
        var i = slot(key.hash)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if let k = keys[Int(s - 1)], k.hash == key.hash, Self.sameBytes(k.canonical, key.canonical) { return s - 1 }
            i = (i + 1) & mask
        }
    }

    /// Adds a word that is not in the table under `id` (a new id or one freed by `remove`).
    mutating func insert(_ key: Key, id: Int32) {
        if Int(id) >= keys.count { keys += repeatElement(nil, count: Int(id) + 1 - keys.count) }
        keys[Int(id)] = key
        place(key.hash, id)
        count += 1
        if count * 2 > slots.count { rebuild(size: slots.count * 2) }
    }

    /// Removes the words whose id is in `ids`.
    mutating func remove(_ ids: [Int32]) {
        for id in ids where Int(id) < keys.count && keys[Int(id)] != nil {
            keys[Int(id)] = nil
            count -= 1
        }
        rebuild(size: slots.count)
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == y.count && x.elementsEqual(y) }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// The ids in use, ascending.
    var ids: [Int32] { keys.indices.compactMap { keys[$0] == nil ? nil : Int32($0) } }

    private mutating func place(_ hash: UInt64, _ id: Int32) {
        let mask = slots.count - 1
        var i = slot(hash)
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = id + 1
    }

    private mutating func rebuild(size: Int) {
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (id, key) in keys.enumerated() {
            if let key { place(key.hash, Int32(id)) }
        }
    }
}
