// CrossTabCSVWriter — crosstab.csv: the segment × area cross-tabs in long form, one row per segment value.
import Foundation
import KoeAnalysis

/// Writes crosstab.csv at the end of the run; the test's cells are empty for a degenerate table.
public final class CrossTabCSVWriter: OutputWriter {
    public static let fileName = "crosstab.csv"
    public static let header = [
        "segment", "area", "value", "respondents", "mentioning", "share", "expected", "adjusted_residual", "chi2", "df",
        "p", "cramers_v",
    ]
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        let writer = try CSVWriter(file: OutputFile(url: run.file(Self.fileName)), header: Self.header)
        for row in results.crossTabs {
            let test = row.test
            try writer.writeRow([
                .text(row.segment.rawValue), .text(row.area), .text(row.value), .integer(row.respondents),
                .integer(row.mentioning), .number(row.share, digits: 4), .number(row.expected, digits: 3),
                row.adjustedResidual.map { .number($0, digits: 3) } ?? .empty,
                test.map { .number($0.chi2, digits: 4) } ?? .empty, test.map { .integer($0.df) } ?? .empty,
                test.map { .text(Self.pValue($0.p)) } ?? .empty, test.map { .number($0.cramersV, digits: 4) } ?? .empty,
            ])
        }
        try writer.close()
    }

    /// p with 6 decimals (`0.000123`); below 1e-6, scientific with 4 significant digits (`2.538e-23`),
    /// which Excel reads as a number. A p below the smallest double is `0.000e+00`.
    public static func pValue(_ p: Double) -> String {
        if p >= 1e-6 || !p.isFinite { return NumberText.fixed(p, digits: 6) }
        if p <= 0 { return "0.000e+00" }
        var exponent = Int(log10(p).rounded(.down))
        // Scaled in two steps so that 10^exponent never underflows (subnormal p).
        var mantissa = exponent < -300 ? (p * 1e300) / pow(10, Double(exponent + 300)) : p / pow(10, Double(exponent))
        // Guard against log10 landing one off at exact powers of ten, and against rounding up to 10.000.
        if mantissa < 1 {
            exponent -= 1
            mantissa *= 10
        }
        var digits = NumberText.fixed(mantissa, digits: 3)
        if digits.hasPrefix("10") {
            exponent += 1
            digits = NumberText.fixed(mantissa / 10, digits: 3)
        }
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = String(abs(exponent))
        return digits + "e" + sign + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }
}
