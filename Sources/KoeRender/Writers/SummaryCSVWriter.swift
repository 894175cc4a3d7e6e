// SummaryCSVWriter — summary.csv: per area in plan order, counts, share, rank, ratings and the CS portfolio.
import KoeAnalysis
import KoeFormats
import KoeRun

/// Writes summary.csv at the end of the run.
public final class SummaryCSVWriter: OutputWriter {
    public static let fileName = "summary.csv"
    public static let header = [
        "area", "name", "level", "opinions", "respondents", "share", "rank", "importance", "importance_n",
        "satisfaction", "satisfaction_n", "improvement_index", "quadrant", "workshop_notes", "weighted_share",
        "importance_missing", "satisfaction_missing",
    ]
    private var directory: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { directory = run }

    public func finish(_ results: RunResults) throws {
        guard let run = directory else { return }
        let writer = try CSVWriter(file: OutputFile(url: run.file(Self.fileName)), header: Self.header)
        for row in results.summary {
            try writer.writeRow([
                .text(row.area.code), .text(row.area.name), .integer(row.area.level), .integer(row.opinions),
                .integer(row.respondents), .number(row.share, digits: 4), .integer(row.rank),
                row.importance.map { .number($0, digits: 3) } ?? .empty, .integer(row.importanceN),
                row.satisfaction.map { .number($0, digits: 3) } ?? .empty, .integer(row.satisfactionN),
                row.improvementIndex.map { .number($0, digits: 2) } ?? .empty, CSVCell(row.quadrant),
                .integer(row.workshopNotes), row.weightedShare.map { .number($0, digits: 4) } ?? .empty,
                .integer(row.importanceMissing), .integer(row.satisfactionMissing),
            ])
        }
        try writer.close()
    }
}
