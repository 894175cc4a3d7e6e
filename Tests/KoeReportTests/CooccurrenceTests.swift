// CooccurrenceTests — Jaccard edges counted by hand, per-area scopes, bounded memory under a long tail of rare
// words, determinism of the network, its communities and its layout.
import Foundation
import XCTest

@testable import KoeReport

final class CooccurrenceTests: XCTestCase {
    func testJaccardByHand() throws {
        var b = CooccurrenceBuilder(trackedAreas: ["4"])
        // バス in 4 opinions, 本数 in 3, both in 3 → J = 3 / (4 + 3 − 3) = 0.75. 駅 in 2, with バス in 1 → 1/5.
        b.add(words: ["バス", "本数"], areas: ["4"])
        b.add(words: ["バス", "本数", "本数"], areas: ["4"])  // repeats count once
        b.add(words: ["バス", "本数", "駅"], areas: [])
        b.add(words: ["バス"], areas: ["4"])
        b.add(words: ["駅", "公園"], areas: [])
        let n = try XCTUnwrap(b.network(options: NetworkOptions(maxEdges: 10, minFrequency: 1)))
        XCTAssertEqual(n.opinions, 5)
        func edge(_ x: String, _ y: String) -> CooccurrenceNetwork.Edge? {
            n.edges.first { e in Set([n.words[e.a].term, n.words[e.b].term]) == Set([x, y]) }
        }
        XCTAssertEqual(try XCTUnwrap(edge("バス", "本数")).jaccard, 0.75, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(edge("バス", "本数")).count, 3)
        XCTAssertEqual(try XCTUnwrap(edge("バス", "駅")).jaccard, 0.2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(edge("駅", "公園")).jaccard, 0.5, accuracy: 1e-12)
        XCTAssertEqual(n.words.first?.term, "バス")
        XCTAssertEqual(n.edges.first.map { n.words[$0.a].term + n.words[$0.b].term }, "バス本数")
        // Strongest first, and top N cut.
        XCTAssertEqual(n.edges.map(\.jaccard), n.edges.map(\.jaccard).sorted(by: >))
        XCTAssertEqual(b.network(options: NetworkOptions(maxEdges: 2, minFrequency: 1))?.edges.count, 2)
        // Minimum frequency: 公園 (1 opinion) and its edge disappear.
        let frequent = try XCTUnwrap(b.network(options: NetworkOptions(maxEdges: 10, minFrequency: 2)))
        XCTAssertFalse(frequent.words.contains { $0.term == "公園" })
        // The area's own network counts only its opinions.
        let area = try XCTUnwrap(b.network(area: "4", label: "4"))
        XCTAssertEqual(area.opinions, 3)
        XCTAssertNil(b.network(area: "9"))
        let local = try XCTUnwrap(b.network(area: "4", options: NetworkOptions(minFrequency: 1)))
        XCTAssertEqual(local.edges.first?.jaccard ?? 0, 2.0 / 3.0, accuracy: 1e-12)
    }

    func testUntaggedKeywordsByLogLikelihood() throws {
        // scipy.stats.chi2_contingency([[30, 10], [70, 390]], correction=False, lambda_="log-likelihood")[0]
        XCTAssertEqual(CooccurrenceBuilder.logLikelihood(a: 30, b: 10, c: 70, d: 390), 63.07103204758384, accuracy: 1e-9)
        // scipy.stats.chi2_contingency([[5, 0], [15, 80]], correction=False, lambda_="log-likelihood")[0]
        XCTAssertEqual(CooccurrenceBuilder.logLikelihood(a: 5, b: 0, c: 15, d: 80), 17.209642884422166, accuracy: 1e-9)
        var b = CooccurrenceBuilder(trackedAreas: [])
        for i in 0..<20 { b.add(words: i < 5 ? ["ごみ", "収集"] : ["収集"], areas: []) }
        for i in 0..<80 { b.add(words: i < 40 ? ["収集", "子育て"] : ["子育て", "ぼ"], areas: ["A"]) }
        let keywords = b.untaggedKeywords(limit: 5)
        XCTAssertEqual(keywords.first?.term, "収集")
        XCTAssertEqual(keywords.first?.untagged, 20)
        XCTAssertEqual(keywords.first?.tagged, 40)
        XCTAssertEqual(keywords.map(\.term), ["収集", "ごみ"], "子育て is over-represented in tagged opinions")
        XCTAssertEqual(b.display("ぼ"), "ぼ", "a lone kana is never counted")
        XCTAssertNil(b.network(options: NetworkOptions(minFrequency: 1))?.words.first { $0.term == "ぼ" })
        var k = CooccurrenceBuilder(trackedAreas: [])
        k.add(words: ["ばす", "てい"], areas: [], text: "地域振興バスのバス停")
        XCTAssertEqual(k.display("ばす"), "バス", "katakana spelling recovered from the text")
        XCTAssertEqual(k.display("てい"), "てい")
    }

    func testMemoryStaysBoundedAndFrequentPairsExact() throws {
        let limits = CooccurrenceBuilder.Limits(maxVocabulary: 200)
        var b = CooccurrenceBuilder(trackedAreas: ["A"], limits: limits)
        var maxVocabulary = 0
        for i in 0..<20_000 {
            // Two frequent words in every third opinion, and a long tail of words seen once.
            var words = ["rare\(i)", "tail\(i)", "once\(i)"]
            if i % 3 == 0 { words += ["子育て", "支援"] }
            b.add(words: words, areas: i % 2 == 0 ? ["A"] : [])
            maxVocabulary = max(maxVocabulary, b.vocabularyCount)
        }
        XCTAssertLessThanOrEqual(maxVocabulary, 201)
        XCTAssertGreaterThan(b.prunedBelow, 0)
        let n = try XCTUnwrap(b.network(options: NetworkOptions(maxEdges: 5, minFrequency: 5)))
        let top = try XCTUnwrap(n.edges.first)
        XCTAssertEqual(Set([n.words[top.a].term, n.words[top.b].term]), ["子育て", "支援"])
        XCTAssertEqual(top.count, 6667, "never pruned, so exact")
        XCTAssertEqual(top.jaccard, 1)
        let area = try XCTUnwrap(b.network(area: "A", options: NetworkOptions(maxEdges: 5, minFrequency: 5)))
        XCTAssertEqual(area.edges.first?.count, 3334, "i % 6 == 0 for i < 20,000")
    }

    /// Swift seeds hashing once per process, so two builds in one process may share one hash order and prove
    /// nothing. The network is built in child processes of this test binary (this same test, told by
    /// `KOE_HASH_ORDER_OUT` where to write): one with `SWIFT_DETERMINISTIC_HASHING` (a fixed seed), two with random
    /// seeds. Each child also writes the iteration order of a Set of the fixture's words, which shows the seeds
    /// really differed; the networks must be identical anyway.
    func testNetworkDoesNotDependOnHashOrder() throws {
        func build() -> CooccurrenceNetwork? {
            var b = CooccurrenceBuilder(trackedAreas: [])
            for (words, areas) in ReportFixture.opinions { b.add(words: words, areas: areas) }
            return b.network(options: NetworkOptions(maxEdges: 30, minFrequency: 2))
        }
        let environment = ProcessInfo.processInfo.environment
        if let out = environment["KOE_HASH_ORDER_OUT"] {
            let words = Set(ReportFixture.opinions.flatMap { $0.0 })
            let text = "\(words.joined(separator: " "))\n" + (build().map { String(describing: $0) } ?? "nil")
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            return
        }
        let first = try XCTUnwrap(build())
        XCTAssertEqual(first, build())
        XCTAssertEqual(first.edges.count, 30)

        let binary = URL(fileURLWithPath: CommandLine.arguments[0])
        guard binary.lastPathComponent.hasSuffix(".xctest") else {
            throw XCTSkip("child processes need the .xctest binary (running under \(binary.lastPathComponent))")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("koe-hash-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var runs: [(order: String, network: String)] = []
        for (i, fixedSeed) in [true, false, false].enumerated() {
            let out = directory.appendingPathComponent("run\(i).txt")
            var childEnvironment = environment
            childEnvironment["KOE_HASH_ORDER_OUT"] = out.path
            childEnvironment["SWIFT_DETERMINISTIC_HASHING"] = fixedSeed ? "1" : nil
            let child = Process()
            child.executableURL = binary
            child.arguments = ["KoeReportTests.CooccurrenceTests/testNetworkDoesNotDependOnHashOrder"]
            child.environment = childEnvironment
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            child.waitUntilExit()
            XCTAssertEqual(child.terminationStatus, 0, "child run \(i)")
            let text = try String(contentsOf: out, encoding: .utf8)
            let parts = text.split(separator: "\n", maxSplits: 1).map(String.init)
            XCTAssertEqual(parts.count, 2)
            runs.append((parts.first ?? "", parts.last ?? ""))
        }
        XCTAssertGreaterThan(Set(runs.map(\.order)).count, 1, "the child processes hashed with different seeds")
        for run in runs { XCTAssertEqual(run.network, String(describing: first)) }
    }

    func testCommunitiesSplitTwoCliques() {
        // Two triangles joined by one edge: greedy modularity puts each triangle in its own community.
        let edges = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
        let c = NetworkLayout.communities(count: 6, edges: edges)
        XCTAssertEqual(c[0], c[1])
        XCTAssertEqual(c[1], c[2])
        XCTAssertEqual(c[3], c[4])
        XCTAssertEqual(c[4], c[5])
        XCTAssertNotEqual(c[0], c[3])
        XCTAssertEqual(c, [0, 0, 0, 1, 1, 1])
    }

    func testLayoutIsDeterministicAndInside() throws {
        let network = try XCTUnwrap(ReportFixture.model().networks.first)
        let a = NetworkLayout.make(network, width: 880, height: 520)
        let b = NetworkLayout.make(network, width: 880, height: 520)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.nodes.count, network.words.count)
        XCTAssertGreaterThan(a.communityCount, 3, "the fixture has six themes")
        for n in a.nodes {
            XCTAssertTrue(n.x.isFinite && n.y.isFinite)
            XCTAssertGreaterThanOrEqual(n.x - n.labelWidth / 2, -0.001)
            XCTAssertLessThanOrEqual(n.x + n.labelWidth / 2, 880.001)
            XCTAssertGreaterThanOrEqual(n.y - n.labelHeight / 2, -0.001)
            XCTAssertLessThanOrEqual(n.y + n.labelHeight / 2, 520.001)
        }
        // Labels of the fixture's network do not overlap after the separation pass.
        for i in a.nodes.indices {
            for j in a.nodes.indices where j > i {
                let (p, q) = (a.nodes[i], a.nodes[j])
                let apart =
                    abs(p.x - q.x) >= (p.labelWidth + q.labelWidth) / 2 - 0.5 || abs(p.y - q.y) >= (p.labelHeight + q.labelHeight) / 2 - 0.5
                XCTAssertTrue(apart, "\(network.words[i].term) / \(network.words[j].term)")
            }
        }
        // A different seed gives a different picture (the seed is really used).
        XCTAssertNotEqual(NetworkLayout.make(network, width: 880, height: 520, seed: 7).nodes, a.nodes)
    }
}
