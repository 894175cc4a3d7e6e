// UntaggedCSVWriter — untagged.csv: the opinions no area matched, for codebook work in Excel.
import KoeCore
import KoeFormats
import KoeRun

/// Writes untagged.csv while the run streams.
public final class UntaggedCSVWriter: OutputWriter {
    public static let fileName = "untagged.csv"
    public static let header = ["id", "source", "row", "column", "respondent", "age", "gender", "district", "type", "text"]
    private var csv: CSVWriter?

    public init() {}

    public func begin(_ run: RunContext) throws {
        csv = try CSVWriter(file: OutputFile(url: run.file(Self.fileName)), header: Self.header)
    }

    public func write(_ batch: [TaggedOpinion]) throws {
        guard let csv else { return }
        for p in batch where p.areas.isEmpty {
            // Fields read in place (no copy of the Opinion), cells written straight into the file's buffer.
            try csv.writeRow { row in
                row.text(p.opinion.id)
                row.text(p.opinion.location.file)
                row.integer(p.opinion.location.row)
                row.text(p.opinion.location.column)
                row.text(p.opinion.respondent)
                row.text(p.segments.age)
                row.text(p.segments.gender)
                row.text(p.segments.district)
                row.text(p.typeLabel)
                row.text(p.opinion.text)
            }
        }
    }

    public func finish(_ results: RunResults) throws { try csv?.close() }
}
