// RejectedCSVWriter — rejected.csv: every record (or whole file) that could not be read, with where and why.
import KoeCore
import KoeFormats
import KoeRun

/// Writes rejected.csv as records are rejected.
public final class RejectedCSVWriter: OutputWriter {
    public static let fileName = "rejected.csv"
    public static let header = ["source", "sheet", "row", "column", "code", "reason", "raw"]
    private var csv: CSVWriter?

    public init() {}

    public func begin(_ run: RunContext) throws {
        csv = try CSVWriter(file: OutputFile(url: run.file(Self.fileName)), header: Self.header)
    }

    public func reject(_ r: RejectedRecord) throws {
        try csv?.writeRow([
            .text(r.location.file), CSVCell(r.location.sheet), r.location.row.map { .integer($0) } ?? .empty,
            CSVCell(r.location.column ?? r.location.columnLetter), .text(r.code), .text(r.reason), .text(r.raw),
        ])
    }

    public func finish(_ results: RunResults) throws { try csv?.close() }
}
