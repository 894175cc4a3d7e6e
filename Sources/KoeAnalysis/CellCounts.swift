// CellCounts — the word list's sums per (word id, cell): a dense matrix while words × cells stays small, an
// open-addressing table beyond; and that table (`CountTable`).

/// Frequency << 32 | opinions per (word id, cell). While words × cells stays within `denseLimit` sums they sit in a
/// matrix, one row of `stride` cells per word: an update is a multiply-add into a few megabytes that stay in the
/// cache (the hashed table took one random probe, usually a cache miss, per word × cell, and held each sum with
/// its key in twice the slots). A vocabulary too large for the matrix moves once into a `CountTable`.
struct CellCounts {
    /// Most sums the matrix holds (by default 8 MiB): beyond, the table (sized by the sums present) is smaller.
    let denseLimit: Int
    /// Row-major: the sum of (word `id`, `cell`) is `dense[id * stride + cell]`; rows `0..<capacity`.
    private var dense: [UInt64] = []
    /// Cells per row, a power of two.
    private var stride = 16
    /// Rows allocated, and rows that may hold sums (the largest vocabulary met).
    private var capacity = 0
    private var used = 0
    /// Set once the matrix would pass `denseLimit`.
    private var table: CountTable?

    init(denseLimit: Int = 1 << 20) { self.denseLimit = denseLimit }

    /// Adds `counts[k] << 32 | 1` to the sum of (`words[k]`, cell) for every cell of `cells`: each of an opinion's
    /// distinct words, with how often it occurs, into each cell the opinion counts in. Every id in `words` is below
    /// `vocabulary`; cells are below 2^24.
    mutating func add(words: [Int32], counts: [Int32], cells: [Int], vocabulary: Int) {
        if table == nil { fit(rows: vocabulary, cells: 1 + (cells.max() ?? 0)) }
        let stride = stride
        words.withUnsafeBufferPointer { words in
            counts.withUnsafeBufferPointer { counts in
                cells.withUnsafeBufferPointer { cells in
                    if table != nil {
                        for k in words.indices {
                            let amount = UInt64(counts[k]) << 32 | 1
                            for cell in cells { table!.add(UInt64(words[k]) << 24 | UInt64(cell), amount) }
                        }
                        return
                    }
                    dense.withUnsafeMutableBufferPointer { d in
                        for k in words.indices {
                            let amount = UInt64(counts[k]) << 32 | 1
                            let row = Int(words[k]) &* stride
                            for cell in cells { d[row &+ cell] &+= amount }
                        }
                    }
                }
            }
        }
    }

    /// The sum of (`id`, `cell`) (0 when never added).
    subscript(id id: Int, cell cell: Int) -> UInt64 {
        if let table { return table[UInt64(id) << 24 | UInt64(cell)] }
        return id < capacity && cell < stride ? dense[id * stride + cell] : 0
    }

    /// Every (id, cell) added to, with its sum: by id then cell in the matrix, in table order in the table.
    func forEach(_ body: (_ id: Int, _ cell: Int, _ sum: UInt64) -> Void) {
        if let table {
            table.forEach { key, sum in body(Int(key >> 24), Int(key & 0xFF_FFFF), sum) }
            return
        }
        dense.withUnsafeBufferPointer { d in
            for id in 0..<used {
                for cell in 0..<stride where d[id * stride + cell] != 0 { body(id, cell, d[id * stride + cell]) }
            }
        }
    }

    /// Room for `rows` words and `cells` cells in the matrix, or the move to the table when that passes the limit.
    private mutating func fit(rows: Int, cells: Int) {
        var newStride = stride
        while newStride < cells { newStride *= 2 }
        let rows = max(rows, used)
        if rows <= capacity && newStride == stride {
            used = rows
            return
        }
        if rows * newStride > denseLimit {
            moveToTable()
            return
        }
        // Rows grow by doubling, within the limit; `rows * newStride` fits, so the capacity is at least `rows`.
        let newCapacity = min(max(rows, capacity * 2, 1_024), denseLimit / newStride)
        if newStride == stride {
            dense.append(contentsOf: repeatElement(0, count: (newCapacity - capacity) * stride))
        } else {
            var wider = [UInt64](repeating: 0, count: newCapacity * newStride)
            for id in 0..<used {
                for cell in 0..<stride { wider[id * newStride + cell] = dense[id * stride + cell] }
            }
            dense = wider
            stride = newStride
        }
        capacity = newCapacity
        used = rows
    }

    private mutating func moveToTable() {
        var moved = CountTable()
        forEach { id, cell, sum in moved.add(UInt64(id) << 24 | UInt64(cell), sum) }
        table = moved
        dense = []
        capacity = 0
        used = 0
    }
}

/// Sums per 64-bit key (word id << 24 | cell) in an open-addressing table: a multiply and usually one probe an
/// update, where a `Dictionary` hashed every key with SipHash (the word counts' share of a run's time). A key and its
/// sum sit side by side, so a probe of the large table touches one cache line, not two.
struct CountTable {
    private struct Slot {
        var key: UInt64
        var sum: UInt64
    }

    private static let empty = UInt64.max
    private var slots = [Slot](repeating: Slot(key: CountTable.empty, sum: 0), count: 1 << 10)
    private var shift: UInt64 = 54
    private(set) var count = 0

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Adds `amount` to `key`'s sum (which starts at 0). `key` must not be `UInt64.max`.
    mutating func add(_ key: UInt64, _ amount: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = slot(key)
        while slots[i].key != Self.empty && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key == Self.empty {
            slots[i].key = key
            count += 1
        }
        slots[i].sum &+= amount
    }

    /// `key`'s sum (0 when never added).
    subscript(key: UInt64) -> UInt64 {
        let mask = slots.count - 1
        var i = slot(key)
        while slots[i].key != Self.empty {
            if slots[i].key == key { return slots[i].sum }
            i = (i + 1) & mask
        }
        return 0
    }

    /// Every key and its sum, in table order.
    func forEach(_ body: (UInt64, UInt64) -> Void) {
        for s in slots where s.key != Self.empty { body(s.key, s.sum) }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: Self.empty, sum: 0), count: old.count * 2)
        shift -= 1
        count = 0
        for s in old where s.key != Self.empty { add(s.key, s.sum) }
    }
}
