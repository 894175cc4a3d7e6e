// SplitMix64 — the one seeded generator and 64-bit mixing function of koe (near-duplicate hashes, network layouts),
// so results never depend on the system's random source or on the hash seed of a process.

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator whose output for a seed is fixed forever, and
/// its finalizer `mix` as a fast 64-bit hash mixer. Not for secrets.
public struct SplitMix64: Sendable {
    @usableFromInline var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    @inlinable public init(seed: UInt64) { state = seed }

    /// The next number of the sequence.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A number in [0, 1) from the top 53 bits of `next()`.
    @inlinable public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// SplitMix64's finalizer: spreads every input bit over the whole result.
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
