// RunManifest — run.json: inputs with SHA-256, codebook and gazetteer hashes, counts that add up,
// unmapped segment values, timings and version. The only output that holds times.
import Foundation
import KoeRender

/// One input file's line in run.json.
struct InputRecord: Sendable {
    var path: String
    var kind: String
    var sha256: String?
    var bytes = 0
    var respondents = 0
    var opinions = 0
    var skipped = 0
    var rejected = 0
    /// Set when the file could not be read at all.
    var error: String?
}

struct RunManifest {
    let config: PipelineConfig
    let codebook: (path: String, sha256: String?, areas: Int)
    let gazetteer: (path: String, sha256: String?)?
    var inputs: [InputRecord] = []
    var report: RunReport?
    var skipped: [String: Int] = [:]
    var unmapped = UnmappedTally()
    var invalidRatings = 0
    var started = Date()
    var timings: [(String, Double)] = []

    init(config: PipelineConfig, stages: Stages) {
        self.config = config
        let codebookURL = stages.codebookURL
        codebook = (SourceFiles.display(codebookURL, base: config.baseDirectory), FileHash.sha256(codebookURL)?.hex, stages.areas.count)
        gazetteer = stages.gazetteerURL.map { (SourceFiles.display($0, base: config.baseDirectory), FileHash.sha256($0)?.hex) }
    }

    func write(to url: URL) throws {
        var root = JSONObject()
        root.add("koe_version", koeVersion)
        root.add("pipeline", config.displayPath)
        root.add("name", config.name)
        root.add("started_at", ISO8601DateFormatter().string(from: started))
        var times = JSONObject()
        for (name, seconds) in timings { times.add(name, seconds, digits: 3) }
        times.add("total", Date().timeIntervalSince(started), digits: 3)
        root.add("seconds", raw: times.text)
        root.add(
            "inputs",
            raw: JSONText.array(
                inputs.map { input in
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
                    return o.text
                }))
        var book = JSONObject()
        book.add("path", codebook.path)
        book.add("sha256", codebook.sha256)
        book.add("areas", codebook.areas)
        root.add("codebook", raw: book.text)
        if let gazetteer {
            var g = JSONObject()
            g.add("path", gazetteer.path)
            g.add("sha256", gazetteer.sha256)
            root.add("gazetteer", raw: g.text)
        }
        var counts = JSONObject()
        let opinions = inputs.reduce(0) { $0 + $1.opinions }
        let skippedTotal = inputs.reduce(0) { $0 + $1.skipped }
        let rejected = inputs.reduce(0) { $0 + $1.rejected }
        // Answers in = opinions out + skipped (empty / non-answers) + rejected records.
        counts.add("in", opinions + skippedTotal + rejected)
        counts.add("opinions", opinions)
        counts.add("skipped", skippedTotal)
        counts.add("rejected", rejected)
        counts.add("respondents", inputs.reduce(0) { $0 + $1.respondents })
        counts.add("tagged", report?.tagged)
        counts.add("untagged", report.map { $0.opinions - $0.tagged })
        counts.add("failed_files", report?.failedFiles.count ?? 0)
        counts.add("invalid_ratings", invalidRatings)
        var reasons = JSONObject()
        for (code, n) in skipped.sorted(by: { $0.key < $1.key }) { reasons.add(code, n) }
        counts.add("skipped_by_reason", raw: reasons.text)
        root.add("counts", raw: counts.text)
        var unmappedJSON = JSONObject()
        for (segment, values) in unmapped.values.sorted(by: { $0.key < $1.key }) {
            var v = JSONObject()
            for (value, n) in values.sorted(by: { $0.key < $1.key }) { v.add(value, n) }
            unmappedJSON.add(segment, raw: v.text)
        }
        root.add("unmapped", raw: unmappedJSON.text)
        let file = try OutputFile(url: url)
        try file.write(root.text + "\n")
        try file.close()
    }
}
