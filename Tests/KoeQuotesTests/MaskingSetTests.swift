// Masking set tests: precision and recall per kind of personal data over koe's own cases, printed as a
// table; every case's exact output; idempotence as a property over the set and random mixes of it.
import XCTest

@testable import KoeQuotes

final class MaskingSetTests: XCTestCase {
    let masker = Masker()

    func testTheSetIsLargeAndCoversEveryKind() {
        XCTAssertGreaterThanOrEqual(MaskingCases.all.count, 150)
        for kind in PersonalDataKind.allCases {
            XCTAssertTrue(MaskingCases.all.contains { $0.kind == kind && !$0.spans.isEmpty }, "\(kind) masked")
            XCTAssertTrue(MaskingCases.all.contains { $0.kind == kind && $0.spans.isEmpty }, "\(kind) kept")
        }
    }

    /// Span-level scores: a masked span counts as a true positive only when it covers exactly a marked span;
    /// a half-masked number is one false positive and one false negative.
    func testPrecisionAndRecallPerKind() {
        var tp: [PersonalDataKind: Int] = [:]
        var fp: [PersonalDataKind: Int] = [:]
        var fn: [PersonalDataKind: Int] = [:]
        for c in MaskingCases.all {
            let predicted = Masker.merged(masker.spans(in: c.input))
            let expected = Set(c.spans)
            for span in predicted {
                if expected.contains(span.range) { tp[c.kind, default: 0] += 1 } else { fp[span.kind, default: 0] += 1 }
            }
            let found = Set(predicted.map(\.range))
            fn[c.kind, default: 0] += expected.subtracting(found).count
        }
        var table = "kind        cases  spans   tp  fp  fn  precision  recall\n"
        for kind in PersonalDataKind.allCases {
            let cases = MaskingCases.all.filter { $0.kind == kind }
            let t = tp[kind, default: 0]
            let p = Double(t) / Double(max(1, t + fp[kind, default: 0]))
            let r = Double(t) / Double(max(1, t + fn[kind, default: 0]))
            table += kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            table += String(
                format: " %6d %6d %4d %3d %3d %10.3f %7.3f\n", cases.count, cases.reduce(0) { $0 + $1.spans.count }, t,
                fp[kind, default: 0], fn[kind, default: 0], p, r)
            XCTAssertGreaterThanOrEqual(p, 0.95, "precision of \(kind)")
            XCTAssertGreaterThanOrEqual(r, 0.95, "recall of \(kind)")
        }
        print("Masking set (\(MaskingCases.all.count) cases):\n" + table)
    }

    func testEveryCaseExactly() {
        for c in MaskingCases.all {
            XCTAssertEqual(masker.mask(c.input), c.expected, "[\(c.kind.rawValue)] \(c.input)")
        }
    }

    func testNoHalfMaskedRemainders() {
        for c in MaskingCases.all where c.kind == .phone || c.kind == .postalCode {
            let masked = masker.mask(c.input)
            XCTAssertNil(masked.range(of: "＊＊＊[－\\-ー ]?[0-9０-９]", options: .regularExpression), masked)
            XCTAssertNil(masked.range(of: "[+＋][8８][1１]", options: .regularExpression), masked)
        }
    }

    /// Property: masking is idempotent on every case and on random concatenations of cases (seeded).
    func testMaskingIsIdempotent() {
        var rng = SplitMix(seed: 42)
        var samples = MaskingCases.all.map(\.input)
        for _ in 0..<300 {
            let parts = (0..<Int(rng.next() % 4 + 2)).map { _ in MaskingCases.all[Int(rng.next() % UInt64(MaskingCases.all.count))].input }
            samples.append(parts.joined(separator: ["", "、", " ", "。"][Int(rng.next() % 4)]))
        }
        for s in samples {
            let once = masker.mask(s)
            XCTAssertEqual(masker.mask(once), once, s)
        }
    }

    /// Masking is linear: a text 64 times longer takes about 64 times as long, not thousands.
    func testMaskingTimeGrowsLinearly() {
        let unit = MaskingCases.all.prefix(40).map(\.input).joined(separator: "。")
        func time(_ copies: Int) -> Double {
            let text = Array(repeating: unit, count: copies).joined(separator: "。")
            let start = Date()
            _ = masker.mask(text)
            return Date().timeIntervalSince(start)
        }
        _ = time(1)
        // The fastest of three runs each: a busy machine slows single runs, not the best one.
        let small = max((0..<3).map { _ in time(8) }.min() ?? 0, 1e-4)
        let large = (0..<3).map { _ in time(256) }.min() ?? 0
        // 32 times the text: linear is ≈ 32; quadratic would be ≈ 1,000.
        XCTAssertLessThan(large / small, 32 * 4, "8 copies: \(small) s, 256 copies: \(large) s")
    }
}

/// A small seeded generator (SplitMix64) for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
