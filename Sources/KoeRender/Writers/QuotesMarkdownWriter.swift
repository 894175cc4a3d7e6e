// QuotesMarkdownWriter — quotes.md: per area in plan order, masked quotes with safe attribution and their
// provenance id.
import KoeAnalysis
import KoeCore
import KoeQuotes

/// Writes quotes.md at the end of the run.
public final class QuotesMarkdownWriter: OutputWriter {
    public static let fileName = "quotes.md"
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        let masker = Masker()
        let file = try OutputFile(url: run.file(Self.fileName))
        try file.write("# 市民の声（生の意見）— \(run.title)\n\n")
        try file.write(
            "各分野（計画の体系順）に、市民の意見を原文のまま掲載しています。個人が特定されうる情報（電話番号・メールアドレス・URL・住所・敬称付きの人名）は「＊＊＊」に置き換え、回答者の属性は該当者が少ない組み合わせでは一部を省いています。末尾の記号は出典（koe の意見 ID）です。\n\n"
        )
        var rows: [String: SummaryRow] = [:]
        for row in results.summary { rows[row.area.code] = row }
        for area in run.areas {
            let heading = String(repeating: "#", count: min(area.level + 1, 6))
            let row = rows[area.code]
            try file.write("\(heading) \(area.code) \(area.name)\n\n")
            let notes = row?.workshopNotes ?? 0
            try file.write(
                "意見 \(row?.opinions ?? 0) 件" + (notes > 0 ? "（うちワークショップ \(notes) 件）" : "")
                    + "・アンケート回答者 \(row?.respondents ?? 0) 人\n\n")
            let quotes = results.quotes[area.code] ?? []
            for quote in quotes {
                let text = QuotesMarkdownWriter.printable(quote.text, masker: masker)
                try file.write("- 「\(text)」\(results.attribution.attribution(quote.segments)) `\(quote.id)`\n")
            }
            if !quotes.isEmpty { try file.write("\n") }
        }
        try file.close()
    }

    /// A quote as printed: personal data masked, line breaks joined with a space.
    public static func printable(_ text: String, masker: Masker) -> String {
        masker.mask(text)
            .replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: true)
            .joined(separator: " ")
    }
}
