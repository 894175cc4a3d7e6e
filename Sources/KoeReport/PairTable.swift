// PairTable — an open-addressing hash table from a word-pair key (two 32-bit word ids) to a count: the
// co-occurrence builder's hot path, several times faster than a generic Dictionary for this one job.

/// Counts per pair key. Keys are never 0 (a pair is `a << 32 | b` with a < b, so b ≥ 1); 0 marks an
/// empty slot. Linear probing, Fibonacci hashing, doubling at half load; removal rebuilds the table.
struct PairTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    /// Pairs held.
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Adds one to `key`'s count.
    mutating func increment(_ key: UInt64) {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key {
                values[i] += 1
                return
            }
            if k == 0 {
                keys[i] = key
                values[i] = 1
                count += 1
                if count * 2 > keys.count { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// The count of `key` (0 when absent).
    func count(of key: UInt64) -> Int32 {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Every pair and its count, in slot order (callers sort what they keep).
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], values[i]) }
    }

    /// Every count (for choosing a pruning floor).
    var counts: [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(count)
        forEach { _, v in out.append(v) }
        return out
    }

    /// Keeps only the pairs for which `keep` is true.
    mutating func filter(_ keep: (UInt64, Int32) -> Bool) {
        var next = PairTable(minimumCapacity: max(count, 512))
        forEach { k, v in
            if keep(k, v) { next.insert(k, v) }
        }
        self = next
    }

    private mutating func insert(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { insert(oldKeys[i], oldValues[i]) }
    }
}
