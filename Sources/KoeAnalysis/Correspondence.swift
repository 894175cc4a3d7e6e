// Correspondence — 対応分析 (correspondence analysis) of a small contingency table: the standardized residuals'
// singular value decomposition through a Jacobi eigen-decomposition, principal coordinates and inertia shares.
import Foundation

/// One correspondence analysis: principal coordinates of its rows and columns on the first two dimensions.
public struct CorrespondenceResult: Sendable, Equatable {
    /// `area_age`, `area_district` or `word_age`.
    public var analysis: String
    /// Row labels (area codes or words) with their coordinates (dim2 is 0 when there is one dimension).
    public var rows: [Point]
    /// Column labels (segment values) with their coordinates.
    public var columns: [Point]
    /// Each nontrivial dimension's share of the total inertia, largest first.
    public var shares: [Double]

    /// A labelled point of the map.
    public struct Point: Sendable, Equatable {
        public var label: String
        public var dim1: Double
        public var dim2: Double

        public init(label: String, dim1: Double, dim2: Double) {
            self.label = label
            self.dim1 = dim1
            self.dim2 = dim2
        }
    }

    public init(analysis: String, rows: [Point], columns: [Point], shares: [Double]) {
        self.analysis = analysis
        self.rows = rows
        self.columns = columns
        self.shares = shares
    }
}

/// Standard correspondence analysis (Greenacre): P = N/n, S = D_r^{-1/2}(P − rcᵀ)D_c^{-1/2} = UΣVᵀ,
/// F = D_r^{-1/2}UΣ, G = D_c^{-1/2}VΣ. Sign rule: on each dimension the row coordinate of largest absolute
/// value is positive (the first such row on a tie), so the map does not flip between runs or machines.
public enum Correspondence {
    /// The analysis of `counts` (rows × columns), or nil when fewer than 2 rows or columns have a count.
    /// Rows and columns whose total is zero are left out.
    public static func analyse(
        _ analysis: String, counts: [[Double]], rowLabels: [String], columnLabels: [String]
    ) -> CorrespondenceResult? {
        let keepRows = counts.indices.filter { counts[$0].reduce(0, +) > 0 }
        let keepCols = columnLabels.indices.filter { (j: Int) -> Bool in counts.contains { $0[j] > 0 } }
        guard keepRows.count >= 2, keepCols.count >= 2 else { return nil }
        var n = 0.0
        for i in keepRows { for j in keepCols { n += counts[i][j] } }
        let p: [[Double]] = keepRows.map { i in keepCols.map { counts[i][$0] / n } }
        let r: [Double] = p.map { $0.reduce(0, +) }
        var c = [Double](repeating: 0, count: keepCols.count)
        for row in p { for j in c.indices { c[j] += row[j] } }
        var s = p
        for i in p.indices { for j in c.indices { s[i][j] = (p[i][j] - r[i] * c[j]) / (r[i] * c[j]).squareRoot() } }
        let dims = min(r.count, c.count) - 1
        var f = [[Double]](repeating: [Double](repeating: 0, count: dims), count: r.count)
        var g = [[Double]](repeating: [Double](repeating: 0, count: dims), count: c.count)
        var values: [Double]
        if c.count <= r.count {
            // SᵀS = VΣ²Vᵀ; F = D_r^{-1/2} S V, G = D_c^{-1/2} V Σ.
            let (lambda, v) = symmetricEigen(gram(s, transpose: true))
            values = Array(lambda.prefix(dims))
            for k in 0..<dims {
                let sigma = max(values[k], 0).squareRoot()
                for j in c.indices { g[j][k] = v[j][k] * sigma / c[j].squareRoot() }
                for i in r.indices {
                    var x = 0.0
                    for j in c.indices { x += s[i][j] * v[j][k] }
                    f[i][k] = x / r[i].squareRoot()
                }
            }
        } else {
            // SSᵀ = UΣ²Uᵀ; F = D_r^{-1/2} U Σ, G = D_c^{-1/2} Sᵀ U.
            let (lambda, u) = symmetricEigen(gram(s, transpose: false))
            values = Array(lambda.prefix(dims))
            for k in 0..<dims {
                let sigma = max(values[k], 0).squareRoot()
                for i in r.indices { f[i][k] = u[i][k] * sigma / r[i].squareRoot() }
                for j in c.indices {
                    var x = 0.0
                    for i in r.indices { x += s[i][j] * u[i][k] }
                    g[j][k] = x / c[j].squareRoot()
                }
            }
        }
        orient(&f, &g, dims: dims)
        values = values.map { max($0, 0) }
        let total = values.reduce(0, +)
        let shares = values.map { total > 0 ? $0 / total : 0 }
        func point(_ label: String, _ x: [Double]) -> CorrespondenceResult.Point {
            .init(label: label, dim1: x.first ?? 0, dim2: x.count > 1 ? x[1] : 0)
        }
        return CorrespondenceResult(
            analysis: analysis, rows: keepRows.enumerated().map { point(rowLabels[$1], f[$0]) },
            columns: keepCols.enumerated().map { point(columnLabels[$1], g[$0]) }, shares: shares)
    }

    /// SᵀS (`transpose`) or SSᵀ.
    static func gram(_ s: [[Double]], transpose: Bool) -> [[Double]] {
        let rows = s.count
        let cols = s.first?.count ?? 0
        let m = transpose ? cols : rows
        var out = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in a..<m {
                var v = 0.0
                if transpose {
                    for i in 0..<rows { v += s[i][a] * s[i][b] }
                } else {
                    for j in 0..<cols { v += s[a][j] * s[b][j] }
                }
                out[a][b] = v
                out[b][a] = v
            }
        }
        return out
    }

    /// Flips each dimension so that its row coordinate of largest absolute value is positive.
    private static func orient(_ f: inout [[Double]], _ g: inout [[Double]], dims: Int) {
        for k in 0..<dims {
            var best = 0
            for i in f.indices where abs(f[i][k]) > abs(f[best][k]) + 1e-12 { best = i }
            guard f[best][k] < 0 else { continue }
            for i in f.indices { f[i][k] = -f[i][k] }
            for j in g.indices { g[j][k] = -g[j][k] }
        }
    }

    /// Eigenvalues (descending) and eigenvectors (as columns) of a symmetric matrix, by cyclic Jacobi rotations.
    static func symmetricEigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        var a = matrix
        let m = a.count
        var v = (0..<m).map { i in (0..<m).map { $0 == i ? 1.0 : 0.0 } }
        var scale = 0.0
        for row in a { for x in row { scale += x * x } }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<m { for q in (p + 1)..<m { off += a[p][q] * a[p][q] } }
            if off <= 1e-30 * max(scale, 1e-300) { break }
            for p in 0..<m {
                for q in (p + 1)..<m where a[p][q] != 0 {
                    rotate(&a, &v, p, q)
                }
            }
        }
        let diagonal: [Double] = (0..<m).map { a[$0][$0] }
        let order: [Int] = (0..<m).sorted { (x: Int, y: Int) -> Bool in
            diagonal[x] != diagonal[y] ? diagonal[x] > diagonal[y] : x < y
        }
        let vectors: [[Double]] = (0..<m).map { i in order.map { v[i][$0] } }
        return (order.map { diagonal[$0] }, vectors)
    }

    /// One Jacobi rotation zeroing a[p][q].
    private static func rotate(_ a: inout [[Double]], _ v: inout [[Double]], _ p: Int, _ q: Int) {
        let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in a.indices {
            let akp = a[k][p]
            let akq = a[k][q]
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
        }
        for k in a.indices {
            let apk = a[p][k]
            let aqk = a[q][k]
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
        }
        for k in v.indices {
            let vkp = v[k][p]
            let vkq = v[k][q]
            v[k][p] = c * vkp - s * vkq
            v[k][q] = s * vkp + c * vkq
        }
    }
}
