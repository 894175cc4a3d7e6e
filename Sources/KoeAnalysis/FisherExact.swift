// FisherExact — Fisher's exact test of a 2 × 2 table, two-sided as SciPy defines it, exact in its ties and
// safe for tables of any size (probabilities relative to the mode, in double-double with a free exponent).

/// Fisher's exact test of a 2 × 2 table [[a, b], [c, d]].
///
/// With the margins fixed, `a` follows the hypergeometric distribution
/// P(x) = C(a + b, x) C(c + d, n − x) / C(N, n), n = a + c, N = a + b + c + d. The two-sided p is the sum of
/// P(x) over every table at most as probable as the observed one, exactly as
/// `scipy.stats.fisher_exact(table, alternative="two-sided")` computes it (SciPy ≥ 1.7): a table counts when
/// P(x) ≤ P(a) · (1 + 1e-14), the p is 1 when P(a) equals the mode's probability within that tolerance, and
/// 1 when a row or column total is zero.
///
/// How: no factorial or log-gamma is evaluated. Each P(x) / P(mode) is built by multiplying the exact ratio
/// of neighbouring probabilities, P(x + 1) / P(x) = (a + b − x)(n − x) / ((x + 1)(c + d − n + x + 1)), in
/// double-double arithmetic (≈ 32 significant digits) with a separate binary exponent, so ties between
/// mirror-image tables stay ties far inside SciPy's 1e-14 tolerance, and neither overflow nor underflow can
/// occur. The walk stops where P(x) / P(mode) < 2⁻¹¹⁰⁰: everything beyond is below the smallest double.
/// The normalising constant is the sum of the walked terms, so p = Σ selected / Σ all. Cost: O(√N) terms
/// (about 80 standard deviations of the distribution), e.g. ~12,000 for 100,000 respondents.
public enum FisherExact {
    /// SciPy's relative tolerance for "as probable as the observed table".
    public static let relativeTolerance = 1e-14

    /// Two-sided p of [[a, b], [c, d]]; every count must be ≥ 0. A p below the smallest positive double
    /// (≈ 5e-324) is 0.
    public static func twoSidedP(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "counts must be ≥ 0")
        let row1 = a + b
        let row2 = c + d
        let col1 = a + c
        let total = row1 + row2
        if row1 == 0 || row2 == 0 || col1 == 0 || col1 == total { return 1 }
        let lowest = max(0, col1 - row2)
        let highest = min(col1, row1)
        // SciPy's mode: ⌊(n + 1)(row1 + 1) / (N + 2)⌋.
        let mode = Int((Double(col1 + 1) * Double(row1 + 1) / Double(total + 2)).rounded(.down))
        let modeX = min(max(mode, lowest), highest)

        // P(x + 1) / P(x) as the product of two exact quotients of integers below 2^53.
        func up(_ x: Int) -> DoubleDouble {
            DoubleDouble.quotient(Double(row1 - x), Double(x + 1)).times(
                DoubleDouble.quotient(Double(col1 - x), Double(row2 - col1 + x + 1)))
        }
        let floor = -1100
        // Weights relative to the mode, walking outward; `below[i]` is x = modeX − 1 − i.
        var below: [ScaledDouble] = []
        var w = ScaledDouble.one
        var x = modeX
        while x > lowest {
            w = w.divided(by: up(x - 1))
            x -= 1
            if w.exponent < floor { break }
            below.append(w)
        }
        var above: [ScaledDouble] = []
        w = .one
        x = modeX
        while x < highest {
            w = w.times(up(x))
            x += 1
            if w.exponent < floor { break }
            above.append(w)
        }
        let observed: ScaledDouble
        if a == modeX {
            observed = .one
        } else if a < modeX, modeX - a - 1 < below.count {
            observed = below[modeX - a - 1]
        } else if a > modeX, a - modeX - 1 < above.count {
            observed = above[a - modeX - 1]
        } else {
            return 0  // beyond the walk: p < 2^-1100 · (number of terms), below every double
        }
        // SciPy: |P(a) − P(mode)| / max ≤ 1e-14 → p = 1 (also catches a second mode next to the first).
        if 1 - observed.ratio(to: .one) <= relativeTolerance { return 1 }

        var all = 1.0
        var selected = 0.0
        let limit = 1 + relativeTolerance
        for term in below.reversed() + above {
            all += term.ratio(to: .one)
            let r = term.ratio(to: observed)
            if r <= limit { selected += r }
        }
        // p = P(a) · Σ selected P(x) / P(a), with P(a) = w(a) / Σ w; the exponent is applied last so that
        // a p in the subnormal range keeps what precision it can.
        let scaled = selected * (observed.hi + observed.lo) / all
        let p = Double(sign: .plus, exponent: observed.exponent, significand: scaled)
        return min(1, p)
    }
}

/// A double-double number hi + lo with |lo| ≤ ulp(hi) / 2 (about 32 significant digits).
struct DoubleDouble: Sendable, Hashable {
    var hi: Double
    var lo: Double

    /// p / q to double-double precision (p and q exact doubles, q ≠ 0).
    static func quotient(_ p: Double, _ q: Double) -> DoubleDouble {
        let hi = p / q
        // p − hi·q is exact by FMA; the correction is that remainder over q.
        return .normalized(hi, p.addingProduct(-hi, q) / q)
    }

    /// self × other.
    func times(_ other: DoubleDouble) -> DoubleDouble {
        let product = hi * other.hi
        var error = (-product).addingProduct(hi, other.hi)
        error += hi * other.lo + lo * other.hi
        return .normalized(product, error)
    }

    /// self / other (one Newton correction on the double quotient).
    func divided(by other: DoubleDouble) -> DoubleDouble {
        let q1 = hi / other.hi
        // remainder = self − q1 × other, to double-double precision
        let r = DoubleDouble(hi: hi, lo: lo).minus(other.times(DoubleDouble(hi: q1, lo: 0)))
        let q2 = r.hi / other.hi
        return .normalized(q1, q2)
    }

    func minus(_ other: DoubleDouble) -> DoubleDouble {
        let difference = DoubleDouble.normalized(hi, -other.hi)
        return .normalized(difference.hi, difference.lo + (lo - other.lo))
    }

    /// Knuth's two-sum: the pair (a + b rounded, its exact rounding error).
    static func normalized(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(hi: s, lo: (a - (s - bb)) + (b - bb))
    }
}

/// A positive double-double times 2^exponent, with hi kept in [1, 2): no overflow or underflow however long
/// the product.
struct ScaledDouble: Sendable, Hashable {
    var hi: Double
    var lo: Double
    var exponent: Int

    static let one = ScaledDouble(hi: 1, lo: 0, exponent: 0)

    init(hi: Double, lo: Double, exponent: Int) {
        // Move hi's binary exponent into `exponent` (scaling by a power of two is exact).
        let shift = Int(hi.exponent)
        self.hi = Double(sign: .plus, exponent: -shift, significand: hi)
        self.lo = Double(sign: lo.sign, exponent: -shift, significand: lo.magnitude)
        self.exponent = exponent + shift
    }

    func times(_ factor: DoubleDouble) -> ScaledDouble {
        let product = DoubleDouble(hi: hi, lo: lo).times(factor)
        return ScaledDouble(hi: product.hi, lo: product.lo, exponent: exponent)
    }

    func divided(by factor: DoubleDouble) -> ScaledDouble {
        let quotient = DoubleDouble(hi: hi, lo: lo).divided(by: factor)
        return ScaledDouble(hi: quotient.hi, lo: quotient.lo, exponent: exponent)
    }

    /// self / other as a double (0 or ∞ when out of range).
    func ratio(to other: ScaledDouble) -> Double {
        let mantissa = (hi + lo) / (other.hi + other.lo)
        return Double(sign: .plus, exponent: exponent - other.exponent, significand: mantissa)
    }
}
