// WorkshopReader — the entry point for workshop records: picks the Markdown, text, HTML or Word reader by
// extension and content, applies the session's segments, and names the file in every fatal error.
import Foundation
import KoeCore
import KoeText
import KoeXML

/// Reads one workshop file (Markdown, text, HTML or .docx) into opinions. Sticky-note CSVs go through
/// `StickyNoteReader` (the caller parses the CSV). A hostile or unreadable file throws a `KoeError` naming
/// it; the caller reports it and goes on with the next file.
public struct WorkshopReader: Sendable {
    public let options: WorkshopOptions

    public init(options: WorkshopOptions = WorkshopOptions()) {
        self.options = options
    }

    /// The format of a file: `.docx` (or a zip holding word/document.xml), `.html`/`.htm`/`.xhtml` (or content
    /// starting with `<!doctype html` / `<html`), `.md`/`.markdown`, else plain text.
    public static func format(url: URL, head: Data) -> WorkshopSummary.Format {
        switch url.pathExtension.lowercased() {
        case "docx": return .docx
        case "html", "htm", "xhtml": return .html
        case "md", "markdown", "mdown": return .markdown
        default: break
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        var text = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let start = text.drop(while: { $0.isWhitespace })
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || (start.hasPrefix("<") && text.contains("<body")) {
            return .html
        }
        return .text
    }

    /// Reads `url` (shown to users as `displayPath`), pushing `.opinion` and `.skipped` events into `sink`.
    @discardableResult
    public func read(url: URL, displayPath: String, into sink: ImportSink, diagnostics: DiagnosticSink) throws -> WorkshopSummary {
        let location = SourceLocation(file: displayPath)
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 1024) ?? Data()
        } catch {
            throw KoeError(
                code: "file-unreadable", message: "ファイルを開けません", hint: "パスと読み取り権限を確認してください",
                location: location)
        }
        if ["csv", "tsv", "xlsx", "xls"].contains(url.pathExtension.lowercased()) {
            throw KoeError(
                code: "workshop-format-unsupported",
                message: "表形式のファイル（.\(url.pathExtension)）はワークショップ記録としては読めません",
                hint: "付箋の書き出し（1 列の CSV）は付箋として、それ以外はアンケートとして読み込んでください",
                location: location)
        }
        let format = Self.format(url: url, head: head)
        if format == .docx {
            let emitter = NoteEmitter(displayPath: displayPath, segments: options.segments, sink: sink)
            let title = try DocxNotesReader(zipLimits: options.zipLimits, maxDepth: options.maxDepth)
                .read(url: url, displayPath: displayPath, emitter: emitter)
            return emitter.summary(format: .docx, session: WorkshopSession(title: title, segments: options.segments))
        }
        let data = try readBounded(url: url, location: location)
        if format == .html {
            let emitter = NoteEmitter(displayPath: displayPath, segments: options.segments, sink: sink)
            try HTMLNotesReader(limits: HTMLLimits(maxDepth: options.maxDepth, maxBytes: options.maxFileBytes))
                .read(data: data, displayPath: displayPath, encoding: options.encoding, emitter: emitter)
            return emitter.summary(format: .html, session: WorkshopSession(segments: options.segments))
        }
        let decoded = DecodedText(bytes: [UInt8](data), encoding: options.encoding)
        if decoded.encoding != .utf8 && options.encoding == nil {
            diagnostics.report(
                Diagnostic(
                    .note, code: "encoding-detected", message: "\(decoded.encoding.displayName) として読みました",
                    location: location))
        }
        TextDecoding.warn(decoded, displayPath: displayPath, diagnostics: diagnostics)
        let lines = TextDecoding.lines(decoded.text)
        let front = try FrontMatter.parse(lines: lines, displayPath: displayPath, diagnostics: diagnostics)
        let session = sessionOf(front, displayPath: displayPath, diagnostics: diagnostics)
        let emitter = NoteEmitter(displayPath: displayPath, segments: session.segments, sink: sink)
        try emitter.reject(decoded.badLines, encoding: decoded.encoding)
        let khCoder = KHCoderText.isKHCoderText(lines)
        try MarkdownNotesReader(dialect: khCoder ? .khCoder : format == .markdown ? .markdown : .text, diagnostics: diagnostics)
            .read(lines: lines, startLine: front.lineCount, emitter: emitter)
        return emitter.summary(format: format, session: session)
    }

    /// The session: the caller's segments win, then the front matter's, then the participants' age band.
    private func sessionOf(_ front: FrontMatter, displayPath: String, diagnostics: DiagnosticSink) -> WorkshopSession {
        var fromFile = front.segments
        if fromFile.age == nil, options.segments.age == nil, !front.participants.isEmpty {
            let location = SourceLocation(file: displayPath, column: "participants")
            switch ParticipantAges.ageBand(for: front.participants) {
            case .band(let band): fromFile.age = band
            case .unmapped:
                diagnostics.report(
                    Diagnostic(
                        .warning, code: "participants-unmapped",
                        message: "参加者「\(front.participants.joined(separator: "、"))」から年代を決められません",
                        hint: "front matter に segments: {age: 10代} のように年代を書いてください",
                        location: location))
            case .mixed(let bands):
                // A mixed-age session (world café) is normal: a note, not a warning.
                diagnostics.report(
                    Diagnostic(
                        .note, code: "participants-mixed-ages",
                        message: "参加者の年代が 1 つに決まらないため、年代なしで集計します（\(bands.joined(separator: "・"))）",
                        hint: "年代別に集計するなら、記録を年代ごとのファイルに分けてください",
                        location: location))
            }
        }
        return WorkshopSession(
            title: front.title, date: front.date, facilitator: front.facilitator,
            participants: front.participants, segments: options.segments.filled(from: fromFile))
    }

    private func readBounded(url: URL, location: SourceLocation) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        if let size, size > options.maxFileBytes {
            throw KoeError(
                code: "file-too-large", message: "ファイルが大きすぎます（\(options.maxFileBytes >> 20) MB まで）",
                hint: "記録を複数のファイルに分けてください", location: location)
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw KoeError(
                code: "file-unreadable", message: "ファイルを読めません", hint: "パスと読み取り権限を確認してください",
                location: location)
        }
    }
}
