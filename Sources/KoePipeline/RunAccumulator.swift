// RunAccumulator — the running aggregates of `koe run`: summary counts, rating means, cross-tab counts,
// bounded quote pools, attribution counts and the tallies of run.json, fed one event at a time.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRender
import KoeRun
import KoeText

/// Everything the outputs need at the end of a run, in memory bounded by the codebook and the segment values
/// (never by the number of opinions).
final class RunAccumulator {
    private let stages: Stages
    private(set) var summary: SummaryBuilder
    // Cross-tabs count survey respondents only (workshop notes have no respondent), including those who left
    // every free question empty: they mention no area.
    private(set) var crossTabs: RespondentAreaJoin
    private var quotes: QuoteSelector
    /// The plan team's chosen quotes (`quotes: {chosen: true}`), printed instead of the selection.
    private let chosen: ChosenPlan?
    private(set) var attribution: AttributionGuard
    private(set) var unmapped = UnmappedTally()
    private var sessions: Set<SessionKey> = []
    /// Workshop files' session titles (front matter `title`, docx title, sticky-note question).
    private var sessionTitles: [String: String] = [:]
    /// Made on first use: a run without quote outputs never groups near-duplicates (nor opens its temporary file).
    private lazy var nearDuplicates = NearDuplicateRun()
    /// What the requested outputs need: quotes (else no pool, no near-duplicate grouping), content words (else no
    /// word counts: summary.xlsx, report.html and koe.sqlite show them).
    private let needs: AnalysisNeeds
    private(set) var ratings = RatingTally()
    private var respondentSegments = RespondentSegments()
    private var lastRatingPlan: (pairs: [RatingPair], columns: [String], steps: [RatingStep])?
    private(set) var skippedByCode: [String: Int] = [:]
    /// Content words per cell (抽出語リスト, related words) and untagged opinions' words (themes).
    let words: WordCounter
    /// Untagged opinions' words and a sample of them (themes), when an output shows themes.
    let themes = ThemeCollector()
    /// Words from masked spans, withheld from every word list shown.
    private let screen = WordScreen()
    private let themeCount: Int?
    private let themeMethod: ThemeMethod
    private var weights = WeightQueue()
    /// The voice of the last opinion with a respondent (`voice(_:)`).
    private var lastVoice: (file: String, respondent: String, voice: String)?
    private let weighted: Bool
    var report: RunReport

    init(config: PipelineConfig, stages: Stages, output: URL, needs: AnalysisNeeds = AnalysisNeeds()) {
        self.stages = stages
        self.needs = needs
        summary = SummaryBuilder(areas: stages.areas)
        crossTabs = RespondentAreaJoin(builder: CrossTabBuilder(areas: stages.areas.map(\.code), ageBands: config.ageBands))
        quotes = QuoteSelector(perArea: config.quotesPerArea, descendants: stages.descendants)
        chosen = config.quotesChosen ? ChosenPlan(workspace: output.appendingPathComponent("koe.sqlite")) : nil
        attribution = AttributionGuard(minCell: config.minCell)
        words = WordCounter(areas: stages.areas.map(\.code))
        report = RunReport(outputDirectory: output)
        weighted = config.sources.contains { $0.weights != nil }
        themeCount = config.themeCount
        themeMethod = config.themeMethod
    }

    /// Analysed opinions, in input order.
    func delivered(_ batch: [TaggedOpinion], _ extras: [AnalysisExtra]) {
        // Read in place: a copy of each opinion or extra would retain and release every one of its strings and
        // arrays (the extra is reached through its address: a borrowed parameter was still copied per opinion).
        batch.withUnsafeBufferPointer { opinions in
            extras.withUnsafeBufferPointer { extras in
                guard let first = extras.baseAddress else { return }
                for i in 0..<min(opinions.count, extras.count) { delivered(opinions[i], first + i) }
            }
        }
    }

    private func delivered(_ p: borrowing TaggedOpinion, _ extra: UnsafePointer<AnalysisExtra>) {
        do {
            report.opinions += 1
            if !p.areas.isEmpty { report.tagged += 1 }
            for (segment, value) in extra.pointee.unmapped { unmapped.add(segment, value) }
            let voice = voice(p)
            let weight = weighted && p.opinion.respondent != nil ? weights.weight(of: voice) : .unweighted
            summary.addOpinion(areas: p.areas, respondent: p.opinion.respondent == nil ? nil : voice, weight: weight)
            crossTabs.delivered(p)
            // A workshop session counts as one person for small-cell protection: its notes may all come from a
            // few participants, whose number koe does not know.
            if p.opinion.kind == .workshop, sessions.insert(SessionKey(file: p.opinion.location.file, segments: p.segments)).inserted {
                attribution.count(p.segments)
            }
            // The run's parts read in place (binding `extra.run` would copy all of them).
            if extra.pointee.run != nil {
                if needs.words {
                    words.add(keys: p.words, display: extra.pointee.run!.displayWords, areas: p.areas, segments: p.segments)
                    p.setWordIDs(words.lastPositions)
                    screen.add(ids: words.lastWords, keys: p.words, text: p.normalized.isEmpty ? p.opinion.text : p.normalized)
                    if needs.themes && p.areas.isEmpty { addTheme(p) }
                }
                if let signature = extra.pointee.run!.signature, let shingles = extra.pointee.run!.shingles {
                    nearDuplicates.add(id: p.opinion.id, signature: signature, shingles: shingles)
                }
                if let candidate = extra.pointee.run!.candidate {
                    quotes.add(candidate, areas: p.areas)
                    chosen?.offer(candidate)
                }
            }
        }
    }

    /// `p.voice`, the last one again while the file and respondent repeat (a respondent's answers come one after
    /// another: no String built for each).
    private func voice(_ p: borrowing TaggedOpinion) -> String {
        guard let respondent = p.opinion.respondent else { return p.opinion.id }
        if let last = lastVoice, last.respondent == respondent, last.file == p.opinion.location.file { return last.voice }
        let voice = p.voice
        lastVoice = (p.opinion.location.file, respondent, voice)
        return voice
    }

    /// An untagged opinion for the themes (its texts kept only if it enters the sample).
    private func addTheme(_ p: borrowing TaggedOpinion) {
        // One retain of the shared box; the opinion's fields are copied only if it enters the sample.
        let tagged = copy p
        themes.add(
            ordinal: Int32(truncatingIfNeeded: report.opinions), id: tagged.opinion.id, words: words.lastWords,
            counts: words.lastCounts
        ) {
            ThemeOpinion(
                id: tagged.opinion.id, text: tagged.opinion.text,
                normalized: tagged.normalized.isEmpty ? tagged.opinion.text : tagged.normalized, segments: tagged.segments,
                respondent: tagged.voice, session: tagged.opinion.kind == .workshop ? tagged.opinion.location.file : nil)
        }
    }

    /// The word list (and the analyses built on the counts), once the input has ended. Words shown anywhere pass
    /// one rule (`ShownWords` with the words found inside masked spans withheld).
    /// `timer`: the themes get their own lap (`themes`, only when computed) after `text_analyses`.
    func textAnalyses(crossTabs: [CrossTabRow], timer: RunTimer? = nil) -> TextAnalyses {
        let codes = stages.areas.map(\.code)
        let level = stages.areas.contains { $0.level == 2 } ? 2 : 1
        let shown = ShownWords(withheld: screen.withheld)
        let ca = CorrespondenceAnalyses.build(
            crossTabs: crossTabs, rowAreas: stages.areas.filter { $0.level == level }.map(\.code), words: words,
            canShow: shown.canShow)
        // The cells sorted once for the word list and the related words, and let go before the themes.
        var analyses = { () -> TextAnalyses in
            let ranked = words.ranked()
            return TextAnalyses(
                words: words.rows(ranked: ranked),
                related: RelatedWords.compute(words, ranked: ranked, areas: codes, keywordKeys: keywordKeys()),
                correspondence: ca.results, correspondenceSkipped: ca.skipped, themeCandidates: themes.count)
        }()
        analyses.withheld = screen.withheld
        timer?.lap("text_analyses")
        if needs.themes && themeCount != 0 {
            let masker = Masker()
            analyses.themes = Themes.build(
                themes, count: themeCount, method: themeMethod, display: { self.words.display[Int($0)] },
                canShow: shown.canShow, maskedWords: { MaskedWords.inMaskedSpans($0, text: $1, masker: masker) })
            timer?.lap("themes")
        }
        return analyses
    }

    /// Per area (plan order), the content-word keys of its keywords and of its descendants' keywords.
    private func keywordKeys() -> [Set<String>] {
        let codes = stages.areas.map(\.code)
        let index = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out = [Set<String>](repeating: [], count: codes.count)
        guard let tokenizer = try? Tokenizer(words: stages.words) else { return out }
        for area in stages.codebook.areas {
            var keys: Set<String> = []
            for keyword in area.keywords {
                let forms = tokenizer.tokenize(keyword.text).contentWordForms().keys
                if forms.count == 1 { keys.insert(forms[0]) }
            }
            var code: String? = area.code
            while let c = code, let i = index[c] {
                out[i].formUnion(keys)
                code = stages.areas[i].parentCode
            }
        }
        return out
    }

    /// An opinion about to be analysed (the cross-tab join must see it before its areas arrive).
    func submitted(_ opinion: Opinion) { crossTabs.submitted(opinion) }

    /// A survey respondent: segments for cross-tabs and attribution, ratings for the portfolio.
    /// Returns the respondent's normalized segments.
    func respondent(_ respondent: Respondent, source: SourceConfig, file: String) -> Segments {
        report.respondents += 1
        let normalized = respondentSegments.entry(respondent.segments) { raw in
            let n = stages.segments(raw)
            return RespondentSegmentEntry(raw: raw, segments: n.segments, unmapped: n.unmapped, attribution: attribution.id(of: n.segments))
        }
        for (segment, value) in normalized.unmapped { unmapped.add(segment, value) }
        // One person on several rows (a repeated id) is one respondent for small-cell protection.
        if !respondent.repeated { attribution.count(id: normalized.attribution) }
        crossTabs.respondent(respondent, segments: normalized.segments, combination: normalized.attribution)
        if weighted {
            weights.respondent(
                voice: "\(respondent.location.file)#\(respondent.id)",
                weight: RespondentWeight(configured: source.weights != nil, value: respondent.weight))
        }
        if !source.ratings.isEmpty {
            let plan = ratingPlan(source.ratings, respondent.ratings.columns)
            Self.addRatings(respondent, plan: plan, scale: source.scale, file: file, into: &ratings, &summary)
        }
        return normalized.segments
    }

    /// A respondent's rating answers into the tallies, both held for the whole loop (one access each, not one a
    /// question: each access to this class's storage is an exclusivity check).
    private static func addRatings(
        _ respondent: Respondent, plan: [RatingStep], scale: RatingScale, file: String, into ratings: inout RatingTally,
        _ summary: inout SummaryBuilder
    ) {
        let answers = respondent.ratings
        let row = respondent.location.row
        for step in plan {
            let raw = step.cell.flatMap { answers.values[$0] }
            let reading = ratings.read(raw, row: row, column: step.column, scale: scale, file: file)
            if let area = step.area { summary.addRating(areaAt: area, step.question, reading) }
        }
    }

    /// Each rating question of a source in order: its area's index, its column and that column's cell in the
    /// respondents' `RatingAnswers` (worked out once per source and file: their column arrays are shared).
    private func ratingPlan(_ pairs: [RatingPair], _ columns: [String]) -> [RatingStep] {
        // Array equality first compares storage identity: the same file's respondents pass at once.
        if let cached = lastRatingPlan, cached.pairs == pairs, cached.columns == columns { return cached.steps }
        var steps: [RatingStep] = []
        for pair in pairs {
            let area = summary.areaIndex(pair.area)
            for (question, column) in [(RatingQuestion.importance, pair.importance), (.satisfaction, pair.satisfaction)] {
                guard let column else { continue }
                steps.append(RatingStep(area: area, question: question, column: column, cell: columns.firstIndex(of: column)))
            }
        }
        lastRatingPlan = (pairs, columns, steps)
        return steps
    }

    func skipped(_ record: SkippedRecord) {
        report.skipped += 1
        skippedByCode[record.code, default: 0] += 1
    }

    /// Counts everyone still held by the cross-tab join; call after the last batch.
    func finish() { crossTabs.finish() }

    /// A workshop file's session title, reported when the file has been read.
    func session(file: String, title: String?) {
        if let title { sessionTitles[file] = title }
    }

    /// The printed label of each workshop file's session (file → label).
    func sessionLabels() -> [String: String] {
        var labels: [String: String] = [:]
        for key in sessions { labels[key.file] = SessionLabel.label(title: sessionTitles[key.file], file: key.file) }
        return labels
    }

    /// Near-duplicate groups (two or more opinions), computed once after the last batch.
    private(set) lazy var groups: [NearDuplicateGroup] = needs.quotes ? nearDuplicates.groups() : []

    /// Throws `temp-unwritable` when the near-duplicate grouping's temporary files could not be created or
    /// written: the run would otherwise drop 「同様の意見」 without a word.
    func requireNearDuplicateSpace() throws {
        try Self.requireTemporarySpace(nearDuplicates.unwritableFolder, for: "ほぼ同じ意見（同様の意見）をまとめられません")
    }

    /// Throws `temp-unwritable` when the untagged opinions' word lists could not go to their temporary file:
    /// the themes would silently leave opinions out.
    func requireThemeSpace() throws {
        try Self.requireTemporarySpace(themes.unwritableFolder, for: "未分類の意見のテーマ候補を作れません")
    }

    private static func requireTemporarySpace(_ folder: String?, for consequence: String) throws {
        guard let folder else { return }
        throw KoeError(
            code: "temp-unwritable", message: "一時ファイルのフォルダ（\(folder)）に書き込めないため、\(consequence)",
            hint: "環境変数 TMPDIR を書き込めるフォルダにするか、ディスクの空き容量を確認してから再実行してください")
    }

    /// The quotes of each area, selected children first, each near-duplicate group once; workshop notes carry
    /// their session's label.
    func selectedQuotes() -> [String: [QuoteCandidate]] {
        var groupOf: [String: (id: String, size: Int)] = [:]
        for g in groups {
            for member in g.members { groupOf[member] = (g.id, g.count) }
        }
        let labels = sessionLabels()
        var selected =
            chosen?.quotes(areas: stages.areas) { groupOf[$0] }
            ?? quotes.select(areas: stages.areas.map { (code: $0.code, level: $0.level) }) { groupOf[$0] }
        for (area, list) in selected {
            selected[area] = list.map { quote in
                var q = quote
                q.session = quote.session.map { labels[$0] ?? SessionLabel.label(title: nil, file: $0) }
                return q
            }
        }
        return selected
    }

    /// Unmapped values listed in the warning (the rest are counted; run.json lists them all).
    static let unmappedShown = 10

    /// A value as a warning shows it: one line, at most 30 characters.
    static func short(_ value: String) -> String {
        let line = InertText.singleLine(value)
        return line.count > 30 ? String(line.prefix(30)) + "…" : line
    }

    /// Warnings about values that could not be mapped, invalid ratings and over-wide cross-tabs.
    func warnings(pipeline: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (segment, values) in unmapped.values.sorted(by: { $0.key < $1.key }) {
            // The most frequent few, each cut short: a list of every value was one line of 469 KB.
            let shown = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.unmappedShown)
            var list = shown.map { "\(Self.short($0.key))（\($0.value)件）" }.joined(separator: "、")
            if values.count > shown.count { list += " ほか \(values.count - shown.count) 種類（全 \(values.count) 種類は run.json の unmapped）" }
            out.append(
                Diagnostic(
                    .warning, code: "unmapped-\(segment)", message: "\(UnmappedTally.label(segment))に対応付けられない値があります: \(list)",
                    hint: segment == "district" ? "地区名対応表（gazetteer）に行を追加してください" : "値の書き方を確認してください",
                    location: SourceLocation(file: pipeline)))
        }
        out += ratings.warnings()
        let tally = summary.weights
        if tally.invalid > 0 {
            out.append(
                Diagnostic(
                    .warning, code: "bad-weight",
                    message: "ウェイトが使えない回答者 \(tally.invalid) 人を加重集計（weighted_share）から除きました（空欄・数値でない・負の値）",
                    hint: "ウェイト列の値を確認してください。件数・割合（share）には含まれています", location: SourceLocation(file: pipeline)))
        }
        let builder = crossTabs.builder
        for segment in CrossTabSegment.allCases {
            guard let count = builder.overflow[segment] else { continue }
            out.append(
                Diagnostic(
                    .warning, code: "crosstab-too-many-values",
                    message:
                        "\(UnmappedTally.label(segment.rawValue))の値が \(builder.maxValues) 種類を超えたため、以降の新しい値の回答者 \(count) 人をクロス集計から除きました",
                    hint: segment == .district ? "地区名対応表（gazetteer）で小学校区にまとめてください" : "値の書き方を確認してください",
                    location: SourceLocation(file: pipeline)))
        }
        return out
    }
}

/// One rating question of a source: where its answer is and which mean it goes into.
private struct RatingStep {
    var area: Int?
    var question: RatingQuestion
    var column: String
    /// The column's position in the respondents' `RatingAnswers`; nil when they do not carry it.
    var cell: Int?
}
