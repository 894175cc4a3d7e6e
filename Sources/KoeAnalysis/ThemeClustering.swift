// ThemeClustering — groups the sample's opinions: TF-IDF vectors over the sample's vocabulary, L2
// normalized, clustered by k-means (k-means++ seeding from a fixed-seed generator, best of several restarts) or, for comparison, by average-linkage agglomeration (nearest-neighbour chain); k-means restarts run on all cores, each with
// its own fixed seed, and the best is picked in restart order, so the same sample gives the same clusters on every run and machine.
import Foundation

/// How the sample is clustered.
public enum ThemeMethod: String, Sendable, CaseIterable {
    /// k-means on unit TF-IDF vectors, k-means++ seeding, best of `ThemeClustering.restarts` (the default).
    case kmeans
    /// Average linkage over cosine distance, cut at k clusters (sample capped at `averageLinkageLimit`).
    case average
}

/// Sparse opinion vectors over a vocabulary, and the clustering of them.
struct ThemeClustering {
    static let restarts = 10
    static let maxIterations = 50
    /// Words kept in the vocabulary (most opinions first).
    static let maxVocabulary = 3_000
    /// Opinions a word must be in (within the sample) to count.
    static let minDocumentFrequency = 2
    /// Average linkage holds an n × n matrix: its sample is the first opinions of the (hash-ordered) sample.
    static let averageLinkageLimit = 2_000

    /// Vocabulary position of each word id in it, and each position's idf.
    let index: [Int32: Int]
    let idf: [Double]
    /// `index` as an array by word id (-1: not in the vocabulary): a vector is made for every untagged opinion.
    let positions: [Int32]

    init(documents: [[Int32]]) {
        var df: [Int32: Int] = [:]
        for d in documents {
            for w in d { df[w, default: 0] += 1 }
        }
        let n = Double(max(documents.count, 1))
        let kept = df.filter { $0.value >= Self.minDocumentFrequency }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.maxVocabulary)
        var index: [Int32: Int] = [:]
        var idf: [Double] = []
        for (w, f) in kept {
            index[w] = idf.count
            idf.append(log(n / Double(f)) + 1)
        }
        self.index = index
        self.idf = idf
        var positions = [Int32](repeating: -1, count: Int(index.keys.max() ?? -1) + 1)
        for (w, i) in index { positions[Int(w)] = Int32(i) }
        self.positions = positions
    }

    /// The normalized vector of an opinion's word ids and occurrences (tf × idf): (position, weight) ascending by
    /// position; empty when none of its words is in the vocabulary.
    func vector(_ words: [Int32], _ counts: [Int32]) -> [(Int, Double)] {
        var out: [(Int, Double)] = []
        for (k, w) in words.enumerated() where w >= 0 && Int(w) < positions.count {
            let i = Int(positions[Int(w)])
            if i >= 0 { out.append((i, Double(k < counts.count ? counts[k] : 1) * idf[i])) }
        }
        out.sort { $0.0 < $1.0 }
        let norm = out.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        return norm > 0 ? out.map { ($0.0, $0.1 / norm) } : []
    }

    static func dot(_ v: [(Int, Double)], _ c: [Double]) -> Double {
        var s = 0.0
        for (i, x) in v { s += x * c[i] }
        return s
    }

    /// The mean of the vectors of each cluster (`labels[i]` in 0..<k); an empty cluster's is zero.
    static func centroids(_ vectors: [[(Int, Double)]], _ labels: [Int], k: Int, dimension: Int) -> [[Double]] {
        var c = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: k)
        var n = [Double](repeating: 0, count: k)
        for (v, l) in zip(vectors, labels) {
            n[l] += 1
            for (i, x) in v { c[l][i] += x }
        }
        for j in 0..<k where n[j] > 0 { c[j] = c[j].map { $0 / n[j] } }
        return c
    }

    /// The nearest centre in Euclidean distance (the first on a tie) and the closeness x·c − |c|²/2 (for unit x,
    /// |x − c|² = 1 − 2 · closeness).
    static func nearest(_ v: [(Int, Double)], _ centers: [[Double]], halfNorms: [Double]) -> (Int, Double) {
        var best = (0, -Double.infinity)
        for (j, c) in centers.enumerated() {
            let s = dot(v, c) - halfNorms[j]
            if s > best.1 { best = (j, s) }
        }
        return best
    }

    static func halfNorms(_ centers: [[Double]]) -> [Double] { centers.map { $0.reduce(0) { $0 + $1 * $1 } / 2 } }

    /// Cluster labels (0..<k) of `vectors` (all non-empty) by `method`.
    func cluster(_ vectors: [[(Int, Double)]], k: Int, method: ThemeMethod) -> [Int] {
        switch method {
        case .kmeans: return kmeans(vectors, k: k)
        case .average: return Self.averageLinkage(Array(vectors.prefix(Self.averageLinkageLimit)), k: k, all: vectors, dimension: idf.count)
        }
    }
}

extension ThemeClustering {
    /// SplitMix64: a small generator with a fixed seed per restart.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    /// Best (least within-cluster sum of squares) of `restarts` k-means runs. The restarts are independent
    /// (each has its own generator) and run on all cores; the best is then picked in restart order, so the
    /// result is the same as one after another.
    func kmeans(_ vectors: [[(Int, Double)]], k: Int) -> [Int] {
        let runs = RestartRuns(count: Self.restarts)
        let rows = SparseRows(vectors)
        DispatchQueue.concurrentPerform(iterations: Self.restarts) { restart in
            var g = Generator(state: 0x6b6f_6520_7468_656d &+ UInt64(restart))
            runs.set(restart, kmeansOnce(rows, k: k, seeds: seeds(vectors, k: k, &g)))
        }
        var best: (labels: [Int], score: Double) = ([], -Double.infinity)
        for run in runs.all where run.score > best.score + 1e-9 { best = run }
        return best.labels
    }

    /// The restarts' results, each slot written by one task (a lock orders the writes before the read).
    final class RestartRuns: @unchecked Sendable {
        private var runs: [(labels: [Int], score: Double)]
        private let lock = NSLock()

        init(count: Int) { runs = Array(repeating: ([], -Double.infinity), count: count) }

        func set(_ index: Int, _ run: (labels: [Int], score: Double)) {
            lock.lock()
            runs[index] = run
            lock.unlock()
        }

        var all: [(labels: [Int], score: Double)] {
            lock.lock()
            defer { lock.unlock() }
            return runs
        }
    }

    /// k-means++ seeding on cosine distance (1 − cos), drawn from `g`.
    func seeds(_ vectors: [[(Int, Double)]], k: Int, _ g: inout Generator) -> [[Double]] {
        func dense(_ v: [(Int, Double)]) -> [Double] {
            var d = [Double](repeating: 0, count: idf.count)
            for (i, x) in v { d[i] = x }
            return d
        }
        var centers = [dense(vectors[Int(g.next() % UInt64(vectors.count))])]
        var distance = vectors.map { max(0, 1 - Self.dot($0, centers[0])) }
        while centers.count < k {
            let total = distance.reduce(0, +)
            var pick = 0
            if total > 0 {
                var r = g.unit() * total
                for (i, d) in distance.enumerated() {
                    r -= d
                    pick = i
                    if r <= 0 { break }
                }
            }
            centers.append(dense(vectors[pick]))
            for (i, v) in vectors.enumerated() { distance[i] = min(distance[i], max(0, 1 - Self.dot(v, centers.last!))) }
        }
        return centers
    }

    /// One k-means run from `seeds` (Lloyd's iterations until no label changes, at most `maxIterations`): the
    /// labels and the sum of the closeness of each vector to its centre.
    func kmeansOnce(_ vectors: [[(Int, Double)]], k: Int, seeds: [[Double]]) -> (labels: [Int], score: Double) {
        kmeansOnce(SparseRows(vectors), k: k, seeds: seeds)
    }
}
