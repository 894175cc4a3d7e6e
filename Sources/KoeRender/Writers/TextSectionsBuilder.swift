// TextSectionsBuilder — fills report.html's section of word analyses from the run's results: the top words of
// the whole and of each area with opinions (words the masker would mask are not shown).
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

    /// `withheld`: folded keys (`MaskedWords.fold`) of words the run found inside masked spans of their opinions.
    static func sections(run: RunContext, results: RunResults, withheld: Set<[UInt16]> = []) -> ReportModel.TextSections {
        let shown = ShownWords()
        func canShow(_ word: String) -> Bool { shown.canShow(word) && !withheld.contains(MaskedWords.fold(word)) }
        let analyses = results.analyses
        guard !analyses.words.isEmpty else { return ReportModel.TextSections() }
        var byArea: [String: [WordRow]] = [:]
        for row in analyses.words where row.segment.isEmpty && canShow(row.word) {
            if byArea[row.area, default: []].count < wordsPerArea { byArea[row.area, default: []].append(row) }
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
        return ReportModel.TextSections(wordLists: lists, related: related)
    }
}
