// KeyTable — a hash table from 64-bit keys to non-negative Int32 values for the hot lookups of matching (trie
// edges, interned word ids): open addressing with linear probing and Fibonacci hashing, no per-lookup hashing
// of a Hasher and no references, so a lookup is a multiply, a shift and usually one probe.

/// A map from `UInt64` keys to non-negative `Int32` values, built once and then only read (by any thread).
public struct KeyTable: Sendable {
    @usableFromInline var keys: [UInt64]
    /// The value of each slot; -1 marks an empty slot.
    @usableFromInline var values: [Int32]
    @usableFromInline var shift: UInt64
    public private(set) var count = 0

    /// An empty table with room for `capacity` keys before it grows.
    public init(capacity: Int = 8) {
        var bits: UInt64 = 3
        while (1 << bits) < max(8, capacity * 2) { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: -1, count: 1 << bits)
        shift = 64 - bits
    }

    @inlinable @inline(__always) func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil.
    @inlinable @inline(__always) public subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let value = values[i]
            if value < 0 { return nil }
            if keys[i] == key { return value }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` (≥ 0) for `key`, replacing an earlier value.
    public mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(value >= 0, "KeyTable values are non-negative")
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
        if values[i] < 0 { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 >= 0 }
        self = KeyTable(capacity: keys.count)
        for (key, value) in old { set(key, value) }
    }
}
