// Themes of untagged opinions: known groups are found by both methods, the result does not depend on the
// order opinions arrive in beyond their ids, labels leave out words that may not be shown, and the sample and
// the automatic number of themes follow their documented rules.
import KoeCore
import XCTest

@testable import KoeAnalysis

final class ThemesTests: XCTestCase {
    /// Three topics with their own words (ids 0–4 bus, 10–14 childcare, 20–24 disaster), plus 30 shared by all:
    /// 60 opinions, each with three topic words and the shared one.
    static func corpus(order: [Int]? = nil) -> (ThemeCollector, WordCounter, [Int32: Int]) {
        let words = [
            "バス", "駅", "本数", "路線", "運賃", "保育園", "待機", "子育て", "園庭", "保育士", "避難所", "防災", "訓練", "備蓄",
            "ハザード", "まち",
        ]
        let ids: [[Int]] = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]]
        var opinions: [(id: String, words: [Int], topic: Int)] = []
        for n in 0..<60 {
            let topic = n % 3
            let base = ids[topic]
            opinions.append(("o\(n)", [base[n % 5], base[(n + 1) % 5], base[(n + 2) % 5], 15], topic))
        }
        let counter = WordCounter(areas: [])
        let collector = ThemeCollector()
        var truth: [Int32: Int] = [:]
        for (k, i) in (order ?? Array(opinions.indices)).enumerated() {
            let o = opinions[i]
            counter.add(keys: o.words.map { words[$0] }, display: o.words.map { words[$0] }, areas: [], segments: Segments())
            let ordinal = Int32(k + 1)
            truth[ordinal] = o.topic
            collector.add(ordinal: ordinal, id: o.id, words: counter.lastWords, counts: counter.lastCounts) {
                ThemeOpinion(
                    id: o.id, text: o.words.map { words[$0] }.joined(), normalized: o.words.map { words[$0] }.joined(),
                    segments: Segments(), respondent: nil, session: nil)
            }
        }
        return (collector, counter, truth)
    }

    static func build(
        _ c: ThemeCollector, _ w: WordCounter, method: ThemeMethod = .kmeans, canShow: @escaping (String) -> Bool = { _ in true },
        masked: @escaping ([String], String) -> Set<String> = { _, _ in [] }
    ) -> [Theme] {
        Themes.build(c, count: 3, method: method, display: { w.display[Int($0)] }, canShow: canShow, maskedWords: masked)
    }

    func testKnownTopicsAreFoundByBothMethods() {
        let (collector, counter, truth) = Self.corpus()
        for method in ThemeMethod.allCases {
            let themes = Self.build(collector, counter, method: method)
            XCTAssertEqual(themes.map(\.size), [20, 20, 20], "\(method)")
            for theme in themes {
                XCTAssertEqual(Set(theme.members.map { truth[$0] }).count, 1, "\(method): theme \(theme.number) mixes topics")
                XCTAssertEqual(theme.representatives.count, 3)
                XCTAssertFalse(theme.words.contains("まち"), "a word every theme uses is not characteristic: \(theme.words)")
            }
            XCTAssertEqual(themes.map(\.number), [1, 2, 3])
            // The first theme holds the first opinion (ties in size go by first member).
            XCTAssertEqual(themes[0].members.first, 1)
            XCTAssertEqual(Set(themes[0].words.prefix(5)), ["バス", "駅", "本数", "路線", "運賃"], "\(method)")
        }
    }

    func testSameOpinionsInAnotherOrderGiveTheSameThemes() {
        let (a, wa, ta) = Self.corpus()
        let (b, wb, tb) = Self.corpus(order: Array((0..<60).reversed()))
        let x = Self.build(a, wa)
        let y = Self.build(b, wb)
        // Words tied in weight may be listed in another order (ties go by first appearance), and equal-sized themes
        // are numbered by their first member: the grouping itself must not change.
        // Same partition of the opinions (ordinals differ with the order; the topics they hold must not).
        func topics(_ themes: [Theme], _ truth: [Int32: Int]) -> [Set<Int>] {
            themes.map { t in Set(t.members.compactMap { truth[$0] }) }
        }
        XCTAssertEqual(Set(topics(x, ta)), Set(topics(y, tb)))
        XCTAssertEqual(topics(x, ta).count, 3)
        XCTAssertEqual(Self.build(a, wa), x, "the same input gives the same themes")
    }

    func testLabelsLeaveOutWordsThatMayNotBeShown() {
        let (collector, counter, _) = Self.corpus()
        // 駅 may not be shown (as a masked word), 本数 lies in a masked span of the texts.
        let themes = Self.build(collector, counter, canShow: { $0 != "駅" }, masked: { words, _ in Set(words.filter { $0 == "本数" }) })
        let bus = try! XCTUnwrap(themes.first { $0.words.contains("バス") })
        XCTAssertFalse(bus.words.contains("駅"))
        XCTAssertFalse(bus.words.contains("本数"))
        XCTAssertFalse(bus.label.contains("駅") || bus.label.contains("本数"), bus.label)
        XCTAssertEqual(bus.label.split(separator: "・").count, 3)
    }

    func testSampleIsTheSmallestHashesAndEveryOpinionIsAssigned() {
        let counter = WordCounter(areas: [])
        let collector = ThemeCollector(sampleSize: 10)
        for n in 0..<200 {
            counter.add(keys: ["w\(n % 7)", "v\(n % 3)"], display: ["w\(n % 7)", "v\(n % 3)"], areas: [], segments: Segments())
            collector.add(ordinal: Int32(n + 1), id: "id\(n)", words: counter.lastWords, counts: counter.lastCounts) {
                ThemeOpinion(id: "id\(n)", text: "", normalized: "t\(n)", segments: Segments(), respondent: nil, session: nil)
            }
        }
        let expected = (0..<200).map { "id\($0)" }.sorted { ThemeCollector.hash($0) < ThemeCollector.hash($1) }.prefix(10)
        XCTAssertEqual(Set(collector.sample.map(\.opinion.id)), Set(expected))
        XCTAssertEqual(collector.sample.map(\.ordinal), collector.sample.map(\.ordinal).sorted())
        var seen = 0
        collector.forEach { _, words, counts in
            seen += 1
            XCTAssertEqual(words.count, 2)
            XCTAssertEqual(counts, [1, 1])
        }
        XCTAssertEqual(seen, 200)
        let themes = Themes.build(
            collector, count: 2, display: { counter.display[Int($0)] }, canShow: { _ in true }, maskedWords: { _, _ in [] })
        XCTAssertEqual(themes.reduce(0) { $0 + $1.size }, 200, "every opinion with words is assigned, not just the sample")
    }

    func testAutomaticCount() {
        XCTAssertEqual(Themes.automaticCount(9), 0)
        XCTAssertEqual(Themes.automaticCount(74), 2)
        XCTAssertEqual(Themes.automaticCount(382), 4)
        XCTAssertEqual(Themes.automaticCount(1_000), 6)
        XCTAssertEqual(Themes.automaticCount(150_000), 10)
    }

    /// The k-means restarts run on all cores; the result is the best of them taken in restart order, as one
    /// restart after another would give (checked against that fold, on overlapping random topics where the
    /// restarts disagree).
    func testParallelRestartsEqualTheRestartsOneAfterAnother() {
        var g = ThemeClustering.Generator(state: 42)
        let documents: [[Int32]] = (0..<400).map { _ in
            let topic = Int32(g.next() % 6) * 8
            return (0..<5).map { _ in topic + Int32(g.next() % 12) }
        }
        let clustering = ThemeClustering(documents: documents)
        let vectors = documents.map { clustering.vector($0, []) }.filter { !$0.isEmpty }
        var best: (labels: [Int], score: Double) = ([], -Double.infinity)
        var scores: Set<Double> = []
        for restart in 0..<ThemeClustering.restarts {
            var r = ThemeClustering.Generator(state: 0x6b6f_6520_7468_656d &+ UInt64(restart))
            let run = clustering.kmeansOnce(vectors, k: 6, seeds: clustering.seeds(vectors, k: 6, &r))
            scores.insert(run.score)
            if run.score > best.score + 1e-9 { best = run }
        }
        XCTAssertGreaterThan(scores.count, 1, "the restarts differ, so picking the best matters")
        for _ in 0..<3 { XCTAssertEqual(clustering.kmeans(vectors, k: 6), best.labels) }
    }

    /// The word-major centre table finds the same centre with the bit-identical closeness as the plain dot
    /// products, on random sparse vectors and centres (ties included: two equal centres, the first wins).
    func testCenterTableEqualsPlainNearest() {
        var g = ThemeClustering.Generator(state: 7)
        let dimension = 300
        var centers: [[Double]] = (0..<9).map { _ in (0..<dimension).map { _ in g.next() % 3 == 0 ? g.unit() : 0 } }
        centers.append(centers[4])
        let half = ThemeClustering.halfNorms(centers)
        let table = ThemeClustering.CenterTable(centers, halfNorms: half)
        var sums = [Double](repeating: 0, count: centers.count)
        for _ in 0..<2_000 {
            let v: [(Int, Double)] = (0..<Int(1 + g.next() % 25)).map { _ in (Int(g.next() % UInt64(dimension)), g.unit()) }
            let plain = ThemeClustering.nearest(v, centers, halfNorms: half)
            let fast = table.nearest(v, sums: &sums)
            XCTAssertEqual(fast.0, plain.0)
            XCTAssertEqual(fast.1.bitPattern, plain.1.bitPattern)
            XCTAssertNotEqual(fast.0, 9, "a tie goes to the first of the equal centres")
        }
    }
    /// The vector sums over flat rows (one lane per centre, 2 to 16 lanes; a plain loop above 16 centres) find
    /// the same centre with the bit-identical closeness as the plain dot products, for every k from 1 to 18.
    func testFlatNearestEqualsPlainNearestForEveryK() {
        var g = ThemeClustering.Generator(state: 5)
        let dimension = 120
        for k in 1...18 {
            var centers: [[Double]] = (0..<k).map { _ in (0..<dimension).map { _ in g.next() % 3 == 0 ? g.unit() : 0 } }
            if k > 3 { centers[k - 1] = centers[1] }
            let half = ThemeClustering.halfNorms(centers)
            let table = ThemeClustering.CenterTable(centers, halfNorms: half)
            XCTAssertGreaterThanOrEqual(table.stride, k)
            let vectors: [[(Int, Double)]] = (0..<200).map { _ in
                (0..<Int(1 + g.next() % 30)).map { _ in (Int(g.next() % UInt64(dimension)), g.unit()) }
            }
            let rows = ThemeClustering.SparseRows(vectors)
            let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: table.stride)
            defer { sums.deallocate() }
            for (r, v) in vectors.enumerated() {
                let plain = ThemeClustering.nearest(v, centers, halfNorms: half)
                let fast = table.nearest(rows, r, sums: sums)
                XCTAssertEqual(fast.0, plain.0, "k = \(k)")
                XCTAssertEqual(fast.1.bitPattern, plain.1.bitPattern, "k = \(k)")
            }
        }
    }

    /// Assigning an opinion from its word ids and counts through the reused scratch gives the centre that the
    /// vector and the plain dot products give (nil for an opinion with no vocabulary word).
    func testScratchNearestEqualsVectorNearest() {
        var g = ThemeClustering.Generator(state: 9)
        let documents: [[Int32]] = (0..<300).map { _ in (0..<Int(1 + g.next() % 7)).map { _ in Int32(g.next() % 40) } }
        let clustering = ThemeClustering(documents: documents)
        let centers: [[Double]] = (0..<6).map { _ in (0..<clustering.idf.count).map { _ in g.unit() } }
        let half = ThemeClustering.halfNorms(centers)
        let table = ThemeClustering.CenterTable(centers, halfNorms: half)
        var scratch = ThemeClustering.VectorScratch(table)
        var empty = 0
        for d in documents + [[Int32(10_000)]] {
            let words = Array(Set(d)).sorted()
            let counts = words.map { _ in Int32(1 + g.next() % 3) }
            let v = clustering.vector(words, counts)
            let fast = clustering.nearest(words, counts, table, &scratch)
            if v.isEmpty {
                XCTAssertNil(fast)
                empty += 1
            } else {
                XCTAssertEqual(fast, ThemeClustering.nearest(v, centers, halfNorms: half).0)
            }
        }
        XCTAssertGreaterThan(empty, 0, "a word outside the vocabulary gives no vector")
    }

    /// The flat k-means (CSR vectors, word-major centres recomputed in place) gives the labels and the
    /// bit-identical score of Lloyd's iterations written plainly over nested arrays (the code it replaced):
    /// every restart's seeds, on overlapping random topics with an empty cluster forced by a duplicate seed.
    func testFlatKMeansEqualsPlainLloyd() {
        var g = ThemeClustering.Generator(state: 11)
        let documents: [[Int32]] = (0..<600).map { _ in
            let topic = Int32(g.next() % 7) * 9
            return (0..<Int(2 + g.next() % 6)).map { _ in topic + Int32(g.next() % 14) }
        }
        let clustering = ThemeClustering(documents: documents)
        let vectors = documents.map { clustering.vector($0, (0..<$0.count).map { Int32(1 + $0 % 3) }) }.filter { !$0.isEmpty }
        var runs = 0
        for restart in 0..<4 {
            var r = ThemeClustering.Generator(state: 0x6b6f_6520_7468_656d &+ UInt64(restart))
            var seeds = clustering.seeds(vectors, k: 8, &r)
            if restart == 3 { seeds[5] = seeds[2] }  // two equal centres: one ends empty
            let fast = clustering.kmeansOnce(vectors, k: 8, seeds: seeds)
            let plain = Self.plainLloyd(vectors, k: 8, seeds: seeds, dimension: clustering.idf.count)
            XCTAssertEqual(fast.labels, plain.labels)
            XCTAssertEqual(fast.score.bitPattern, plain.score.bitPattern)
            runs += 1
        }
        XCTAssertEqual(runs, 4)
    }

    /// Lloyd's iterations as koe computed them before the flat layout (nested arrays, centres rebuilt each time).
    static func plainLloyd(_ vectors: [[(Int, Double)]], k: Int, seeds: [[Double]], dimension: Int) -> (labels: [Int], score: Double) {
        var centers = seeds
        var labels = [Int](repeating: -1, count: vectors.count)
        var score = 0.0
        for _ in 0..<ThemeClustering.maxIterations {
            var changed = false
            score = 0
            var worst = (index: 0, similarity: Double.infinity)
            let half = ThemeClustering.halfNorms(centers)
            for (i, v) in vectors.enumerated() {
                let (j, s) = ThemeClustering.nearest(v, centers, halfNorms: half)
                if labels[i] != j {
                    labels[i] = j
                    changed = true
                }
                score += s
                if s < worst.similarity { worst = (i, s) }
            }
            var sizes = [Int](repeating: 0, count: k)
            for l in labels { sizes[l] += 1 }
            if let empty = sizes.firstIndex(of: 0), sizes[labels[worst.index]] > 1 {
                labels[worst.index] = empty
                changed = true
            }
            centers = ThemeClustering.centroids(vectors, labels, k: k, dimension: dimension)
            if !changed { break }
        }
        return (labels, score)
    }
}
