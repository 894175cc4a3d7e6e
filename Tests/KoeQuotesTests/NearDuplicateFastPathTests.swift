// Fast-path tests of the per-opinion run work: the one-buffer shingle hashing, the bucket sort, the
// four-at-a-time MinHash and the word-key table against the straightforward computations they replaced (kept
// here as the reference), on random and edge inputs.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class NearDuplicateFastPathTests: XCTestCase {
    /// The shingle set as first written: an array of scalars, one hash per window, a full sort, a copy per value.
    private func referenceShingles(_ text: String, shingle: Int) -> [UInt64] {
        var scalars: [UInt32] = []
        for s in text.unicodeScalars where !ShingleSet.isWhitespace(s.value) {
            scalars.append((0x41...0x5A).contains(s.value) ? s.value + 0x20 : s.value)
        }
        func hash(_ part: ArraySlice<UInt32>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for s in part { h = (h ^ UInt64(s)) &* 0x0000_0100_0000_01B3 }
            return SplitMix64.mix(h)
        }
        var set: [UInt64] = []
        if scalars.count <= shingle {
            if !scalars.isEmpty { set.append(hash(scalars[...])) }
        } else {
            for start in 0...(scalars.count - shingle) { set.append(hash(scalars[start..<(start + shingle)])) }
        }
        set.sort()
        var unique: [UInt64] = []
        for h in set where unique.last != h { unique.append(h) }
        return unique
    }

    /// The MinHash band keys as first written: one 32-bit minimum per hash function over `(x·a + b) >> 32`.
    private func referenceBandKeys(_ hashes: [UInt64], settings: NearDuplicateSettings) -> [UInt32] {
        let hashers = MinHashers(settings)
        var minimum = [UInt32](repeating: .max, count: settings.hashes)
        for i in 0..<settings.hashes {
            for x in hashes { minimum[i] = min(minimum[i], UInt32(truncatingIfNeeded: (x &* hashers.a[i] &+ hashers.b[i]) >> 32)) }
        }
        let rows = settings.hashes / settings.bands
        return (0..<settings.bands).map { band in
            var h = UInt64(band) &+ settings.seed
            for row in 0..<rows { h = SplitMix64.mix(h ^ UInt64(minimum[band * rows + row])) }
            return UInt32(truncatingIfNeeded: h >> 32)
        }
    }

    private static let samples = [
        "", " ", "　\n\t", "a", "ab", "abc", "ABCD", "a b c d e", "保育園", "子ども医療費を充実してほしい。", "ああああああああああ",
        "バスの本数を増やしてほしい。駅前の駐輪場が足りない。ＡＢＣ　ｄｅｆ", "Ｗｉ-Ｆｉ を公共施設に。\r\n夜道が暗い。", "👨‍👩‍👧 家族で住みやすい町に",
    ]

    func testShingleHashesEqualTheReference() {
        var rng = SplitMix64(seed: 42)
        // Random texts over a small alphabet (repeats, so duplicates are common), spaces and upper case.
        let alphabet = Array("あいうアイ保育園 AbZ\u{3000}\n".unicodeScalars)
        var texts = Self.samples
        for length in 0..<400 {
            var s = String.UnicodeScalarView()
            for _ in 0..<(length % 200) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            texts.append(String(s))
        }
        // A long text takes the temporary buffer from the heap.
        texts.append(String(repeating: "市民の声を計画に生かしてほしい。", count: 300))
        for text in texts {
            for shingle in 0...5 {
                XCTAssertEqual(
                    ShingleSet(text, shingle: shingle, normalized: true).hashes, referenceShingles(text, shingle: shingle),
                    "shingle \(shingle): \(text.prefix(40))")
            }
        }
        XCTAssertEqual(ShingleSet("").hashes, [])
        XCTAssertEqual(ShingleSet("ab").hashes.count, 1)
        XCTAssertEqual(ShingleSet("ああああああ").hashes.count, 1, "one distinct shingle")
    }

    func testShinglesOfUnitsEqualThoseOfTheirString() {
        // koe's matching form as UTF-16 units: the same set as the String they make, with surrogate pairs (𠮷, 👨),
        // lone surrogates (U+FFFD in the String), white space and upper case.
        var rng = SplitMix64(seed: 9)
        let alphabet: [UInt16] = [0x3042, 0x30A2, 0x4FDD, 0x20, 0x3000, 0x0A, 0x41, 0x62, 0x5A, 0xD842, 0xDFB7, 0xD83D, 0xDC68]
        var texts = Self.samples.map { Array($0.utf16) }
        for length in 0..<300 { texts.append((0..<length % 40).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }) }
        for units in texts {
            let text = String(decoding: units, as: UTF16.self)
            for shingle in [1, 3] {
                XCTAssertEqual(
                    ShingleSet(units: units, shingle: shingle).hashes, ShingleSet(text, shingle: shingle, normalized: true).hashes,
                    "\(units)")
            }
        }
    }

    func testBucketSortEqualsAFullSort() {
        var rng = SplitMix64(seed: 7)
        for count in [0, 1, 2, 3, 16, 17, 18, 40, 63, 64, 65, 100, 257, 1000, 5000] {
            let uniform = (0..<count).map { _ in rng.next() }
            // Duplicates, and values sharing their top bits (one bucket: the insertion pass gives up and the
            // standard sort finishes), the case crafted input would make.
            let repeated = (0..<count).map { _ in rng.next() % 5 }
            let clustered = (0..<count).map { _ in rng.next() >> 20 }
            let descending = uniform.sorted(by: >)
            for values in [uniform, repeated, clustered, descending] {
                var sorted = values
                sorted.withUnsafeMutableBufferPointer { buffer in
                    if let base = buffer.baseAddress { ShingleSort.sort(base, buffer.count) }
                }
                XCTAssertEqual(sorted, values.sorted(), "count \(count)")
            }
        }
    }

    func testMinHashEqualsTheScalarFormula() {
        var rng = SplitMix64(seed: 2024)
        let settings: [NearDuplicateSettings] = [
            .standard, NearDuplicateSettings(hashes: 10, bands: 3), NearDuplicateSettings(hashes: 1, bands: 1),
            NearDuplicateSettings(hashes: 7, bands: 7, seed: 99), NearDuplicateSettings(hashes: 128, bands: 32, seed: 1),
        ]
        for setting in settings {
            for count in [0, 1, 2, 3, 4, 5, 8, 41, 100, 700] {
                // Random hashes, plus extremes: 0, all ones, and values whose products wrap.
                var hashes = Set((0..<count).map { _ in rng.next() })
                if count > 3 { hashes.formUnion([0, .max, 1 << 63]) }
                let sorted = hashes.sorted()
                let signature = NearDuplicateSignature(ShingleSet(sortedHashes: sorted), settings: setting)
                XCTAssertEqual(signature.bandKeys, referenceBandKeys(sorted, settings: setting), "\(count) shingles, \(setting)")
                XCTAssertEqual(signature.bandKeys.count, setting.bands)
            }
        }
        for text in Self.samples {
            let set = ShingleSet(text)
            XCTAssertEqual(NearDuplicateSignature(text: text).bandKeys, referenceBandKeys(set.hashes, settings: .standard), text)
        }
    }

    /// The signature of no shingles: every minimum stays at its maximum, and each band still gets its own key.
    func testStandardBandKeysAreStable() {
        let empty = NearDuplicateSignature(ShingleSet(sortedHashes: []))
        XCTAssertEqual(empty.bandKeys, referenceBandKeys([], settings: .standard))
        XCTAssertEqual(Set(empty.bandKeys).count, 16, "each band key mixes its band number")
        XCTAssertNotEqual(NearDuplicateSignature(text: "a").bandKeys, empty.bandKeys)
    }

    func testKeyTableAnswersLikeASet() {
        var rng = SplitMix64(seed: 5)
        for count in [0, 1, 3, 57, 300] {
            var keys = (0..<count).map { _ in rng.next() }
            if count == 3 { keys.append(0) }
            let table = QuoteWords.KeyTable(keys)
            let set = Set(keys)
            // Present keys, absent random keys, 0, and keys differing in one bit.
            var probes = keys + (0..<2000).map { _ in rng.next() } + [0, .max]
            probes += keys.map { $0 ^ 1 }
            for probe in probes { XCTAssertEqual(table.contains(probe), set.contains(probe), "\(count) keys, \(probe)") }
        }
        XCTAssertTrue(QuoteWords.isStockPhrase("特になし。"))
        XCTAssertFalse(QuoteWords.isStockPhrase("特になしとは言えない"))
        XCTAssertFalse(QuoteWords.isInformative("こと"), "generic")
        XCTAssertTrue(QuoteWords.isInformative("保育園"))
    }
}
