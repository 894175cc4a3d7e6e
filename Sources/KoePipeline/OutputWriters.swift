// OutputWriters — the list of output formats `koe run` writes. Adding a format is one writer file in
// KoeRender/Writers and one line here.
import KoeRender

enum OutputWriters {
    /// Every output of SPEC §6, run.json last (its timings cover the others).
    static func standard() -> [OutputWriter] {
        [
            OpinionsJSONLWriter(),
            UntaggedCSVWriter(),
            RejectedCSVWriter(),
            SummaryCSVWriter(),
            CrossTabCSVWriter(),
            QuotesMarkdownWriter(),
            WorkspaceWriter(),
            RunManifestWriter(),
        ]
    }
}
