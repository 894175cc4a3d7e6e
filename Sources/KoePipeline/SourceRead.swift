// SourceRead — reads one input file of a run: routes its import events to the analysis batches, the running
// aggregates and the writers, and records the file's line of run.json. A file that cannot be read at all is
// reported and rejected whole; the run goes on with the next file.
import Foundation
import KoeCore
import KoeRender
import KoeRun

/// One file's reading within `koe run`.
struct SourceRead {
    let source: SourceConfig
    let stages: Stages
    let ids: IDQualifier
    let batches: BatchProcessor
    let state: RunAccumulator
    let writers: [OutputWriter]
    let ticker: ProgressTicker

    /// Reads `url` and returns its run.json record; throws only under `strict`.
    func read(url: URL, display: String, diagnostics: DiagnosticSink) throws -> InputRecord {
        var input = InputRecord(path: display, kind: source.kind?.rawValue ?? "auto")
        state.report.files += 1
        try InputFile.requireRegular(url, display: display)
        let before = InputFile.snapshot(url)
        // The hash (about a third of a second per 30 MB) is computed beside the reading, not before it.
        let hashing = FileHash.Background(url)
        let sink = ClosureSink { event in
            // The event is moved apart: its opinion goes on to the batch without a copy.
            switch consume event {
            case .opinion(let opinion):
                input.opinions += 1
                ticker.opinion()
                let qualified = ids.qualify(opinion)
                state.submitted(qualified)
                try batches.add(qualified)
            case .respondent(let respondent):
                input.respondents += 1
                let segments = state.respondent(respondent, source: source, file: display)
                for writer in writers { try writer.respondent(respondent, segments: segments) }
            case .rejected(let record):
                input.rejected += 1
                state.report.rejected += 1
                for writer in writers { try writer.reject(record) }
            case .skipped(let record):
                input.skipped += 1
                state.skipped(record)
            }
        }
        do {
            try stages.importFile(url: url, displayPath: display, source: source, into: sink) { session in
                state.session(file: display, title: session.title)
            }
            try batches.flush()
        } catch let error as KoeError {
            // A file cut short while it was read fails on its broken end: the change is the error to report.
            try InputFile.requireUnchanged(url, display: display, before: before)
            // strict: the first unreadable record stops the run (nothing is written).
            if source.strict { throw error }
            // A file that cannot be read at all is reported; the other files are still imported.
            try batches.flush()
            diagnostics.report(error.diagnostic)
            input.error = error.diagnostic.description
            input.rejected += 1
            state.report.failedFiles.append(display)
            state.report.rejected += 1
            let record = RejectedRecord(
                location: error.diagnostic.location ?? SourceLocation(file: display), code: error.diagnostic.code,
                reason: error.diagnostic.message)
            for writer in writers { try writer.reject(record) }
        }
        if let hash = hashing.result() {
            input.sha256 = hash.hex
            input.bytes = hash.bytes
        }
        // A file truncated or rewritten while it was read would give a fraction of its records silently.
        try InputFile.requireUnchanged(url, display: display, before: before)
        return input
    }
}
