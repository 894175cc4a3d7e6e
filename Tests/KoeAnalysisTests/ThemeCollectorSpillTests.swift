// ThemeCollector spill tests: the untagged opinions' word lists read back the same whether they stayed in memory or
// went to the temporary file block by block, and a folder that cannot be written is reported, not ignored.
import Foundation
import KoeCore
import XCTest

@testable import KoeAnalysis

final class ThemeCollectorSpillTests: XCTestCase {
    private func feed(_ collector: ThemeCollector) {
        var seed: UInt64 = 5
        for ordinal in 1...3_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = Int(seed >> 60)
            // Ascending ids with gaps of every size a varint writes in one to three bytes.
            var id: Int32 = 0
            var words: [Int32] = []
            for k in 0..<n {
                id += Int32(1 + (seed >> UInt64(4 * k)) % 40_000)
                words.append(id)
            }
            let counts = words.map { Int32(1 + $0 % 3) }
            collector.add(ordinal: Int32(ordinal * 2), id: "o\(ordinal)", words: words, counts: counts) {
                ThemeOpinion(id: "o\(ordinal)", text: "t", normalized: "t", segments: Segments(), respondent: nil, session: nil)
            }
        }
    }

    private func records(_ collector: ThemeCollector) -> [[Int32]] {
        var out: [[Int32]] = []
        collector.forEach { ordinal, words, counts in out.append([ordinal] + words + counts) }
        return out
    }

    func testSpilledRecordsEqualTheInMemoryOnes() {
        let memory = ThemeCollector(chunk: 1 << 24)
        let spilled = ThemeCollector(chunk: 64)
        feed(memory)
        feed(spilled)
        let expected = records(memory)
        XCTAssertGreaterThan(expected.count, 2_000, "opinions without words are not recorded")
        XCTAssertEqual(records(spilled), expected)
        XCTAssertEqual(records(spilled), expected, "a second pass reads the same")
        XCTAssertNil(spilled.unwritableFolder)
    }

    func testAnUnwritableFolderIsReported() {
        let missing = URL(fileURLWithPath: "/nonexistent-koe-\(UUID().uuidString)")
        let collector = ThemeCollector(directory: missing, chunk: 64)
        feed(collector)
        XCTAssertEqual(collector.unwritableFolder, missing.path)
    }
}
