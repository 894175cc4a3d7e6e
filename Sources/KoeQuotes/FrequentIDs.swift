// FrequentIDs — the workspace's common-word counters by word number: the same Misra–Gries counts as
// FrequentWords, but a word is a number handed out once per run (WordNumbers), so the many sections an opinion
// is counted towards compare integers in one small table instead of hashes and Strings in five arrays.
import KoeCore

/// Misra–Gries with 256 counters over numbered words (as `FrequentWords`, lazy decrements): the live counters
/// and their counts are at every step those of the eager algorithm, and counters are numbered as FrequentWords
/// numbers them (a new one takes the lowest number free), which is the order results are listed in before sorting.
///
/// One Int32 array holds a table of 4 × capacity slots (0: empty, -1: deleted, n + 1: counter n), found by the
/// word's number, and then per counter its word's number (-1: free), the spelling that started it and its count
/// plus the decrements before it (`offset` + count).
struct FrequentIDs: Sendable {
    static let capacity = FrequentWords.capacity
    private static let slotCount = 4 * capacity

    /// The decrements and the counters in use, kept apart from the table so that the counting loop updates them
    /// while it holds the table's buffer.
    struct State: Sendable {
        /// Counters holding a word: live ones and ones that died since the last collection.
        var used = 0
        /// Decrements so far.
        var offset: Int32 = 0
        /// No live counter stores less than this; a counter may be dead only once `offset >= floor`.
        var floor = Int32.max
        /// Deleted slots in the table.
        var deleted = 0
        /// The counter numbers in use, one bit each.
        var held: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// Takes the lowest counter number not in use (there is one: fewer than `capacity` are).
        @inline(__always)
        mutating func holdLowest() -> Int {
            if ~held.0 != 0 {
                let b = (~held.0).trailingZeroBitCount
                held.0 |= 1 << b
                return b
            }
            if ~held.1 != 0 {
                let b = (~held.1).trailingZeroBitCount
                held.1 |= 1 << b
                return 64 + b
            }
            if ~held.2 != 0 {
                let b = (~held.2).trailingZeroBitCount
                held.2 |= 1 << b
                return 128 + b
            }
            let b = (~held.3).trailingZeroBitCount
            held.3 |= 1 << b
            return 192 + b
        }

        /// Frees counter number `n`.
        mutating func release(_ n: Int) {
            let bit = ~(UInt64(1) << UInt64(n & 63))
            switch n >> 6 {
            case 0: held.0 &= bit
            case 1: held.1 &= bit
            case 2: held.2 &= bit
            default: held.3 &= bit
            }
        }
    }

    private var store: [Int32] = {
        var store = [Int32](repeating: 0, count: slotCount + 3 * capacity)
        for n in 0..<capacity { store[slotCount + 3 * n] = -1 }
        return store
    }()
    private var state = State()

    /// Counts the words numbered `words[j]` (spellings `spellings[j]`), distinct and in a fixed order.
    mutating func add(_ words: UnsafeBufferPointer<Int32>, spellings: UnsafeBufferPointer<Int32>) {
        var state = self.state
        store.withUnsafeMutableBufferPointer { t in
            guard let t = t.baseAddress else { return }
            for j in 0..<min(words.count, spellings.count) { Self.add(words[j], spellings[j], t, &state) }
        }
        self.state = state
    }

    /// Counts word `word` in spelling `spelling`.
    @inline(__always)
    private static func add(_ word: Int32, _ spelling: Int32, _ t: UnsafeMutablePointer<Int32>, _ s: inout State) {
        let c = t + slotCount
        var i = slot(word)
        var at = -1
        while t[i] != 0 {
            if t[i] > 0 {
                let n = 3 * Int(t[i] - 1)
                if c[n] == word {
                    if c[n + 2] > s.offset {
                        c[n + 2] += 1
                    } else {
                        // Dead since the last collection: the eager algorithm dropped it and now starts it afresh.
                        c[n + 1] = spelling
                        c[n + 2] = s.offset + 1
                        s.floor = min(s.floor, s.offset + 1)
                    }
                    return
                }
            } else if at < 0 {
                at = i
            }
            i = (i + 1) & (slotCount - 1)
        }
        // A new counter while fewer than `capacity` are live, else every counter minus one.
        if s.used == capacity, s.offset >= s.floor {
            collect(t, &s)
            // The word is not in the table: it goes in the first slot on its path that holds no counter.
            at = slot(word)
            while t[at] > 0 { at = (at + 1) & (slotCount - 1) }
        }
        guard s.used < capacity else {
            s.offset += 1
            return
        }
        if at < 0 { at = i }
        let n = s.holdLowest()
        c[3 * n] = word
        c[3 * n + 1] = spelling
        c[3 * n + 2] = s.offset + 1
        s.used += 1
        s.floor = min(s.floor, s.offset + 1)
        if t[at] < 0 { s.deleted -= 1 }
        t[at] = Int32(n + 1)
    }

    /// Frees the dead counters (their slots marked deleted), raises `floor` to the live minimum, and rebuilds the
    /// table once deleted slots would make it more than half full.
    private static func collect(_ t: UnsafeMutablePointer<Int32>, _ s: inout State) {
        let c = t + slotCount
        s.floor = Int32.max
        for n in 0..<capacity where c[3 * n] >= 0 {
            if c[3 * n + 2] > s.offset {
                s.floor = min(s.floor, c[3 * n + 2])
                continue
            }
            var i = slot(c[3 * n])
            while t[i] != Int32(n + 1) { i = (i + 1) & (slotCount - 1) }
            t[i] = -1
            s.deleted += 1
            c[3 * n] = -1
            s.release(n)
            s.used -= 1
        }
        guard s.deleted > capacity else { return }
        for i in 0..<slotCount { t[i] = 0 }
        for n in 0..<capacity where c[3 * n] >= 0 {
            var i = slot(c[3 * n])
            while t[i] != 0 { i = (i + 1) & (slotCount - 1) }
            t[i] = Int32(n + 1)
        }
        s.deleted = 0
    }

    @inline(__always)
    private static func slot(_ word: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: word)) &* 0x9E37_79B9_7F4A_7C15) >> 54)
    }

    /// The live counters in counter-number order: (spelling number, stored).
    private var live: [(spelling: Int, stored: Int32)] {
        (0..<Self.capacity).compactMap { n in
            let base = Self.slotCount + 3 * n
            return store[base] >= 0 && store[base + 2] > state.offset ? (Int(store[base + 1]), store[base + 2]) : nil
        }
    }

    /// The live counters (word, count), most frequent first, ties by the word: for tests against the eager form.
    func counters(_ spellings: [String]) -> [(word: String, count: Int)] {
        live.map { (spellings[$0.spelling], Int($0.stored - state.offset)) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.word < $1.word }
    }

    /// The `limit` most frequent words seen at least twice, ties broken by the word (as `FrequentWords.top`).
    func top(_ limit: Int, spellings: [String]) -> [String] {
        live.filter { $0.stored - state.offset >= 2 }
            .sorted { a, b in a.stored != b.stored ? a.stored > b.stored : spellings[a.spelling] < spellings[b.spelling] }
            .prefix(limit).map { spellings[$0.spelling] }
    }
}

/// Numbers for words by their keys (equal keys, one number) and for each word's spellings (distinct bytes), handed
/// out in order of first use. Found by the key's hash in an open-addressing table (no String hashing).
struct WordNumbers: Sendable {
    /// One numbered word: its key's hash and canonical form, its first spelling's number and the number of the
    /// spelling with the canonical form's bytes (-1 until seen), side by side (one cache line per lookup).
    private struct Word: Sendable {
        var hash: UInt64
        var canonical: String
        var firstSpelling: Int32
        var canonicalSpelling: Int32
    }

    /// Word number + 1 per slot (0: empty); at most half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var words: [Word] = []
    /// Every spelling seen, by number.
    private(set) var spellings: [String] = []
    /// Per spelling: the next spelling of the same word (-1: none).
    private var nextSpelling: [Int32] = []

    /// The numbers of `word` (key `key`) and of its spelling.
    mutating func number(_ word: String, key: WordKey) -> (word: Int32, spelling: Int32) {
        let mask = slots.count - 1
        var i = Self.slot(key.hash, mask)
        while slots[i] != 0 {
            let n = Int(slots[i]) - 1
            if words[n].hash == key.hash, FrequentWords.same(words[n].canonical, key.canonical) {
                // A plain word is its own key: its spelling is the canonical one, found without comparing bytes.
                let known = words[n].canonicalSpelling
                if known >= 0, Self.identical(word, key.canonical) { return (Int32(n), known) }
                return (Int32(n), spelling(of: word, key: key, in: n))
            }
            i = (i + 1) & mask
        }
        let n = words.count
        let first = Int32(spellings.count)
        words.append(
            Word(
                hash: key.hash, canonical: key.canonical, firstSpelling: first,
                canonicalSpelling: Self.sameBytes(word, key.canonical) ? first : -1))
        spellings.append(word)
        nextSpelling.append(-1)
        slots[i] = Int32(n + 1)
        if 2 * words.count > slots.count { grow() }
        return (Int32(n), first)
    }

    /// The number of `word`'s bytes among the spellings of word `n`, added when new.
    private mutating func spelling(of word: String, key: WordKey, in n: Int) -> Int32 {
        var s = words[n].firstSpelling
        while !Self.sameBytes(spellings[Int(s)], word) {
            guard nextSpelling[Int(s)] >= 0 else {
                let added = Int32(spellings.count)
                spellings.append(word)
                nextSpelling.append(-1)
                nextSpelling[Int(s)] = added
                s = added
                break
            }
            s = nextSpelling[Int(s)]
        }
        if words[n].canonicalSpelling < 0, Self.sameBytes(word, key.canonical) { words[n].canonicalSpelling = s }
        return s
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for n in words.indices {
            var i = Self.slot(words[n].hash, mask)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(n + 1)
        }
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// True when `a` and `b` are the same String value (equal bits: the same small string, or the same storage),
    /// which implies the same bytes; false says nothing.
    @inline(__always)
    static func identical(_ a: String, _ b: String) -> Bool {
        let (x, y) = (unsafeBitCast(a, to: (UInt64, UInt64).self), unsafeBitCast(b, to: (UInt64, UInt64).self))
        return x.0 == y.0 && x.1 == y.1
    }

    /// Byte equality, at once for identical values.
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool { identical(a, b) || WordKey.sameBytes(a, b) }
}
