// NearDuplicates — finds organised campaigns and copy-paste: opinions whose texts are near-identical, by
// MinHash over character shingles with banding (locality-sensitive hashing), exact Jaccard on the candidate
// pairs, and union-find. Signatures are pure values computed on worker threads; grouping runs once at the end.
import Foundation

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
        var scalars: [UInt32] = []
        scalars.reserveCapacity(folded.unicodeScalars.count)
        for s in folded.unicodeScalars where !Self.isWhitespace(s.value) {
            // ASCII upper case folds to lower case (NFKC already turned full-width letters into ASCII).
            scalars.append((0x41...0x5A).contains(s.value) ? s.value + 0x20 : s.value)
        }
        var set: [UInt64] = []
        if scalars.count <= shingle {
            if !scalars.isEmpty { set.append(Self.hash(scalars[...])) }
        } else {
            set.reserveCapacity(scalars.count - shingle + 1)
            for start in 0...(scalars.count - shingle) { set.append(Self.hash(scalars[start..<(start + shingle)])) }
        }
        set.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(set.count)
        for h in set where unique.last != h { unique.append(h) }
        hashes = unique
    }

    /// White space without a Unicode property lookup (the hot path of grouping).
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func hash(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for s in scalars { h = (h ^ UInt64(s)) &* 0x0000_0100_0000_01B3 }
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
        var minimum = [UInt32](repeating: .max, count: settings.hashes)
        let count = settings.hashes
        minimum.withUnsafeMutableBufferPointer { m in
            shingles.hashes.withUnsafeBufferPointer { xs in
                // One hash function at a time over all shingles: its multiplier, offset and running minimum stay
                // in registers (the minimum does not depend on the order).
                for i in 0..<count {
                    let a = hashers.a[i]
                    let b = hashers.b[i]
                    var low = UInt32.max
                    for x in xs { low = min(low, UInt32(truncatingIfNeeded: (x &* a &+ b) >> 32)) }
                    m[i] = low
                }
            }
        }
        let rows = settings.hashes / settings.bands
        var keys: [UInt32] = []
        keys.reserveCapacity(settings.bands)
        for band in 0..<settings.bands {
            var h = UInt64(band) &+ settings.seed
            for row in 0..<rows { h = SplitMix64.mix(h ^ UInt64(minimum[band * rows + row])) }
            keys.append(UInt32(truncatingIfNeeded: h >> 32))
        }
        bandKeys = keys
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
        var rng = SplitMix64(state: settings.seed)
        a = (0..<settings.hashes).map { _ in rng.next() | 1 }
        b = (0..<settings.hashes).map { _ in rng.next() }
    }

    private static let standard = MinHashers(.standard)

    static func shared(_ settings: NearDuplicateSettings) -> MinHashers {
        settings == .standard ? standard : MinHashers(settings)
    }
}

/// SplitMix64: the seeded generator and mixing function behind the hashes.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
