// WordTable — word → word id for the co-occurrence builder: open addressing on a 64-bit hash of the word's
// scalars (of its NFC form), so a lookup costs no String hashing (which normalizes every non-ASCII string);
// words are equal when String equality (canonical equivalence) says so, as in a Dictionary keyed by String.
import Foundation
import KoeCore

/// Word ids by word, with ids handed out by the caller (0, 1, 2… and reused after `remove`).
struct WordTable: Sendable {
    /// A word in the form the table compares: its NFC form and that form's hash.
    typealias Key = WordKey

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
            if let k = keys[Int(s - 1)], k.hash == key.hash, WordKey.sameBytes(k.canonical, key.canonical) { return s - 1 }
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
