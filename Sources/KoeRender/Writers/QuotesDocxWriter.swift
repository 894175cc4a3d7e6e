// QuotesDocxWriter — quotes.docx: the quotes of quotes.md as a Word document the drafting team can print —
// title, table of contents, Heading 1–4 in plan order (strategy > project > measure > sub-item, 短期集中 /
// 長期継続 marked), each quote in the Quote style with its attribution and provenance id under it.
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeQuotes
import KoeRun

/// Writes quotes.docx at the end of the run (same quotes, masking, trimming and attribution as quotes.md).
public final class QuotesDocxWriter: OutputWriter {
    public static let fileName = "quotes.docx"
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        try Self.document(title: run.title, areas: run.areas, results: results).write(to: run.file(Self.fileName))
    }

    /// The document; quotes are plain text runs (Word never interprets them).
    static func document(title: String, areas: [PlanArea], results: RunResults) -> DOCXDocument {
        var doc = DOCXDocument(title: "市民の声（生の意見）— \(title)")
        doc.paragraph("市民の声（生の意見）", style: .title)
        doc.paragraph(QuoteText.singleLine(title), style: .caption)
        doc.paragraph(QuotesMarkdownWriter.introduction)
        doc.tableOfContents(levels: 4)
        doc.pageBreak()
        var rows: [String: SummaryRow] = [:]
        for row in results.summary { rows[row.area.code] = row }
        for area in areas {
            doc.heading("\(area.code) \(area.name)\(QuotesMarkdownWriter.horizonMark(area.horizon))", level: area.level)
            let row = rows[area.code]
            let notes = row?.workshopNotes ?? 0
            doc.paragraph(
                "意見 \(row?.opinions ?? 0) 件" + (notes > 0 ? "（うちワークショップ \(notes) 件）" : "")
                    + "・アンケート回答者 \(row?.respondents ?? 0) 人", style: .caption)
            for quote in results.quotes[area.code] ?? [] {
                let q = results.printed(quote)
                doc.paragraph("「\(q.text)」", style: .quote)
                let note = q.similarNote.map { "　\($0)" } ?? ""
                let mark = q.reviewMark.map { "　\($0)" } ?? ""
                doc.paragraph("\(q.attribution)\(note)\(mark)　出典 \(q.id)", style: .attribution)
            }
        }
        return doc
    }
}
