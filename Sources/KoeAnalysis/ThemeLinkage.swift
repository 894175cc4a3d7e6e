// ThemeLinkage — average-linkage (UPGMA) agglomeration over cosine distance by the nearest-neighbour chain
// (O(n²) time and memory), cut at k clusters: the alternative the themes' method was measured against
// (scripts/eval/themes_yamaguchi.py).

extension ThemeClustering {
    /// Labels (0..<k) of `all`: `vectors` (a prefix of `all`) clustered by average linkage and cut at k clusters;
    /// the rest of `all` goes to the nearest of those clusters' centroids.
    static func averageLinkage(_ vectors: [[(Int, Double)]], k: Int, all: [[(Int, Double)]], dimension: Int) -> [Int] {
        let n = vectors.count
        guard n > k else { return all.indices.map { min($0, k - 1) } }
        var distance = [Float](repeating: 0, count: n * n)
        var dense = [Double](repeating: 0, count: dimension)
        for i in 0..<n {
            for (p, x) in vectors[i] { dense[p] = x }
            for j in (i + 1)..<n {
                let d = Float(max(0, 1 - dot(vectors[j], dense)))
                distance[i * n + j] = d
                distance[j * n + i] = d
            }
            for (p, _) in vectors[i] { dense[p] = 0 }
        }
        let merges = chainMerges(&distance, n: n)
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        // Merge heights of average linkage never decrease along the hierarchy: the first n − k merges by height
        // are the dendrogram cut at k clusters.
        let ordered = merges.enumerated().sorted {
            $0.element.height != $1.element.height ? $0.element.height < $1.element.height : $0.offset < $1.offset
        }
        for (_, m) in ordered.prefix(n - k) { parent[root(m.b)] = root(m.a) }
        var label: [Int: Int] = [:]
        var labels = (0..<n).map { i -> Int in
            let r = root(i)
            if let l = label[r] { return l }
            label[r] = label.count
            return label.count - 1
        }
        let centers = centroids(vectors, labels, k: k, dimension: dimension)
        let half = halfNorms(centers)
        for v in all.dropFirst(n) { labels.append(nearest(v, centers, halfNorms: half).0) }
        return labels
    }

    /// The merges (slot a keeps the merged cluster, slot b is retired) of the nearest-neighbour chain with
    /// Lance–Williams updates for average linkage; ties go to the lower slot.
    static func chainMerges(_ d: inout [Float], n: Int) -> [(a: Int, b: Int, height: Float)] {
        var active = Array(0..<n)
        var isActive = [Bool](repeating: true, count: n)
        var size = [Float](repeating: 1, count: n)
        var chain: [Int] = []
        var merges: [(a: Int, b: Int, height: Float)] = []
        while active.count > 1 {
            if chain.isEmpty { chain.append(active[0]) }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
            var best = previous
            var bestDistance = previous >= 0 ? d[a * n + previous] : Float.infinity
            for b in active where b != a && d[a * n + b] < bestDistance {
                best = b
                bestDistance = d[a * n + b]
            }
            guard best == previous else {
                chain.append(best)
                continue
            }
            chain.removeLast(2)
            let (keep, retire) = (min(a, best), max(a, best))
            merges.append((keep, retire, bestDistance))
            let (sk, sr) = (size[keep], size[retire])
            for x in active where x != keep && x != retire {
                let v = (sk * d[keep * n + x] + sr * d[retire * n + x]) / (sk + sr)
                d[keep * n + x] = v
                d[x * n + keep] = v
            }
            size[keep] = sk + sr
            isActive[retire] = false
            active.removeAll { $0 == retire }
        }
        return merges
    }
}
