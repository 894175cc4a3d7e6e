// AnalysisSheets — summary.xlsx's sheets of the text analyses: 抽出語 (the word list overall, per area and per
// segment value), 関連語, 対応分析. Words shown outside the workspace pass the masking rule (`ShownWords`).
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeQuotes
import KoeRun

extension SummaryXLSXWriter {
    /// Words listed on 抽出語 for the whole, and for each area or segment value.
    static let sheetWordsOverall = 150
    static let sheetWordsPerCell = 20

    func wordsSheet(run: RunContext, analyses: TextAnalyses) -> XLSXSheet {
        var sheet = XLSXSheet(name: "抽出語")
        sheet.printHeader = run.title
        sheet.append(["範囲", "区分", "抽出語", "出現回数", "文書数（意見数）"].map { .text($0, .header) })
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = ShownWords(withheld: analyses.withheld)
        var perCell: [String: Int] = [:]
        for row in analyses.words {
            let whole = row.area.isEmpty && row.segment.isEmpty
            let cell = row.area + "\u{1F}" + row.segment + "\u{1F}" + row.value
            let n = perCell[cell, default: 0]
            // The cell's cap first: most rows lie beyond it, and asking the masker costs more.
            guard n < (whole ? Self.sheetWordsOverall : Self.sheetWordsPerCell), shown.canShow(row.word) else { continue }
            perCell[cell] = n + 1
            let (scope, label) =
                whole
                ? ("全体", "")
                : row.area.isEmpty
                    ? (ShownWords.segmentLabel(row.segment), row.value) : ("分野 " + row.area, names[row.area] ?? row.area)
            sheet.append([
                .text(scope), .text(label), .text(row.word), .integer(row.frequency), .integer(row.opinions),
            ])
        }
        sheet.columnWidths = [12, 40, 20, 10, 14]
        return sheet
    }
}

extension SummaryXLSXWriter {
    /// 関連語: per area, the words most associated with its opinions (Jaccard, G², p), new ones marked.
    func relatedSheet(run: RunContext, analyses: TextAnalyses) -> XLSXSheet {
        var sheet = XLSXSheet(name: "関連語")
        sheet.printHeader = run.title
        let legend =
            "分野ごとに、その分野の意見に特に多く出てくる語（KH Coder の関連語検索）。Jaccard 係数の大きい順。"
            + "「未登録」はコードブックのキーワードにまだない語（キーワード候補）。"
        sheet.append([.text(legend)])
        sheet.append(["番号", "分野", "関連語", "Jaccard", "G²", "p", "キーワード"].map { .text($0, .header) })
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = ShownWords(withheld: analyses.withheld)
        for r in analyses.related where shown.canShow(r.word) {
            let mark = r.isKeyword ? XLSXStyle.plain : XLSXStyle(bold: true, fill: .orange)
            sheet.append([
                .text(r.area), .text(names[r.area] ?? r.area), .text(r.word, mark), .number(r.jaccard, .decimal4),
                .number(r.g2, .decimal2), .number(r.p, .pValue), .text(r.isKeyword ? "登録済み" : "未登録", mark),
            ])
        }
        sheet.columnWidths = [8, 40, 20, 10, 10, 10, 12]
        return sheet
    }
}

extension SummaryXLSXWriter {
    /// 対応分析: each analysis's inertia shares, then its rows' and columns' principal coordinates.
    func correspondenceSheet(run: RunContext, analyses: TextAnalyses) -> XLSXSheet {
        var sheet = XLSXSheet(name: "対応分析")
        sheet.printHeader = run.title
        let legend =
            "対応分析（KH Coder と同じ計算）の座標。近い点ほど似た傾向、原点（0, 0）に近い点は平均的。"
            + "寄与率はその軸で表せる情報（慣性）の割合。図は report.html の 7 章。"
        sheet.append([.text(legend)])
        sheet.append(["分析", "種類", "ラベル", "名称", "第1軸", "第2軸"].map { .text($0, .header) })
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = ShownWords(withheld: analyses.withheld)
        for r in analyses.correspondence {
            let title = TextSectionsBuilder.titles(r.analysis)
            let shares = r.shares.prefix(2).enumerated().map { "第\($0 + 1)軸 \(String(format: "%.1f", $1 * 100))%" }
            sheet.append([.text(title.title, .header), .text("寄与率"), .text(shares.joined(separator: "、"))])
            for (kind, label, points) in [("row", title.rowKind, r.rows), ("column", title.columnKind, r.columns)] {
                for p in points where r.analysis != "word_age" || kind != "row" || shown.canShow(p.label) {
                    let name = kind == "row" && r.analysis != "word_age" ? names[p.label] ?? "" : ""
                    sheet.append([
                        .text(r.analysis), .text(label), .text(p.label), .text(name), .number(p.dim1, .decimal4),
                        .number(p.dim2, .decimal4),
                    ])
                }
            }
        }
        for name in analyses.correspondenceSkipped {
            sheet.append([.text(TextSectionsBuilder.titles(name).title), .text("行か列が2つ未満のため計算していません")])
        }
        sheet.columnWidths = [16, 8, 20, 36, 12, 12]
        return sheet
    }
}
