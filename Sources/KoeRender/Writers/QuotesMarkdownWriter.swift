// QuotesMarkdownWriter — quotes.md: per area in plan order, masked quotes (trimmed at a sentence boundary,
// Markdown- and HTML-inert) with safe attribution — by session for workshop notes — 「同様の意見 N件」 for
// a near-duplicate group, and their provenance id.
import Foundation
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeQuotes
import KoeRun

/// Writes quotes.md at the end of the run.
public final class QuotesMarkdownWriter: OutputWriter {
    public static let fileName = "quotes.md"
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        let file = try OutputFile(url: run.file(Self.fileName))
        try file.write("# 市民の声（生の意見）— \(Self.inline(run.title))\n\n")
        try file.write(Self.introduction + "\n\n")
        var rows: [String: SummaryRow] = [:]
        for row in results.summary { rows[row.area.code] = row }
        for area in run.areas {
            let heading = String(repeating: "#", count: min(area.level + 1, 6))
            let row = rows[area.code]
            try file.write("\(heading) \(Self.inline(area.code)) \(Self.inline(area.name))\(Self.horizonMark(area.horizon))\n\n")
            let notes = row?.workshopNotes ?? 0
            try file.write(
                "意見 \(row?.opinions ?? 0) 件" + (notes > 0 ? "（うちワークショップ \(notes) 件）" : "")
                    + "・アンケート回答者 \(row?.respondents ?? 0) 人\n\n")
            let quotes = results.quotes[area.code] ?? []
            for quote in quotes {
                try file.write(Self.line(results.printed(quote)) + "\n")
            }
            if !quotes.isEmpty { try file.write("\n") }
        }
        try file.close()
    }

    /// What the document holds and how quotes were made safe (printed under the title).
    public static let introduction =
        "各分野（計画の体系順）に、市民の意見を原文のまま掲載しています。個人が特定されうる情報（電話番号・メールアドレス・URL・SNSのアカウント・郵便番号・住所・人名・生年月日・会員番号などのID番号・車のナンバー）は「＊＊＊」に置き換え、規則で隠しきれないおそれのある意見には【要確認：理由】を付けています。回答者の属性は該当者が少ない組み合わせでは一部を省いています。長い意見は文の区切りまでを掲載し、以降を「…」で省略しています。ほぼ同じ文面の意見（組織的な意見や転載）は一度だけ掲載し、「同様の意見 N件」にその件数を示しています。末尾の記号は出典（koe の意見 ID）です。"

    /// One list item: `- 「text」（attribution） 同様の意見 N件 `id``, every part inert.
    public static func line(_ q: PrintedQuote) -> String {
        var line = "- 「\(QuoteText.markdownEscaped(q.text))」\(QuoteText.markdownEscaped(q.attribution))"
        if let note = q.similarNote { line += " \(note)" }
        if let mark = q.reviewMark { line += " **\(QuoteText.markdownEscaped(mark))**" }
        return line + " `\(InertText.codeSpan(q.id))`"
    }

    /// A codebook code or name, or the title, inside a heading: one line, and nothing in it renders (`<script>`,
    /// `**`, links, a trailing `#`). Characters that mean something only at the start of a line (`-`, `1.`) are
    /// left as written, so `1-1` stays readable.
    public static func inline(_ text: String) -> String {
        var out = ""
        for c in InertText.singleLine(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// `（短期集中）` / `（長期継続）` after a measure's name.
    public static func horizonMark(_ horizon: Horizon?) -> String {
        horizon?.label.map { "（\($0)）" } ?? ""
    }
}
