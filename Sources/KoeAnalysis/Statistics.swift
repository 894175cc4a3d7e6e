// Statistics — Pearson's chi-square test of a 2 × k table (mentions an area or not, by segment value),
// with the chi-square distribution's upper tail from the regularized incomplete gamma function.
import Foundation

/// The chi-square distribution's upper tail, computed as Numerical Recipes' `gammq` does (series below
/// a + 1, Lentz's continued fraction above), to a relative accuracy of about 1e-15.
public enum ChiSquareDistribution {
    /// P(X ≥ x) for X ~ χ²(df): Q(df / 2, x / 2). 1 for x ≤ 0; nil when df < 1 or x is not finite.
    public static func upperTail(_ x: Double, df: Int) -> Double? {
        guard df >= 1, !x.isNaN else { return nil }
        if x == .infinity { return 0 }
        if x <= 0 { return 1 }
        return regularizedUpperGamma(Double(df) / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0.
    public static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "Q(a, x) needs a > 0 and x ≥ 0")
        if x == 0 { return 1 }
        if x < a + 1 {
            return max(0, 1 - lowerSeries(a, x))
        }
        return upperContinuedFraction(a, x)
    }

    private static let epsilon = 1e-16
    private static let tiny = Double.leastNormalMagnitude / epsilon
    private static let maxIterations = 10_000

    /// exp(−x + a ln x − ln Γ(a)), the factor both expansions share.
    private static func prefactor(_ a: Double, _ x: Double) -> Double {
        exp(-x + a * log(x) - lgamma(a))
    }

    /// P(a, x) by its series: e^−x x^a / Γ(a) · Σ x^n / (a (a + 1) … (a + n)).
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<maxIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * epsilon { break }
        }
        return min(1, sum * prefactor(a, x))
    }

    /// Q(a, x) by its continued fraction, evaluated with the modified Lentz method.
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return min(1, prefactor(a, x) * h)
    }
}

/// Pearson's chi-square test of a 2 × k table whose rows are "mentions the area" and "does not", and
/// whose columns are segment values.
public struct TwoByKTest: Sendable, Hashable {
    /// One segment value's column.
    public struct Column: Sendable, Hashable {
        /// Respondents with this value (the column total).
        public var respondents: Int
        /// Of those, respondents who mention the area (the first row's cell).
        public var mentioning: Int
        /// Expected count of the mentioning cell: row total × column total / n.
        public var expected: Double
        /// Adjusted standardized residual of the mentioning cell: (O − E) / √(E (1 − R/n) (1 − C/n)).
        /// nil when the table is degenerate.
        public var adjustedResidual: Double?
    }

    /// The columns with at least one respondent, in the order given.
    public var columns: [Column]
    /// Respondents in the table.
    public var n: Int
    /// Respondents who mention the area.
    public var mentioning: Int
    /// The test, nil when the table is degenerate: fewer than two columns, or nobody / everybody mentions.
    public var result: Result?

    /// Pearson's statistic (no continuity correction), its degrees of freedom (k − 1), the upper-tail p,
    /// Cramér's V = √(χ² / (n (min(2, k) − 1))), the table's smallest expected count and, for a 2 × 2 table,
    /// Fisher's exact p.
    public struct Result: Sendable, Hashable {
        public var chi2: Double
        public var df: Int
        public var p: Double
        public var cramersV: Double
        /// The smallest of the table's 2 × k expected counts (mentioning and not mentioning, every column),
        /// as `scipy.stats.contingency.expected_freq(table).min()`. Below 5, the χ² p is only approximate:
        /// for a 2 × 2 table read `fisherP` instead.
        public var minExpected: Double
        /// Fisher's exact two-sided p (see `FisherExact`) when the table is 2 × 2; nil for k > 2.
        public var fisherP: Double?
    }

    /// Tests the table given as (mentioning, respondents) per column; columns without respondents are
    /// dropped (they carry no information and would make an expected count zero). Each column must have
    /// 0 ≤ mentioning ≤ respondents (`CrossTabBuilder` guarantees it; anything else is a programming error).
    public init(_ counts: [(mentioning: Int, respondents: Int)]) {
        let present = counts.filter { $0.respondents > 0 }
        precondition(present.allSatisfy { $0.mentioning >= 0 && $0.mentioning <= $0.respondents }, "0 ≤ mentioning ≤ respondents")
        let n = present.reduce(0) { $0 + $1.respondents }
        let rowTotal = present.reduce(0) { $0 + $1.mentioning }
        self.n = n
        self.mentioning = rowTotal
        let total = Double(n)
        let mentions = Double(rowTotal)
        var columns = present.map { cell in
            Column(
                respondents: cell.respondents, mentioning: cell.mentioning,
                expected: n == 0 ? 0 : mentions * Double(cell.respondents) / total, adjustedResidual: nil)
        }
        guard columns.count >= 2, rowTotal > 0, rowTotal < n else {
            self.columns = columns
            result = nil
            return
        }
        var chi2 = 0.0
        for i in columns.indices {
            let column = Double(columns[i].respondents)
            let observed = Double(columns[i].mentioning)
            let expectedYes = columns[i].expected
            let expectedNo = column - expectedYes
            let observedNo = column - observed
            chi2 += (observed - expectedYes) * (observed - expectedYes) / expectedYes
            chi2 += (observedNo - expectedNo) * (observedNo - expectedNo) / expectedNo
            let variance = expectedYes * (1 - mentions / total) * (1 - column / total)
            columns[i].adjustedResidual = (observed - expectedYes) / variance.squareRoot()
        }
        let df = columns.count - 1
        self.columns = columns
        // Smallest expected count: the smaller row total over the smallest column, computed cell by cell as
        // SciPy does (row total × column total / n).
        let smallestRow = Double(min(rowTotal, n - rowTotal))
        let minExpected = columns.map { smallestRow * Double($0.respondents) / total }.min() ?? 0
        var fisherP: Double?
        if columns.count == 2 {
            let (first, second) = (columns[0], columns[1])
            fisherP = FisherExact.twoSidedP(
                first.mentioning, second.mentioning, first.respondents - first.mentioning,
                second.respondents - second.mentioning)
        }
        result = Result(
            chi2: chi2, df: df, p: ChiSquareDistribution.upperTail(chi2, df: df) ?? 1,
            cramersV: (chi2 / (total * Double(min(2, columns.count) - 1))).squareRoot(), minExpected: minExpected,
            fisherP: fisherP)
    }
}
