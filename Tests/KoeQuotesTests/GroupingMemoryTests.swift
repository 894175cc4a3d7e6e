// The near-duplicate grouping's owners of unsafe memory, tested directly: UnionFind (the smaller root wins, so
// roots never depend on the order of unions) and PairMemory (a lossy direct-mapped memory of pairs); each class
// allocates in init and frees in deinit.
import XCTest

@testable import KoeQuotes

final class GroupingMemoryTests: XCTestCase {
    func testUnionFindRootsAreTheSmallestMember() {
        let sets = UnionFind(count: 10)
        XCTAssertEqual((0..<10).map(sets.find), Array(0..<10))
        sets.union(7, 3)
        sets.union(3, 9)
        sets.union(5, 2)
        sets.union(9, 5)
        XCTAssertEqual([2, 3, 5, 7, 9].map(sets.find), [2, 2, 2, 2, 2])
        XCTAssertEqual([0, 1, 4, 6, 8].map(sets.find), [0, 1, 4, 6, 8])
        // The same unions in another order give the same roots.
        let other = UnionFind(count: 10)
        for (a, b) in [(9, 5), (5, 2), (3, 9), (7, 3)] { other.union(a, b) }
        XCTAssertEqual((0..<10).map(other.find), (0..<10).map(sets.find))
    }

    func testPairMemoryRemembersAndForgetsOnlyByOverwriting() {
        let memory = PairMemory(slots: 1024)
        let pairs = (1..<200).map { UInt64($0) << 32 | UInt64($0 + 1) }
        XCTAssertFalse(pairs.contains(where: memory.contains))
        for pair in pairs { memory.insert(pair) }
        // A pair is forgotten only when a later pair took its slot: at most as many as were inserted after it.
        let remembered = pairs.filter(memory.contains).count
        XCTAssertGreaterThan(remembered, pairs.count * 3 / 4)
        XCTAssertTrue(memory.contains(pairs.last!))
        XCTAssertFalse(memory.contains(UInt64(500) << 32 | 501))
    }

    /// Many tables allocated and released in turn (deinit frees each) behave the same.
    func testRepeatedAllocationAndRelease() {
        for n in 1...200 {
            let sets = UnionFind(count: n)
            if n > 1 { sets.union(n - 1, 0) }
            XCTAssertEqual(sets.find(n - 1), 0)
            let memory = PairMemory(slots: 64)
            memory.insert(UInt64(n) << 32 | UInt64(n + 1))
            XCTAssertTrue(memory.contains(UInt64(n) << 32 | UInt64(n + 1)))
        }
    }
}
