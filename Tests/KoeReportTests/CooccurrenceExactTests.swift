// CooccurrenceExactTests — the two-pass co-occurrence network against a brute-force count of every pair, with
// the word lists kept in memory and spilled to a temporary file; the spill's varints round-trip; an unwritable
// spill folder is reported.
import XCTest

@testable import KoeReport

final class CooccurrenceExactTests: XCTestCase {
    /// Opinions of a skewed vocabulary (word k drawn with weight ∝ 1/(k+1)), a few tagged with areas.
    static func opinions(count: Int, vocabulary: Int, seed: UInt64) -> [(words: [String], areas: [String])] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let weights = (0..<vocabulary).map { 1.0 / Double($0 + 1) }
        let total = weights.reduce(0, +)
        func word() -> String {
            var r = Double(next() % 1_000_000) / 1_000_000 * total
            for (k, w) in weights.enumerated() {
                r -= w
                if r <= 0 { return "語\(k)" }
            }
            return "語\(vocabulary - 1)"
        }
        return (0..<count).map { _ in
            let words = (0..<(2 + Int(next() % 14))).map { _ in word() }
            let areas = [["A"], ["B"], ["A", "B"], [], ["C"]][Int(next() % 5)]
            return (words, areas)
        }
    }

    /// Every pair counted in a dictionary, the network chosen as the builder documents it.
    static func reference(
        _ opinions: [(words: [String], areas: [String])], area: String?, options: NetworkOptions, maxWordsPerOpinion: Int = 48
    ) -> [(String, String, Int, Double)] {
        var firstSeen: [String: Int] = [:]
        var frequency: [String: Int] = [:]
        var pairs: [[String]: Int] = [:]
        for o in opinions {
            var distinct: [String] = []
            for w in o.words where !distinct.contains(w) {
                if firstSeen[w] == nil { firstSeen[w] = firstSeen.count }
                distinct.append(w)
                if distinct.count == maxWordsPerOpinion { break }
            }
            if let area, !o.areas.contains(area) { continue }
            for w in distinct { frequency[w, default: 0] += 1 }
            for i in distinct.indices {
                for j in distinct.indices where j > i { pairs[[distinct[i], distinct[j]].sorted(), default: 0] += 1 }
            }
        }
        let words = frequency.filter { $0.value >= options.minFrequency }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(options.maxWords).map(\.key)
        var edges: [(String, String, Int, Double)] = []
        for i in words.indices {
            for j in words.indices where j > i {
                guard let c = pairs[[words[i], words[j]].sorted()] else { continue }
                // As the builder orders an edge's two words: by first appearance.
                let (a, b) = firstSeen[words[i]]! < firstSeen[words[j]]! ? (words[i], words[j]) : (words[j], words[i])
                edges.append((a, b, c, Double(c) / Double(frequency[a]! + frequency[b]! - c)))
            }
        }
        edges.sort { x, y in
            if x.3 != y.3 { return x.3 > y.3 }
            if x.2 != y.2 { return x.2 > y.2 }
            return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1
        }
        return Array(edges.prefix(options.maxEdges))
    }

    func edges(_ n: CooccurrenceNetwork) -> [(String, String, Int, Double)] {
        n.edges.map { (n.words[$0.a].term, n.words[$0.b].term, $0.count, $0.jaccard) }
    }

    func assertSame(_ got: [(String, String, Int, Double)], _ want: [(String, String, Int, Double)], line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, line: line)
        for (g, w) in zip(got, want) {
            XCTAssertEqual(Set([g.0, g.1]), Set([w.0, w.1]), line: line)
            XCTAssertEqual(g.2, w.2, "\(w.0)–\(w.1)", line: line)
            XCTAssertEqual(g.3, w.3, accuracy: 1e-12, line: line)
        }
    }

    func testNetworksEqualBruteForceInMemoryAndSpilled() throws {
        let data = Self.opinions(count: 4000, vocabulary: 600, seed: 11)
        for spillBytes in [1 << 20, 64] {
            var b = CooccurrenceBuilder(trackedAreas: ["A", "B"], limits: .init(spillBytes: spillBytes))
            for o in data { b.add(words: o.words, areas: o.areas) }
            XCTAssertNil(b.unwritableFolder)
            for options in [NetworkOptions(maxEdges: 60, minFrequency: 3), NetworkOptions(maxEdges: 400, minFrequency: 1, maxWords: 40)] {
                let overall = try XCTUnwrap(b.network(options: options))
                XCTAssertEqual(overall.edges.count, options.maxEdges)
                assertSame(edges(overall), Self.reference(data, area: nil, options: options))
                for area in ["A", "B"] {
                    let n = try XCTUnwrap(b.network(area: area, options: options))
                    assertSame(edges(n), Self.reference(data, area: area, options: options))
                }
            }
            // Word frequencies of the drawn network are exact.
            let overall = try XCTUnwrap(b.network(options: NetworkOptions(maxEdges: 60, minFrequency: 3)))
            let counted = Dictionary(grouping: data.flatMap { Set($0.words) }, by: { $0 }).mapValues(\.count)
            for w in overall.words { XCTAssertEqual(w.frequency, counted[w.term], w.term) }
        }
    }

    /// Several networks drawn from one read of the spill equal the brute-force reference of each; an untracked
    /// area gives nil without disturbing the others.
    func testNetworksInOnePassEqualBruteForce() throws {
        let data = Self.opinions(count: 3000, vocabulary: 500, seed: 5)
        for spillBytes in [1 << 20, 64] {
            var b = CooccurrenceBuilder(trackedAreas: ["A", "B"], limits: .init(spillBytes: spillBytes))
            for o in data { b.add(words: o.words, areas: o.areas) }
            let wide = NetworkOptions(maxEdges: 400, minFrequency: 1, maxWords: 40)
            let requests: [(String?, NetworkOptions)] = [
                (nil, NetworkOptions(maxEdges: 60, minFrequency: 3)), ("B", wide), ("Z", wide),
                ("A", NetworkOptions(maxEdges: 30, minFrequency: 2)),
                (nil, wide),
            ]
            let drawn = b.networks(requests.map { CooccurrenceBuilder.NetworkRequest(area: $0.0, label: $0.0 ?? "全体", options: $0.1) })
            XCTAssertEqual(drawn.count, requests.count)
            XCTAssertNil(drawn[2], "an untracked area")
            for (k, (area, options)) in requests.enumerated() where k != 2 {
                let n = try XCTUnwrap(drawn[k])
                XCTAssertEqual(n.area, area)
                XCTAssertGreaterThan(n.edges.count, 0)
                assertSame(edges(n), Self.reference(data, area: area, options: options))
            }
        }
    }

    func testCapOfWordsPerOpinionMatchesReference() throws {
        let data = Self.opinions(count: 500, vocabulary: 80, seed: 3).map { ($0.words + $0.words.reversed(), $0.areas) }
        var b = CooccurrenceBuilder(trackedAreas: [], limits: .init(maxWordsPerOpinion: 4))
        for o in data { b.add(words: o.0, areas: o.1) }
        let options = NetworkOptions(maxEdges: 100, minFrequency: 2)
        let n = try XCTUnwrap(b.network(options: options))
        assertSame(edges(n), Self.reference(data.map { ($0.0, $0.1) }, area: nil, options: options, maxWordsPerOpinion: 4))
    }

    func testSpillRoundTripsAcrossChunksAndFile() {
        let spill = WordListSpill(chunk: 32)
        var records: [([Int32], [Int32])] = []
        let big: [Int32] = [0, 1, 127, 128, 16_383, 16_384, 2_097_152, 2_000_000_000]
        for i in 0..<500 {
            let words = Array(big.prefix(i % (big.count + 1)))
            let areas: [Int32] = i % 3 == 0 ? [] : [Int32(i % 7), Int32(i % 7 + 200)]
            records.append((words, areas))
            spill.append(words: words, areas: areas)
        }
        var read: [([Int32], [Int32])] = []
        spill.forEach { read.append(($0, $1)) }
        XCTAssertEqual(read.count, records.count)
        for (r, w) in zip(read, records) {
            XCTAssertEqual(r.0, w.0)
            XCTAssertEqual(r.1, w.1)
        }
        // Appending after a read goes on where it left off.
        spill.append(words: [5, 9], areas: [1])
        var last: [Int32] = []
        spill.forEach { words, _ in last = words }
        XCTAssertEqual(last, [5, 9])
        XCTAssertNil(spill.unwritableFolder)
    }

    func testUnwritableSpillFolderIsReported() {
        let folder = URL(fileURLWithPath: "/nonexistent-koe-folder/spill")
        var b = CooccurrenceBuilder(trackedAreas: [], limits: .init(spillBytes: 64), spillDirectory: folder)
        for o in Self.opinions(count: 200, vocabulary: 50, seed: 5) { b.add(words: o.words, areas: o.areas) }
        XCTAssertEqual(b.unwritableFolder, folder.path)
    }
}
