// NearDuplicates — finds organised campaigns and copy-paste: opinions whose texts are near-identical, by
// MinHash over character shingles with banding (locality-sensitive hashing), exact Jaccard on the candidate
// pairs, and union-find. Signatures are pure values computed on worker threads; grouping runs once at the end.
import CKoeICU
import Foundation
import KoeCore

/// The documented parameters of near-duplicate grouping.
///
/// Texts are NFKC-normalized, lower-cased and stripped of white space; their shingles are the overlapping
/// runs of `shingle` characters (a text shorter than that is one shingle). A MinHash signature of `hashes`
/// values is cut into `bands` bands of `hashes / bands` rows; two texts are compared when at least two bands
/// agree (`NearDuplicateGrouper.minimumAgreeingBands`), and a pair is grouped when the exact Jaccard
/// similarity of their shingle sets is at least `threshold`. With 16 bands of 4 rows, a pair at Jaccard 0.8
/// is compared with probability 0.997, one at 0.5 with 0.26 (then rejected by the exact check).
public struct NearDuplicateSettings: Sendable, Hashable {
    public var shingle: Int
    public var hashes: Int
    public var bands: Int
    public var threshold: Double
    public var seed: UInt64

    public init(shingle: Int = 3, hashes: Int = 64, bands: Int = 16, threshold: Double = 0.8, seed: UInt64 = 0x6B6F_655F_6D68) {
        self.shingle = max(1, shingle)
        self.hashes = max(1, hashes)
        self.bands = max(1, min(bands, hashes))
        self.threshold = threshold
        self.seed = seed
    }

    public static let standard = NearDuplicateSettings()
}

/// The shingles of a text as sorted, distinct 64-bit hashes.
public struct ShingleSet: Sendable, Hashable {
    public let hashes: [UInt64]

    /// Hashes that already are a shingle set (sorted, distinct), e.g. read back from a run's spill file.
    public init(sortedHashes: [UInt64]) { hashes = sortedHashes }

    /// `text` is NFKC-normalized first; pass `normalized: true` when it already is (koe's normalized text).
    public init(_ text: String, shingle: Int = NearDuplicateSettings.standard.shingle, normalized: Bool = false) {
        let folded = normalized ? text : text.precomposedStringWithCompatibilityMapping
        hashes = Self.hashes(folded, shingle: shingle)
    }

    /// The shingles of normalized text given as UTF-16 units (koe's matching form): the same set as
    /// `ShingleSet(text, normalized: true)` of the String those units make, without decoding that String's UTF-8.
    /// A lone surrogate counts as U+FFFD, as it does in that String.
    public init(units: [UInt16], shingle: Int = NearDuplicateSettings.standard.shingle) {
        hashes = units.withUnsafeBufferPointer { units in
            // A text has at most as many scalars as UTF-16 units.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: units.count) { buffer in
                var n = 0
                var i = 0
                while i < units.count {
                    var v = UInt32(units[i])
                    i += 1
                    // Kana, CJK punctuation and ideographs: no surrogate, no white space, nothing to fold.
                    if v &- 0x3001 < 0xD800 - 0x3001 {
                        buffer[n] = v
                        n += 1
                        continue
                    }
                    if (0xD800...0xDBFF).contains(v) {
                        if i < units.count, (0xDC00...0xDFFF).contains(units[i]) {
                            v = 0x10000 + ((v - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                            i += 1
                        } else {
                            v = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(v) {
                        v = 0xFFFD
                    }
                    if Self.isWhitespace(v) { continue }
                    buffer[n] = (0x41...0x5A).contains(v) ? v + 0x20 : v
                    n += 1
                }
                return Self.hashes(buffer, count: n, shingle: shingle)
            }
        }
    }

    /// The sorted, distinct shingle hashes of `text`: its scalars (white space dropped, ASCII upper case
    /// folded) go into a temporary buffer, the hashes straight into the result, which is sorted and
    /// de-duplicated in place — one allocation per text.
    static func hashes(_ text: String, shingle: Int) -> [UInt64] {
        // A text has at most as many scalars as UTF-8 bytes.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: text.utf8.count) { buffer in
            var n = 0
            for s in text.unicodeScalars where !isWhitespace(s.value) {
                // ASCII upper case folds to lower case (NFKC already turned full-width letters into ASCII).
                buffer[n] = (0x41...0x5A).contains(s.value) ? s.value + 0x20 : s.value
                n += 1
            }
            return hashes(buffer, count: n, shingle: shingle)
        }
    }

    /// The sorted, distinct hashes of the shingles of `buffer[0..<n]` (scalars already filtered and folded).
    private static func hashes(_ buffer: UnsafeMutableBufferPointer<UInt32>, count n: Int, shingle: Int) -> [UInt64] {
        guard n > 0, let scalars = buffer.baseAddress else { return [] }
        // A text shorter than a shingle is one shingle.
        let width = max(0, min(shingle, n))
        let count = n - width + 1
        return [UInt64](unsafeUninitializedCapacity: count) { set, initialized in
            guard let out = set.baseAddress else { return }
            if width == 3 {
                // The standard shingle, unrolled: the same FNV-1a steps as `hash`, with the three scalars loaded at once.
                for start in 0..<count {
                    let p = scalars + start
                    var h = (0xCBF2_9CE4_8422_2325 ^ UInt64(p[0])) &* 0x0000_0100_0000_01B3
                    h = (h ^ UInt64(p[1])) &* 0x0000_0100_0000_01B3
                    h = (h ^ UInt64(p[2])) &* 0x0000_0100_0000_01B3
                    (out + start).initialize(to: SplitMix64.mix(h))
                }
            } else {
                for start in 0..<count { (out + start).initialize(to: hash(scalars + start, width)) }
            }
            ShingleSort.sort(out, count)
            var unique = 1
            for i in 1..<count where out[i] != out[unique - 1] {
                out[unique] = out[i]
                unique += 1
            }
            initialized = unique
        }
    }

    /// White space without a Unicode property lookup (the hot path of grouping).
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// FNV-1a 64 over `count` scalars, mixed by SplitMix64.
    @inline(__always)
    static func hash(_ scalars: UnsafePointer<UInt32>, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<count { h = (h ^ UInt64(scalars[i])) &* 0x0000_0100_0000_01B3 }
        return SplitMix64.mix(h)
    }

    /// |A ∩ B| / |A ∪ B| (1 for two empty sets).
    public func jaccard(_ other: ShingleSet) -> Double {
        hashes.withUnsafeBufferPointer { a in other.hashes.withUnsafeBufferPointer { b in Self.jaccard(a, b) } }
    }

    /// |A ∩ B| / |A ∪ B| of two sorted, distinct hash lists (1 for two empty lists).
    static func jaccard(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            let x = a[i]
            let y = b[j]
            if x == y {
                common += 1
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }
}

/// An opinion's MinHash signature, kept only as its band keys (`bands` UInt32 values).
public struct NearDuplicateSignature: Sendable, Hashable {
    public let bandKeys: [UInt32]

    public init(_ shingles: ShingleSet, settings: NearDuplicateSettings = .standard) {
        let hashers = MinHashers.shared(settings)
        let rows = settings.hashes / settings.bands
        bandKeys = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: settings.hashes) { minimum in
            shingles.hashes.withUnsafeBufferPointer { xs in hashers.minima(xs, into: minimum) }
            var keys: [UInt32] = []
            keys.reserveCapacity(settings.bands)
            for band in 0..<settings.bands {
                var h = UInt64(band) &+ settings.seed
                for row in 0..<rows { h = SplitMix64.mix(h ^ (minimum[band * rows + row] >> 32)) }
                keys.append(UInt32(truncatingIfNeeded: h >> 32))
            }
            return keys
        }
    }

    /// The signature of a text (NFKC-normalized first unless `normalized`).
    public init(text: String, settings: NearDuplicateSettings = .standard, normalized: Bool = false) {
        self.init(ShingleSet(text, shingle: settings.shingle, normalized: normalized), settings: settings)
    }
}

/// The fixed random multipliers of the MinHash functions (from the settings' seed, so runs agree).
struct MinHashers: Sendable {
    let a: [UInt64]
    let b: [UInt64]

    init(_ settings: NearDuplicateSettings) {
        var rng = SplitMix64(seed: settings.seed)
        a = (0..<settings.hashes).map { _ in rng.next() | 1 }
        b = (0..<settings.hashes).map { _ in rng.next() }
    }

    private static let standard = MinHashers(.standard)

    /// For each hash function i, the least `x &* a[i] &+ b[i]` over the shingles `xs` (`UInt64.max` when there
    /// are none); its high 32 bits are MinHash value i. The high half of the least 64-bit value is the least
    /// high half, so the loop compares whole products (no shift), and it runs four functions per pass over the
    /// shingles: four independent minima keep the multiplier busy, and each shingle is loaded once per pass.
    /// Vector instructions do the same arithmetic where the CPU has them (`koe_minhash_minima`: AVX-512 or AVX2);
    /// `scalarMinima` otherwise. Every path gives the same minima (`MinHashKernelTests`).
    func minima(_ xs: UnsafeBufferPointer<UInt64>, into m: UnsafeMutableBufferPointer<UInt64>) {
        let done = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let ap = a.baseAddress, let bp = b.baseAddress, let out = m.baseAddress else { return false }
                return koe_minhash_minima(xs.baseAddress, xs.count, ap, bp, a.count, out) == 1
            }
        }
        if !done { scalarMinima(xs, into: m) }
    }

    /// `minima` with the vector path of `level` (2 AVX-512, 1 AVX2); false, nothing written, when the CPU lacks it.
    /// For tests that compare every path.
    func vectorMinima(level: Int32, _ xs: UnsafeBufferPointer<UInt64>, into m: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let ap = a.baseAddress, let bp = b.baseAddress, let out = m.baseAddress else { return false }
                return koe_minhash_minima_at(level, xs.baseAddress, xs.count, ap, bp, a.count, out) == 1
            }
        }
    }

    /// The vector level this CPU offers to `minima` (2 AVX-512, 1 AVX2, 0 none).
    static var vectorLevel: Int { Int(koe_minhash_level()) }

    /// `minima` in Swift's own integer instructions.
    func scalarMinima(_ xs: UnsafeBufferPointer<UInt64>, into m: UnsafeMutableBufferPointer<UInt64>) {
        let count = a.count
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0
                while i + 4 <= count {
                    let (a0, a1, a2, a3) = (a[i], a[i + 1], a[i + 2], a[i + 3])
                    let (b0, b1, b2, b3) = (b[i], b[i + 1], b[i + 2], b[i + 3])
                    var (l0, l1, l2, l3) = (UInt64.max, UInt64.max, UInt64.max, UInt64.max)
                    for x in xs {
                        l0 = min(l0, x &* a0 &+ b0)
                        l1 = min(l1, x &* a1 &+ b1)
                        l2 = min(l2, x &* a2 &+ b2)
                        l3 = min(l3, x &* a3 &+ b3)
                    }
                    (m[i], m[i + 1], m[i + 2], m[i + 3]) = (l0, l1, l2, l3)
                    i += 4
                }
                while i < count {
                    var low = UInt64.max
                    for x in xs { low = min(low, x &* a[i] &+ b[i]) }
                    m[i] = low
                    i += 1
                }
            }
        }
    }

    static func shared(_ settings: NearDuplicateSettings) -> MinHashers {
        settings == .standard ? standard : MinHashers(settings)
    }
}

/// Sorting of shingle hashes, which are spread uniformly over 64 bits: a counting pass places each into the
/// bucket of its top bits (about one value per bucket), and an insertion pass puts the few neighbours that
/// remain out of order in place. Comparison sorts spend most of their time in mispredicted branches on such
/// short random lists; this one has few. Lists the insertion pass does not settle quickly (only crafted
/// input would do that) are sorted by the standard library instead.
enum ShingleSort {
    /// Sorts `values[0..<count]` ascending.
    static func sort(_ values: UnsafeMutablePointer<UInt64>, _ count: Int) {
        guard count > 16 else {
            _ = insert(values, count, budget: .max)
            return
        }
        var bits = 1
        while 1 << bits < count { bits += 1 }
        let shift = UInt64(64 - bits)
        let buckets = 1 << bits
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { placed in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { start in
                guard let placed = placed.baseAddress, let start = start.baseAddress else { return }
                start.initialize(repeating: 0, count: buckets + 1)
                for i in 0..<count { start[Int(truncatingIfNeeded: values[i] &>> shift) + 1] += 1 }
                for d in 0..<buckets { start[d + 1] += start[d] }
                for i in 0..<count {
                    let v = values[i]
                    let d = Int(truncatingIfNeeded: v &>> shift)
                    (placed + start[d]).initialize(to: v)
                    start[d] += 1
                }
                values.update(from: placed, count: count)
            }
        }
        if !insert(values, count, budget: 8 * count) {
            var all = UnsafeMutableBufferPointer(start: values, count: count)
            all.sort()
        }
    }

    /// Insertion sort of `values[0..<count]`; false (the list partly sorted) once more than `budget` values
    /// have been moved.
    private static func insert(_ values: UnsafeMutablePointer<UInt64>, _ count: Int, budget: Int) -> Bool {
        var moves = 0
        var i = 1
        while i < count {
            let v = values[i]
            var j = i
            while j > 0, values[j - 1] > v {
                values[j] = values[j - 1]
                j -= 1
            }
            values[j] = v
            moves += i - j
            if moves > budget { return false }
            i += 1
        }
        return true
    }
}
