// NoteEmitter — turns a note's text and provenance into an `.opinion` (or a `.skipped` with reason) on the sink.
import Foundation
import KoeCore
import KoeText

/// The current heading path: (level, text) entries, shallowest first.
struct HeadingPath {
    private(set) var entries: [(level: Int, text: String)] = []

    /// A heading of `level` replaces every heading at that level or deeper.
    mutating func set(level: Int, text: String) {
        entries.removeAll { $0.level >= level }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { entries.append((level, trimmed)) }
    }

    /// `session > group > theme`, or nil before the first heading.
    var joined: String? { entries.isEmpty ? nil : entries.map(\.text).joined(separator: " > ") }
}

/// Recognises notes that say nothing (特になし, なし, a lone dash).
enum NoteFilter {
    private static let nonAnswers: Set<String> = [
        "特になし", "とくになし", "特に無し", "特にない", "なし", "無し", "ない", "特にありません", "ありません",
        "-", "ー", "―", "−", "…", "...", "n/a", "na", "none", "なし。",
    ]

    /// True when `text` (already trimmed) is a non-answer.
    static func isNonAnswer(_ text: String) -> Bool {
        if text.utf8.count > 30 { return false }
        var folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        while let last = folded.last, "。.、!！".contains(last) { folded.removeLast() }
        return nonAnswers.contains(folded) || nonAnswers.contains(folded + "。")
    }
}

/// Emits the notes of one file with stable ids (`<stem>-L<line>`, `-2`, `-3`… for further notes on a line).
final class NoteEmitter {
    let displayPath: String
    let segments: RawSegments
    private let sink: ImportSink
    private var perRow: [Int: Int] = [:]
    private(set) var notes = 0
    private(set) var skipped: [String: Int] = [:]
    private(set) var rejected = 0
    /// The question the notes answer when it is not in the heading path (a sticky-note board's header note).
    var question: String?

    init(displayPath: String, segments: RawSegments, sink: ImportSink) {
        self.displayPath = displayPath
        self.segments = segments
        self.sink = sink
    }

    /// Emits `text` as a note at `row` (line, paragraph index or CSV row) under heading path `path`.
    /// Empty text and non-answers become `.skipped`.
    func note(_ text: String, row: Int, path: String?, columnLetter: String? = nil) throws {
        let trimmed = text.trimmedWhitespace
        let location = SourceLocation(file: displayPath, row: row, column: path, columnLetter: columnLetter)
        if trimmed.isEmpty {
            try skip(code: "empty", reason: "空のメモ", location: location)
            return
        }
        if NoteFilter.isNonAnswer(trimmed) {
            try skip(code: "non-answer", reason: "意見を含まないメモ（「\(trimmed)」）", location: location)
            return
        }
        let index = perRow[row, default: 0]
        perRow[row] = index + 1
        let id = OpinionID.note(file: displayPath, line: row, index: index)
        notes += 1
        try sink.receive(
            .opinion(
                Opinion(
                    id: id, kind: .workshop, location: location, respondent: nil,
                    text: trimmed, segments: segments, question: AnsweredQuestion(text: question))))
    }

    /// Emits a table data row as a note (see `TableNotes`). A row with every cell empty is layout, not a
    /// record, and emits nothing; a row whose opinion cell is empty is skipped as `empty`.
    func tableRow(labels: [String]?, cells: [String], row: Int, path: String?) throws {
        if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { return }
        try note(TableNotes.text(labels: labels, cells: cells), row: row, path: path)
    }

    /// Emits a `.rejected` record for lines that could not be decoded (code `invalid-bytes`), each at its line.
    func reject(_ lines: [UndecodableLine], encoding: TextEncoding) throws {
        for bad in lines {
            rejected += 1
            let location = SourceLocation(file: displayPath, row: bad.line)
            try sink.receive(
                .rejected(
                    RejectedRecord(
                        location: location, code: TextEncoding.invalidBytesCode,
                        reason: "文字コード \(encoding.displayName) として読めないバイトがある行です（この行だけ読み飛ばしました）",
                        raw: bad.visible)))
        }
    }

    /// Emits a `.skipped` record.
    func skip(code: String, reason: String, row: Int, path: String?, columnLetter: String? = nil) throws {
        try skip(
            code: code, reason: reason,
            location: SourceLocation(file: displayPath, row: row, column: path, columnLetter: columnLetter))
    }

    private func skip(code: String, reason: String, location: SourceLocation) throws {
        skipped[code, default: 0] += 1
        try sink.receive(.skipped(SkippedRecord(location: location, code: code, reason: reason)))
    }

    func summary(format: WorkshopSummary.Format, session: WorkshopSession) -> WorkshopSummary {
        WorkshopSummary(format: format, session: session, notes: notes, skipped: skipped, rejected: rejected)
    }
}
