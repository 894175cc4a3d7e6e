// TokenTrie — a multi-pattern matcher over interned word ids (a hashed trie): matching cost depends on the text
// length and the longest keyword, not on how many keywords the codebook has. A text word offers its key and its
// dictionary forms; a keyword word may accept several keys (its surface and, when it is not a dictionary form,
// its dictionary forms).
import KoeCore
import KoeText

/// Finds every occurrence of many word-key sequences in a word sequence. Immutable after building.
struct TokenTrie: Sendable {
    /// Key hash (`WordHash`) → id. Keys that appear in no pattern are not interned (they can never match).
    private(set) var vocabulary = KeyTable()
    /// Edge (parent node, word id) → child node. Node 0 is the root.
    private var edges = KeyTable()
    /// Patterns ending at each node.
    private var terminals: [[Int32]] = [[]]
    private(set) var lengths: [Int] = []
    /// Each pattern's keys as inserted.
    private(set) var patternKeys: [[String]] = []
    private var patternIndex: [[String]: Int] = [:]
    /// One bit per low 16 bits of a vocabulary hash: a clear bit proves a key is unknown without the dictionary
    /// lookup (most words of a text are in no keyword).
    private var seen = [UInt64](repeating: 0, count: 1024)

    /// Ids per text word: the key, then up to `DictionaryForms.capacity` dictionary forms (-1 where none).
    static let stride = 1 + DictionaryForms.capacity
    /// Bound on the alternative paths one keyword adds (each word's alternatives multiply).
    static let maxPaths = 64

    /// Adds `keys` as a pattern (the same sequence twice gets the same id) and returns its id. A key may list
    /// alternatives separated by `Tokenizer.alternativeSeparator`.
    mutating func insert(_ keys: [String]) -> Int {
        if let id = patternIndex[keys] { return id }
        let pattern = lengths.count
        lengths.append(keys.count)
        patternKeys.append(keys)
        patternIndex[keys] = pattern
        var paths: [[Int32]] = [[]]
        for key in keys {
            let alternatives = key.split(separator: Tokenizer.alternativeSeparator, omittingEmptySubsequences: false)
            let ids = alternatives.map { intern(WordHash.of(String($0))) }
            var next: [[Int32]] = []
            for path in paths {
                for id in ids where next.count < Self.maxPaths { next.append(path + [id]) }
            }
            paths = next
        }
        for path in paths {
            var node: Int32 = 0
            for id in path {
                let edge = Self.edge(node, id)
                if let child = edges[edge] {
                    node = child
                } else {
                    let child = Int32(terminals.count)
                    terminals.append([])
                    edges.set(edge, child)
                    node = child
                }
            }
            if !terminals[Int(node)].contains(Int32(pattern)) { terminals[Int(node)].append(Int32(pattern)) }
        }
        return pattern
    }

    private mutating func intern(_ hash: UInt64) -> Int32 {
        if let id = vocabulary[hash] { return id }
        let id = Int32(vocabulary.count)
        vocabulary.set(hash, id)
        let h = Int(hash & 0xFFFF)
        seen[h >> 6] |= 1 << UInt64(h & 63)
        return id
    }

    @inline(__always) private func id(_ hash: UInt64) -> Int32 {
        let h = Int(hash & 0xFFFF)
        guard seen[h >> 6] & (1 << UInt64(h & 63)) != 0 else { return -1 }
        return vocabulary[hash] ?? -1
    }

    /// Word ids of a text, `stride` per word: the key's id, then its dictionary forms' ids; -1 for unknown.
    func ids(_ text: TokenizedText) -> [Int32] {
        let buffer = idBuffer(text)
        defer { buffer.deallocate() }
        return Array(buffer)
    }

    /// `ids(text)` in a buffer the caller deallocates (no closure: a closure would copy the whole trie).
    private func idBuffer(_ text: TokenizedText) -> UnsafeMutableBufferPointer<Int32> {
        let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: text.tokens.count * Self.stride)
        buffer.initialize(repeating: -1)
        for (i, token) in text.tokens.enumerated() {
            buffer[i * Self.stride] = id(token.keyHash)
            for f in 0..<token.forms.count { buffer[i * Self.stride + 1 + f] = id(token.forms[f].hash) }
        }
        return buffer
    }

    /// Ids of plain keys, one per key (`stride` 1); -1 for keys no pattern uses.
    func ids<S: Sequence>(_ keys: S) -> [Int32] where S.Element == String {
        keys.map { id(WordHash.of($0)) }
    }

    /// Every (pattern, start word index) occurrence, by increasing start then length. `ids` holds `stride`
    /// alternatives per word.
    func matches(_ ids: [Int32], stride: Int = 1) -> [(pattern: Int, start: Int)] {
        ids.withUnsafeBufferPointer { matches($0, stride: stride) }
    }

    /// Every occurrence in a text's words (their keys and dictionary forms), as `matches(ids(text), stride:)`.
    func matches(in text: TokenizedText) -> [(pattern: Int, start: Int)] {
        let ids = idBuffer(text)
        defer { ids.deallocate() }
        return matches(UnsafeBufferPointer(ids), stride: Self.stride)
    }

    /// `matches(_:stride:)` over ids in a buffer.
    func matches(_ ids: UnsafeBufferPointer<Int32>, stride: Int) -> [(pattern: Int, start: Int)] {
        var out: [(pattern: Int, start: Int)] = []
        let n = ids.count / stride
        for start in 0..<n {
            var any = false
            for a in 0..<stride where ids[start * stride + a] >= 0 { any = true }
            guard any else { continue }
            let first = out.count
            walk(ids, stride, n, node: 0, at: start, start: start, into: &out)
            if out.count - first > 1 {
                // Alternatives can reach one pattern twice, and paths interleave lengths: sort and dedupe.
                var found = Array(out[first...])
                out.removeSubrange(first...)
                found.sort { (lengths[$0.pattern], $0.pattern) < (lengths[$1.pattern], $1.pattern) }
                for (k, m) in found.enumerated() where k == 0 || found[k - 1].pattern != m.pattern { out.append(m) }
            }
        }
        return out
    }

    private func walk(
        _ ids: UnsafeBufferPointer<Int32>, _ stride: Int, _ n: Int, node: Int32, at i: Int, start: Int,
        into out: inout [(pattern: Int, start: Int)]
    ) {
        guard i < n else { return }
        for a in 0..<stride {
            let id = ids[i * stride + a]
            guard id >= 0, let child = edges[Self.edge(node, id)] else { continue }
            for p in terminals[Int(child)] { out.append((Int(p), start)) }
            walk(ids, stride, n, node: child, at: i + 1, start: start, into: &out)
        }
    }

    var patternCount: Int { lengths.count }

    /// The edge key of (parent node, word id).
    @inline(__always) private static func edge(_ node: Int32, _ id: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
    }
}
