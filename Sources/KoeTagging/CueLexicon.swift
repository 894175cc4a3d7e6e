// CueLexicon — a cue list (label, cue) compiled into a trie over folded UTF-16 units, so all cues are found
// in one pass over the text.
import Foundation
import KoeCore
import KoeText

struct CueLexicon: Sendable {
    struct Hit: Equatable {
        var cue: Int
        var start: Int
        var end: Int
    }

    private(set) var labels: [String] = []
    private(set) var texts: [String] = []
    private var anchored: [Bool] = []
    private var weak: [Bool] = []
    /// Cues marked `strong`: they override the type a question asks for (see OpinionClassifier).
    private var strong: [Bool] = []
    private var lengths: [Int] = []
    private var rank: [String: Int] = [:]
    /// `rank` of each cue's label, looked up once when the cue is loaded (99 when the label has none).
    private var cueRank: [Int] = []
    /// Edge (parent node << 16 | UTF-16 unit) → child node.
    private var edges = KeyTable()
    /// Cue ids ending at each node, indexed by node (nodes are numbered densely from the root, 0).
    private var terminals: [[Int]] = [[]]
    /// The same flattened for the walk: node k's cues are `ending[endStart[k]..<endStart[k + 1]]`, each id
    /// shifted left once with the low bit set for an anchored cue (no nested array, no second table read).
    private var endStart: [Int32] = []
    private var ending: [Int32] = []
    /// True for the nodes where some cue ends (the walk reads `terminals` only there).
    private var isEnd: [Bool] = [false]
    private var nodeCount: Int32 = 1
    /// Bit per UTF-16 unit: set when some cue starts with that unit (most text positions start none, and
    /// this spares them a dictionary lookup).
    private var starts = [UInt64](repeating: 0, count: 1024)
    /// Bit per UTF-16 unit that is a whole cue by itself, and bit per hash of a cue's first two units: a position
    /// whose unit starts a cue but whose first two units begin none (て followed by anything but a cue's next
    /// unit) is skipped without walking the trie.
    private var singles = [UInt64](repeating: 0, count: 1024)
    private var pairs = [UInt64](repeating: 0, count: 1024)

    var count: Int { texts.count }

    init(_ tsv: String, rank order: [String], normalizer: Normalizer) {
        for (i, label) in order.enumerated() { rank[label] = i }
        for line in tsv.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else { continue }
            var cue = fields[1]
            let isAnchored = cue.hasSuffix("$")
            if isAnchored { cue.removeLast() }
            // {n} matches any digit run; a year is a digit run too.
            var variants: [[UInt16]] = [[]]
            var rest = Substring(cue)
            while !rest.isEmpty {
                if rest.hasPrefix("{n}") {
                    variants = variants.flatMap { [$0 + [CueHaystack.number], $0 + [CueHaystack.year]] }
                    rest = rest.dropFirst(3)
                } else if rest.hasPrefix("{year}") {
                    variants = variants.map { $0 + [CueHaystack.year] }
                    rest = rest.dropFirst(6)
                } else {
                    let next = rest.firstIndex(of: "{") ?? rest.endIndex
                    let literal = CueHaystack(
                        normalizer.normalize(String(rest[rest.startIndex..<(next == rest.startIndex ? rest.index(after: next) : next)]))
                    ).units
                    variants = variants.map { $0 + literal }
                    rest = next == rest.startIndex ? rest.dropFirst() : rest[next...]
                }
            }
            let id = texts.count
            labels.append(fields[0])
            cueRank.append(rank[fields[0]] ?? 99)
            texts.append(fields[1])
            anchored.append(isAnchored)
            let mark = fields.count >= 3 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
            weak.append(mark == "weak")
            strong.append(mark == "strong")
            lengths.append(variants.first?.count ?? 0)
            for units in variants where !units.isEmpty { insert(units, id) }
        }
        for node in terminals.indices {
            endStart.append(Int32(ending.count))
            for id in terminals[node] { ending.append(Int32(id) << 1 | (anchored[id] ? 1 : 0)) }
        }
        endStart.append(Int32(ending.count))
    }

    @inline(__always) private static func isSet(_ bits: [UInt64], _ i: Int) -> Bool {
        bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always) private static func pair(_ a: UInt16, _ b: UInt16) -> Int {
        Int((UInt32(a) &* 40503 ^ UInt32(b)) & 0xFFFF)
    }

    private mutating func insert(_ units: [UInt16], _ id: Int) {
        if let first = units.first { starts[Int(first >> 6)] |= 1 << UInt64(first & 63) }
        if units.count == 1 {
            singles[Int(units[0] >> 6)] |= 1 << UInt64(units[0] & 63)
        } else if units.count >= 2 {
            let p = Self.pair(units[0], units[1])
            pairs[p >> 6] |= 1 << UInt64(p & 63)
        }
        var node: Int32 = 0
        for u in units {
            let edge = UInt64(node) << 16 | UInt64(u)
            if let child = edges[edge] {
                node = child
            } else {
                edges.set(edge, nodeCount)
                node = nodeCount
                nodeCount += 1
                terminals.append([])
                isEnd.append(false)
            }
        }
        terminals[Int(node)].append(id)
        isEnd[Int(node)] = true
    }

    /// Every cue occurrence (anchored cues only when they end the text), in text order. The tables are read
    /// through buffer pointers (no bounds check or retain per text position).
    func hits(in haystack: CueHaystack) -> [Hit] {
        var out: [Hit] = []
        haystack.units.withUnsafeBufferPointer { units in
            starts.withUnsafeBufferPointer { starts in
                singles.withUnsafeBufferPointer { singles in
                    pairs.withUnsafeBufferPointer { pairs in
                        isEnd.withUnsafeBufferPointer { isEnd in
                            endStart.withUnsafeBufferPointer { endStart in
                                ending.withUnsafeBufferPointer { ending in
                                    let cues = Ends(isEnd: isEnd, start: endStart, ids: ending)
                                    for start in units.indices where Self.isSet(starts, Int(units[start])) {
                                        if !Self.isSet(singles, Int(units[start])) {
                                            guard start + 1 < units.count,
                                                Self.isSet(pairs, Self.pair(units[start], units[start + 1]))
                                            else { continue }
                                        }
                                        walk(units, from: start, cues, haystack.effectiveEnd, into: &out)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The cues that start at `start`: the trie walked along the units from there.
    @inline(__always)
    private func walk(
        _ units: UnsafeBufferPointer<UInt16>, from start: Int, _ cues: Ends, _ effectiveEnd: Int, into out: inout [Hit]
    ) {
        var node: Int32 = 0
        var i = start
        while i < units.count, let child = edges[UInt64(node) << 16 | UInt64(units[i])] {
            node = child
            i += 1
            guard cues.isEnd[Int(node)] else { continue }
            for k in Int(cues.start[Int(node)])..<Int(cues.start[Int(node) + 1]) {
                let cue = cues.ids[k]
                if cue & 1 == 0 || i == effectiveEnd { out.append(Hit(cue: Int(cue >> 1), start: start, end: i)) }
            }
        }
    }

    /// The walk's tables, read through buffer pointers: where cues end, and which (see `endStart`, `ending`).
    private struct Ends {
        let isEnd: UnsafeBufferPointer<Bool>
        let start: UnsafeBufferPointer<Int32>
        let ids: UnsafeBufferPointer<Int32>
    }

    @inline(__always) private static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ i: Int) -> Bool {
        bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// True when the hit's cue is marked `strong`.
    func isStrong(_ hit: Hit) -> Bool { strong[hit.cue] }

    /// The hit that decides (see OpinionClassifier's precedence).
    func decisive(_ hits: [Hit]) -> Hit? {
        func key(_ h: Hit) -> (Int, Int, Int, Int, Int) {
            (weak[h.cue] ? 0 : 1, h.end, h.end - h.start, -cueRank[h.cue], -h.cue)
        }
        return hits.max { key($0) < key($1) }
    }
}
