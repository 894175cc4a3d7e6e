// WorkspaceWriter — koe.sqlite, the workspace: respondents, opinions, koe's words (FTS5), tags with evidence,
// rejected records, then sources, summary, cross-tabs and the printed quotes (schema in docs/outputs.md).
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeWorkspace

/// Writes koe.sqlite while the run streams; `koe quotes` reads it.
public final class WorkspaceWriter: OutputWriter {
    public static let fileName = "koe.sqlite"
    private var builder: WorkspaceBuilder?
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws {
        self.run = run
        let builder = try WorkspaceBuilder(url: run.file(Self.fileName))
        try builder.addAreas(run.areas)
        self.builder = builder
    }

    public func respondent(_ respondent: Respondent, segments: Segments) throws {
        guard let builder else { return }
        var ratings: String?
        if !respondent.ratings.isEmpty {
            var o = JSONObject()
            for (column, value) in respondent.ratings.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                o.add(column, value)
            }
            ratings = o.text
        }
        try builder.addRespondent(respondent, segments: segments, ratingsJSON: ratings)
    }

    public func write(_ batch: [TaggedOpinion]) throws { try builder?.addOpinions(batch) }

    public func reject(_ record: RejectedRecord) throws { try builder?.addRejected(record) }

    public func finish(_ results: RunResults) throws {
        guard let builder, let run else { return }
        let m = results.manifest
        var meta = [
            ("koe_version", m.version), ("title", run.title), ("pipeline", m.pipeline), ("codebook", m.codebook.path),
            ("min_cell", String(run.minCell)),
        ]
        if let hash = m.codebook.sha256 { meta.append(("codebook_sha256", hash)) }
        try builder.addMeta(meta)
        for input in m.inputs {
            try builder.addSource(
                path: input.path, kind: input.kind, sha256: input.sha256, bytes: input.bytes, respondents: input.respondents,
                opinions: input.opinions, skipped: input.skipped, rejected: input.rejected, error: input.error)
        }
        try builder.addSummary(results.summary)
        try builder.addCrossTabs(results.crossTabs)
        for area in run.areas {
            for (i, quote) in (results.quotes[area.code] ?? []).enumerated() {
                let q = results.printed(quote)
                try builder.addQuote(
                    area: area.code, position: i + 1, opinionID: q.id, maskedText: q.text, trimmed: q.trimmed,
                    attribution: q.attribution, score: q.score, group: q.group, groupSize: q.groupSize)
            }
        }
        try builder.addNearDuplicates(results.nearDuplicates)
        try builder.addSessions(results.sessions)
        try builder.finish()
        self.builder = nil
    }
}
