// PlanCycleOutputs — the plan cycle in the run's outputs: this wave's facts that a later comparison reads
// (koe.sqlite `rating_stats`, meta `share_base`/`age_bands`), the comparison with the previous wave (sheet
// 前回比較, tables `baseline_*`, the report's section) and the 小学校区 maps in report.html.
import Foundation
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeReport
import KoeRun
import KoeWorkspace

extension WorkspaceWriter {
    /// Meta facts, rating statistics and the comparison tables.
    static func addPlanCycle(_ p: PlanCycleResults, to builder: WorkspaceBuilder) throws {
        let bands = (try? JSONSerialization.data(withJSONObject: p.ageBands)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        try builder.addMeta([("share_base", String(p.shareBase)), ("age_bands", bands)])
        try builder.addRatingStatistics(p.ratings)
        if let baseline = p.baseline { try builder.addBaseline(baseline) }
    }
}

extension ReportHTMLWriter {
    static func kindName(_ kind: RatingQuestion) -> String { kind == .importance ? "重要度" : "満足度" }

    /// The report's plan-cycle sections from the run's results.
    static func planCycle(_ model: inout ReportModel, _ run: RunContext, _ results: RunResults) {
        let p = results.planCycle
        if let b = p.baseline {
            let segmentNames: [CrossTabSegment: String] = [.age: "年代", .gender: "性別", .district: "地区"]
            let changeNames: [AreaChange.Kind: String] = [.added: "追加", .removed: "削除", .renamed: "名称変更"]
            model.baseline = BaselineReport(
                label: b.label, titleBefore: b.titleBefore,
                shares: b.shares.map {
                    .init(
                        area: $0.area, segment: $0.segment.flatMap { segmentNames[$0] }, value: $0.value, mentioningNow: $0.mentioningNow,
                        respondentsNow: $0.respondentsNow, mentioningBefore: $0.mentioningBefore, respondentsBefore: $0.respondentsBefore,
                        p: $0.test?.p, minExpected: $0.minExpected)
                },
                means: b.means.map {
                    .init(
                        area: $0.area, kind: kindName($0.kind), meanNow: $0.now.mean, nNow: $0.now.n, meanBefore: $0.before.mean,
                        nBefore: $0.before.n, p: $0.test?.p)
                },
                changes: b.changes.map {
                    .init(
                        kind: changeNames[$0.kind] ?? $0.kind.rawValue, code: $0.code, nameNow: $0.nameNow ?? "—",
                        nameBefore: $0.nameBefore ?? "—")
                }, notes: b.notes)
            model.baseline?.words = b.words.map {
                .init(
                    word: $0.word, now: $0.now, opinionsNow: $0.opinionsNow, before: $0.before, opinionsBefore: $0.opinionsBefore,
                    g2: $0.g2, p: $0.p, rose: $0.rose)
            }
        }
        if let map = p.map {
            let rows = results.crossTabs.filter { $0.segment == .district }.map {
                (area: $0.area, value: $0.value, respondents: $0.respondents, mentioning: $0.mentioning, residual: $0.adjustedResidual)
            }
            model.maps = MapReport(map: map, minCell: run.minCell, areas: run.areas.map(\.code), rows: rows)
        }
    }
}

extension SummaryXLSXWriter {
    /// A difference of shares in percentage points, signed (+2.5, −1.0): a number, so Excel can sort it.
    static let points = XLSXStyle.NumberFormat.custom("+0.0;-0.0;0.0")

    /// Sheet 前回比較: every share compared (whole, then segment values), the rating means and the area changes.
    func baselineSheet(run: RunContext, _ b: BaselineComparison) -> XLSXSheet {
        var sheet = XLSXSheet(name: "前回比較")
        sheet.printHeader = run.title
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        sheet.append([.text("前回調査: \(b.titleBefore)（\(b.label)）。p は2標本の比率の差の検定（プールした z 検定）。最小期待度数が5未満の行は灰色の斜体（参考値）。")])
        for note in b.notes { sheet.append([.text(note)]) }
        sheet.append(
            ["番号", "分野", "属性", "区分", "今回の言及率", "前回の言及率", "差（ポイント）", "増減", "p", "今回の言及数", "今回の人数", "前回の言及数", "前回の人数", "最小期待度数"]
                .map { .text($0, .header) })
        let segmentNames: [CrossTabSegment: String] = [.age: "年代", .gender: "性別", .district: "地区"]
        for r in b.shares {
            let style: XLSXStyle = (r.minExpected ?? 0) < Self.minExpectedThreshold ? .unreliable : .plain
            let mark = (r.test?.p ?? 1) < 0.05 ? (r.diff > 0 ? "▲" : "▼") : ""
            sheet.append([
                .text(r.area, style), .text(names[r.area] ?? "", style), .text(r.segment.flatMap { segmentNames[$0] } ?? "全体", style),
                .text(r.value ?? "", style), .number(r.shareNow, .percent1, style), .number(r.shareBefore, .percent1, style),
                .number(r.diff * 100, Self.points, style), .text(mark, style), .number(r.test?.p, .pValue, style),
                .integer(r.mentioningNow, style), .integer(r.respondentsNow, style), .integer(r.mentioningBefore, style),
                .integer(r.respondentsBefore, style), .number(r.minExpected, .decimal2, style),
            ])
        }
        sheet.append([])
        sheet.append(["番号", "分野", "項目", "今回の平均", "前回の平均", "差", "p（Welch）", "今回の回答数", "前回の回答数"].map { .text($0, .header) })
        for m in b.means {
            sheet.append([
                .text(m.area), .text(names[m.area] ?? ""), .text(ReportHTMLWriter.kindName(m.kind)), .number(m.now.mean, .decimal2),
                .number(m.before.mean, .decimal2), .number(m.diff, .decimal2), .number(m.test?.p, .pValue), .integer(m.now.n),
                .integer(m.before.n),
            ])
        }
        sheet.append([])
        sheet.append(["変更", "番号", "今回の名称", "前回の名称"].map { .text($0, .header) })
        let changeNames: [AreaChange.Kind: String] = [.added: "追加", .removed: "削除", .renamed: "名称変更"]
        for c in b.changes {
            sheet.append([.text(changeNames[c.kind] ?? ""), .text(c.code), .text(c.nameNow ?? ""), .text(c.nameBefore ?? "")])
        }
        if !b.words.isEmpty {
            sheet.append([])
            sheet.append(["語", "増減", "今回の意見数", "前回の意見数", "今回の割合", "前回の割合", "G²", "p"].map { .text($0, .header) })
            for w in b.words {
                sheet.append([
                    .text(w.word), .text(w.rose ? "増" : "減"), .integer(w.now), .integer(w.before), .number(w.shareNow, .percent1),
                    .number(w.shareBefore, .percent1), .number(w.g2, .decimal2), .number(w.p, .pValue),
                ])
            }
        }
        sheet.columnWidths = [nil, 40]
        return sheet
    }
}
