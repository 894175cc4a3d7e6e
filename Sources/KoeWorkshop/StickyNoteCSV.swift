// StickyNoteCSV — reads a sticky-note export file (Miro and similar CSV) into notes: finds the board's question
// header first, then streams the records into StickyNoteReader in blocks, rejected records in file order.
import Foundation
import KoeCore
import KoeSurvey
import KoeText

extension StickyNoteReader {
    /// Reads a sticky-note CSV file: KoeSurvey's CSV record stream decodes and splits it (the one CSV reader of koe),
    /// `read(rows:)` makes the notes; a record the CSV reader rejects goes to the sink as rejected, in file order.
    public func read(
        csv url: URL, displayPath: String, encoding: TextEncoding?, segments workshopSegments: RawSegments, into sink: ImportSink
    ) throws {
        // The board's question header may come after the notes: find it first (one streaming pass).
        var question: String?
        let scan = try CSVRowReader(url: url, displayPath: displayPath, encoding: encoding)
        while question == nil, let record = try scan.next() {
            if record.problem == nil { question = StickyNoteReader.firstQuestionHeader(in: record.fields) }
        }
        let reader = try CSVRowReader(url: url, displayPath: displayPath, encoding: encoding)
        var rows: [(excelRow: Int, fields: [String])] = []
        var rejected: [RejectedRecord] = []
        while let record = try reader.next() {
            if let problem = record.problem {
                rejected.append(
                    RejectedRecord(
                        location: SourceLocation(file: displayPath, row: record.excelRow, columnLetter: "A"),
                        code: problem.code, reason: problem.text, raw: record.raw))
                continue
            }
            rows.append((record.excelRow, record.fields))
            if rows.count >= 4096 {
                try StickyNoteReader().read(
                    rows: rows, displayPath: displayPath, segments: workshopSegments, question: question, into: sink)
                rows.removeAll(keepingCapacity: true)
            }
            for r in rejected { try sink.receive(.rejected(r)) }
            rejected.removeAll()
        }
        try StickyNoteReader().read(
            rows: rows, displayPath: displayPath, segments: workshopSegments, question: question, into: sink)
        for r in rejected { try sink.receive(.rejected(r)) }
    }
}
