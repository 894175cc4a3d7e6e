// TextSectionsBuilder — fills report.html's section of word analyses from the run's results: the top words of
// the whole and of each area with opinions, related words, correspondence biplots (masked words are not shown).
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeReport
import KoeRun

enum TextSectionsBuilder {
    /// Words shown per area in the report.
    static let wordsPerArea = 10
    /// Related words shown per project in the report.
    static let relatedPerArea = 10

    /// Words are shown under one rule (`ShownWords` with the run's words from masked spans withheld).
    static func sections(run: RunContext, results: RunResults) -> ReportModel.TextSections {
        let shown = ShownWords(withheld: results.analyses.withheld)
        func canShow(_ word: String) -> Bool { shown.canShow(word) }
        let analyses = results.analyses
        guard !analyses.words.isEmpty || !analyses.correspondence.isEmpty else { return ReportModel.TextSections() }
        var byArea: [String: [WordRow]] = [:]
        for row in analyses.words where row.segment.isEmpty && byArea[row.area, default: []].count < wordsPerArea {
            if canShow(row.word) { byArea[row.area, default: []].append(row) }
        }
        func list(_ code: String, _ name: String) -> ReportModel.TextSections.WordList? {
            guard let rows = byArea[code], !rows.isEmpty else { return nil }
            return .init(
                code: code, name: name,
                words: rows.map { .init(word: $0.word, frequency: $0.frequency, opinions: $0.opinions) })
        }
        var lists: [ReportModel.TextSections.WordList] = []
        if let whole = list("", "全体") { lists.append(whole) }
        for area in run.areas where area.level <= 2 {
            if let l = list(area.code, area.name) { lists.append(l) }
        }
        var related: [ReportModel.TextSections.RelatedList] = []
        let level = run.areas.contains { $0.level == 2 } ? 2 : 1
        for area in run.areas where area.level == level {
            let words = analyses.related.filter { $0.area == area.code && canShow($0.word) }.prefix(relatedPerArea)
            guard !words.isEmpty else { continue }
            related.append(.init(code: area.code, name: area.name, words: words.map { ($0.word, $0.jaccard, $0.isKeyword) }))
        }
        let ca = biplots(run: run, analyses: analyses)
        return ReportModel.TextSections(
            wordLists: lists, related: related, correspondence: ca.plots, correspondenceSkipped: ca.skipped)
    }
}

extension TextSectionsBuilder {
    /// The biplots of the run's correspondence analyses: area rows as 「code name」, words that may be shown.
    static func biplots(run: RunContext, analyses: TextAnalyses) -> (plots: [ReportModel.TextSections.Biplot], skipped: [String]) {
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = ShownWords(withheld: analyses.withheld)
        var plots: [ReportModel.TextSections.Biplot] = []
        for r in analyses.correspondence {
            let kinds = titles(r.analysis)
            let isWords = r.analysis == "word_age"
            var rows: [ReportModel.TextSections.Biplot.Point] = []
            for p in r.rows where !isWords || shown.canShow(p.label) {
                let label = isWords ? p.label : p.label + " " + (names[p.label] ?? "")
                rows.append(.init(label: label, x: p.dim1, y: p.dim2))
            }
            let columns = r.columns.map { ReportModel.TextSections.Biplot.Point(label: $0.label, x: $0.dim1, y: $0.dim2) }
            let share2: Double = r.shares.count > 1 ? r.shares[1] : 0
            plots.append(
                .init(
                    analysis: r.analysis, title: kinds.title, rowKind: kinds.rowKind, columnKind: kinds.columnKind, rows: rows,
                    columns: columns, share1: r.shares.first ?? 0, share2: share2))
        }
        return (plots, analyses.correspondenceSkipped.map { titles($0).title })
    }

    /// Title, row kind and column kind of an analysis.
    static func titles(_ analysis: String) -> (title: String, rowKind: String, columnKind: String) {
        switch analysis {
        case "area_age": return ("分野 × 年代", "分野", "年代")
        case "area_district": return ("分野 × 地区", "分野", "地区")
        case "word_age": return ("上位語 × 年代", "語", "年代")
        default: return (analysis, "行", "列")
        }
    }
}
