// SourceImporter — picks the reader for a file (survey export, workshop record, sticky-note CSV) by the
// declared kind, the extension and the content, and pushes its events into a sink.
import Foundation
import KoeCore
import KoeSurvey
import KoeWorkshop

/// What a file turned out to be.
public enum ImportFormat: String, Sendable {
    case survey, workshop, stickyNotes = "sticky-notes"
}

/// Reads any supported input file into an `ImportSink`.
public struct SourceImporter: Sendable {
    public var surveyOptions: SurveyOptions
    /// Segments of a whole workshop session (pipeline entry or command line); front matter fills the rest.
    public var workshopSegments: RawSegments

    public init(surveyOptions: SurveyOptions = SurveyOptions(), workshopSegments: RawSegments = RawSegments()) {
        self.surveyOptions = surveyOptions
        self.workshopSegments = workshopSegments
    }

    static let workshopExtensions: Set<String> = ["md", "markdown", "txt", "text", "html", "htm", "xhtml", "docx"]
    /// Every extension read without a `kind` (others are refused with a clear error, never read as 0 records).
    static let knownExtensions: Set<String> = workshopExtensions.union(["csv", "tsv", "tab", "xlsx", "xlsm", "xls", "mdown"])

    /// The format of `url`: by `kind` when given, else by extension, else by content (a CSV with one
    /// note per row and no header is a sticky-note export).
    public func format(of url: URL, displayPath: String, kind: SourceKind?) throws -> ImportFormat {
        let ext = url.pathExtension.lowercased()
        let isDelimited = ["csv", "tsv", "tab"].contains(ext)
        switch kind {
        case .survey: return .survey
        case .workshop: return isDelimited ? .stickyNotes : .workshop
        case nil:
            if !ext.isEmpty && !Self.knownExtensions.contains(ext) {
                throw KoeError(
                    code: "unsupported-format", message: "拡張子 .\(url.pathExtension) のファイルは読めません",
                    hint: "読めるのは アンケート（.csv .tsv .txt .xlsx）とワークショップ記録（.md .txt .html .docx、付箋の .csv）です。"
                        + "中身がこれらの形式なら拡張子を直すか、kind: survey / workshop（--kind）を指定してください",
                    location: SourceLocation(file: displayPath))
            }
            if ext == "txt" || ext == "text" { return try Self.looksLikeTable(url) ? .survey : .workshop }
            if Self.workshopExtensions.contains(ext) { return .workshop }
            if ext == "csv" {
                let reader = try CSVRowReader(url: url, displayPath: displayPath, encoding: surveyOptions.encoding)
                var rows: [[String]] = []
                while rows.count < 50, let record = try reader.next() { rows.append(record.fields) }
                if StickyNoteReader.looksLikeStickyNotes(firstRows: rows) { return .stickyNotes }
            }
            return .survey
        }
    }

    /// A .txt file is a survey table when it is Excel's "Unicode text" (UTF-16 with BOM) or its first lines
    /// hold the same number (≥ 1) of tabs; otherwise it is a workshop record (minutes, notes).
    static func looksLikeTable(_ url: URL) throws -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 64 * 1024)) ?? Data())
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        let lines = head.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(20).dropLast(head.count == 64 * 1024 ? 1 : 0)
        let tabs = lines.map { line in line.filter { $0 == 0x09 }.count }
        guard tabs.count >= 2, let first = tabs.first, first >= 1 else { return false }
        return tabs.filter { $0 == first }.count * 10 >= tabs.count * 8
    }

    /// Reads `url` into `sink`; returns the format used. A file that cannot be read at all throws.
    @discardableResult
    public func read(
        url: URL, displayPath: String, kind: SourceKind?, into sink: ImportSink,
        diagnostics: DiagnosticSink, session: ((WorkshopSession) -> Void)? = nil
    ) throws -> ImportFormat {
        let format = try format(of: url, displayPath: displayPath, kind: kind)
        switch format {
        case .survey:
            _ = try SurveyReader(options: surveyOptions).read(url: url, displayPath: displayPath, into: sink, diagnostics: diagnostics)
        case .workshop:
            let summary = try WorkshopReader(options: WorkshopOptions(segments: workshopSegments, encoding: surveyOptions.encoding))
                .read(url: url, displayPath: displayPath, into: sink, diagnostics: diagnostics)
            session?(summary.session)
        case .stickyNotes:
            try StickyNoteReader().read(
                csv: url, displayPath: displayPath, encoding: surveyOptions.encoding, segments: workshopSegments, into: sink)
        }
        return format
    }
}
