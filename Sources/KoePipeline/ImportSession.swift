// ImportSession — `koe import`: reads files and prints one opinion per line (jsonl or csv) with provenance
// and normalized segments; rejected records and skips are counted and reported.
import Foundation
import KoeCore
import KoeFormats
import KoeRender
import KoeSegments

/// Counts of an import, for the closing line on stderr.
public struct ImportCounts: Sendable {
    public var files = 0
    public var opinions = 0
    public var respondents = 0
    public var skipped: [String: Int] = [:]
    public var rejected = 0
}

public final class ImportSession {
    public enum Format: String, Sendable { case jsonl, csv }

    private let importer: SourceImporter
    private let normalizer: SegmentCache
    private let format: Format
    private let output: OutputFile
    private var csv: CSVWriter?
    private let diagnostics: DiagnosticSink
    public private(set) var counts = ImportCounts()

    public init(importer: SourceImporter, gazetteer: URL?, format: Format, output: OutputFile, diagnostics: DiagnosticSink) throws {
        self.importer = importer
        self.format = format
        self.output = output
        self.diagnostics = diagnostics
        let gazetteerValue = try gazetteer.map { try Gazetteer.load(url: $0, displayPath: $0.relativePath) }
        normalizer = SegmentCache(try SegmentNormalizer(ageBands: PipelineConfig.defaultAgeBands, gazetteer: gazetteerValue))
        if format == .csv {
            csv = try CSVWriter(
                file: output,
                header: [
                    "id", "kind", "source", "sheet", "row", "column", "column_letter", "respondent",
                    "age", "gender", "district", "age_raw", "gender_raw", "district_raw", "text",
                ])
        }
    }

    /// Reads one file; a file that cannot be read throws (the caller reports it and goes on).
    /// Every file this session will read (ids stay unique when two share a name).
    public var inputs: [String] = [] {
        didSet { ids = IDQualifier(paths: inputs) }
    }
    private var ids = IDQualifier(paths: [])

    public func read(url: URL, displayPath: String, kind: SourceKind?) throws {
        counts.files += 1
        let sink = ClosureSink { [self] event in
            switch event {
            case .opinion(let opinion): try self.print(ids.qualify(opinion))
            case .respondent: counts.respondents += 1
            case .skipped(let s): counts.skipped[s.code, default: 0] += 1
            case .rejected:
                // The reader has already reported it (file, row, column, reason).
                counts.rejected += 1
            }
        }
        try importer.read(url: url, displayPath: displayPath, kind: kind, into: sink, diagnostics: diagnostics)
    }

    public func finish() throws { try output.close() }

    private func print(_ o: Opinion) throws {
        counts.opinions += 1
        let s = normalizer.normalize(o.segments).segments
        switch format {
        case .jsonl:
            try output.write(OpinionJSON.importLine(o, segments: s) + "\n")
        case .csv:
            try csv?.writeRow([
                .text(o.id), .text(o.kind.rawValue), .text(o.location.file), CSVCell(o.location.sheet),
                o.location.row.map { .integer($0) } ?? .empty, CSVCell(o.location.column), CSVCell(o.location.columnLetter),
                CSVCell(o.respondent), CSVCell(s.age), CSVCell(s.gender), CSVCell(s.district), CSVCell(o.segments.age),
                CSVCell(o.segments.gender), CSVCell(o.segments.district), .text(o.text),
            ])
        }
    }
}
