// QuoteListWriter — how `koe quotes` prints what it found: text for the terminal, Markdown lines as in
// quotes.md, JSON lines with the score parts, or CSV for Excel. Masking and attribution are those of
// quotes.md (PrintedQuote); every format prints quotes as inert text.
import KoeCore
import KoeFormats
import KoeQuotes
import KoeWorkspace

/// The formats of `koe quotes --format`.
public enum QuoteListFormat: String, Sendable, CaseIterable {
    case text, md, jsonl, csv
}

/// Renders found quotes line by line into `emit` (which adds no newline).
public struct QuoteListWriter {
    public let format: QuoteListFormat
    public let attribution: AttributionGuard
    private let masker = Masker()

    public init(format: QuoteListFormat, attribution: AttributionGuard) {
        self.format = format
        self.attribution = attribution
    }

    static let csvHeader = [
        "id", "text", "trimmed", "attribution", "similar", "type", "horizon", "source", "row", "column", "score", "specificity",
        "length", "representativeness", "type_score", "diversity", "review",
    ]

    /// Everything to print for `quotes`, in order.
    public func lines(_ quotes: [WorkspaceQuote]) -> [String] {
        var out: [String] = []
        if format == .csv {
            out.append("\u{FEFF}" + Self.csvHeader.map { CSVWriter.render(.text($0)) }.joined(separator: ","))
        }
        for q in quotes {
            let printed = PrintedQuote(q.candidate, masker: masker, attribution: attribution)
            switch format {
            case .text:
                let note = printed.similarNote.map { " " + $0 } ?? ""
                let mark = printed.reviewMark.map { " " + $0 } ?? ""
                out.append("「\(printed.text)」\(printed.attribution)\(note)\(mark)")
                out.append("    \(printed.id)  \(Self.place(q))")
            case .md:
                out.append(QuotesMarkdownWriter.line(printed))
            case .jsonl:
                out.append(json(printed, q).text)
            case .csv:
                let s = printed.score
                let cells: [CSVCell] = [
                    .text(printed.id), .text(printed.text), .integer(printed.trimmed ? 1 : 0), .text(printed.attribution),
                    .integer(printed.groupSize), CSVCell(q.candidate.type), .text(q.horizon), .text(q.source),
                    q.row.map { .integer($0) } ?? .empty, CSVCell(q.column), .number(s.total, digits: 4),
                    .number(s.specificity, digits: 4), .number(s.length, digits: 4), .number(s.representativeness, digits: 4),
                    .number(s.type, digits: 4), .number(s.diversity, digits: 4), .text(printed.review.joined(separator: "・")),
                ]
                out.append(cells.map(CSVWriter.render).joined(separator: ","))
            }
        }
        return out
    }

    /// `file:row (column)` — where the quote comes from.
    static func place(_ q: WorkspaceQuote) -> String {
        var text = q.source
        if let row = q.row { text += ":\(row)" }
        if let column = q.column { text += " (\(QuoteText.singleLine(column)))" }
        return text
    }

    private func json(_ p: PrintedQuote, _ q: WorkspaceQuote) -> JSONObject {
        var o = JSONObject()
        o.add("id", p.id)
        o.add("text", p.text)
        o.add("trimmed", p.trimmed)
        o.add("attribution", p.attribution)
        o.add("similar", p.groupSize)
        o.add("group", p.group)
        o.add("type", q.candidate.type)
        o.add("horizon", q.horizon)
        o.add("source", q.source)
        o.add("row", q.row)
        o.add("column", q.column)
        o.add("review", strings: p.review)
        var score = JSONObject()
        score.add("total", p.score.total, digits: 4)
        score.add("specificity", p.score.specificity, digits: 4)
        score.add("length", p.score.length, digits: 4)
        score.add("representativeness", p.score.representativeness, digits: 4)
        score.add("type", p.score.type, digits: 4)
        score.add("diversity", p.score.diversity, digits: 4)
        o.add("score", object: score)
        return o
    }
}
