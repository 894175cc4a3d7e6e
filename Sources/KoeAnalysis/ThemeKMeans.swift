// ThemeKMeans — the k-means iterations of the themes over flat buffers: the sample's vectors laid out once
// (SparseRows), the centres word-major and recomputed in place each iteration (CenterTable). Same arithmetic in
// the same order as centroids / halfNorms / nearest on nested arrays, so the same labels and bit-identical scores.

extension ThemeClustering {
    /// Sparse vectors laid out flat: vector r's positions and weights are `starts[r]..<starts[r + 1]`, in the
    /// vector's order.
    struct SparseRows {
        let starts: [Int]
        let positions: [Int]
        let weights: [Double]

        init(_ vectors: [[(Int, Double)]]) {
            var starts = [0]
            starts.reserveCapacity(vectors.count + 1)
            var positions: [Int] = []
            var weights: [Double] = []
            for v in vectors {
                for (i, x) in v {
                    positions.append(i)
                    weights.append(x)
                }
                starts.append(positions.count)
            }
            self.starts = starts
            self.positions = positions
            self.weights = weights
        }

        var count: Int { starts.count - 1 }
    }

    /// The centres laid out word by word (the k weights of one word side by side), so that finding the nearest
    /// centre of a sparse vector reads one short run of memory per word instead of one word of each of k long
    /// arrays. `nearest` gives exactly `ThemeClustering.nearest`'s answer: each centre's dot product is summed
    /// in the vector's order, as `dot` sums it.
    struct CenterTable {
        let k: Int
        let dimension: Int
        /// Weights per vocabulary position: k rounded up to 2, 4, 8 or 16 (zeros beyond k), so that one word's
        /// centres are summed as one vector of that width; k itself above 16.
        let stride: Int
        private var weights: [Double]
        private var halfNorms: [Double]

        init(_ centers: [[Double]], halfNorms: [Double]) {
            k = centers.count
            dimension = centers.first?.count ?? 0
            stride = k <= 16 ? max(2, 1 << (Int.bitWidth - (k - 1).leadingZeroBitCount)) : k
            var weights = [Double](repeating: 0, count: dimension * stride)
            for (j, c) in centers.enumerated() {
                for (i, x) in c.enumerated() { weights[i * stride + j] = x }
            }
            self.weights = weights
            self.halfNorms = halfNorms
        }

        /// The nearest centre (the first on a tie) and its closeness; `sums`: scratch of k elements.
        func nearest(_ v: [(Int, Double)], sums: inout [Double]) -> (Int, Double) {
            for j in 0..<k { sums[j] = 0 }
            weights.withUnsafeBufferPointer { w in
                sums.withUnsafeMutableBufferPointer { s in
                    for (i, x) in v {
                        let row = i * stride
                        for j in 0..<k { s[j] += x * w[row + j] }
                    }
                }
            }
            return best(sums)
        }

        /// `nearest` of vector `r` of `rows`; `sums`: scratch of `stride` elements.
        func nearest(_ rows: SparseRows, _ r: Int, sums: UnsafeMutableBufferPointer<Double>) -> (Int, Double) {
            guard rows.starts[r + 1] > rows.starts[r] else {
                sums.update(repeating: 0)
                return best(UnsafeBufferPointer(sums))
            }
            let (start, count) = (rows.starts[r], rows.starts[r + 1] - rows.starts[r])
            return rows.positions.withUnsafeBufferPointer { p in
                rows.weights.withUnsafeBufferPointer { x in nearest(p.baseAddress! + start, x.baseAddress! + start, count, sums: sums) }
            }
        }

        /// `nearest` of the sparse vector of `count` positions `p` and weights `x`; `sums`: scratch of `stride`
        /// elements. Each lane of the vector sums adds the same products in the same order as the loop above.
        func nearest(
            _ p: UnsafePointer<Int>, _ x: UnsafePointer<Double>, _ count: Int, sums: UnsafeMutableBufferPointer<Double>
        ) -> (Int, Double) {
            let range = 0..<count
            weights.withUnsafeBufferPointer { w in
                let (w, s) = (w.baseAddress!, sums.baseAddress!)
                switch stride {
                case 2: Self.sums(SIMD2<Double>.self, w, p, x, range, s)
                case 4: Self.sums(SIMD4<Double>.self, w, p, x, range, s)
                case 8: Self.sums(SIMD8<Double>.self, w, p, x, range, s)
                case 16: Self.sums(SIMD16<Double>.self, w, p, x, range, s)
                default:
                    for j in 0..<k { s[j] = 0 }
                    for e in range {
                        let row = w + p[e] * stride
                        let xe = x[e]
                        for j in 0..<k { s[j] += xe * row[j] }
                    }
                }
            }
            return best(UnsafeBufferPointer(sums))
        }

        /// Σ x[e] · w[p[e]] over `range`, one lane per centre, into `out`.
        @inline(__always)
        private static func sums<V: SIMD>(
            _: V.Type, _ w: UnsafePointer<Double>, _ p: UnsafePointer<Int>, _ x: UnsafePointer<Double>, _ range: Range<Int>,
            _ out: UnsafeMutablePointer<Double>
        ) where V.Scalar == Double {
            var acc = V()
            for e in range {
                acc = acc + V(repeating: x[e]) * UnsafeRawPointer(w + p[e] &* V.scalarCount).loadUnaligned(as: V.self)
            }
            UnsafeMutableRawPointer(out).storeBytes(of: acc, as: V.self)
        }

        /// The first centre of the largest closeness sum − |c|²/2.
        @inline(__always)
        private func best<C: Collection<Double>>(_ sums: C) -> (Int, Double) where C.Index == Int {
            var best = (0, -Double.infinity)
            for j in 0..<k {
                let score = sums[j] - halfNorms[j]
                if score > best.1 { best = (j, score) }
            }
            return best
        }

        /// Makes the centres the means of `rows` by `labels` (an empty cluster's centre zero), as
        /// `ThemeClustering.centroids` and `halfNorms` compute them: sums in vector order, then divided; half
        /// norms summed over the positions in order.
        mutating func setCentroids(_ rows: SparseRows, _ labels: [Int]) {
            let (k, stride) = (k, stride)
            var n = [Double](repeating: 0, count: k)
            weights.withUnsafeMutableBufferPointer { w in
                w.update(repeating: 0)
                rows.positions.withUnsafeBufferPointer { p in
                    rows.weights.withUnsafeBufferPointer { x in
                        for r in 0..<rows.count {
                            let l = labels[r]
                            n[l] += 1
                            for e in rows.starts[r]..<rows.starts[r + 1] { w[p[e] * stride + l] += x[e] }
                        }
                    }
                }
                for j in 0..<k where n[j] > 0 {
                    for i in 0..<dimension { w[i * stride + j] = w[i * stride + j] / n[j] }
                }
                halfNorms.withUnsafeMutableBufferPointer { h in
                    h.update(repeating: 0)
                    for i in 0..<dimension {
                        for j in 0..<k { h[j] = h[j] + w[i * stride + j] * w[i * stride + j] }
                    }
                    for j in 0..<k { h[j] = h[j] / 2 }
                }
            }
        }
    }

    /// One k-means run over `rows` from `seeds`: Lloyd's iterations until no label changes (at most
    /// `maxIterations`); an empty cluster takes the vector farthest from its own centre. The labels and the sum
    /// of the closeness of each vector to its centre.
    func kmeansOnce(_ rows: SparseRows, k: Int, seeds: [[Double]]) -> (labels: [Int], score: Double) {
        var table = CenterTable(seeds, halfNorms: Self.halfNorms(seeds))
        var labels = [Int](repeating: -1, count: rows.count)
        var score = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: table.stride) { sums in
            for _ in 0..<Self.maxIterations {
                var changed = false
                score = 0
                var worst = (index: 0, similarity: Double.infinity)
                for i in 0..<rows.count {
                    let (j, s) = table.nearest(rows, i, sums: sums)
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
                table.setCentroids(rows, labels)
                if !changed { break }
            }
        }
        return (labels, score)
    }

    /// Buffers for one opinion's vector at a time (`nearest(_:_:_:_:)`).
    struct VectorScratch {
        var pairs: [(Int, Double)] = []
        var positions: [Int] = []
        var weights: [Double] = []
        var sums: [Double]

        init(_ table: CenterTable) { sums = [Double](repeating: 0, count: table.stride) }
    }

    /// The nearest centre of `table` to the vector of `words` and `counts` (nil for an empty vector): what
    /// `table.nearest(vector(words, counts), …)` gives, the vector built in `scratch` with the same arithmetic.
    func nearest(_ words: [Int32], _ counts: [Int32], _ table: CenterTable, _ scratch: inout VectorScratch) -> Int? {
        scratch.pairs.removeAll(keepingCapacity: true)
        for (k, w) in words.enumerated() where w >= 0 && Int(w) < positions.count {
            let i = Int(positions[Int(w)])
            if i >= 0 { scratch.pairs.append((i, Double(k < counts.count ? counts[k] : 1) * idf[i])) }
        }
        scratch.pairs.sort { $0.0 < $1.0 }
        let norm = scratch.pairs.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        guard norm > 0 else { return nil }
        scratch.positions.removeAll(keepingCapacity: true)
        scratch.weights.removeAll(keepingCapacity: true)
        for (i, x) in scratch.pairs {
            scratch.positions.append(i)
            scratch.weights.append(x / norm)
        }
        let count = scratch.positions.count
        return scratch.positions.withUnsafeBufferPointer { p in
            scratch.weights.withUnsafeBufferPointer { x in
                scratch.sums.withUnsafeMutableBufferPointer { table.nearest(p.baseAddress!, x.baseAddress!, count, sums: $0).0 }
            }
        }
    }
}
