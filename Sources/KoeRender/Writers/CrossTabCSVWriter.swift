// CrossTabCSVWriter — crosstab.csv: the segment × area cross-tabs in long form, one row per segment value.
import KoeAnalysis
import KoeFormats
import KoeRun

/// Writes crosstab.csv at the end of the run; the test's cells are empty for a degenerate table.
public final class CrossTabCSVWriter: OutputWriter {
    public static let fileName = "crosstab.csv"
    public static let header = [
        "segment", "area", "value", "respondents", "mentioning", "share", "expected", "adjusted_residual", "chi2", "df",
        "p", "cramers_v", "min_expected", "fisher_p", "p_holm",
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
                test.map { .significant($0.p, digits: 4) } ?? .empty, test.map { .number($0.cramersV, digits: 4) } ?? .empty,
                row.minExpected.map { .number($0, digits: 3) } ?? .empty, row.fisherP.map { .significant($0, digits: 4) } ?? .empty,
                row.pHolm.map { .significant($0, digits: 4) } ?? .empty,
            ])
        }
        try writer.close()
    }
}
