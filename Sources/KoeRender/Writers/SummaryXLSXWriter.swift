// SummaryXLSXWriter — summary.xlsx, the analysts' workbook: 集計 with plan outline, one sheet per segment
// with ▲▼ residuals, 重要度×満足度, and 読込エラー.
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeRun

/// Writes summary.xlsx at the end of the run. Numbers are stored as numbers (the same values as
/// summary.csv and crosstab.csv, at full precision); texts are neutralised as in the CSVs.
public final class SummaryXLSXWriter: OutputWriter {
    public static let fileName = "summary.xlsx"
    /// Most rejected records listed on 読込エラー (all of them are in rejected.csv).
    public static let maxRejectedRows = 10_000
    /// |adjusted residual| from which a cell is marked ▲/▼ (two-sided 5 %).
    public static let residualThreshold = 1.96
    /// A table whose smallest expected count is below this is marked unreliable for χ².
    public static let minExpectedThreshold = 5.0

    private var run: RunContext?
    private var rejected: [RejectedRecord] = []
    private var rejectedCount = 0

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func reject(_ record: RejectedRecord) throws {
        rejectedCount += 1
        if rejected.count < Self.maxRejectedRows { rejected.append(record) }
    }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        try workbook(run: run, results: results).write(to: run.file(Self.fileName))
    }

    /// The whole workbook (exposed for tests).
    public func workbook(run: RunContext, results: RunResults) -> XLSXWorkbook {
        var book = XLSXWorkbook(title: run.title)
        book.add(summarySheet(run: run, rows: results.summary))
        let levels = Dictionary(run.areas.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for segment in CrossTabSegment.allCases {
            let rows = results.crossTabs.filter { $0.segment == segment }
            book.add(segmentSheet(run: run, segment: segment, rows: rows, areas: levels))
        }
        book.add(portfolioSheet(run: run, rows: results.summary))
        if let baseline = results.planCycle.baseline { book.add(baselineSheet(run: run, baseline)) }
        if !results.analyses.words.isEmpty { book.add(wordsSheet(run: run, analyses: results.analyses)) }
        if !results.analyses.related.isEmpty { book.add(relatedSheet(run: run, analyses: results.analyses)) }
        if !results.analyses.correspondence.isEmpty || !results.analyses.correspondenceSkipped.isEmpty {
            book.add(correspondenceSheet(run: run, analyses: results.analyses))
        }
        if !results.analyses.themes.isEmpty { book.add(themeSheet(run: run, results: results)) }
        book.add(rejectedSheet(run: run))
        return book
    }

    // MARK: 集計

    /// The 集計 columns: summary.csv's keys in its order (a test keeps them equal), with Japanese labels.
    public static let summaryColumns: [(key: String, label: String)] = [
        ("area", "番号"), ("name", "分野"), ("level", "階層"), ("opinions", "意見数"), ("respondents", "言及した回答者数"),
        ("share", "言及率"), ("rank", "順位"), ("importance", "重要度"), ("importance_n", "重要度の回答数"),
        ("satisfaction", "満足度"), ("satisfaction_n", "満足度の回答数"), ("improvement_index", "改善度指数"),
        ("quadrant", "象限"), ("workshop_notes", "ワークショップ意見数"), ("weighted_share", "言及率（重み付き）"),
        ("importance_missing", "重要度の無回答数"), ("satisfaction_missing", "満足度の無回答数"),
    ]

    func summarySheet(run: RunContext, rows: [SummaryRow]) -> XLSXSheet {
        var sheet = XLSXSheet(name: "集計")
        sheet.printHeader = run.title
        sheet.append(Self.summaryColumns.map { .text($0.label, .header) })
        for row in rows {
            let base = row.area.level <= 1 ? XLSXStyle(bold: true) : .plain
            sheet.append(
                [
                    .text(row.area.code, base), .text(row.area.name, base.indented(row.area.level - 1)),
                    .integer(row.area.level, base), .integer(row.opinions, base), .integer(row.respondents, base),
                    .number(row.share, .percent1, base), .integer(row.rank, base),
                    .number(row.importance, .decimal2, base), .integer(row.importanceN, base),
                    .number(row.satisfaction, .decimal2, base), .integer(row.satisfactionN, base),
                    .number(row.improvementIndex, .decimal2, base), .text(row.quadrant, base),
                    .integer(row.workshopNotes, base), .number(row.weightedShare, .percent1, base),
                    .integer(row.importanceMissing, base), .integer(row.satisfactionMissing, base),
                ], outlineLevel: row.area.level - 1)
        }
        sheet.columnWidths = [nil, 48]
        return sheet
    }

    // MARK: 年代 / 性別 / 地区

    static func sheetName(_ segment: CrossTabSegment) -> String {
        switch segment {
        case .age: return "年代"
        case .gender: return "性別"
        case .district: return "地区"
        }
    }

    func segmentSheet(
        run: RunContext, segment: CrossTabSegment, rows: [CrossTabRow], areas: [String: PlanArea]
    ) -> XLSXSheet {
        var sheet = XLSXSheet(name: Self.sheetName(segment), headerRows: 3)
        sheet.printHeader = run.title
        sheet.unfittedRows = 2  // the legend and the merged value headers overflow; labels fit the columns
        // Values in crosstab order (age bands as configured), each with its respondents.
        var values: [(String, Int)] = []
        var byArea: [String: [String: CrossTabRow]] = [:]
        var tables: [String: [CrossTabRow]] = [:]
        for row in rows {
            if !values.contains(where: { $0.0 == row.value }) { values.append((row.value, row.respondents)) }
            byArea[row.area, default: [:]][row.value] = row
            tables[row.area, default: []].append(row)
        }
        let legend =
            "\(Self.sheetName(segment))別 言及率: ▲▼ は調整済み残差が ±\(NumberText.fixed(Self.residualThreshold, digits: 2)) 以上"
            + "（橙: 多い、青: 少ない）。検定欄が灰色の斜体の行は最小期待度数が 5 未満（χ² 検定の p は参考値）。"
        sheet.append([.text(legend)])
        var groups: [XLSXCell] = [.empty(.header), .empty(.header)]
        var labels: [XLSXCell] = [.text("番号", .header), .text("分野", .header)]
        for (i, (value, respondents)) in values.enumerated() {
            groups += [.text("\(value)（n=\(respondents)）", .header), .empty(.header), .empty(.header)]
            labels += ["言及数", "言及率", "残差"].map { .text($0, .header) }
            let first = 2 + i * 3
            sheet.merges.append(
                "\(XLSXWorkbook.columnLetters(first))2:\(XLSXWorkbook.columnLetters(first + 2))2")
        }
        let testLabels = Self.testLabels
        groups += testLabels.map { _ in .empty(.header) }
        labels += testLabels.map { .text($0, .header) }
        sheet.append(groups)
        sheet.append(labels)
        for code in orderedCodes(run: run, present: byArea) {
            let area = areas[code]
            let level = area?.level ?? 1
            let table = tables[code] ?? []
            let first = table.first
            let minExpected = first?.minExpected
            let unreliable = (minExpected ?? 0) < Self.minExpectedThreshold
            let base = level <= 1 ? XLSXStyle(bold: true) : .plain
            var cells: [XLSXCell] = [.text(code, base), .text(area?.name ?? code, base.indented(level - 1))]
            for (value, _) in values {
                guard let row = byArea[code]?[value] else {
                    cells += [.empty(), .empty(), .empty()]
                    continue
                }
                let (marker, fill) = Self.marker(row.adjustedResidual)
                let marked = base.with(fill: fill)
                cells += [
                    .integer(row.mentioning, base),
                    .number(row.share, marker.isEmpty ? .percent1 : .custom("0.0%\" \(marker)\""), marked),
                    .number(row.adjustedResidual, marker.isEmpty ? .decimal2 : .custom("0.00\" \(marker)\""), marked),
                ]
            }
            let test = first?.test
            let flag = unreliable ? XLSXStyle.unreliable : base
            cells += [
                .number(test?.chi2, .decimal2, flag), .integer(test?.df, flag), .number(test?.p, .pValue, flag),
                .number(first?.pHolm, .pValue, flag), .number(first?.fisherP, .pValue, base),
                .number(test?.cramersV, .decimal4, flag), .number(minExpected, .decimal2, flag),
                .text(Self.note(tested: test != nil, unreliable: unreliable, fisher: first?.fisherP != nil), flag),
            ]
            sheet.append(cells, outlineLevel: level - 1)
        }
        sheet.columnWidths = [nil, 40]
        return sheet
    }

    /// The test columns of a segment sheet (scripts/proof/xlsx_numbers.py finds them by these labels).
    public static let testLabels = ["χ²", "自由度", "p", "p（Holm補正）", "Fisherの正確確率p", "クラメールのV", "最小期待度数", "注記"]

    static func note(tested: Bool, unreliable: Bool, fisher: Bool) -> String? {
        if !tested { return "検定できません（全員または誰も言及していません）" }
        guard unreliable else { return nil }
        return fisher ? "期待度数 5 未満: χ² の p は参考値（Fisher の p を参照）" : "期待度数 5 未満: p は参考値"
    }

    /// ▲ with orange for a significantly high cell, ▼ with blue for a low one, nothing otherwise.
    static func marker(_ residual: Double?) -> (String, XLSXStyle.Fill) {
        guard let residual else { return ("", .none) }
        if residual >= residualThreshold { return ("▲", .orange) }
        if residual <= -residualThreshold { return ("▼", .blue) }
        return ("", .none)
    }

    /// Area codes in plan order that have a table, then any others in the order met.
    private func orderedCodes(run: RunContext, present: [String: [String: CrossTabRow]]) -> [String] {
        var seen: Set<String> = []
        var codes = run.areas.map(\.code).filter { present[$0] != nil && seen.insert($0).inserted }
        codes += present.keys.sorted().filter { seen.insert($0).inserted }
        return codes
    }

    // MARK: 重要度×満足度

    func portfolioSheet(run: RunContext, rows: [SummaryRow]) -> XLSXSheet {
        var sheet = XLSXSheet(name: "重要度×満足度")
        sheet.printHeader = run.title
        let labels = ["番号", "分野", "重要度", "重要度の回答数", "満足度", "満足度の回答数", "改善度指数", "象限"]
        sheet.append(labels.map { .text($0, .header) })
        for row in rows where row.importance != nil || row.satisfaction != nil {
            let priority = row.quadrant == "重点改善分野"
            let quadrant = priority ? XLSXStyle(bold: true, fill: .orange) : .plain
            sheet.append([
                .text(row.area.code), .text(row.area.name), .number(row.importance, .decimal2), .integer(row.importanceN),
                .number(row.satisfaction, .decimal2), .integer(row.satisfactionN),
                .number(row.improvementIndex, .decimal2, quadrant), .text(row.quadrant, quadrant),
            ])
        }
        if sheet.rows.count == 1 {
            sheet.append([.text("—"), .text("評価項目（重要度・満足度）の設定がありません（パイプラインの ratings を参照）")])
        }
        sheet.columnWidths = [nil, 48]
        return sheet
    }

    // MARK: 読込エラー

    func rejectedSheet(run: RunContext) -> XLSXSheet {
        var sheet = XLSXSheet(name: "読込エラー", headerRows: 2)
        sheet.printHeader = run.title
        sheet.unfittedRows = 1
        var note = "読み込めなかった記録 \(rejectedCount) 件"
        if rejectedCount > rejected.count { note += "（先頭 \(rejected.count) 件を表示。全件は rejected.csv）" }
        if rejectedCount == 0 { note += "（すべて読み込めました）" }
        sheet.append([.text(note, XLSXStyle(bold: true))])
        sheet.append(["ファイル", "シート", "行", "列", "コード", "理由"].map { .text($0, .header) })
        for record in rejected {
            let location = record.location
            sheet.append([
                .text(location.file), .text(location.sheet), .integer(location.row),
                .text(location.column ?? location.columnLetter), .text(record.code), .text(record.reason, XLSXStyle(wrap: true)),
            ])
        }
        sheet.columnWidths = [nil, nil, nil, nil, nil, 60]
        return sheet
    }
}
