// BaselineStatistics — the tests of the previous-wave comparison: the pooled two-proportion z-test and Welch's
// t-test on sufficient statistics (n, mean, variance), with the normal and Student t tails they need.
import Foundation

/// The pooled two-proportion z-test (as statsmodels' `proportions_ztest` and the textbook formula):
/// z = (p₁ − p₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂)), p̂ = (x₁ + x₂) / (n₁ + n₂), two-sided p = 2 Φ(−|z|).
public struct TwoProportionTest: Sendable, Hashable {
    public var z: Double
    public var p: Double

    /// nil when a sample is empty or the pooled share is 0 or 1 (no variance: no test).
    public init?(_ x1: Int, of n1: Int, _ x2: Int, of n2: Int) {
        guard n1 > 0, n2 > 0, (0...n1).contains(x1), (0...n2).contains(x2) else { return nil }
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        guard pooled > 0, pooled < 1 else { return nil }
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        z = (Double(x1) / Double(n1) - Double(x2) / Double(n2)) / se
        p = NormalDistribution.twoSided(z)
    }
}

/// Welch's unequal-variance t-test from each sample's n, mean and variance (ddof = 1), as
/// `scipy.stats.ttest_ind(a, b, equal_var=False)`: t = (m₁ − m₂) / √(v₁/n₁ + v₂/n₂), Welch–Satterthwaite df.
public struct WelchTest: Sendable, Hashable {
    public var t: Double
    public var df: Double
    public var p: Double

    /// nil when a sample has fewer than 2 values or both variances are 0 (SciPy gives NaN there).
    public init?(n1: Int, mean1: Double, variance1: Double, n2: Int, mean2: Double, variance2: Double) {
        guard n1 >= 2, n2 >= 2, variance1 >= 0, variance2 >= 0 else { return nil }
        let a = variance1 / Double(n1)
        let b = variance2 / Double(n2)
        guard a + b > 0 else { return nil }
        t = (mean1 - mean2) / (a + b).squareRoot()
        df = (a + b) * (a + b) / (a * a / Double(n1 - 1) + b * b / Double(n2 - 1))
        p = StudentTDistribution.twoSided(t, df: df)
    }
}

/// Tails of the standard normal distribution.
public enum NormalDistribution {
    /// P(|Z| ≥ |z|) = erfc(|z| / √2).
    public static func twoSided(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }
}

/// Tails of Student's t distribution through the regularized incomplete beta function.
public enum StudentTDistribution {
    /// P(|T| ≥ |t|) with `df` degrees of freedom = I_{df/(df+t²)}(df/2, 1/2).
    public static func twoSided(_ t: Double, df: Double) -> Double {
        guard t.isFinite, df > 0 else { return t.isFinite ? 1 : 0 }
        let x = df / (df + t * t)
        return min(max(IncompleteBeta.regularized(x, a: df / 2, b: 0.5), 0), 1)
    }
}

/// The regularized incomplete beta function I_x(a, b) by Lentz's continued fraction (Numerical Recipes
/// `betacf`), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
public enum IncompleteBeta {
    public static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) { return front * fraction(x, a, b) / a }
        return 1 - front * fraction(1 - x, b, a) / b
    }

    private static func fraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }
}
