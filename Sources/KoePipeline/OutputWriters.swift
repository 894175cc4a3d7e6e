// OutputWriters — the list of output formats `koe run` writes. Adding a format is one writer file in
// KoeRender/Writers and one line here.
import KoeRender

enum OutputWriters {
    /// The standard writers, each timed into `timer` (run.json `seconds.writers`).
    static func timed(_ timer: RunTimer) -> [OutputWriter] {
        standard().map { TimedWriter($0.writer, name: $0.name, timer: timer) }
    }

    /// Every output of SPEC §6, run.json last (its timings cover the others).
    static func standard() -> [(name: String, writer: OutputWriter)] {
        [
            (OpinionsJSONLWriter.fileName, OpinionsJSONLWriter()),
            (UntaggedCSVWriter.fileName, UntaggedCSVWriter()),
            (RejectedCSVWriter.fileName, RejectedCSVWriter()),
            (SummaryCSVWriter.fileName, SummaryCSVWriter()),
            (CrossTabCSVWriter.fileName, CrossTabCSVWriter()),
            (QuotesMarkdownWriter.fileName, QuotesMarkdownWriter()),
            (WorkspaceWriter.fileName, WorkspaceWriter()),
            (RunManifestWriter.fileName, RunManifestWriter()),
        ]
    }
}
