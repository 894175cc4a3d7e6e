// PipelineRunner — `koe run`: reads every source, streams opinions through the stages in batches, and
// writes the outputs of SPEC §6 plus run.json.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRender

/// What a run did, for the command line's closing lines.
public struct RunReport: Sendable {
    public var outputDirectory: URL
    public var opinions = 0
    public var tagged = 0
    public var respondents = 0
    public var rejected = 0
    public var skipped = 0
    /// Files that could not be read at all (hostile or broken); the run went on without them.
    public var failedFiles: [String] = []
}

/// Runs a pipeline end to end.
public final class PipelineRunner {
    public let config: PipelineConfig
    private let diagnostics: DiagnosticSink
    private let progress: ((String) -> Void)?

    public init(config: PipelineConfig, diagnostics: DiagnosticSink, progress: ((String) -> Void)? = nil) {
        self.config = config
        self.diagnostics = diagnostics
        self.progress = progress
    }

    public func run(outputDirectory: URL? = nil) throws -> RunReport {
        let started = Date()
        var clock = Stopwatch()
        guard let codebookPath = config.codebook else {
            throw KoeError(
                code: "missing-key", message: "codebook がありません", hint: "パイプラインファイルに codebook: を書いてください",
                location: SourceLocation(file: config.displayPath))
        }
        guard let out = outputDirectory ?? config.output.map(config.resolve) else {
            throw KoeError(
                code: "missing-key", message: "出力先がありません", hint: "パイプラインファイルに output: を書くか --out を指定してください",
                location: SourceLocation(file: config.displayPath))
        }
        let stages = try Stages(config: config, codebookPath: codebookPath, diagnostics: diagnostics)
        clock.lap("load")
        // Every source must exist before anything is written.
        let files = try config.sources.map { source in (source, try SourceFiles.expand(source, config: config)) }
        // Outputs are written into a work folder and moved into place at the end, so a failed run never
        // leaves a mix of old and new files.
        let ids = IDQualifier(paths: files.flatMap { $0.1.map(\.display) })
        let work = try OutputFolder(final: out)
        defer { work.discard() }
        let streamed = try StreamedOutputs(directory: work.url)
        var report = RunReport(outputDirectory: out)
        var manifest = RunManifest(config: config, stages: stages)
        var summary = SummaryBuilder(areas: stages.areas)
        // Cross-tabs count survey respondents only (workshop notes have no respondent), including those who
        // left every free question empty: they mention no area.
        var crossTabs = RespondentAreaJoin(builder: CrossTabBuilder(areas: stages.areas.map(\.code), ageBands: config.ageBands))
        var quotes = QuoteSelector(perArea: config.quotesPerArea, descendants: stages.descendants)
        var attribution = AttributionGuard(minCell: config.minCell)
        var unmapped = UnmappedTally()
        var sessions: Set<SessionKey> = []
        var ratings = RatingTally()
        var skippedByCode: [String: Int] = [:]

        let batches = try BatchProcessor(analyzer: stages.analyzer) { analyzed in
            for item in analyzed {
                let p = item.processed
                try streamed.write(p)
                report.opinions += 1
                if !p.areas.isEmpty { report.tagged += 1 }
                for (segment, value) in item.unmapped { unmapped.add(segment, value) }
                let voice = p.opinion.respondent.map { "\(p.opinion.location.file)#\($0)" } ?? p.opinion.id
                summary.addOpinion(areas: p.areas, respondent: p.opinion.respondent == nil ? nil : voice)
                crossTabs.delivered(p.opinion, areas: p.areas, segments: p.segments)
                // A workshop session counts as one person for small-cell protection: its notes may all come
                // from a few participants, whose number koe does not know.
                if p.opinion.kind == .workshop, sessions.insert(SessionKey(file: p.opinion.location.file, segments: p.segments)).inserted {
                    attribution.count(p.segments)
                }
                quotes.add(
                    QuoteCandidate(
                        id: p.opinion.id, text: p.opinion.text, segments: p.segments, type: p.type,
                        respondent: voice), areas: p.areas)
            }
        }

        for (source, sourceFiles) in files {
            for (url, display) in sourceFiles {
                progress?("読み込み中: \(display)")
                var input = InputRecord(path: display, kind: source.kind?.rawValue ?? "auto")
                if let hash = FileHash.sha256(url) {
                    input.sha256 = hash.hex
                    input.bytes = hash.bytes
                }
                let sink = ClosureSink { event in
                    switch event {
                    case .opinion(let opinion):
                        input.opinions += 1
                        let qualified = ids.qualify(opinion)
                        crossTabs.submitted(qualified)
                        try batches.add(qualified)
                    case .respondent(let respondent):
                        input.respondents += 1
                        report.respondents += 1
                        let normalized = stages.segments(respondent.segments)
                        for (segment, value) in normalized.unmapped { unmapped.add(segment, value) }
                        attribution.count(normalized.segments)
                        crossTabs.respondent(respondent, segments: normalized.segments)
                        for pair in source.ratings {
                            if let column = pair.importance {
                                let value = ratings.read(respondent, column: column, scale: source.scale, file: display)
                                summary.addRating(area: pair.area, importance: value)
                            }
                            if let column = pair.satisfaction {
                                let value = ratings.read(respondent, column: column, scale: source.scale, file: display)
                                summary.addRating(area: pair.area, satisfaction: value)
                            }
                        }
                    case .rejected(let record):
                        input.rejected += 1
                        report.rejected += 1
                        try streamed.write(record)
                    case .skipped(let record):
                        input.skipped += 1
                        report.skipped += 1
                        skippedByCode[record.code, default: 0] += 1
                    }
                }
                do {
                    try stages.importFile(url: url, displayPath: display, source: source, into: sink)
                    try batches.flush()
                } catch let error as KoeError {
                    // strict: the first unreadable record stops the run (nothing is written).
                    if source.strict { throw error }
                    // A file that cannot be read at all is reported; the other files are still imported.
                    try batches.flush()
                    diagnostics.report(error.diagnostic)
                    input.error = error.diagnostic.description
                    input.rejected += 1
                    report.failedFiles.append(display)
                    try streamed.write(
                        RejectedRecord(
                            location: error.diagnostic.location ?? SourceLocation(file: display),
                            code: error.diagnostic.code, reason: error.diagnostic.message))
                    report.rejected += 1
                }
                manifest.inputs.append(input)
            }
        }
        try batches.flush()
        crossTabs.finish()
        try streamed.close()
        clock.lap("import_and_tag")

        let rows = summary.rows()
        try SummaryOutput.write(rows, to: work.url.appendingPathComponent("summary.csv"))
        try CrossTabOutput.write(crossTabs.builder.rows(), to: work.url.appendingPathComponent("crosstab.csv"))
        let selected = quotes.select(areas: stages.areas.map { (code: $0.code, level: $0.level) })
        try QuotesOutput.write(
            title: config.name ?? config.displayPath, areas: stages.areas, rows: rows, quotes: selected,
            attribution: attribution, to: work.url.appendingPathComponent("quotes.md"))
        clock.lap("outputs")

        for (segment, values) in unmapped.values.sorted(by: { $0.key < $1.key }) {
            let list = values.sorted { $0.key < $1.key }.map { "\($0.key)（\($0.value)件）" }.joined(separator: "、")
            diagnostics.report(
                Diagnostic(
                    .warning, code: "unmapped-\(segment)",
                    message: "\(UnmappedTally.label(segment))に対応付けられない値があります: \(list)",
                    hint: segment == "district" ? "地区名対応表（gazetteer）に行を追加してください" : "値の書き方を確認してください",
                    location: SourceLocation(file: config.displayPath)))
        }
        for warning in ratings.warnings() { diagnostics.report(warning) }
        for segment in CrossTabSegment.allCases {
            guard let count = crossTabs.builder.overflow[segment] else { continue }
            diagnostics.report(
                Diagnostic(
                    .warning, code: "crosstab-too-many-values",
                    message:
                        "\(UnmappedTally.label(segment.rawValue))の値が \(crossTabs.builder.maxValues) 種類を超えたため、以降の新しい値の回答者 \(count) 人をクロス集計から除きました",
                    hint: segment == .district ? "地区名対応表（gazetteer）で小学校区にまとめてください" : "値の書き方を確認してください",
                    location: SourceLocation(file: config.displayPath)))
        }
        manifest.invalidRatings = ratings.invalidCount
        manifest.report = report
        manifest.skipped = skippedByCode
        manifest.unmapped = unmapped
        manifest.started = started
        manifest.timings = clock.laps
        try manifest.write(to: work.url.appendingPathComponent("run.json"))
        try work.commit()
        return report
    }
}

/// Reads rating cells and counts the invalid ones per file and column (reported once, with an example row).
struct RatingTally {
    private var invalid: [String: (count: Int, example: String, row: Int?, letter: String?)] = [:]
    private var order: [String] = []

    var invalidCount: Int { invalid.values.reduce(0) { $0 + $1.count } }

    mutating func read(_ respondent: Respondent, column: String, scale: RatingScale, file: String) -> Double? {
        guard let raw = respondent.ratings[column] else { return nil }
        switch scale.read(raw) {
        case .value(let x): return x
        case .missing: return nil
        case .invalid:
            let key = file + "\u{0}" + column
            if invalid[key] == nil {
                order.append(key)
                invalid[key] = (0, raw, respondent.location.row, nil)
            }
            invalid[key]?.count += 1
            return nil
        }
    }

    func warnings() -> [Diagnostic] {
        order.compactMap { key in
            guard let entry = invalid[key] else { return nil }
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return Diagnostic(
                .warning, code: "invalid-rating",
                message: "評価の列「\(parts.last ?? "")」に数値でないか範囲外の値が \(entry.count) 件あり、平均から除きました（例: 「\(entry.example)」）",
                hint: "scale の min/max/missing を確認するか、選択肢の文字を数値に直してください",
                location: SourceLocation(file: parts.first ?? "", row: entry.row, column: parts.last))
        }
    }
}

/// One workshop session's segments (counted once for small-cell protection).
struct SessionKey: Hashable {
    var file: String
    var segments: Segments
}

/// Unmapped segment values and how often each was seen.
struct UnmappedTally: Sendable {
    var values: [String: [String: Int]] = [:]

    mutating func add(_ segment: String, _ value: String) { values[segment, default: [:]][value, default: 0] += 1 }

    static func label(_ segment: String) -> String {
        switch segment {
        case "age": return "年代"
        case "gender": return "性別"
        case "district": return "地区（小学校区）"
        default: return segment
        }
    }
}

/// Wall-clock laps for run.json.
struct Stopwatch {
    private var last = Date()
    private(set) var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
    }
}
