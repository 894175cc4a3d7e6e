// StickyNoteReader — sticky-note exports (Miro and similar: no header, one column): one note per row, with
// frame names, the question's own header note and empty cells reported as skipped.
import Foundation
import KoeCore

/// Reads already-parsed CSV rows of a sticky-note export. The caller decodes and splits the CSV (BOM, quoting)
/// and passes each record with its row number as Excel shows it.
/// - A row's note is its non-empty cell; a row with several non-empty cells gives them joined by newlines.
///   Text is trimmed at both ends, otherwise verbatim (Miro turns in-note line breaks into spaces; kept).
/// - Skipped with reason: `empty` (no text), `frame-title` (`フレーム 4`, `Frame 12`), `question-header`
///   (`Q2. …`, `Ｑ２．…`, `問3 …` — the board's heading note for the question), `non-answer` (特になし…).
/// - Location: row = the CSV row; columnLetter = the note's column (A); id = `<stem>-L<row>`.
/// Short one-word notes (美, 夜景, 施設) are kept: on a board they are often real answers.
public struct StickyNoteReader: Sendable {
    public init() {}

    /// Emits one `.opinion` or `.skipped` per row; returns the counts, with the board's question header
    /// (`Q2. …`), if any, as the session title. Each note carries the question it answers: `question` when
    /// given (the caller found the header anywhere in the file, see `firstQuestionHeader`), else the header
    /// seen so far.
    @discardableResult
    public func read(
        rows: some Sequence<(excelRow: Int, fields: [String])>, displayPath: String, segments: RawSegments,
        question given: String? = nil, into sink: ImportSink
    ) throws -> WorkshopSummary {
        let emitter = NoteEmitter(displayPath: displayPath, segments: segments, sink: sink)
        emitter.question = given
        var question: String?
        for row in rows {
            let filled = row.fields.enumerated().compactMap { item -> (Int, String)? in
                // A BOM left in the first cell by a CSV reader is not part of the note.
                let raw = item.element.hasPrefix("\u{FEFF}") ? String(item.element.dropFirst()) : item.element
                let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : (item.offset, text)
            }
            let letter = filled.count == 1 ? ExcelColumn.letter(filled[0].0) : (filled.isEmpty ? "A" : nil)
            let text = filled.map(\.1).joined(separator: "\n")
            if filled.count == 1, Self.isFrameTitle(text) {
                try emitter.skip(
                    code: "frame-title", reason: "ボードのフレーム名（「\(text)」）で、付箋ではありません",
                    row: row.excelRow, path: nil, columnLetter: letter)
            } else if filled.count == 1, Self.isQuestionHeader(text) {
                if question == nil { question = text }
                if emitter.question == nil { emitter.question = text }
                try emitter.skip(
                    code: "question-header", reason: "問いの見出しの付箋（「\(text)」）で、意見ではありません",
                    row: row.excelRow, path: nil, columnLetter: letter)
            } else {
                try emitter.note(text, row: row.excelRow, path: nil, columnLetter: letter)
            }
        }
        return emitter.summary(format: .stickyNotes, session: WorkshopSession(title: question, segments: segments))
    }

    /// The first question header note among `rows` (Miro exports put it anywhere, often last).
    public static func firstQuestionHeader(in fields: [String]) -> String? {
        let filled = fields.map { ($0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard filled.count == 1, isQuestionHeader(filled[0]) else { return nil }
        return filled[0]
    }

    /// `フレーム 4`, `Frame 12`, `frame`, `フレーム`.
    public static func isFrameTitle(_ text: String) -> Bool {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased().trimmingCharacters(in: .whitespaces)
        for word in ["フレーム", "frame"] where folded.hasPrefix(word) {
            let rest = folded.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            return rest.isEmpty || rest.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    /// `Q2. 自分だけが…`, `Q5 2050年…`, `問3．…`: a question number followed by a separator.
    public static func isQuestionHeader(_ text: String) -> Bool {
        let folded = Substring(text.precomposedStringWithCompatibilityMapping)
        var rest: Substring
        if folded.hasPrefix("Q") || folded.hasPrefix("q") {
            rest = folded.dropFirst()
        } else if folded.hasPrefix("問") {
            rest = folded.dropFirst()
        } else {
            return false
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 3 else { return false }
        rest = rest.dropFirst(digits.count)
        guard let separator = rest.first else { return true }
        return ".:)．：）、 ".contains(separator)
    }

    /// A cheap check on the first rows of a CSV (as parsed): true when it looks like a sticky-note export rather
    /// than a survey — every row has at most one non-empty cell, most rows have one, and the first row is not a
    /// column label (回答, 意見, ID, タイムスタンプ…) but a note, a frame name, a question header or empty.
    public static func looksLikeStickyNotes(firstRows: [[String]]) -> Bool {
        let rows = firstRows.prefix(50)
        guard rows.count >= 2 else { return false }
        var withText = 0
        for row in rows {
            let filled = row.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"])).isEmpty }.count
            if filled > 1 { return false }
            if filled == 1 { withText += 1 }
        }
        guard withText * 2 >= rows.count else { return false }
        let first = (rows.first?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"]))
        let folded = first.precomposedStringWithCompatibilityMapping.lowercased()
        let labels = [
            "id", "回答", "意見", "ご意見", "自由記述", "内容", "コメント", "タイムスタンプ", "timestamp", "text",
            "content", "comment", "note", "notes", "answer", "response",
        ]
        return !labels.contains(folded)
    }
}
