// MinHashKernelTests — the vector paths of the MinHash minima (AVX-512, AVX2 in CKoeICU's koe_minhash.c) give
// exactly the minima of Swift's scalar loop, so near-duplicate signatures do not depend on the CPU.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class MinHashKernelTests: XCTestCase {
    /// Shingle sets of every size the kernels split at (none, fewer than a vector, many), random and small values.
    private func shingleSets() -> [[UInt64]] {
        var rng = SplitMix64(seed: 26)
        var sets: [[UInt64]] = [[], [0], [UInt64.max], [0, 1, 2, UInt64.max]]
        for n in [1, 2, 3, 7, 8, 9, 31, 64, 100, 257, 1000] {
            sets.append((0..<n).map { _ in rng.next() })
            sets.append((0..<n).map { _ in rng.next() % 16 })
        }
        return sets
    }

    private func minima(_ xs: [UInt64], _ hashers: MinHashers, level: Int32?) -> [UInt64]? {
        var out = [UInt64](repeating: 0, count: hashers.a.count)
        let done = xs.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { out in
                guard let level else {
                    hashers.scalarMinima(xs, into: out)
                    return true
                }
                return hashers.vectorMinima(level: level, xs, into: out)
            }
        }
        return done ? out : nil
    }

    func testEveryVectorPathEqualsTheScalarLoop() throws {
        let level = MinHashers.vectorLevel
        guard level > 0 else { throw XCTSkip("this CPU has neither AVX2 nor AVX-512: only the scalar loop runs") }
        // The standard 64 functions, and counts that leave a remainder after whole vectors.
        let settings = [NearDuplicateSettings.standard, NearDuplicateSettings(hashes: 61), NearDuplicateSettings(hashes: 7)]
        for s in settings {
            let hashers = MinHashers(s)
            for xs in shingleSets() {
                let scalar = try XCTUnwrap(minima(xs, hashers, level: nil))
                for l in 1...Int32(level) {
                    XCTAssertEqual(minima(xs, hashers, level: l), scalar, "level \(l), \(s.hashes) hashes, \(xs.count) shingles")
                }
            }
        }
    }

    /// `NearDuplicateSignature` (vector path where the CPU has one) equals band keys made from the scalar minima.
    func testSignaturesOfTextsEqualTheScalarOnes() throws {
        let settings = NearDuplicateSettings.standard
        let hashers = MinHashers(settings)
        let rows = settings.hashes / settings.bands
        let texts = [
            "駅前の駐輪場を増やしてほしい", "駅前の駐輪場を増やしてほしいです。", "a", "", String(repeating: "子育て支援の充実を", count: 40),
        ]
        for text in texts {
            let shingles = ShingleSet(text, normalized: true)
            let minimum = try XCTUnwrap(minima(shingles.hashes, hashers, level: nil))
            let expected = (0..<settings.bands).map { band -> UInt32 in
                var h = UInt64(band) &+ settings.seed
                for row in 0..<rows { h = SplitMix64.mix(h ^ (minimum[band * rows + row] >> 32)) }
                return UInt32(truncatingIfNeeded: h >> 32)
            }
            XCTAssertEqual(NearDuplicateSignature(shingles).bandKeys, expected, text)
        }
    }
}
