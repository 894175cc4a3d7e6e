// NearDuplicateGrouper — collects signatures in input order (`bands` UInt32 per opinion, in memory or in a
// temporary file, plus its id)
// and groups near-duplicates at the end with union-find, checking candidate pairs by exact Jaccard unless
// nearly all their bands agree.
import Foundation
import KoeCore

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
    /// Band keys of all opinions, `settings.bands` per opinion (in memory unless `file` holds them).
    private var keys: [UInt32] = []
    private let file: BandKeyFile?
    /// Keys' bytes up to which the file is read back whole for grouping (see `init(settings:keysIn:loadLimit:)`).
    private var loadLimit = 0
    private var gatherLimit = 0
    /// Opinion ids, packed: a million ids as `String`s were a million heap objects (≈ 80 bytes an id).
    private var ids = PackedStrings()

    /// Representatives tried per bucket before a member is left alone (bounds the work in big buckets).
    static let representativesPerBucket = 4

    /// Slots of the memory of candidate pairs found not similar (8 MB; forgetting only costs a second comparison).
    static let rememberedPairs = 1 << 20

    /// Bands two opinions must share before their shingle sets are compared. The number of agreeing bands of a pair
    /// at Jaccard J is Binomial(16, J⁴): at the threshold 0.8 a pair shares four or more bands with probability
    /// 0.94 (0.99 at 0.85, all but certain at 0.9), while a pair at 0.6 does so with probability 0.14 and one at
    /// 0.5 with 0.02 — templated answers that only look alike (common in campaigns and synthetic data) are not
    /// read back. (Two bands, first tried, read back most of a 100,000-respondent run: 10 s.)
    static let minimumAgreeingBands = 4

    /// Bands that make a pair a near-duplicate without the exact check: a band agrees with probability
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

    public init(settings: NearDuplicateSettings = .standard) {
        self.settings = settings
        file = nil
    }

    /// Keeps the band keys in a temporary file in `directory` instead of memory (a streaming run). `loadLimit`:
    /// when grouping, keys of at most this many bytes are read back into memory at once (16 passes over the file
    /// and a read per compared member cost more than the memory; 100,000 respondents: 11 MB); larger files are
    /// read band by band and row by row.
    /// `gatherLimit`: bytes of rows gathered per band when the keys are read band by band (`GatheredRows`).
    init(
        settings: NearDuplicateSettings, keysIn directory: URL, loadLimit: Int = NearDuplicateGrouper.loadLimit,
        gatherLimit: Int = NearDuplicateGrouper.gatherLimit
    ) throws {
        self.settings = settings
        file = try BandKeyFile(directory: directory, bands: settings.bands)
        self.loadLimit = loadLimit
        self.gatherLimit = gatherLimit
    }

    /// Band keys of at most this many bytes are grouped in memory (32 MB: about 500,000 opinions).
    public static let loadLimit = 32 << 20

    public var count: Int { ids.count }

    /// True when the band keys' file could not be written or read back (no groups are formed then).
    var keysFailed: Bool { file?.failed ?? false }

    /// Reads of the band keys' file so far (0 in memory).
    var keyFileReads: Int { file?.reads ?? 0 }

    /// Adds an opinion; returns its position (what `similar` receives).
    @discardableResult
    public mutating func add(id: String, signature: NearDuplicateSignature) -> Int {
        precondition(signature.bandKeys.count == settings.bands, "signature computed with other settings")
        if let file { file.append(signature.bandKeys) } else { keys.append(contentsOf: signature.bandKeys) }
        ids.append(id)
        return ids.count - 1
    }

    /// The groups of two or more, sorted by id. `similar(i, j)` is the exact check of a candidate pair (by
    /// position): typically `ShingleSet(text_i).jaccard(ShingleSet(text_j)) >= settings.threshold`.
    public func groups(similar: (Int, Int) throws -> Bool) rethrows -> [NearDuplicateGroup] {
        file?.flush()
        if let file, !file.failed, file.byteCount <= loadLimit, let all = file.readAll() {
            return try all.withUnsafeBufferPointer { memory in
                // A nil base address (no opinions) reads nothing either way.
                try groups(memory: memory.baseAddress, similar: similar)
            }
        }
        return try keys.withUnsafeBufferPointer { memory in
            // (An empty array may still have a base address: the file decides.)
            try groups(memory: file == nil ? memory.baseAddress : nil, similar: similar)
        }
    }

    /// One opinion's band keys copied to `target` (from memory, from the band's gathered rows, or read back from
    /// the file).
    @inline(__always) private func load(
        _ i: Int, from memory: UnsafePointer<UInt32>?, _ gathered: GatheredRows?, into target: UnsafeMutablePointer<UInt32>
    ) {
        let bands = settings.bands
        if let memory {
            target.update(from: memory + i &* bands, count: bands)
        } else if gathered?.load(i, into: target) != true {
            file?.read(rows: i, count: 1, into: target)
        }
    }

    /// Bytes of keys gathered per band from the file (48 MB: 786,432 opinions' rows).
    static let gatherLimit = 48 << 20

    private func groups(memory: UnsafePointer<UInt32>?, similar: (Int, Int) throws -> Bool) rethrows -> [NearDuplicateGroup] {
        let n = ids.count
        let bands = settings.bands
        let sets = UnionFind(count: n)
        var bucket = [UInt64](repeating: 0, count: n)
        var scratch = [UInt64](repeating: 0, count: n)
        let dissimilar = PairMemory(slots: Self.rememberedPairs)
        // The keys of a bucket's representatives (a row each) and of the member being placed.
        let held = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.representativesPerBucket * bands)
        let row = UnsafeMutablePointer<UInt32>.allocate(capacity: bands)
        // Read from the file, an opinion's keys cost a `pread`: its fingerprint (below) decides most pairs unread.
        var prints = memory == nil ? fingerprints() : nil
        // Read from the file, the rows of the opinions that share a bucket are gathered for each band in one pass.
        var gathered = memory == nil && file != nil ? GatheredRows(count: n, bands: bands, limit: gatherLimit) : nil
        defer {
            held.deallocate()
            row.deallocate()
        }
        for band in 0..<bands {
            // Opinions by (band key, position): a stable radix sort on the key of entries already in position order.
            if let memory {
                for i in 0..<n { bucket[i] = UInt64(memory[i &* bands &+ band]) << 32 | UInt64(i) }
            } else {
                file?.forEachKey(band: band) { i, key in bucket[i] = UInt64(key) << 32 | UInt64(i) }
            }
            Self.radixSortByKey(&bucket, scratch: &scratch)
            if let gathered, let file { gathered.gather(bucket, from: file) }
            var start = 0
            while start < n {
                var end = start + 1
                while end < n, bucket[end] >> 32 == bucket[start] >> 32 { end += 1 }
                if end - start > 1 {
                    var representatives = Representatives(Int(bucket[start] & 0xFFFF_FFFF))
                    // Which representatives' keys are in `held`: each is loaded when a member is first compared
                    // with it (a bucket whose members all pass on fingerprints reads none).
                    var heldLoaded: UInt8 = 0
                    for index in (start + 1)..<end {
                        let member = Int(bucket[index] & 0xFFFF_FFFF)
                        let memberRoot = sets.find(member)
                        // The member's keys are read (a `pread` from the file) only when they are compared: in later
                        // bands most members of a bucket are already in their representative's set.
                        var loaded = false
                        var joined = false
                        for slot in 0..<representatives.count {
                            let r = representatives[slot]
                            if sets.find(r) == memberRoot {
                                joined = true
                                break
                            }
                            if let prints, Self.agreeingBytes(prints[r], prints[member], bands) < Self.minimumAgreeingBands {
                                continue
                            }
                            if heldLoaded & 1 << slot == 0 {
                                load(r, from: memory, gathered, into: held + slot * bands)
                                heldLoaded |= 1 << slot
                            }
                            if !loaded {
                                load(member, from: memory, gathered, into: row)
                                loaded = true
                            }
                            let keysOfR = UnsafePointer(held + slot * bands)
                            let agree = Self.agreeing(keysOfR, row, bands)
                            guard agree >= Self.minimumAgreeingBands else { continue }
                            let pair = UInt64(min(r, member)) << 32 | UInt64(max(r, member))
                            if agree < Self.certainAgreeingBands {
                                // A pair that shares several buckets meets again in later bands: its shingle sets are
                                // compared once. Only a pair that agreed on an earlier band can have been compared, and
                                // only one that agrees on a later band needs remembering.
                                if Self.agreeOn(keysOfR, row, 0..<band), dissimilar.contains(pair) { continue }
                                if try !similar(r, member) {
                                    if Self.agreeOn(keysOfR, row, (band + 1)..<bands) { dissimilar.insert(pair) }
                                    continue
                                }
                            }
                            sets.union(r, member)
                            joined = true
                            break
                        }
                        if !joined && representatives.count < Self.representativesPerBucket {
                            // Its keys are held now if they were read; else when a member is first compared with it.
                            if loaded {
                                (held + representatives.count * bands).update(from: row, count: bands)
                                heldLoaded |= 1 << representatives.count
                            }
                            representatives.append(member)
                        }
                    }
                }
                start = end
            }
        }
        // The groups' member ids are made next: what only the bands needed goes first (at a million respondents
        // the run's memory peaked here with both held).
        (prints, gathered, bucket, scratch) = (nil, nil, [], [])
        return collect(sets)
    }

    /// Each opinion's fingerprint (the low byte of each band key, band k in lane k; lanes past `bands` zero), read
    /// from the keys' file in one pass; nil without the file or with more than 16 bands. 16 bytes an opinion (27 MB
    /// at a million respondents, freed after the grouping) against a `pread` of its keys for each comparison: equal
    /// keys have equal bytes, so a pair whose fingerprints agree on fewer than `minimumAgreeingBands` bands agrees
    /// on fewer and is passed over unread, as the comparison of its keys would pass it over. A pair that agrees on
    /// one band (the one that put it in a bucket) reaches four by chance with probability ≈ 0.0007.
    private func fingerprints() -> [SIMD16<UInt8>]? {
        let bands = settings.bands
        guard let file, bands <= 16 else { return nil }
        var prints = [SIMD16<UInt8>](repeating: SIMD16(), count: ids.count)
        prints.withUnsafeMutableBufferPointer { prints in
            file.forEachRow { i, keys in
                var print = SIMD16<UInt8>()
                for k in 0..<bands { print[k] = UInt8(truncatingIfNeeded: keys[k]) }
                prints[i] = print
            }
        }
        return prints
    }

    /// On how many of the first `bands` lanes two fingerprints agree (≥ the bands on which their keys agree).
    @inline(__always) static func agreeingBytes(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ bands: Int) -> Int {
        let lanes = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let counted = (a .== b) .& (lanes .< SIMD16(repeating: UInt8(truncatingIfNeeded: min(bands, 16))))
        return Int(SIMD16<UInt8>().replacing(with: 1, where: counted).wrappedSum())
    }

    /// Whether two opinions' keys agree on any of `range`'s bands.
    @inline(__always) private static func agreeOn(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>, _ range: Range<Int>) -> Bool {
        for i in range where a[i] == b[i] { return true }
        return false
    }

    /// Bands on which two opinions' keys agree.
    @inline(__always) private static func agreeing(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>, _ bands: Int) -> Int {
        if bands == 16 {
            let x = UnsafeRawPointer(a).loadUnaligned(as: SIMD16<UInt32>.self)
            let y = UnsafeRawPointer(b).loadUnaligned(as: SIMD16<UInt32>.self)
            return Int(SIMD16<UInt32>(repeating: 0).replacing(with: 1, where: x .== y).wrappedSum())
        }
        var same = 0
        for i in 0..<bands where a[i] == b[i] { same += 1 }
        return same
    }

    /// Sorts entries `key << 32 | position` by key, keeping position order within a key (two 16-bit passes).
    static func radixSortByKey(_ a: inout [UInt64], scratch: inout [UInt64]) {
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in [UInt64(32), 48] {
            for i in counts.indices { counts[i] = 0 }
            for x in a { counts[Int((x >> shift) & 0xFFFF)] += 1 }
            var total = 0
            for i in counts.indices {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            for x in a {
                let digit = Int((x >> shift) & 0xFFFF)
                scratch[counts[digit]] = x
                counts[digit] += 1
            }
            swap(&a, &scratch)
        }
    }

    /// The sets of two or more, by flat arrays (a campaign can put most of a million opinions in groups: no
    /// dictionary of arrays per root). A root is its set's smallest position, so members come out ascending.
    private func collect(_ sets: UnionFind) -> [NearDuplicateGroup] {
        let n = ids.count
        var root = [Int32](repeating: 0, count: n)
        var size = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let r = sets.find(i)
            root[i] = Int32(truncatingIfNeeded: r)
            size[r] += 1
        }
        var start = [Int32](repeating: 0, count: n)
        var total = 0
        for r in 0..<n where size[r] >= 2 {
            start[r] = Int32(truncatingIfNeeded: total)
            total += Int(size[r])
        }
        var flat = [Int32](repeating: 0, count: total)
        var fill = start
        for i in 0..<n where size[Int(root[i])] >= 2 {
            let r = Int(root[i])
            flat[Int(fill[r])] = Int32(truncatingIfNeeded: i)
            fill[r] += 1
        }
        var groups: [NearDuplicateGroup] = []
        for r in 0..<n where size[r] >= 2 {
            let indices = flat[Int(start[r])..<Int(start[r] + size[r])].map { Int($0) }
            let sortedIDs = indices.map { ids[$0] }.sorted()
            groups.append(NearDuplicateGroup(id: sortedIDs[0], members: sortedIDs, indices: indices))
        }
        return groups.sorted { $0.id < $1.id }
    }
}

/// The keys of the opinions that share a bucket in one band, gathered in one sequential pass over the keys' file
/// (a `pread` of each row when compared was most of the grouping's time at a million respondents). Holds at most
/// `limit` bytes of rows (the first buckets' members in key order); the others are still read one by one.
final class GatheredRows {
    private let bands: Int
    private let capacity: Int
    /// Each position's row in `rows` (-1: not gathered).
    private let slot: UnsafeMutablePointer<Int32>
    private let rows: UnsafeMutablePointer<UInt32>
    private var marked: [Int] = []

    init(count: Int, bands: Int, limit: Int) {
        self.bands = bands
        capacity = min(count, max(0, limit / max(1, bands * MemoryLayout<UInt32>.size)))
        slot = .allocate(capacity: max(1, count))
        slot.initialize(repeating: -1, count: max(1, count))
        rows = .allocate(capacity: max(1, capacity * bands))
    }

    deinit {
        slot.deallocate()
        rows.deallocate()
    }

    /// The rows of the members of `bucket`'s shared buckets (entries `key << 32 | position`, sorted by key).
    func gather(_ bucket: [UInt64], from file: BandKeyFile) {
        for p in marked { slot[p] = -1 }
        marked.removeAll(keepingCapacity: true)
        let n = bucket.count
        var start = 0
        while start < n && marked.count < capacity {
            var end = start + 1
            while end < n, bucket[end] >> 32 == bucket[start] >> 32 { end += 1 }
            if end - start > 1 {
                for k in start..<min(end, start + capacity - marked.count) {
                    let p = Int(bucket[k] & 0xFFFF_FFFF)
                    slot[p] = Int32(truncatingIfNeeded: marked.count)
                    marked.append(p)
                }
            }
            start = end
        }
        guard !marked.isEmpty else { return }
        let (slot, rows, bands) = (slot, rows, bands)
        file.forEachRow { i, keys in
            let s = Int(slot[i])
            if s >= 0 { (rows + s &* bands).update(from: keys, count: bands) }
        }
    }

    /// Copies position `i`'s row to `target` when it was gathered.
    @inline(__always) func load(_ i: Int, into target: UnsafeMutablePointer<UInt32>) -> Bool {
        let s = Int(slot[i])
        guard s >= 0 else { return false }
        target.update(from: rows + s &* bands, count: bands)
        return true
    }
}

/// Strings appended to one UTF-8 buffer (about their length in bytes + 4 each), read back as `String`s.
struct PackedStrings: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`.
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: string.utf8)
        }
        precondition(bytes.count <= Int(UInt32.max), "packed strings beyond 4 GB")
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    subscript(i: Int) -> String {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[i])]), as: UTF8.self) }
    }
}

/// Disjoint sets over positions (path halving; the smaller root wins, so roots do not depend on timing). Owns its
/// table and frees it in `deinit`.
final class UnionFind {
    private let parent: UnsafeMutablePointer<Int32>

    init(count: Int) {
        parent = .allocate(capacity: max(1, count))
        for i in 0..<count { (parent + i).initialize(to: Int32(truncatingIfNeeded: i)) }
    }

    deinit { parent.deallocate() }

    @inline(__always) func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    func union(_ a: Int, _ b: Int) {
        let ra = find(a)
        let rb = find(b)
        if ra != rb { parent[max(ra, rb)] = Int32(truncatingIfNeeded: min(ra, rb)) }
    }
}

/// A direct-mapped memory of pairs (`low << 32 | high`, never 0 since low < high): a new pair overwrites whatever
/// shared its slot. Lossy by design; what it answers never changes a result, only whether a comparison is repeated.
/// Owns its slots and frees them in `deinit`.
final class PairMemory {
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int

    init(slots count: Int) {
        precondition(count > 0 && count & (count - 1) == 0, "a power of two")
        slots = .allocate(capacity: count)
        slots.initialize(repeating: 0, count: count)
        mask = count - 1
    }

    deinit { slots.deallocate() }

    @inline(__always) private func slot(_ pair: UInt64) -> Int { Int(truncatingIfNeeded: SplitMix64.mix(pair)) & mask }

    func contains(_ pair: UInt64) -> Bool { slots[slot(pair)] == pair }

    func insert(_ pair: UInt64) { slots[slot(pair)] = pair }
}

/// Up to four representatives of a bucket, without a heap allocation per bucket.
private struct Representatives {
    private var slots: (Int, Int, Int, Int)
    private(set) var count = 1

    init(_ first: Int) { slots = (first, 0, 0, 0) }

    subscript(i: Int) -> Int {
        switch i {
        case 0: return slots.0
        case 1: return slots.1
        case 2: return slots.2
        default: return slots.3
        }
    }

    mutating func append(_ x: Int) {
        switch count {
        case 1: slots.1 = x
        case 2: slots.2 = x
        default: slots.3 = x
        }
        count += 1
    }
}

extension NearDuplicateSignature {
    /// A signature with the given band keys (tests build opinions that agree on chosen bands).
    init(bandKeys: [UInt32]) { self.bandKeys = bandKeys }
}
