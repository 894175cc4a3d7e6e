// NearDuplicateGrouper — collects signatures in input order (memory: `bands` UInt32 per opinion plus its id)
// and groups near-duplicates at the end with union-find, checking each candidate pair by exact Jaccard.

/// A group of near-identical opinions (two or more).
public struct NearDuplicateGroup: Sendable, Hashable {
    /// The smallest member id (ids compared as strings): the group's stable id.
    public var id: String
    /// Member ids, sorted.
    public var members: [String]
    /// Member positions in the order they were added, ascending.
    public var indices: [Int]

    public var count: Int { members.count }
}

/// Collects opinions' signatures and groups near-duplicates. Deterministic: the same opinions added in the
/// same order give the same groups, and the group ids do not depend on the order at all.
public struct NearDuplicateGrouper: Sendable {
    public let settings: NearDuplicateSettings
    /// Band keys of all opinions, `settings.bands` per opinion.
    private var keys: [UInt32] = []
    private var ids: [String] = []

    /// Representatives tried per bucket before a member is left alone (bounds the work in big buckets).
    static let representativesPerBucket = 4

    /// Bands two opinions must share before their texts are compared: a pair at Jaccard 0.8 shares fewer than
    /// two of 16 bands with probability 0.003, one at 0.5 shares two or more with probability 0.26 — most
    /// exact checks of dissimilar pairs are saved.
    static let minimumAgreeingBands = 2

    private func agreeingBands(_ a: Int, _ b: Int) -> Int {
        let n = settings.bands
        var same = 0
        for k in 0..<n where keys[a * n + k] == keys[b * n + k] { same += 1 }
        return same
    }

    public init(settings: NearDuplicateSettings = .standard) { self.settings = settings }

    public var count: Int { ids.count }

    /// Adds an opinion; returns its position (what `similar` receives).
    @discardableResult
    public mutating func add(id: String, signature: NearDuplicateSignature) -> Int {
        precondition(signature.bandKeys.count == settings.bands, "signature computed with other settings")
        keys.append(contentsOf: signature.bandKeys)
        ids.append(id)
        return ids.count - 1
    }

    /// The groups of two or more, sorted by id. `similar(i, j)` is the exact check of a candidate pair (by
    /// position): typically `ShingleSet(text_i).jaccard(ShingleSet(text_j)) >= settings.threshold`.
    public func groups(similar: (Int, Int) throws -> Bool) rethrows -> [NearDuplicateGroup] {
        let n = ids.count
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a)
            let rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var bucket: [UInt64] = []
        bucket.reserveCapacity(n)
        for band in 0..<settings.bands {
            bucket.removeAll(keepingCapacity: true)
            for i in 0..<n { bucket.append(UInt64(keys[i * settings.bands + band]) << 32 | UInt64(i)) }
            bucket.sort()
            var start = 0
            while start < n {
                var end = start + 1
                while end < n, bucket[end] >> 32 == bucket[start] >> 32 { end += 1 }
                if end - start > 1 {
                    var representatives = [Int(bucket[start] & 0xFFFF_FFFF)]
                    for k in (start + 1)..<end {
                        let member = Int(bucket[k] & 0xFFFF_FFFF)
                        var joined = false
                        for r in representatives {
                            if find(r) == find(member) {
                                joined = true
                                break
                            }
                            if agreeingBands(r, member) >= Self.minimumAgreeingBands, try similar(r, member) {
                                union(r, member)
                                joined = true
                                break
                            }
                        }
                        if !joined && representatives.count < Self.representativesPerBucket { representatives.append(member) }
                    }
                }
                start = end
            }
        }
        var members: [Int: [Int]] = [:]
        for i in 0..<n {
            let root = find(i)
            if root != i || members[root] != nil { members[root, default: [root]].append(i) }
        }
        return members.values.map { indices in
            let sortedIDs = indices.map { ids[$0] }.sorted()
            return NearDuplicateGroup(id: sortedIDs[0], members: sortedIDs, indices: indices.sorted())
        }
        .sorted { $0.id < $1.id }
    }
}
