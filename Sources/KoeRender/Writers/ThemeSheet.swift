// ThemeSheet — summary.xlsx's テーマ候補 sheet: the themes of untagged opinions, each with its label, size,
// suggested keywords and up to three representative opinions, masked and attributed as quotes are.
import KoeAnalysis
import KoeFormats
import KoeRun

extension SummaryXLSXWriter {
    /// テーマ候補: one row per representative opinion; the theme's own columns on its first row.
    func themeSheet(run: RunContext, results: RunResults) -> XLSXSheet {
        var sheet = XLSXSheet(name: "テーマ候補")
        sheet.printHeader = run.title
        let analyses = results.analyses
        let legend =
            "どの分野にも当てはまらなかった意見（内容語のある \(analyses.themeCandidates)件）を、使われている語の近さで"
            + "テーマにまとめたもの。新しい分野を作るときの候補です。キーワード候補はテーマに特徴的な語、"
            + "代表意見はテーマの中心に近い意見（個人情報は「＊＊＊」に置き換え済み）。"
        sheet.append([.text(legend)])
        sheet.append(["テーマ", "テーマ名（特徴語）", "件数", "割合", "キーワード候補", "代表意見", "属性", "意見ID"].map { .text($0, .header) })
        let wrap = XLSXStyle(wrap: true)
        let total = Double(max(analyses.themeCandidates, 1))
        for theme in analyses.themes {
            let quotes = theme.representatives.map { results.printed($0) }
            for (i, q) in quotes.enumerated() {
                let head: [XLSXCell] =
                    i == 0
                    ? [
                        .integer(theme.number), .text(theme.label, wrap), .integer(theme.size),
                        .number(Double(theme.size) / total, .percent1), .text(theme.keywords.joined(separator: "、"), wrap),
                    ] : [.empty(), .empty(), .empty(), .empty(), .empty()]
                sheet.append(head + [.text(q.text, wrap), .text(q.attribution), .text(q.id)])
            }
        }
        sheet.columnWidths = [8, 28, 8, 8, 30, 60, 22, 28]
        return sheet
    }
}
