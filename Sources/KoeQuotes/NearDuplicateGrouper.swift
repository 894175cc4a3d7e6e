// NearDuplicateGrouper — collects signatures in input order (memory: `bands` UInt32 per opinion plus its id)
// and groups near-duplicates at the end with union-find, checking candidate pairs by exact Jaccard unless
// nearly all their bands agree.

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

    /// Candidate pairs remembered as not similar (≈ 16 MB at most; forgetting only costs a second comparison).
    static let rememberedPairs = 1 << 20

    /// Bands two opinions must share before their texts are compared. The number of agreeing bands of a pair
    /// at Jaccard J is Binomial(16, J⁴): at the threshold 0.8 a pair shares four or more bands with probability
    /// 0.94 (0.99 at 0.85, all but certain at 0.9), while a pair at 0.6 does so with probability 0.14 and one at
    /// 0.5 with 0.02 — templated answers that only look alike (common in campaigns and synthetic data) are not
    /// read back. (Two bands, first tried, read back most of a 100,000-respondent run: 10 s.)
    static let minimumAgreeingBands = 4

    /// Bands that make a pair a near-duplicate without reading the texts back: a band agrees with probability
    /// J⁴, so a pair at the threshold J = 0.8 (0.41 a band) agrees in 14 or more of 16 bands with probability
    /// about 2e-4, while copies and campaign texts (J ≥ 0.95) agree in nearly all. Most pairs of a large
    /// campaign are decided here; the rest get the exact Jaccard check.
    static let certainAgreeingBands = 14

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
        var dissimilar = Set<UInt64>()
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
                            let agree = agreeingBands(r, member)
                            guard agree >= Self.minimumAgreeingBands else { continue }
                            let pair = UInt64(min(r, member)) << 32 | UInt64(max(r, member))
                            if agree < Self.certainAgreeingBands {
                                // A pair that shares several buckets meets again in later bands: its texts are
                                // compared once.
                                if dissimilar.contains(pair) { continue }
                                if try !similar(r, member) {
                                    if dissimilar.count >= Self.rememberedPairs { dissimilar.removeAll(keepingCapacity: true) }
                                    dissimilar.insert(pair)
                                    continue
                                }
                            }
                            union(r, member)
                            joined = true
                            break
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
