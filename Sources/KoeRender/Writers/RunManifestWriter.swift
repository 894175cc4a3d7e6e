// RunManifestWriter — run.json: inputs with SHA-256, codebook and gazetteer hashes, counts that add up, unmapped
// segment values, timings and version. The only output that holds times; written last.
import Foundation
import KoeFormats
import KoeQuotes
import KoeRun

/// Writes run.json; the runner lists it last so its timings cover every other output.
public final class RunManifestWriter: OutputWriter {
    public static let fileName = "run.json"
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        results.timer.lap("outputs")
        let m = results.manifest
        var root = JSONObject()
        root.add("koe_version", m.version)
        root.add("pipeline", m.pipeline)
        root.add("name", m.name)
        root.add("started_at", ISO8601DateFormatter().string(from: results.timer.started))
        root.add("outputs", strings: m.outputs.files)
        root.add("outputs_from", m.outputs.source)
        var times = JSONObject()
        for (name, seconds) in results.timer.laps { times.add(name, seconds, digits: 3) }
        times.add("total", Date().timeIntervalSince(results.timer.started), digits: 3)
        var writers = JSONObject()
        for (name, seconds) in results.timer.writers where name != Self.fileName { writers.add(name, seconds, digits: 3) }
        times.add("writers", object: writers)
        root.add("seconds", object: times)
        root.add("inputs", objects: m.inputs.map(Self.input))
        var book = JSONObject()
        book.add("path", m.codebook.path)
        book.add("sha256", m.codebook.sha256)
        book.add("areas", m.codebookAreas)
        root.add("codebook", object: book)
        if let gazetteer = m.gazetteer {
            var g = JSONObject()
            g.add("path", gazetteer.path)
            g.add("sha256", gazetteer.sha256)
            root.add("gazetteer", object: g)
        }
        var counts = JSONObject()
        let opinions = m.inputs.reduce(0) { $0 + $1.opinions }
        let skipped = m.inputs.reduce(0) { $0 + $1.skipped }
        let rejected = m.inputs.reduce(0) { $0 + $1.rejected }
        // Answers in = opinions out + skipped (empty / non-answers) + rejected records.
        counts.add("in", opinions + skipped + rejected)
        counts.add("opinions", opinions)
        counts.add("skipped", skipped)
        counts.add("rejected", rejected)
        counts.add("respondents", m.inputs.reduce(0) { $0 + $1.respondents })
        counts.add("tagged", m.tagged)
        counts.add("untagged", m.analysed - m.tagged)
        counts.add("failed_files", m.failedFiles)
        counts.add("invalid_ratings", m.invalidRatings)
        var reasons = JSONObject()
        for (code, n) in m.skippedByReason.sorted(by: { $0.key < $1.key }) { reasons.add(code, n) }
        counts.add("skipped_by_reason", object: reasons)
        root.add("counts", object: counts)
        // Near-identical opinions (campaigns, copy-paste): MinHash candidates checked by exact Jaccard.
        if m.nearDuplicatesGrouped {
            var near = JSONObject()
            near.add("groups", results.nearDuplicates.count)
            near.add("grouped_opinions", results.nearDuplicates.reduce(0) { $0 + $1.count })
            near.add("largest", results.nearDuplicates.map(\.count).max() ?? 0)
            near.add("threshold", NearDuplicateSettings.standard.threshold, digits: 2)
            root.add("near_duplicates", object: near)
        }
        var unmapped = JSONObject()
        for (segment, values) in m.unmapped.sorted(by: { $0.key < $1.key }) {
            var v = JSONObject()
            for (value, n) in values.sorted(by: { $0.key < $1.key }) { v.add(value, n) }
            unmapped.add(segment, object: v)
        }
        root.add("unmapped", object: unmapped)
        let file = try OutputFile(url: run.file(Self.fileName))
        try file.write(root.text + "\n")
        try file.close()
    }

    private static func input(_ input: InputRecord) -> JSONObject {
        var o = JSONObject()
        o.add("path", input.path)
        o.add("kind", input.kind)
        o.add("sha256", input.sha256)
        o.add("bytes", input.bytes)
        o.add("respondents", input.respondents)
        o.add("opinions", input.opinions)
        o.add("skipped", input.skipped)
        o.add("rejected", input.rejected)
        o.add("error", input.error)
        return o
    }
}
