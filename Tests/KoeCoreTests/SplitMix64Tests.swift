// SplitMix64 against the reference sequence (Vigna's splitmix64.c, recomputed in Python), and the properties the
// near-duplicate hashes and the network layout rely on.
import XCTest

@testable import KoeCore

final class SplitMix64Tests: XCTestCase {
    /// The first outputs for seeds 0 and 1234567, as printed by the reference C code (and by a 6-line Python port).
    func testReferenceSequence() {
        var zero = SplitMix64(seed: 0)
        XCTAssertEqual((0..<3).map { _ in zero.next() }, [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var other = SplitMix64(seed: 1_234_567)
        XCTAssertEqual(
            (0..<3).map { _ in other.next() }, [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    /// `next` is `mix` of the advanced state, so a hash mixed by `mix` and the generator agree.
    func testNextIsMixOfTheState() {
        var generator = SplitMix64(seed: 42)
        XCTAssertEqual(generator.next(), SplitMix64.mix(42 &+ 0x9E37_79B9_7F4A_7C15))
        XCTAssertEqual(SplitMix64.mix(0), 0)
        XCTAssertNotEqual(SplitMix64.mix(1), SplitMix64.mix(2))
    }

    /// Units lie in [0, 1), and the same seed gives the same units.
    func testUnitsAreInRangeAndRepeatable() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
        let units = (0..<1000).map { _ in a.nextUnit() }
        XCTAssertTrue(units.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(units, (0..<1000).map { _ in b.nextUnit() })
        XCTAssertEqual(units.reduce(0, +) / 1000, 0.5, accuracy: 0.05)
    }
}
