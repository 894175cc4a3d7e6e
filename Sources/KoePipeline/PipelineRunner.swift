// PipelineRunner — `koe run`: reads every source, streams opinions through the stages in batches, and hands
// them and the final results to the output writers (SPEC §6).
import Dispatch
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRender
import KoeRun

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
    /// Files read (or attempted).
    public var files = 0
}

/// Runs a pipeline end to end.
public final class PipelineRunner {
    public let config: PipelineConfig
    private let diagnostics: DiagnosticSink
    private let progress: ((RunProgress) -> Void)?
    /// Analysis workers (default: every core). Outputs are the same bytes for any number.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// `koe run --only`: the outputs to write instead of the pipeline's `outputs:`.
    public var only: OutputSelection?

    public init(config: PipelineConfig, diagnostics: DiagnosticSink, progress: ((RunProgress) -> Void)? = nil) {
        self.config = config
        self.diagnostics = diagnostics
        self.progress = progress
    }

    public func run(outputDirectory: URL? = nil) throws -> RunReport {
        let timer = RunTimer()
        let (codebookPath, out) = try requiredPaths(outputDirectory)
        // Only the requested outputs are written, and only the work they need is done.
        let selection = only ?? config.outputs
        var stages = try Stages(config: config, codebookPath: codebookPath, diagnostics: diagnostics)
        stages.analyzer.needs = selection.analysis
        let planCycle = try PlanCycleInputs(config: config, diagnostics: diagnostics)
        timer.lap("load")
        // Every source must exist before anything is written.
        let files = try config.sources.map { source in (source, try SourceFiles.expand(source, config: config)) }
        let ids = IDQualifier(paths: files.flatMap { $0.1.map(\.display) })
        // Outputs are written into a work folder and moved into place at the end, so a failed run never
        // leaves a mix of old and new files.
        let work = try OutputFolder(final: out)
        defer { work.discard() }
        work.releaseCachedPrevious(selection.written)
        let writers = OutputWriters.timed(timer, selection)
        let context = RunContext(
            directory: work.url, title: config.name ?? config.displayPath, areas: stages.areas, minCell: config.minCell)
        for writer in writers { try writer.begin(context) }
        let state = RunAccumulator(config: config, stages: stages, output: out, needs: selection.analysis)
        // Until the first batch only this thread works: another core reads the name list the masking will need
        // (once per process) meanwhile, not a worker or the word screen's queue later.
        if selection.needsQuotes || selection.analysis.words { DispatchQueue.global().async { _ = PersonNames.standard } }
        // Quotes are the only output that groups near-duplicates (and so needs the temporary file).
        if selection.needsQuotes { try state.requireNearDuplicateSpace() }
        var manifest = RunManifest(config: config, stages: stages)
        manifest.outputs = (selection.written, selection.source.rawValue)
        manifest.nearDuplicatesGrouped = selection.needsQuotes
        let batches = try BatchProcessor(
            analyzer: stages.analyzer, workers: workers, step: selection.needsJSONLines ? OutputWriters.workerStep : nil
        ) { batch, extras in
            state.delivered(batch, extras)
            planCycle.words?.add(batch)
            for writer in writers { try writer.write(batch) }
        }
        let ticker = ProgressTicker(progress)
        let count = files.reduce(0) { $0 + $1.1.count }
        for (source, sourceFiles) in files {
            for (url, display) in sourceFiles {
                ticker.file(display, url: url, index: manifest.inputs.count + 1, count: count)
                let reader = SourceRead(
                    source: source, stages: stages, ids: ids, batches: batches, state: state, writers: writers, ticker: ticker)
                manifest.inputs.append(try reader.read(url: url, display: display, diagnostics: diagnostics))
            }
        }
        try batches.flush()
        state.finish()
        // The import's batches and the workers' scratch are gone: hand their memory back before the end stages
        // (at 1,000,000 respondents the peak is reached in them).
        MemoryRelease.trim()
        // Writers start their end-of-input work (indexes, search tables) beside the near-duplicate grouping.
        for writer in writers { try writer.inputEnded() }
        timer.lap("import_and_tag")
        // The near-duplicate grouping (for quotes) runs beside the text analyses and themes: neither needs it. Above
        // `overlapLimit` opinions their memory would add up (1,000,000 respondents: +55 MB at the peak), so there
        // the grouping ends first.
        let grouping = NearDuplicateGrouping(state)
        if state.report.opinions > Self.overlapLimit { _ = grouping.wait() }
        ticker.writing()
        for warning in state.warnings(pipeline: config.displayPath) { diagnostics.report(warning) }
        manifest.tagged = state.report.tagged
        manifest.analysed = state.report.opinions
        manifest.failedFiles = state.report.failedFiles.count
        manifest.invalidRatings = state.ratings.invalidCount
        manifest.skippedByReason = state.skippedByCode
        manifest.unmapped = state.unmapped.values
        let summaryRows = state.summary.rows()
        let crossTabRows = state.crossTabs.builder.rows()
        let analyses = selection.needsTextAnalyses ? state.textAnalyses(crossTabs: crossTabRows, timer: timer) : nil
        if analyses == nil { timer.lap("text_analyses") }
        timer.record("near_duplicates", seconds: grouping.wait())
        MemoryRelease.trim()
        if selection.needsQuotes { try state.requireNearDuplicateSpace() }
        try state.requireThemeSpace()
        var results = RunResults(
            summary: summaryRows, crossTabs: crossTabRows, quotes: state.selectedQuotes(), attribution: state.attribution,
            manifest: manifest, timer: timer, nearDuplicates: state.groups, sessions: state.sessionLabels())
        results.planCycle = planCycle.results(
            config: config, areas: stages.areas, summary: state.summary, rows: results.summary, crossTabs: results.crossTabs,
            diagnostics: diagnostics)
        if let analyses {
            results.analyses = analyses
            results.prepareThemes()
            MemoryRelease.trim()
        }
        try Self.finish(writers, names: OutputWriters.names(selection), results)
        try work.commit()
        return state.report
    }

    /// Opinions above which the near-duplicate grouping is not run beside the text analyses (memory, SPEC §8).
    static let overlapLimit = 500_000

    /// Finishes the writers: each writes its own file, so all but the last (run.json, whose timings cover the
    /// others) finish at the same time on all cores, the longest first (`OutputWriters.finishedFirst`; the cores
    /// take them in that order). The first error in writer order is thrown.
    private static func finish(_ writers: [OutputWriter], names: [String], _ results: RunResults) throws {
        guard let last = writers.last else { return }
        let job = ConcurrentFinish(writers: Array(writers.dropLast()), results: results)
        let order = Self.finishOrder(names: Array(names.prefix(job.writers.count)), count: job.writers.count)
        DispatchQueue.concurrentPerform(iterations: order.count) { i in job.run(order[i]) }
        if let error = job.firstError { throw error }
        try last.finish(results)
    }

    /// Writer positions in the order their finishes start: `OutputWriters.finishedFirst` first, the rest in order.
    static func finishOrder(names: [String], count: Int) -> [Int] {
        let rank = { (i: Int) in i < names.count ? OutputWriters.finishedFirst.firstIndex(of: names[i]) ?? Int.max : Int.max }
        return (0..<count).sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// The codebook path and the output folder, which every run needs.
    private func requiredPaths(_ outputDirectory: URL?) throws -> (String, URL) {
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
        return (codebookPath, out)
    }
}

/// The near-duplicate grouping on a queue of its own, started when input ends. Unchecked Sendable: until
/// `wait()` returns, the queue touches only the accumulator's groups (its own lazy property), which the caller
/// reads only after `wait()`.
private final class NearDuplicateGrouping: @unchecked Sendable {
    private let state: RunAccumulator
    private let done = DispatchGroup()
    private var seconds = 0.0

    init(_ state: RunAccumulator) {
        self.state = state
        DispatchQueue(label: "koe.near-duplicates").async(group: done) { [self] in
            let start = Date()
            _ = self.state.groups
            seconds = Date().timeIntervalSince(start)
        }
    }

    /// Waits for the grouping; returns the seconds it took on its queue.
    func wait() -> Double {
        done.wait()
        return seconds
    }
}

/// The writers' `finish` calls run at once. Unchecked Sendable: each writer is used by exactly one task, the
/// results are only read, and the error slots are guarded by a lock.
private final class ConcurrentFinish: @unchecked Sendable {
    let writers: [OutputWriter]
    private let results: RunResults
    private var errors: [Error?]
    private let lock = NSLock()

    init(writers: [OutputWriter], results: RunResults) {
        self.writers = writers
        self.results = results
        errors = Array(repeating: nil, count: writers.count)
    }

    func run(_ index: Int) {
        do { try writers[index].finish(results) } catch {
            lock.lock()
            errors[index] = error
            lock.unlock()
        }
    }

    /// The first error in writer order.
    var firstError: Error? {
        lock.lock()
        defer { lock.unlock() }
        return errors.lazy.compactMap { $0 }.first
    }
}
