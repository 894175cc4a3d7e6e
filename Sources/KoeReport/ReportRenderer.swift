// ReportRenderer — turns a ReportModel into report.html: draws the SVG charts, formats every number once,
// and fills the page template (Resources/report.mustache, HTML-escaped by default).
import Foundation
import Mustache

/// Renders report.html. The page is self-contained (inline CSS and SVG, a few lines of optional JS) and the
/// same model always gives the same bytes.
public struct ReportRenderer: Sendable {
    /// Version printed in the page (koe's version).
    public var version: String
    /// Charts show areas down to this level (1 strategy, 2 project); tables always list every area.
    public var chartLevel: Int
    /// The whole run's co-occurrence network size in px; per-area networks are 80 % as tall.
    public var networkSize: (width: Double, height: Double)

    public init(version: String, chartLevel: Int = 2) {
        self.version = version
        self.chartLevel = chartLevel
        self.networkSize = (880, 520)
    }

    /// The template, parsed once.
    static let template: Result<MustacheTemplate, Error> = Result {
        guard let url = Bundle.module.url(forResource: "report", withExtension: "mustache") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
    }

    /// Parses the template now (once per process; a run calls it on an idle core at start-up rather than at its end).
    public static func prepare() { _ = template }

    /// The whole page.
    public func render(_ model: ReportModel) throws -> String {
        let template = try Self.template.get()
        return template.render(page(model))
    }

    func page(_ m: ReportModel) -> PageView {
        let byCode = Dictionary(m.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let charted = m.areas.filter { $0.level <= chartLevel }
        let bySurvey = m.headline.respondents > 0 && m.areas.contains { $0.respondents > 0 }
        var view = PageView(title: m.title, version: m.provenance.version, pipeline: m.provenance.pipeline)
        view.cards = cards(m)
        view.areaCount = m.areas.count
        view.rankingAid =
            bySurvey
            ? "計画の体系順に、各分野に触れた回答者の割合（自由記述を書いた回答者のうち）を示します。順位は同じ階層の中での順位です。棒が長いほど多くの人が触れています。"
            : "計画の体系順に、各分野の意見の件数を示します。順位は同じ階層の中での順位です。"
        view.rankingSVG = BarCharts.ranking(
            id: "chart-ranking", areas: charted, bySurvey: bySurvey, title: "分野別の意見の多さ（基本戦略・プロジェクト）")
        view.rankingAllSVG = BarCharts.ranking(
            id: "chart-ranking-all", areas: m.areas, bySurvey: bySurvey, title: "分野別の意見の多さ（全階層）")
        view.areaRows = m.areas.map {
            AreaRow(
                code: $0.code, name: $0.name, level: $0.level, levelName: Self.levelName($0.level), opinions: $0.opinions,
                respondents: $0.respondents, share: percent($0.share), shareValue: String(format: "%.4f", $0.share),
                rank: $0.rank)
        }
        view.segments = m.segments.map { segmentView($0, byCode: byCode) }
        view.hasPortfolio = !m.portfolio.isEmpty
        if view.hasPortfolio {
            view.portfolioSVG = ScatterCharts.portfolio(id: "chart-portfolio", points: m.portfolio)
            view.portfolioRows = m.portfolio.map {
                PortfolioRow(
                    code: $0.code, name: $0.name, importance: String(format: "%.3f", $0.importance),
                    satisfaction: String(format: "%.3f", $0.satisfaction), index: String(format: "%.2f", $0.improvementIndex),
                    quadrant: $0.quadrant)
            }
        }
        let typed = m.types.compactMap { t in byCode[t.area].map { (area: $0, counts: t) } }
        view.hasTypes = typed.contains { $0.counts.total > 0 }
        if view.hasTypes {
            view.gapSVG = BarCharts.gap(
                id: "chart-gap", rows: typed.filter { $0.area.level <= chartLevel && $0.counts.total > 0 },
                title: "分野別の意見の種類（要望・課題・評価・提案）")
            view.typeRows = typed.map {
                TypeRow(code: $0.area.code, name: $0.area.name, level: $0.area.level, counts: $0.counts.ordered, total: $0.counts.total)
            }
        }
        view.networks = m.networks.enumerated().compactMap { i, n in networkView(n, index: i) }
        view.untaggedCount = m.untagged.count
        view.untaggedShare = percent(m.headline.opinions > 0 ? Double(m.untagged.count) / Double(m.headline.opinions) : 0)
        view.keywords = m.untagged.keywords
        view.hasKeywords = !m.untagged.keywords.isEmpty
        view.hasThemes = !m.untagged.themes.isEmpty
        view.themeAid =
            "分類できなかった意見のうち内容語のある \(m.untagged.themeCandidates)件を、使われている語の近さで"
            + " \(m.untagged.themes.count) のテーマにまとめました（同じ入力からは常に同じテーマ）。"
        view.themes = m.untagged.themes.map {
            ThemeView(
                number: $0.number, label: $0.label.isEmpty ? "（表示できる語がありません）" : $0.label, size: $0.size,
                share: percent(m.untagged.themeCandidates > 0 ? Double($0.size) / Double(m.untagged.themeCandidates) : 0),
                keywords: $0.keywords.joined(separator: "、"), quotes: $0.quotes)
        }
        view.fill(m.text)
        view.quoteAreas = quoteAreas(m)
        view.baselineHTML = m.baseline.map { BaselineSection.html($0, areas: m.areas, chartLevel: chartLevel) } ?? ""
        view.mapHTML = m.maps.map { MapChart.html($0, areas: m.areas, chartLevel: chartLevel) } ?? ""
        view.hasBaseline = !view.baselineHTML.isEmpty
        view.hasMap = !view.mapHTML.isEmpty
        view.inputs = m.provenance.inputs.map {
            InputRow(
                path: $0.path, kind: Self.kindName($0.kind), opinions: Self.grouped($0.opinions), rejected: Self.grouped($0.rejected),
                sha256: $0.sha256)
        }
        for (file, kind) in [(m.provenance.codebook, "コードブック"), (m.provenance.gazetteer, "地区対応表")] {
            if let file { view.inputs.append(InputRow(path: file.path, kind: kind, opinions: "—", rejected: "—", sha256: file.sha256)) }
        }
        return view
    }

    /// Quotes of charted areas (strategies, projects) open; deeper areas' quotes folded under the charted
    /// area above them in plan order.
    private func quoteAreas(_ m: ReportModel) -> [QuoteArea] {
        var group: [String: String] = [:]
        var current: String?
        for area in m.areas {
            if area.level <= chartLevel { current = area.code }
            group[area.code] = area.level <= chartLevel ? area.code : current
        }
        let names = Dictionary(m.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out: [QuoteArea] = []
        var index: [String: Int] = [:]
        for q in m.quotes where !q.quotes.isEmpty {
            let item = QuoteArea(code: q.area, name: names[q.area] ?? "", quotes: q.quotes)
            let owner = group[q.area] ?? q.area
            if owner == q.area {
                index[q.area] = out.count
                out.append(item)
            } else if let i = index[owner] {
                out[i].children.append(item)
            } else {
                index[owner] = out.count
                out.append(QuoteArea(code: owner, name: names[owner] ?? "", quotes: [], children: [item]))
            }
        }
        return out
    }

    private func cards(_ m: ReportModel) -> [Card] {
        let h = m.headline
        let tagged = h.opinions > 0 ? Double(h.tagged) / Double(h.opinions) : 0
        return [
            Card(label: "回答者", value: Self.grouped(h.respondents), unit: "人", aid: "アンケートに回答した人の数（自由記述を書かなかった人も含む）。"),
            Card(
                label: "意見", value: Self.grouped(h.opinions), unit: "件",
                aid: "自由記述の回答とワークショップの付せん・発言の合計"
                    + (h.workshopNotes > 0 ? "（うちワークショップ \(Self.grouped(h.workshopNotes))件）。" : "。")),
            Card(label: "読み込んだ資料", value: Self.grouped(h.sources), unit: "ファイル", aid: "アンケートの出力ファイルとワークショップ記録の数。"),
            Card(
                label: "分野に分類できた意見", value: String(format: "%.1f", tagged * 100), unit: "%",
                aid: "計画のいずれかの分野に当てはまった意見の割合（\(Self.grouped(h.tagged))件）。残りは7.を参照。"),
            Card(
                label: "読み込めなかった記録", value: Self.grouped(h.rejected), unit: "件",
                aid: h.rejected > 0 ? "形式の不備で読めなかった行です。理由は rejected.csv にあります。" : "すべての記録を読み込めました。"),
            Card(
                label: "ほぼ同じ文面の意見", value: h.duplicateGroups.map(Self.grouped) ?? "—", unit: h.duplicateGroups == nil ? "" : "グループ",
                aid: h.duplicateGroups == nil ? "この実行では重複をまとめていません。" : "同じ文面の意見をまとめた数（引用では1回だけ載せます）。"),
        ]
    }

    private func segmentView(_ t: ReportModel.SegmentTable, byCode: [String: ReportModel.Area]) -> SegmentView {
        let rows = t.rows.compactMap { r in byCode[r.area].map { (area: $0, row: r) } }
        let charted = rows.filter { $0.area.level <= chartLevel }
        let key = t.key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") } ? t.key : "segment"
        let svg = HeatMapChart.svg(id: "chart-heatmap-\(key)", table: t, rows: charted)
        let tableRows = rows.map { item in
            SegmentRowView(
                code: item.area.code, name: item.area.name, small: HeatMapChart.isSmall(item.row),
                cells: t.values.indices.map { j in
                    guard let c = item.row.cells[safe: j] ?? nil else { return CellView(text: "—", value: "") }
                    return CellView(
                        text: HeatMapChart.marker(c.adjustedResidual) + percent(c.share) + "（\(c.mentioning)/\(c.respondents)）",
                        value: String(format: "%.4f", c.share))
                },
                minExpected: item.row.minExpected.map { String(format: "%.2f", $0) } ?? "—",
                p: item.row.p.map { $0 < 0.0001 ? "<0.0001" : String(format: "%.4f", $0) } ?? "—")
        }
        return SegmentView(label: t.label, svg: svg, values: t.values, rows: tableRows)
    }

    private func networkView(_ n: CooccurrenceNetwork, index: Int) -> NetworkView? {
        guard !n.edges.isEmpty else { return nil }
        let size = index == 0 ? (networkSize.width, networkSize.height) : (networkSize.width, networkSize.height * 0.8)
        let layout = NetworkLayout.make(n, width: size.0, height: size.1)
        let title = index == 0 ? "共起ネットワーク：全体" : "共起ネットワーク：\(n.label)"
        let svg = ScatterCharts.network(
            id: index == 0 ? "chart-network" : "chart-network-\(index)", network: n, layout: layout, title: title)
        return NetworkView(
            title: title + "（\(n.opinions)件の意見）", svg: svg, edgeCount: n.edges.count,
            edges: n.edges.map {
                EdgeRow(a: n.words[$0.a].term, b: n.words[$0.b].term, count: $0.count, jaccard: String(format: "%.3f", $0.jaccard))
            },
            words: n.words.enumerated().map { i, w in
                WordRow(term: w.term, frequency: w.frequency, community: layout.nodes[i].community + 1)
            })
    }

    /// survey → アンケート, workshop → ワークショップ; other kinds as given.
    static func kindName(_ kind: String) -> String {
        switch kind {
        case "survey": return "アンケート"
        case "workshop": return "ワークショップ"
        default: return kind
        }
    }

    static func levelName(_ level: Int) -> String {
        switch level {
        case 1: return "基本戦略"
        case 2: return "プロジェクト"
        case 3: return "施策"
        default: return "細目"
        }
    }

    /// 12345 → "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
