// Holm — Holm's step-down adjustment of a family of p values (the areas tested within one segment).

/// Holm's method (Holm 1979) for a family of tests, as
/// `statsmodels.stats.multitest.multipletests(p, method="holm")[1]` computes it.
///
/// The m available p values are sorted ascending, p₍ᵢ₎ becomes (m − i + 1) · p₍ᵢ₎ (i = 1 … m), a running
/// maximum makes the adjusted values monotone in the sorted order, and values above 1 are capped at 1.
/// Tied p values get the same adjusted value whatever their order. It controls the family-wise error rate
/// under any dependence between the tests, which matters here: an area and the areas below it are tested on
/// overlapping respondents.
public enum Holm {
    /// The adjusted p values in the order given. nil (a test that could not be made) and NaN stay nil and are
    /// not counted in the family size m.
    public static func adjust(_ p: [Double?]) -> [Double?] {
        let present = p.indices.filter { p[$0].map { !$0.isNaN } ?? false }
        let ordered = present.sorted { i, j in
            let (a, b) = (p[i] ?? 0, p[j] ?? 0)
            return a != b ? a < b : i < j
        }
        let m = ordered.count
        var adjusted: [Double?] = Array(repeating: nil, count: p.count)
        var running = 0.0
        for (rank, index) in ordered.enumerated() {
            let value = (p[index] ?? 0) * Double(m - rank)
            running = max(running, value)
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}
