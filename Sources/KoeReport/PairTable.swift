// PairTable — an open-addressing hash table from a word-pair key (two 32-bit word ids) to a count: the
// co-occurrence builder's hot path, several times faster than a generic Dictionary for this one job. Key and
// count share one slot (one cache line to fetch per pair: the table outgrows the caches at 100,000 opinions).

/// Counts per pair key. Keys are never 0 (a pair is `a << 32 | b` with a < b, so b ≥ 1); 0 marks an
/// empty slot. Linear probing, Fibonacci hashing, doubling at half load; removal rebuilds the table.
struct PairTable: Sendable {
    /// A pair key and its count.
    private struct Slot {
        var key: UInt64 = 0
        var value: Int32 = 0
    }

    private var slots: [Slot]
    private var shift: UInt64
    /// Pairs held.
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Adds one to `key`'s count.
    mutating func increment(_ key: UInt64) {
        let start = slot(key)
        let inserted = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            let mask = slots.count - 1
            var i = start
            while true {
                let k = slots[i].key
                if k == key {
                    slots[i].value += 1
                    return false
                }
                if k == 0 {
                    slots[i] = Slot(key: key, value: 1)
                    return true
                }
                i = (i + 1) & mask
            }
        }
        if inserted {
            count += 1
            if count * 2 > slots.count { grow() }
        }
    }

    /// The count of `key` (0 when absent).
    func count(of key: UInt64) -> Int32 {
        let mask = slots.count - 1
        var i = slot(key)
        while true {
            let k = slots[i].key
            if k == key { return slots[i].value }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Every pair and its count, in slot order (callers sort what they keep).
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for s in slots where s.key != 0 { body(s.key, s.value) }
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
        let mask = slots.count - 1
        var i = slot(key)
        while slots[i].key != 0 { i = (i + 1) & mask }
        slots[i] = Slot(key: key, value: value)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        shift -= 1
        count = 0
        for s in old where s.key != 0 { insert(s.key, s.value) }
    }
}
