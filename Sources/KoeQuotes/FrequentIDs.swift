// FrequentIDs — the workspace's common-word counters by word number: the same Misra–Gries counts as
// FrequentWords, but a word is a number handed out once per run (WordNumbers), so the many sections an opinion
// is counted towards compare integers in one small table instead of hashes and Strings in five arrays.
import KoeCore

/// Misra–Gries with 256 counters over numbered words (as `FrequentWords`, lazy decrements): the live counters
/// and their counts are at every step those of the eager algorithm. A counter is one table entry holding the
/// word's number, the number of the spelling that started it and its count plus the decrements before it.
struct FrequentIDs: Sendable {
    static let capacity = FrequentWords.capacity

    struct Entry: Sendable {
        /// The word's number (`WordNumbers`); -1: an empty slot.
        var word: Int32
        /// The spelling that started the counter (`WordNumbers.spellings`).
        var spelling: Int32
        /// The count plus the decrements before the counter started (`offset` + count).
        var stored: Int32
        /// The counter's number (0 ..< capacity) as FrequentWords numbers its counters: the lowest one free.
        /// Results list counters in this order before sorting them, as FrequentWords does.
        var index: Int16
    }

    /// The decrements and the entries in use, kept apart from the table so that the counting loop updates them
    /// while it holds the table's buffer.
    struct State: Sendable {
        /// Entries in the table: live counters and counters that died since the last collection (at most `capacity`).
        var used = 0
        /// Decrements so far.
        var offset: Int32 = 0
        /// No live counter stores less than this; a counter may be dead only once `offset >= floor`.
        var floor = Int32.max
        /// The counter numbers held by table entries, one bit each.
        var held: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// Holds the lowest counter number not held (one is free: fewer than `capacity` entries).
        mutating func holdLowest() -> Int16 {
            if ~held.0 != 0 {
                let b = (~held.0).trailingZeroBitCount
                held.0 |= 1 << b
                return Int16(b)
            }
            if ~held.1 != 0 {
                let b = (~held.1).trailingZeroBitCount
                held.1 |= 1 << b
                return Int16(64 + b)
            }
            if ~held.2 != 0 {
                let b = (~held.2).trailingZeroBitCount
                held.2 |= 1 << b
                return Int16(128 + b)
            }
            let b = (~held.3).trailingZeroBitCount
            held.3 |= 1 << b
            return Int16(192 + b)
        }

        /// Frees counter number `n`.
        mutating func release(_ n: Int16) {
            let bit = ~(UInt64(1) << UInt64(n & 63))
            switch n >> 6 {
            case 0: held.0 &= bit
            case 1: held.1 &= bit
            case 2: held.2 &= bit
            default: held.3 &= bit
            }
        }
    }

    /// Open addressing on the word number, 2 × capacity slots.
    private var table = [Entry](repeating: Entry(word: -1, spelling: 0, stored: 0, index: 0), count: 2 * capacity)
    private var state = State()

    /// Counts the words numbered `words[j]` (spellings `spellings[j]`), distinct and in a fixed order.
    mutating func add(_ words: UnsafeBufferPointer<Int32>, spellings: UnsafeBufferPointer<Int32>) {
        var state = self.state
        table.withUnsafeMutableBufferPointer { t in
            for j in 0..<min(words.count, spellings.count) { Self.add(words[j], spellings[j], t, &state) }
        }
        self.state = state
    }

    /// Counts word `word` in spelling `spelling`.
    @inline(__always)
    private static func add(_ word: Int32, _ spelling: Int32, _ t: UnsafeMutableBufferPointer<Entry>, _ s: inout State) {
        var i = find(word, in: t)
        if t[i].word == word {
            if t[i].stored > s.offset {
                t[i].stored += 1
                return
            }
            // Dead since the last collection: the eager algorithm dropped it and now starts it afresh.
            t[i].spelling = spelling
        } else {
            // A new counter while fewer than `capacity` are live, else every counter minus one.
            if s.used == capacity, s.offset >= s.floor {
                collect(t, &s)
                i = find(word, in: t)
            }
            guard s.used < capacity else {
                s.offset += 1
                return
            }
            t[i] = Entry(word: word, spelling: spelling, stored: 0, index: s.holdLowest())
            s.used += 1
        }
        t[i].stored = s.offset + 1
        s.floor = min(s.floor, s.offset + 1)
    }

    /// Drops dead counters from the table and raises `floor` to the live minimum.
    private static func collect(_ t: UnsafeMutableBufferPointer<Entry>, _ s: inout State) {
        withUnsafeTemporaryAllocation(of: Entry.self, capacity: capacity) { live in
            var count = 0
            s.floor = Int32.max
            for e in t where e.word >= 0 {
                if e.stored > s.offset {
                    live[count] = e
                    count += 1
                    s.floor = min(s.floor, e.stored)
                } else {
                    s.release(e.index)
                }
            }
            guard count < s.used else { return }
            s.used = count
            for i in t.indices { t[i].word = -1 }
            for e in live[..<count] { t[find(e.word, in: t)] = e }
        }
    }

    /// The slot of `word`, or the empty slot where it goes.
    @inline(__always)
    private static func find(_ word: Int32, in t: UnsafeMutableBufferPointer<Entry>) -> Int {
        var i = Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: word)) &* 0x9E37_79B9_7F4A_7C15) >> 55)
        while t[i].word >= 0, t[i].word != word { i = (i + 1) & (t.count - 1) }
        return i
    }

    /// The entries in counter-number order: the order FrequentWords lists its counters in before sorting (a sort
    /// by String order lists canonically equal spellings apart in an order that depends on the input order).
    private var inCounterOrder: [Entry] {
        table.filter { $0.word >= 0 }.sorted { $0.index < $1.index }
    }

    /// The live counters (spelling number, count), most frequent first, ties by the spelling: for tests.
    func counters(_ spellings: [String]) -> [(word: String, count: Int)] {
        inCounterOrder.filter { $0.stored > state.offset }.map { (spellings[Int($0.spelling)], Int($0.stored - state.offset)) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.word < $1.word }
    }

    /// The `limit` most frequent words seen at least twice, ties broken by the word (as `FrequentWords.top`).
    func top(_ limit: Int, spellings: [String]) -> [String] {
        inCounterOrder.filter { $0.stored - state.offset >= 2 }
            .sorted { a, b in
                a.stored != b.stored ? a.stored > b.stored : spellings[Int(a.spelling)] < spellings[Int(b.spelling)]
            }
            .prefix(limit).map { spellings[Int($0.spelling)] }
    }
}

/// Numbers for words by their keys (equal keys, one number) and for each word's spellings (distinct bytes), handed
/// out in order of first use. Found by the key's hash in an open-addressing table (no String hashing).
struct WordNumbers: Sendable {
    /// Word number + 1 per slot (0: empty); at most half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    private var canonicals: [String] = []
    /// Per word: its first spelling's number, and the number of the spelling with the canonical form's bytes
    /// (-1 until seen).
    private var firstSpelling: [Int32] = []
    private var canonicalSpelling: [Int32] = []
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
            if hashes[n] == key.hash, FrequentWords.same(canonicals[n], key.canonical) {
                // A plain word is its own key: its spelling is the canonical one, found without comparing bytes.
                if Self.identical(word, key.canonical), canonicalSpelling[n] >= 0 { return (Int32(n), canonicalSpelling[n]) }
                return (Int32(n), spelling(of: word, key: key, in: n))
            }
            i = (i + 1) & mask
        }
        let n = hashes.count
        hashes.append(key.hash)
        canonicals.append(key.canonical)
        firstSpelling.append(Int32(spellings.count))
        canonicalSpelling.append(Self.sameBytes(word, key.canonical) ? Int32(spellings.count) : -1)
        spellings.append(word)
        nextSpelling.append(-1)
        slots[i] = Int32(n + 1)
        if 2 * hashes.count > slots.count { grow() }
        return (Int32(n), firstSpelling[n])
    }

    /// The number of `word`'s bytes among the spellings of word `n`, added when new.
    private mutating func spelling(of word: String, key: WordKey, in n: Int) -> Int32 {
        var s = firstSpelling[n]
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
        if canonicalSpelling[n] < 0, Self.sameBytes(word, key.canonical) { canonicalSpelling[n] = s }
        return s
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for n in hashes.indices {
            var i = Self.slot(hashes[n], mask)
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
