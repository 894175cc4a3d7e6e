// FrequentWords — an area's (or a workspace section's) most common informative words in bounded memory:
// Misra–Gries counters found by the words' keys, with lazy decrements. Quote pools and the workspace count with it.
import KoeCore

/// The most frequent words of a stream in bounded memory (Misra–Gries with 256 counters): every word whose
/// share exceeds 1/256 is kept, and counts are exact up to the number of decrements. Deterministic. The
/// counters are found by the words' keys in a small open-addressing table (no String hashing).
///
/// Decrements are lazy: a counter stores its count plus the number of decrements so far (`offset`), so
/// "every counter minus one" is `offset += 1`; a counter whose stored value has fallen to `offset` is dead.
/// Dead counters are collected (and their keys dropped from the table) only when a new word needs a counter
/// and one may have died (`offset` reached `floor`, a lower bound of the live counters' stored values).
/// The live words and their counts are at every step those of the eager algorithm.
struct FrequentWords: Sendable {
    static let capacity = 256
    /// Per counter: the word's key, the word as first counted, and its count plus the decrements before it.
    private var keys: [WordKey] = []
    /// `keys[n].hash`, compared first while probing.
    private var hashes: [UInt64] = []
    private var words: [String] = []
    private var stored: [Int] = []
    /// Counter index + 1 per slot (0: empty); 4 × capacity = 2^10 slots. Holds live counters and counters
    /// that died since the last collection, never the collected ones (`free`).
    private var slots = [Int16](repeating: 0, count: 4 * capacity)
    /// Decrements so far.
    private var offset = 0
    /// No live counter stores less than this; a counter may be dead only once `offset >= floor`.
    private var floor = Int.max
    /// Collected dead counters, ready for new words.
    private var free: [Int] = []

    /// `words`: distinct and in a fixed order (the counters depend on the order); `keys`: theirs.
    mutating func add(_ words: [String], keys: [WordKey]) {
        // Read in place: a copy of each key (and word) would retain and release its String.
        keys.withUnsafeBufferPointer { keys in
            words.withUnsafeBufferPointer { words in
                for j in 0..<min(words.count, keys.count) { add(words, keys, j) }
            }
        }
    }

    /// Counts `words[j]` (key `keys[j]`).
    @inline(__always)
    private mutating func add(_ words: UnsafeBufferPointer<String>, _ keys: UnsafeBufferPointer<WordKey>, _ j: Int) {
        let hash = keys[j].hash
        var i = Self.slot(hash)
        // The key's counter or the empty slot where it goes: hashes first, bytes only when they agree.
        while slots[i] != 0 {
            let n = Int(slots[i]) - 1
            if hashes[n] == hash, Self.same(self.keys[n].canonical, keys[j].canonical) { break }
            i = (i + 1) & (slots.count - 1)
        }
        if slots[i] != 0 {
            let n = Int(slots[i]) - 1
            if stored[n] > offset {
                stored[n] += 1
            } else {
                // Dead since the last collection: the eager algorithm dropped it and now starts it afresh,
                // which it can (this very counter is free, so fewer than `capacity` are live).
                self.words[n] = words[j]
                start(n)
            }
        } else if let n = freeCounter() {
            self.keys[n] = keys[j]
            hashes[n] = hash
            self.words[n] = words[j]
            start(n)
            // Collecting may have rebuilt the table: find the key's empty slot again.
            i = Self.slot(hash)
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = Int16(n + 1)
        } else if stored.count < Self.capacity {
            self.keys.append(keys[j])
            hashes.append(hash)
            self.words.append(words[j])
            stored.append(0)
            start(stored.count - 1)
            slots[i] = Int16(stored.count)
        } else {
            offset += 1
        }
    }

    /// Counter `n` counts one.
    @inline(__always)
    private mutating func start(_ n: Int) {
        stored[n] = offset + 1
        floor = min(floor, offset + 1)
    }

    /// A collected dead counter, collecting when one may have died; nil while the counters have not all been
    /// used once (new ones are appended then) or every counter is live.
    private mutating func freeCounter() -> Int? {
        if free.isEmpty, stored.count == Self.capacity, offset >= floor { collect() }
        return free.popLast()
    }

    /// Moves dead counters to `free`, drops their keys from the table and raises `floor` to the live minimum.
    private mutating func collect() {
        floor = Int.max
        for n in stored.indices {
            if stored[n] <= offset { free.append(n) } else { floor = min(floor, stored[n]) }
        }
        guard !free.isEmpty else { return }
        // Reversed so that `popLast` hands out the lowest index first.
        free.reverse()
        slots = [Int16](repeating: 0, count: slots.count)
        for n in stored.indices where stored[n] > offset {
            var i = Self.slot(hashes[n])
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = Int16(n + 1)
        }
    }

    /// Byte equality of two canonical (NFC) forms, for which String equality is byte equality: equal short words
    /// are small strings with the same bits, which `==` compares first; longer ones are compared by their bytes.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count <= 15 ? a == b : WordKey.sameBytes(a, b)
    }

    @inline(__always)
    private static func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 54) }

    /// The live counters (word, count), most frequent first, ties by the word: for tests against the eager form.
    var counters: [(word: String, count: Int)] {
        stored.indices.filter { stored[$0] > offset }.map { (words[$0], stored[$0] - offset) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.word < $1.word }
    }

    /// The `limit` most frequent words seen at least twice, ties broken by the word.
    func top(_ limit: Int) -> [String] {
        stored.indices.filter { stored[$0] - offset >= 2 }
            .sorted {
                let (a, b) = (stored[$0], stored[$1])
                return a != b ? a > b : words[$0] < words[$1]
            }
            .prefix(limit).map { words[$0] }
    }
}
