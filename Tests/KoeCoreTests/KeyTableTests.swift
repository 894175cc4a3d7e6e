// KeyTableTests — the flat 64-bit-key table agrees with a Dictionary on random and adversarial keys.
import XCTest

@testable import KoeCore

final class KeyTableTests: XCTestCase {
    func testAgreesWithDictionaryThroughGrowth() {
        var rng = SystemRandomNumberGenerator()
        var table = KeyTable()
        var reference: [UInt64: Int32] = [:]
        // Structured keys like trie edges (node << 16 | unit) collide on their low bits; random keys do not.
        var keys: [UInt64] = [0, .max]
        for i in 0..<5000 { keys.append(UInt64(i / 50) << 16 | UInt64(i % 50)) }
        for _ in 0..<5000 { keys.append(rng.next()) }
        for (i, key) in keys.enumerated() {
            table.set(key, Int32(i))
            reference[key] = Int32(i)
        }
        XCTAssertEqual(table.count, reference.count)
        for (key, value) in reference { XCTAssertEqual(table[key], value) }
        for _ in 0..<2000 {
            let probe = rng.next()
            XCTAssertEqual(table[probe], reference[probe])
        }
    }

    func testReplacesAValueWithoutGrowingTheCount() {
        var table = KeyTable(capacity: 2)
        table.set(7, 1)
        table.set(7, 3)
        table.set(0, 0)
        XCTAssertEqual(table[7], 3)
        XCTAssertEqual(table[0], 0)
        XCTAssertNil(table[8])
        XCTAssertEqual(table.count, 2)
    }
}
