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
            let o = p.opinion
            try csv.writeRow([
                .text(o.id), .text(o.location.file), o.location.row.map { .integer($0) } ?? .empty,
                CSVCell(o.location.column), CSVCell(o.respondent), CSVCell(p.segments.age),
                CSVCell(p.segments.gender), CSVCell(p.segments.district), CSVCell(p.typeLabel), .text(o.text),
            ])
        }
    }

    public func finish(_ results: RunResults) throws { try csv?.close() }
}
