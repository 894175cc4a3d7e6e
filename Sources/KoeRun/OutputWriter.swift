// OutputWriter — the one protocol every output file of `koe run` is written through: opinions batch by
// batch while the run streams, rejected records as they come, then the final results.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes

/// One output format of a run (opinions.jsonl, summary.csv, summary.xlsx, koe.sqlite, …).
///
/// The runner calls `begin` once, then `write` for every batch of analysed opinions in input order and
/// `reject` for every unreadable record (interleaved, on one thread), `inputEnded` once after the last of them,
/// and `finish` once at the end. A writer
/// creates its files in `RunContext.directory` (a work folder moved into place only when the whole run
/// succeeded) and must give the same bytes for the same inputs.
public protocol OutputWriter: AnyObject {
    /// Once, before any opinion.
    func begin(_ run: RunContext) throws
    /// A survey respondent (one data row) with its normalized segments, before its opinions' batch.
    func respondent(_ respondent: Respondent, segments: Segments) throws
    /// True when `respondent` does something (false by default): wrappers skip the call (and its timing and
    /// queueing, a hundred thousand times a run) for the writers that ignore respondents.
    var takesRespondents: Bool { get }
    /// Analysed opinions in input order.
    func write(_ batch: [TaggedOpinion]) throws
    /// A record (or a whole file) that could not be read.
    func reject(_ record: RejectedRecord) throws
    /// Every opinion and record has been handed over. Costly work that needs no final results (indexes, search
    /// tables) can start here: the runner computes the final results (near-duplicate groups) meanwhile.
    func inputEnded() throws
    /// The final results: write and close the files here.
    func finish(_ results: RunResults) throws
}

extension OutputWriter {
    public func begin(_ run: RunContext) throws {}
    public func respondent(_ respondent: Respondent, segments: Segments) throws {}
    public var takesRespondents: Bool { false }
    public func write(_ batch: [TaggedOpinion]) throws {}
    public func reject(_ record: RejectedRecord) throws {}
    public func inputEnded() throws {}
}

/// What every writer knows before the first opinion.
public struct RunContext: Sendable {
    /// The folder to write into.
    public var directory: URL
    /// The run's title (the pipeline's `name`, or its path).
    public var title: String
    /// The plan's areas in plan order (pre-order of the tree).
    public var areas: [PlanArea]
    /// Small-cell protection threshold for attributions.
    public var minCell: Int

    public init(directory: URL, title: String, areas: [PlanArea], minCell: Int) {
        self.directory = directory
        self.title = title
        self.areas = areas
        self.minCell = minCell
    }

    public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

/// What a run found, handed to every writer at the end.
public struct RunResults {
    /// Per area, in plan order.
    public var summary: [SummaryRow]
    /// Long-form cross-tabs (segment × area × value).
    public var crossTabs: [CrossTabRow]
    /// Selected quotes per area code.
    public var quotes: [String: [QuoteCandidate]]
    /// Counts of segment combinations, for attributions that never point at one person.
    public var attribution: AttributionGuard
    /// Inputs, counts and provenance (run.json).
    public var manifest: RunManifest
    /// Wall-clock laps of the run so far.
    public var timer: RunTimer
    /// Groups of near-identical opinions (campaigns, copy-paste), sorted by group id.
    public var nearDuplicates: [NearDuplicateGroup]
    /// Each workshop file's session label (子育て世代ワークショップ), by file as given in provenance.
    public var sessions: [String: String]
    /// The selected quotes as every writer prints them (masked once, shared).
    public let printed: PrintedQuotes
    /// The plan cycle: this wave's facts, the previous-wave comparison and the 小学校区 map (PlanCycleOutputs).
    public var planCycle = PlanCycleResults()
    /// Word list, related words, correspondence analyses and themes.
    public var analyses = TextAnalyses()

    public init(
        summary: [SummaryRow], crossTabs: [CrossTabRow], quotes: [String: [QuoteCandidate]], attribution: AttributionGuard,
        manifest: RunManifest, timer: RunTimer, nearDuplicates: [NearDuplicateGroup] = [], sessions: [String: String] = [:]
    ) {
        self.nearDuplicates = nearDuplicates
        self.sessions = sessions
        self.printed = PrintedQuotes(attribution: attribution)
        printed.prepare(quotes)
        self.summary = summary
        self.crossTabs = crossTabs
        self.quotes = quotes
        self.attribution = attribution
        self.manifest = manifest
        self.timer = timer
    }
}

/// Wall-clock laps of a run, for run.json (the only output that holds times).
public final class RunTimer: @unchecked Sendable {
    public let started = Date()
    private var last = Date()
    public private(set) var laps: [(String, Double)] = []
    /// Seconds spent in each output writer (by file name), in the order first seen.
    public var writers: [(String, Double)] {
        lock.lock()
        defer { lock.unlock() }
        return writerSeconds
    }
    private var writerSeconds: [(String, Double)] = []

    public init() {}

    private let lock = NSLock()

    /// Adds time spent in one writer (from any thread).
    public func add(writer name: String, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let i = writerSeconds.firstIndex(where: { $0.0 == name }) {
            writerSeconds[i].1 += seconds
        } else {
            writerSeconds.append((name, seconds))
        }
    }

    /// Ends the current lap under `name`.
    public func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
    }

    /// Records a stage that ran beside the others, with the seconds measured where it ran (the current lap
    /// goes on). Call on the thread that calls `lap`.
    public func record(_ name: String, seconds: Double) {
        laps.append((name, seconds))
    }
}

extension RunResults {
    /// A theme's representative opinion as every output prints it: masked, trimmed and safely attributed like a
    /// quote (a workshop note with its session's label).
    public func printed(_ opinion: ThemeOpinion) -> PrintedQuote {
        printed(Self.candidate(opinion, sessions: sessions))
    }

    /// Prints the themes' representative opinions now, on the calling thread (before the writers finish at once).
    public func prepareThemes() {
        for theme in analyses.themes {
            for opinion in theme.representatives { _ = printed(opinion) }
        }
    }

    static func candidate(_ o: ThemeOpinion, sessions: [String: String]) -> QuoteCandidate {
        QuoteCandidate(
            id: o.id, text: o.text, segments: o.segments, type: nil, respondent: o.respondent,
            session: o.session.map { sessions[$0] ?? SessionLabel.label(title: nil, file: $0) }, words: [])
    }
}
