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
        options.skipModerated = source.skipModerated
        return SourceImporter(surveyOptions: options, workshopSegments: source.segments)
    }
}
