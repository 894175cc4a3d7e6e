// OutputWriters — the list of output formats `koe run` writes. Adding a format is one writer file in
// KoeRender/Writers and one line here.
import KoeRender
import KoeRun

enum OutputWriters {
    /// The writers of the selected outputs (run.json always), each timed into `timer` (run.json
    /// `seconds.writers`). Only those are built: a writer may load resources (the masking lexicons) when made.
    static func timed(_ timer: RunTimer, _ selection: OutputSelection = .everything) -> [OutputWriter] {
        standard.filter { selection.wants($0.name) }.map { entry in
            let timed = TimedWriter(entry.make(), name: entry.name, timer: timer)
            // The costly streaming writers run on their own threads (same calls, same order, same bytes).
            return background.contains(entry.name) ? BackgroundWriter(timed, label: entry.name) : timed
        }
    }

    /// Per-opinion work of the writers done on the analysis workers (opinions.jsonl's line).
    static let workerStep: WorkerStep = OpinionsJSONLWriter.renderOnWorker

    /// The selected writers' names, in the order `timed` builds them.
    static func names(_ selection: OutputSelection = .everything) -> [String] {
        standard.map(\.name).filter { selection.wants($0) }
    }

    /// Writers whose `finish` takes longest (koe.sqlite waits for its indexes, report.html counts and draws its
    /// networks): they start first when the finishes run side by side, so that no core is left with them alone.
    static let finishedFirst = [WorkspaceWriter.fileName, ReportHTMLWriter.fileName]

    /// Writers whose streaming work runs beside the reading and analysis.
    static let background: Set<String> = [WorkspaceWriter.fileName, ReportHTMLWriter.fileName]

    /// Every output of SPEC §6 with how to make its writer, run.json last (its timings cover the others).
    static let standard: [(name: String, make: @Sendable () -> OutputWriter)] = [
        (OpinionsJSONLWriter.fileName, { OpinionsJSONLWriter() }),
        (UntaggedCSVWriter.fileName, { UntaggedCSVWriter() }),
        (RejectedCSVWriter.fileName, { RejectedCSVWriter() }),
        (SummaryCSVWriter.fileName, { SummaryCSVWriter() }),
        (SummaryXLSXWriter.fileName, { SummaryXLSXWriter() }),
        (CrossTabCSVWriter.fileName, { CrossTabCSVWriter() }),
        (QuotesMarkdownWriter.fileName, { QuotesMarkdownWriter() }),
        (QuotesDocxWriter.fileName, { QuotesDocxWriter() }),
        (ReportHTMLWriter.fileName, { ReportHTMLWriter() }),
        (WorkspaceWriter.fileName, { WorkspaceWriter() }),
        (RunManifestWriter.fileName, { RunManifestWriter() }),
    ]
}
