// NearDuplicateRunTests — the streaming run (spilled shingles read back through a small cache) agrees with the
// in-memory check, including lists longer than a cache slot and pairs whose positions share a slot.
import Foundation
import KoeCore
import XCTest

@testable import KoeQuotes

final class NearDuplicateRunTests: XCTestCase {
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SplitMix64.mix(state)
        }
    }

    func testSpillReaderEqualsInMemoryJaccard() throws {
        let directory = FileManager.default.temporaryDirectory
        let spill = try ShingleSpill(directory: directory)
        defer { spill.remove() }
        var random = Generator(state: 42)
        var sets: [ShingleSet] = []
        // A pool of shared hashes makes overlapping lists; lengths run past a cache slot's capacity.
        let pool = (0..<400).map { _ in random.next() }
        for i in 0..<(3 * SpillReader.slots) {
            let length = i % 7 == 0 ? SpillReader.slotCapacity + Int(random.next() % 200) : Int(random.next() % 60)
            let hashes = Set((0..<length).map { _ in random.next() % 3 == 0 ? random.next() : pool[Int(random.next() % 400)] })
            let set = ShingleSet(sortedHashes: hashes.sorted())
            sets.append(set)
            spill.append(set.hashes)
        }
        spill.finishWriting()
        let reader = spill.reader()
        var pairs: [(Int, Int)] = []
        for _ in 0..<20_000 { pairs.append((Int(random.next() % UInt64(sets.count)), Int(random.next() % UInt64(sets.count)))) }
        // Same slot (positions differ by a multiple of the slot count), both orders, and a list with itself.
        for i in stride(from: 0, to: SpillReader.slots, by: 97) {
            pairs.append((i, i + SpillReader.slots))
            pairs.append((i + 2 * SpillReader.slots, i))
            pairs.append((i, i))
        }
        var sameSlotChecked = 0
        for (i, j) in pairs {
            let read = try XCTUnwrap(reader.jaccard(i, j), "pair \(i), \(j)")
            XCTAssertEqual(read, sets[i].jaccard(sets[j]), "pair \(i), \(j)")
            if i != j && (i - j) % SpillReader.slots == 0 { sameSlotChecked += 1 }
        }
        XCTAssertGreaterThan(sameSlotChecked, 60)
        XCTAssertNil(reader.jaccard(0, sets.count), "a position past the end")
    }

    func testMembersAlreadyGroupedAreNotReadBack() throws {
        // 3,000 copies of one text share every band: they are compared (their keys read back) in the first band
        // only; in the other 15 each is already in its representative's set. Reading every member in every band
        // was 16 reads per copy.
        var grouper = try NearDuplicateGrouper(settings: .standard, keysIn: FileManager.default.temporaryDirectory, loadLimit: 0)
        let copy = NearDuplicateSignature(text: "駅前の駐輪場が足りないので増やしてほしい")
        for i in 0..<3_000 { grouper.add(id: String(format: "c%05d", i), signature: copy) }
        var seed: UInt64 = 11
        for i in 0..<1_000 {
            let text = (0..<20).map { _ in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return String(UnicodeScalar(0x4E00 + UInt32(seed >> 40) % 2000)!)
            }.joined()
            grouper.add(id: String(format: "u%05d", i), signature: NearDuplicateSignature(text: text))
        }
        let readsBefore = grouper.keyFileReads
        let groups = grouper.groups { _, _ in true }
        XCTAssertEqual(groups.map(\.count), [3_000])
        XCTAssertLessThan(grouper.keyFileReads - readsBefore, 3_000 + 16 * 64, "members read back once, not once a band")
    }

    /// Read from the file, a member that shares its bucket's band key but whose fingerprint agrees with no
    /// representative on four nibbles is passed over without reading its keys; the groups equal the in-memory ones.
    func testFingerprintsSpareReadsAndKeepTheGroups() throws {
        var random = Generator(state: 3)
        func keys() -> [UInt32] { (0..<16).map { _ in UInt32(truncatingIfNeeded: random.next() >> 16) } }
        let first = keys()
        var file = try NearDuplicateGrouper(settings: .standard, keysIn: FileManager.default.temporaryDirectory, loadLimit: 0)
        var memory = NearDuplicateGrouper()
        for i in 0..<3_000 {
            var k = keys()
            switch i % 50 {
            case 0: k = first  // copies: one group
            case 1: for b in 0..<5 { k[b] = first[b] }  // five agreeing bands: the exact check decides
            default: k[0] = first[0]  // one agreeing band: never a candidate
            }
            let signature = NearDuplicateSignature(bandKeys: k)
            file.add(id: String(format: "o%05d", i), signature: signature)
            memory.add(id: String(format: "o%05d", i), signature: signature)
        }
        let similar: (Int, Int) -> Bool = { i, j in (i + j) % 3 != 0 }
        let readsBefore = file.keyFileReads
        let expected = memory.groups(similar: similar)
        let groups = file.groups(similar: similar)
        XCTAssertEqual(groups, expected)
        XCTAssertGreaterThanOrEqual(groups.first?.count ?? 0, 60)
        // Without fingerprints each of the 2,880 one-band members was read back in band 0 (≥ 2,880 reads). Now
        // one is read only when its fingerprint agrees with a representative's on four bands (by chance: ≈ 0.0007
        // each) and representatives are read when first compared: the reads are the 120 copies and five-band
        // members, a few representatives, and the passes over the file (16 bands and the fingerprints).
        XCTAssertLessThan(file.keyFileReads - readsBefore, 400)
    }

    /// Read from the file, the rows of a band's shared buckets are gathered in one pass; whether all, some (the
    /// limit reached) or none are, the groups equal the in-memory grouping, and gathering spares the row reads.
    func testGatheredRowsGiveTheSameGroups() throws {
        var random = Generator(state: 21)
        func keys() -> [UInt32] { (0..<16).map { _ in UInt32(truncatingIfNeeded: random.next() >> 16) } }
        let templates = (0..<40).map { _ in keys() }
        var signatures: [NearDuplicateSignature] = []
        for i in 0..<4_000 {
            var k = keys()
            let t = templates[Int(random.next() % 40)]
            switch i % 4 {
            case 0: k = t  // copies of a template
            case 1: for b in 0..<Int(4 + random.next() % 12) { k[b] = t[b] }  // 4–15 bands of one: the exact check
            case 2: k[Int(random.next() % 16)] = t[0]  // one shared key
            default: break
            }
            signatures.append(NearDuplicateSignature(bandKeys: k))
        }
        let similar: (Int, Int) -> Bool = { i, j in (i * 7 + j * 3) % 5 != 0 }
        var memory = NearDuplicateGrouper()
        for (i, s) in signatures.enumerated() { memory.add(id: String(format: "o%05d", i), signature: s) }
        let expected = memory.groups(similar: similar)
        XCTAssertGreaterThan(expected.count, 20)
        var reads: [Int] = []
        for limit in [0, 64 * 300, NearDuplicateGrouper.gatherLimit] {
            var file = try NearDuplicateGrouper(
                settings: .standard, keysIn: FileManager.default.temporaryDirectory, loadLimit: 0, gatherLimit: limit)
            for (i, s) in signatures.enumerated() { file.add(id: String(format: "o%05d", i), signature: s) }
            let before = file.keyFileReads
            XCTAssertEqual(file.groups(similar: similar), expected, "gather limit \(limit)")
            reads.append(file.keyFileReads - before)
        }
        XCTAssertGreaterThan(reads[0], reads[1])
        XCTAssertGreaterThan(reads[1], reads[2])
        XCTAssertLessThanOrEqual(reads[2], 16 * 2 + 1, "a pass for the keys and one for the rows a band, and the fingerprints")
    }

    func testPackedStringsGiveBackEachString() {
        let strings = ["survey-2-E", "", "アンケート結果-12-まちの課題", "a", String(repeating: "長い", count: 300), "🙂x", ""]
        var packed = PackedStrings()
        for s in strings { packed.append(s) }
        packed.append(String(Substring("前後の文字列".dropFirst(2))))  // a string that shares another's storage
        XCTAssertEqual(packed.count, strings.count + 1)
        XCTAssertEqual((0..<strings.count).map { packed[$0] }, strings)
        XCTAssertEqual(packed[strings.count], "の文字列")
    }

    func testAgreeingBytesCountsEqualLanesWithinBands() {
        let zero = SIMD16<UInt8>()
        XCTAssertEqual(NearDuplicateGrouper.agreeingBytes(zero, zero, 16), 16)
        var one = zero
        one[3] = 7
        XCTAssertEqual(NearDuplicateGrouper.agreeingBytes(one, zero, 16), 15)
        XCTAssertEqual(NearDuplicateGrouper.agreeingBytes(one, zero, 4), 3)
        XCTAssertEqual(NearDuplicateGrouper.agreeingBytes(one, zero, 3), 3, "lanes past `bands` do not count")
        var random = Generator(state: 9)
        for _ in 0..<1_000 {
            let a = SIMD16<UInt8>((0..<16).map { _ in UInt8(truncatingIfNeeded: random.next() % 3) })
            let b = SIMD16<UInt8>((0..<16).map { _ in UInt8(truncatingIfNeeded: random.next() % 3) })
            let bands = Int(random.next() % 17)
            let slow = (0..<bands).filter { a[$0] == b[$0] }.count
            XCTAssertEqual(NearDuplicateGrouper.agreeingBytes(a, b, bands), slow)
        }
    }

    /// Keys read back whole (under the load limit) or band by band and row by row give the same groups.
    func testKeysReadBackWholeOrRowByRowGiveTheSameGroups() throws {
        var random = Generator(state: 5)
        let template = "子どもが安心して遊べる公園を近くに作ってください"
        var whole = try NearDuplicateGrouper(settings: .standard, keysIn: FileManager.default.temporaryDirectory)
        var rows = try NearDuplicateGrouper(settings: .standard, keysIn: FileManager.default.temporaryDirectory, loadLimit: 0)
        var sets: [ShingleSet] = []
        for i in 0..<4_000 {
            let text =
                i % 4 == 0
                ? template + String(repeating: "。", count: Int(random.next() % 3))
                : (0..<20).map { _ in String(UnicodeScalar(0x4E00 + UInt32(random.next() % 2000))!) }.joined()
            let set = ShingleSet(text)
            whole.add(id: String(format: "o%05d", i), signature: NearDuplicateSignature(set))
            rows.add(id: String(format: "o%05d", i), signature: NearDuplicateSignature(set))
            sets.append(set)
        }
        let a = whole.groups { sets[$0].jaccard(sets[$1]) >= 0.8 }
        let readsWhole = whole.keyFileReads
        let b = rows.groups { sets[$0].jaccard(sets[$1]) >= 0.8 }
        XCTAssertGreaterThan(a.count, 0)
        XCTAssertEqual(a, b)
        XCTAssertEqual(readsWhole, 1, "one read of the whole file")
        XCTAssertGreaterThan(rows.keyFileReads, 16, "a pass over the file per band at least")
    }

    func testRunGroupsEqualTheInMemoryGrouping() {
        var random = Generator(state: 7)
        let templates = ["駅前の駐輪場が足りないので増やしてほしい", "子どもが安心して遊べる公園を近くに作ってください", "高齢者の見守りを地域で進めてほしいと思います"]
        var texts: [String] = []
        for i in 0..<9000 {
            if i % 3 == 0 {
                // An edited copy of a template: near-duplicates of many others.
                var text = templates[Int(random.next() % 3)]
                text += String(repeating: "。", count: Int(random.next() % 3)) + (random.next() % 2 == 0 ? "よろしく" : "")
                texts.append(text)
            } else {
                texts.append((0..<20).map { _ in String(UnicodeScalar(0x4E00 + UInt32(random.next() % 2000))!) }.joined())
            }
        }
        let run = NearDuplicateRun(directory: FileManager.default.temporaryDirectory)
        var grouper = NearDuplicateGrouper()
        var sets: [ShingleSet] = []
        for (i, text) in texts.enumerated() {
            let set = ShingleSet(text)
            let signature = NearDuplicateSignature(set)
            run.add(id: String(format: "o%05d", i), signature: signature, shingles: set)
            grouper.add(id: String(format: "o%05d", i), signature: signature)
            sets.append(set)
        }
        let expected = grouper.groups { sets[$0].jaccard(sets[$1]) >= 0.8 }
        let groups = run.groups()
        XCTAssertGreaterThan(groups.count, 0)
        XCTAssertGreaterThan(groups.map(\.count).reduce(0, +), 2500)
        XCTAssertEqual(groups, expected)
    }
}
