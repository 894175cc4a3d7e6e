// ReportHTMLWriter — report.html: counts opinion types, content-word co-occurrences and untagged words while
// the run streams (bounded memory), then builds the ReportModel from the run's results and renders the page.
import Foundation
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeQuotes
import KoeReport
import KoeRun

/// Writes report.html at the end of the run.
public final class ReportHTMLWriter: OutputWriter {
    public static let fileName = "report.html"
    /// Areas that get their own co-occurrence network (the most mentioned projects).
    public static let areaNetworks = 3
    private var run: RunContext?
    private var cooccurrence = CooccurrenceBuilder(trackedAreas: [])
    private var areaIndex: [String: Int] = [:]
    /// Per area in plan order: opinions of each type (要望, 課題, 評価, 提案・ありたい姿, 不明).
    private var types: [[Int]] = []
    private var workshopNotes = 0

    public init() {}

    public func begin(_ run: RunContext) throws {
        self.run = run
        // Per-area networks are drawn for projects (strategies when the plan has no projects): only those
        // levels get their own counts.
        let level = run.areas.contains { $0.level == 2 } ? 2 : 1
        cooccurrence = CooccurrenceBuilder(trackedAreas: run.areas.filter { $0.level == level }.map(\.code))
        for (i, area) in run.areas.enumerated() where areaIndex[area.code] == nil { areaIndex[area.code] = i }
        types = Array(repeating: Array(repeating: 0, count: 5), count: run.areas.count)
        // The run's start-up keeps one core busy until the first batch: the page's template is parsed on another
        // now, not at the run's end (once per process; `finish` waits for it if it is not done by then).
        DispatchQueue.global().async { ReportRenderer.prepare() }
    }

    public func write(_ batch: [TaggedOpinion]) throws {
        for p in batch {
            if p.opinion.kind == .workshop { workshopNotes += 1 }
            cooccurrence.add(words: p.words, runIDs: p.wordIDs, areas: p.areas, text: p.normalized)
            let k = Self.typeColumn(p.type)
            for code in p.areas {
                if let i = areaIndex[code] { types[i][k] += 1 }
            }
        }
    }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        // Words from masked spans (names, e-mail addresses), found by the run's screening (a few of each word's
        // opinions are masked), are in no network nor word list of the report.
        cooccurrence.withhold(results.analyses.withheld)
        if let folder = cooccurrence.unwritableFolder {
            throw KoeError(
                code: "temp-unwritable", message: "一時ファイルのフォルダ（\(folder)）に書き込めないため、report.html の共起ネットワークを作れません",
                hint: "環境変数 TMPDIR を書き込めるフォルダにするか、ディスクの空き容量を確認してから再実行してください")
        }
        let page = try ReportRenderer(version: results.manifest.version).render(model(run, results))
        let file = try OutputFile(url: run.file(Self.fileName))
        try file.write(page)
        try file.close()
    }

    static func typeColumn(_ type: OpinionType) -> Int {
        switch type {
        case .request: return 0
        case .problem: return 1
        case .praise: return 2
        case .vision: return 3
        case .unknown: return 4
        }
    }

    func model(_ run: RunContext, _ results: RunResults) -> ReportModel {
        let m = results.manifest
        let opinions = m.inputs.reduce(0) { $0 + $1.opinions }
        let areas = results.summary.map {
            ReportModel.Area(
                code: $0.area.code, name: $0.area.name, level: $0.area.level, opinions: $0.opinions, respondents: $0.respondents,
                share: $0.share, rank: $0.rank)
        }
        let portfolio = results.summary.compactMap { row -> ReportModel.PortfolioPoint? in
            guard let i = row.importance, let s = row.satisfaction, let index = row.improvementIndex, let q = row.quadrant else {
                return nil
            }
            return ReportModel.PortfolioPoint(
                code: row.area.code, name: row.area.name, importance: i, satisfaction: s, improvementIndex: index, quadrant: q)
        }
        let typeCounts = run.areas.enumerated().map { i, area in
            let c = types[i]
            return ReportModel.TypeCounts(area: area.code, request: c[0], problem: c[1], praise: c[2], vision: c[3], unknown: c[4])
        }
        let quotes = run.areas.compactMap { area -> ReportModel.AreaQuotes? in
            guard let list = results.quotes[area.code], !list.isEmpty else { return nil }
            return ReportModel.AreaQuotes(
                area: area.code,
                quotes: list.map {
                    // The same masked, trimmed, session-attributed text as quotes.md / quotes.docx.
                    let printed = results.printed($0)
                    let note = printed.groupSize > 1 ? "　同様の意見 \(printed.groupSize)件" : ""
                    return ReportModel.Quote(text: printed.text, attribution: printed.attribution + note, id: $0.id, type: $0.type)
                })
        }
        var model = ReportModel(
            title: run.title,
            headline: ReportModel.Headline(
                respondents: m.inputs.reduce(0) { $0 + $1.respondents }, opinions: opinions, sources: m.inputs.count,
                tagged: m.tagged, rejected: m.inputs.reduce(0) { $0 + $1.rejected },
                duplicateGroups: results.nearDuplicates.count,
                workshopNotes: workshopNotes),
            areas: areas, segments: Self.segments(results.crossTabs), portfolio: portfolio, types: typeCounts,
            networks: networks(results.summary),
            untagged: ReportModel.Untagged(
                count: max(m.analysed - m.tagged, 0), keywords: cooccurrence.untaggedKeywords(limit: 20)),
            quotes: quotes,
            provenance: ReportModel.Provenance(
                version: m.version, pipeline: m.pipeline,
                inputs: m.inputs.map {
                    .init(path: $0.path, kind: $0.kind, sha256: $0.sha256 ?? "—", opinions: $0.opinions, rejected: $0.rejected)
                },
                codebook: .init(path: m.codebook.path, kind: "codebook", sha256: m.codebook.sha256 ?? "—"),
                gazetteer: m.gazetteer.map { .init(path: $0.path, kind: "gazetteer", sha256: $0.sha256 ?? "—") }))
        Self.planCycle(&model, run, results)
        model.untagged.themeCandidates = results.analyses.themeCandidates
        model.untagged.themes = results.analyses.themes.map { t in
            ReportModel.Untagged.Theme(
                number: t.number, label: t.label, size: t.size, keywords: t.keywords,
                quotes: t.representatives.map {
                    let q = results.printed($0)
                    return ReportModel.Quote(text: q.text, attribution: q.attribution, id: q.id)
                })
        }
        model.text = TextSectionsBuilder.sections(run: run, results: results)
        return model
    }

    /// The whole run's network, then the most mentioned projects' (strategies when there are no projects).
    func networks(_ summary: [SummaryRow]) -> [CooccurrenceNetwork] {
        let level = summary.contains { $0.area.level == 2 } ? 2 : 1
        let top = summary.filter { $0.area.level == level && $0.opinions > 0 }
            .sorted {
                ($0.respondents, $0.opinions) != ($1.respondents, $1.opinions)
                    ? ($0.respondents, $0.opinions) > ($1.respondents, $1.opinions) : $0.rank < $1.rank
            }
            .prefix(Self.areaNetworks)
        // All networks from one read of the spilled word lists.
        let requests =
            [CooccurrenceBuilder.NetworkRequest(options: NetworkOptions(maxEdges: 60, minFrequency: 3))]
            + top.map {
                CooccurrenceBuilder.NetworkRequest(
                    area: $0.area.code, label: "\($0.area.code) \($0.area.name)", options: NetworkOptions(maxEdges: 30, minFrequency: 2))
            }
        let drawn = cooccurrence.networks(requests)
        var out: [CooccurrenceNetwork] = []
        if let overall = drawn[0] { out.append(overall) }
        for n in drawn.dropFirst() {
            if let n, !n.edges.isEmpty { out.append(n) }
        }
        return out
    }

    /// crosstab rows → one table per segment (年代, 性別, 地区), values in the order the rows give them, with
    /// each table's smallest expected count (of both its rows).
    static func segments(_ rows: [CrossTabRow]) -> [ReportModel.SegmentTable] {
        let labels: [CrossTabSegment: String] = [.age: "年代", .gender: "性別", .district: "地区"]
        return CrossTabSegment.allCases.compactMap { segment in
            let mine = rows.filter { $0.segment == segment }
            guard !mine.isEmpty else { return nil }
            var values: [String] = []
            var column: [String: Int] = [:]
            for r in mine where column[r.value] == nil {
                column[r.value] = values.count
                values.append(r.value)
            }
            var areas: [String] = []
            var byArea: [String: [CrossTabRow]] = [:]
            for r in mine {
                if byArea[r.area] == nil { areas.append(r.area) }
                byArea[r.area, default: []].append(r)
            }
            let tables = areas.map { code -> ReportModel.SegmentTable.Row in
                let list = byArea[code] ?? []
                var cells: [ReportModel.SegmentTable.Cell?] = Array(repeating: nil, count: values.count)
                for r in list {
                    guard let j = column[r.value] else { continue }
                    cells[j] = ReportModel.SegmentTable.Cell(
                        respondents: r.respondents, mentioning: r.mentioning, share: r.share, adjustedResidual: r.adjustedResidual)
                }
                // The test's own value (as in crosstab.csv); for a degenerate table, the smallest expected
                // count of its cells, so that it is marked unreliable too.
                let minExpected =
                    list.first?.minExpected ?? list.map { min($0.expected, Double($0.respondents) - $0.expected) }.min()
                return ReportModel.SegmentTable.Row(area: code, cells: cells, minExpected: minExpected, p: list.first?.test?.p)
            }
            return ReportModel.SegmentTable(label: labels[segment] ?? segment.rawValue, key: segment.rawValue, values: values, rows: tables)
        }
    }
}
