// TokenTrie — a multi-pattern matcher over interned token ids (a hashed trie): matching cost depends on the
// text length and the longest keyword, not on how many keywords the codebook has.

/// Finds every occurrence of many token-key sequences in a token sequence. Immutable after building.
struct TokenTrie: Sendable {
    /// Token key → id. Keys that appear in no pattern are not interned (they can never match).
    private(set) var vocabulary: [KeyBytes: Int32] = [:]
    /// Edge (parent node, token id) → child node. Node 0 is the root.
    private var edges: [Int64: Int32] = [:]
    /// Pattern id ending at each node (nil when none).
    private var terminal: [Int32] = [-1]
    private(set) var lengths: [Int] = []
    private var patternIndex: [[String]: Int] = [:]
    private var maxDepth = 0
    /// One bit per `KeyBytes.quickHash` value of a vocabulary key: a clear bit proves a key is unknown
    /// without the dictionary's hashing (most tokens of a text are in no keyword).
    private var seen = [UInt64](repeating: 0, count: 1024)

    /// Adds `keys` as a pattern (the same sequence twice gets the same id) and returns its id.
    mutating func insert(_ keys: [String]) -> Int {
        if let id = patternIndex[keys] { return id }
        var node: Int32 = 0
        for key in keys {
            let id: Int32
            if let existing = vocabulary[KeyBytes(key)] {
                id = existing
            } else {
                id = Int32(vocabulary.count)
                vocabulary[KeyBytes(key)] = id
                let h = KeyBytes.quickHash(key)
                seen[h >> 6] |= 1 << UInt64(h & 63)
            }
            let edge = Int64(node) << 32 | Int64(id)
            if let child = edges[edge] {
                node = child
            } else {
                let child = Int32(terminal.count)
                terminal.append(-1)
                edges[edge] = child
                node = child
            }
        }
        let pattern = lengths.count
        lengths.append(keys.count)
        terminal[Int(node)] = Int32(pattern)
        patternIndex[keys] = pattern
        maxDepth = max(maxDepth, keys.count)
        return pattern
    }

    /// Token ids of a text's keys; -1 for keys no pattern uses.
    func ids<S: Sequence>(_ keys: S) -> [Int32] where S.Element == String {
        keys.map { key in
            let h = KeyBytes.quickHash(key)
            guard seen[h >> 6] & (1 << UInt64(h & 63)) != 0 else { return -1 }
            return vocabulary[KeyBytes(key)] ?? -1
        }
    }

    /// Every (pattern, start token index) occurrence, by increasing start then length.
    func matches(_ ids: [Int32]) -> [(pattern: Int, start: Int)] {
        var out: [(pattern: Int, start: Int)] = []
        for start in ids.indices where ids[start] >= 0 {
            var node: Int32 = 0
            var i = start
            while i < ids.count, ids[i] >= 0, let child = edges[Int64(node) << 32 | Int64(ids[i])] {
                node = child
                let pattern = terminal[Int(child)]
                if pattern >= 0 { out.append((Int(pattern), start)) }
                i += 1
            }
        }
        return out
    }

    var patternCount: Int { lengths.count }
}

/// A token key compared and hashed by its UTF-8 bytes. Keys are NFKC-normalized and kana-folded by the
/// same code on both sides (codebook keywords and texts), so byte equality is String equality for them;
/// String's own hashing normalizes to NFC on every lookup, which cost ~8% of a run.
struct KeyBytes: Hashable, Sendable {
    let key: String

    init(_ key: String) {
        var key = key
        key.makeContiguousUTF8()
        self.key = key
    }

    /// A 16-bit FNV-1a digest of the key's UTF-8 bytes (a prefilter, not the dictionary hash).
    static func quickHash(_ key: String) -> Int {
        var h: UInt32 = 2_166_136_261
        let done: Bool? = key.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
            return true
        }
        if done == nil {
            for byte in key.utf8 { h = (h ^ UInt32(byte)) &* 16_777_619 }
        }
        return Int((h >> 16) ^ (h & 0xFFFF))
    }

    static func == (a: KeyBytes, b: KeyBytes) -> Bool {
        let fast = a.key.utf8.withContiguousStorageIfAvailable { x in
            b.key.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
        }
        return (fast ?? nil) ?? a.key.utf8.elementsEqual(b.key.utf8)
    }

    func hash(into hasher: inout Hasher) {
        // `init` makes the storage contiguous; the copy is only a fallback and hashes the same bytes.
        if key.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(key.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
