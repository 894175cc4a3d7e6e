// Stages — builds the stage values a run needs from the pipeline file: codebook and tagger, classifier,
// segment normalizer, and each source's importer settings.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeSegments
import KoeSurvey
import KoeTagging
import KoeText
import KoeWorkshop

/// The configured stages of one run.
struct Stages {
    let codebookURL: URL
    let gazetteerURL: URL?
    let codebook: Codebook
    let areas: [PlanArea]
    /// How many areas lie below each area.
    let descendants: [String: Int]
    var analyzer: OpinionAnalyzer
    /// Words the tokenizer keeps whole (codebook names, gazetteer names, `words:`).
    let words: WordLexicon
    private let normalizer: SegmentCache
    private let diagnostics: DiagnosticSink
    /// The pipeline file as the user named it (messages about its column references point there).
    private let pipelinePath: String

    init(config: PipelineConfig, codebookPath: String, diagnostics: DiagnosticSink) throws {
        pipelinePath = config.displayPath
        self.diagnostics = diagnostics
        codebookURL = config.resolve(codebookPath)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: codebookURL.path, isDirectory: &isDirectory) || isDirectory.boolValue {
            throw KoeError(
                code: isDirectory.boolValue ? "is-a-directory" : "file-not-found",
                message: "コードブックが見つかりません: \(codebookPath)（\(codebookURL.path)）",
                hint: "パイプラインファイルからの相対パスで、YAML か KH Coder のルールファイルを指定してください",
                location: SourceLocation(file: config.displayPath))
        }
        var gazetteer: Gazetteer?
        if let path = config.gazetteer {
            let url = config.resolve(path)
            gazetteer = try Gazetteer.load(url: url, displayPath: SourceFiles.display(url, base: config.baseDirectory))
            gazetteerURL = url
        } else {
            gazetteerURL = nil
        }
        // Words kept whole: the pipeline's word list, gazetteer names and the codebook's name-like keywords.
        var keep = gazetteer?.names ?? []
        if let path = config.words {
            let url = config.resolve(path)
            keep += try WordList.read(url, displayPath: SourceFiles.display(url, base: config.baseDirectory))
        }
        let tokenizer = try Tokenizer()
        codebook = try Codebook.load(
            url: codebookURL, displayPath: SourceFiles.display(codebookURL, base: config.baseDirectory),
            tokenizer: tokenizer, keepingWhole: keep, diagnostics: diagnostics)
        words = tokenizer.words
        areas = codebook.areas.map {
            PlanArea(code: $0.code, name: $0.name, level: $0.level, parentCode: $0.parentCode, horizon: $0.horizon)
        }
        let known = Set(codebook.areas.map(\.code))
        for source in config.sources {
            for pair in source.ratings where !known.contains(pair.area) {
                throw KoeError(
                    code: "unknown-area", message: "ratings の area「\(pair.area)」がコードブックにありません",
                    hint: "コードブックの code を書いてください（例: \(codebook.areas.first { $0.level == 2 }?.code ?? "1")）",
                    location: SourceLocation(file: config.displayPath, row: source.line))
            }
        }
        var below: [String: Int] = [:]
        for area in codebook.areas {
            for ancestor in codebook.ancestors(of: area.code) { below[ancestor, default: 0] += 1 }
        }
        descendants = below
        do {
            normalizer = SegmentCache(try SegmentNormalizer(ageBands: config.ageBands, gazetteer: gazetteer))
        } catch let error as KoeError {
            var diagnostic = error.diagnostic
            diagnostic.location = SourceLocation(file: config.displayPath)
            throw KoeError(diagnostic)
        }
        analyzer = try OpinionAnalyzer(
            tagger: Tagger(codebook: codebook), classifier: .standard, segments: normalizer, words: words)
    }

    func segments(_ raw: RawSegments) -> (segments: Segments, unmapped: [(String, String)]) {
        let result = normalizer.normalize(raw)
        return (result.segments, result.unmapped.map { ($0.kind.rawValue, $0.value) })
    }

    /// Reads one file of `source` into `sink`, each opinion with the source's `type:`/`horizon:` setting; a
    /// workshop file's session (front matter) is handed to `session`.
    func importFile(
        url: URL, displayPath: String, source: SourceConfig, into sink: ImportSink, session: ((WorkshopSession) -> Void)? = nil
    ) throws {
        let target = source.questions.isEmpty ? sink : source.questions.applying(to: sink)
        try Self.importer(for: source, pipeline: pipelinePath).read(
            url: url, displayPath: displayPath, kind: source.kind, into: target, diagnostics: diagnostics, session: session)
    }

    /// The importer settings a pipeline source entry describes.
    static func importer(for source: SourceConfig, pipeline: String? = nil) -> SourceImporter {
        var options = SurveyOptions()
        options.referencedFrom = pipeline.map { SourceLocation(file: $0, row: source.line) }
        options.encoding = source.encoding
        options.sheet = source.sheet
        options.headerRows = source.headerRows
        for (column, role) in source.columns {
            if let role = ColumnRole(rawValue: role) { options.columnRoles[column] = role }
        }
        options.labels = source.labels
        options.ratingColumns = source.ratings.flatMap { [$0.importance, $0.satisfaction].compactMap { $0 } }
        options.weightColumn = source.weights
        options.strict = source.strict
        return SourceImporter(surveyOptions: options, workshopSegments: source.segments)
    }
}

/// Segments, tokenizing, tagging and classification of one opinion. Immutable and shared by workers.
struct OpinionAnalyzer: OpinionAnalyzing {
    let tagger: Tagger
    let classifier: OpinionClassifier
    var questions: QuestionTypes = .standard
    let segments: SegmentCache
    /// Words kept whole when tokenizing.
    var words: WordLexicon = .empty
    var keepTokens = false
    /// Computes what only `koe run` uses (near-duplicate signatures, quote candidates); `koe tag` turns it off.
    var forRun = true
    /// Parts of the analysis the requested outputs need (`koe run --only`); all by default.
    var needs = AnalysisNeeds()

    func analyze(_ opinion: Opinion, tokenizer: Tokenizer) -> AnalyzedOpinion {
        let normalized = segments.normalize(opinion.segments)
        let text = tokenizer.tokenize(opinion.text, words: words)
        let tags = tagger.tag(text)
        let classification = needs.types ? classifier.classify(text, prior: questions.prior(for: opinion)) : nil
        // Evidence is listed for the areas matched directly; ancestors count the tag without repeating it.
        let evidence = (needs.evidence ? tags.direct : []).compactMap { code -> (code: String, items: [EvidenceItem])? in
            guard let items = tags.evidence(of: code), !items.isEmpty else { return nil }
            // A word found both as a keyword and by the rule is listed once.
            // A handful of items: a linear scan, positions first, beats hashing Japanese strings.
            var unique: [EvidenceItem] = []
            for e in items {
                let item = EvidenceItem(keyword: e.keyword, surface: e.surface, start: e.start, end: e.end)
                let seen = unique.contains {
                    $0.start == item.start && $0.end == item.end && $0.keyword == item.keyword && $0.surface == item.surface
                }
                if !seen { unique.append(item) }
            }
            return (code, unique)
        }
        var tagged = TaggedOpinion(
            opinion: opinion, segments: normalized.segments, normalized: needs.normalized ? text.normalized.normalizedString : "",
            areas: tags.areas, evidence: evidence, excluded: tags.excluded.map { ($0.code, $0.exclude) },
            type: classification?.type ?? .unknown, typeCue: classification?.typeCue?.cue,
            horizon: classification?.horizon ?? .unknown, horizonCue: classification?.horizonCue?.cue,
            words: needs.words ? ContentWords.keys(text) : [])
        if let classification { tagged.decision = TypeDecision(classification) }
        // A survey answer's segments were already counted with its respondent.
        let unmapped = opinion.respondent == nil ? normalized.unmapped.map { ($0.kind.rawValue, $0.value) } : []
        let extra = AnalysisExtra(unmapped: unmapped, tokens: keepTokens ? text : nil, run: runExtra(tagged))
        return (tagged, extra)
    }

    /// Near-duplicate signature and quote candidate (`koe run` only; a candidate only for a tagged opinion, the
    /// only kind a quote pool takes).
    private func runExtra(_ tagged: TaggedOpinion) -> RunExtra? {
        guard forRun else { return nil }
        let opinion = tagged.opinion
        let shingles = ShingleSet(tagged.normalized, shingle: NearDuplicateSettings.standard.shingle, normalized: true)
        let signature = NearDuplicateSignature(shingles)
        let candidate =
            tagged.areas.isEmpty
            ? nil
            : QuoteCandidate(
                id: opinion.id, text: opinion.text, segments: tagged.segments, type: tagged.typeLabel, respondent: tagged.voice,
                session: opinion.kind == .workshop ? opinion.location.file : nil, words: tagged.words,
                bandKeys: signature.bandKeys)
        return RunExtra(signature: signature, shingles: shingles, candidate: candidate)
    }
}
