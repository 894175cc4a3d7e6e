// WorkspaceWriter — koe.sqlite, the workspace: respondents, opinions, koe's words (FTS5), tags with evidence,
// rejected records, then sources, summary, cross-tabs and the printed quotes (schema in docs/outputs.md).
import Foundation
import KoeAnalysis
import KoeCore
import KoeFormats
import KoeQuotes
import KoeRun
import KoeWorkspace

/// Writes koe.sqlite while the run streams; `koe quotes` reads it.
public final class WorkspaceWriter: OutputWriter {
    public static let fileName = "koe.sqlite"
    private var builder: WorkspaceBuilder?
    private var run: RunContext?
    private var ratings = RatingsJSON()

    public init() {}

    public func begin(_ run: RunContext) throws {
        self.run = run
        let builder = try WorkspaceBuilder(url: run.file(Self.fileName))
        try builder.addAreas(run.areas)
        self.builder = builder
    }

    public var takesRespondents: Bool { true }

    public func respondent(_ respondent: Respondent, segments: Segments) throws {
        guard let builder else { return }
        if respondent.ratings.isEmpty {
            try builder.addRespondent(respondent, segments: segments, ratingsJSON: nil as [UInt8]?)
        } else {
            ratings.render(respondent.ratings)
            try builder.addRespondent(respondent, segments: segments, ratingsJSON: ratings.bytes)
        }
    }

    public func write(_ batch: [TaggedOpinion]) throws { try builder?.addOpinions(batch) }

    public func reject(_ record: RejectedRecord) throws { try builder?.addRejected(record) }

    /// The word index and the indexes are built while the runner groups near-duplicates.
    public func inputEnded() throws { try builder?.buildIndexes() }

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
                    attribution: q.attribution, score: q.score, group: q.group, groupSize: q.groupSize,
                    review: JSONText.array(q.review.map(JSONText.quote)))
            }
        }
        try builder.addNearDuplicates(results.nearDuplicates)
        try builder.addSessions(results.sessions)
        try Self.addPlanCycle(results.planCycle, to: builder)
        try builder.addAnalyses(results.analyses)
        let themes = results.analyses.themes
        try builder.addThemes(
            themes, keywordsJSON: themes.map { JSONText.array($0.keywords.map(JSONText.quote)) },
            representativesJSON: themes.map { t in
                JSONText.array(
                    t.representatives.map {
                        let q = results.printed($0)
                        return
                            "{\"id\":\(JSONText.quote(q.id)),\"text\":\(JSONText.quote(q.text)),\"attribution\":\(JSONText.quote(q.attribution))}"
                    })
            })
        try builder.finish()
        // The plan team's choices and hand masks (koe serve) live in the workspace: carry the previous run's over.
        if run.directory.lastPathComponent == ".koe-work" {
            let previous = run.directory.deletingLastPathComponent().appendingPathComponent(Self.fileName)
            try ChoiceTables.carry(from: previous, into: builder.database)
        }
        self.builder = nil
    }
}

/// A respondent's ratings as a JSON object with keys in UTF-8 order, rendered into one reused buffer. Every
/// respondent of a survey file carries the same column array: its key order and quoted keys are worked out
/// once per array (no hashing of Japanese keys, no sort per respondent).
struct RatingsJSON {
    private var columns: [String] = []
    /// Column positions in UTF-8 key order, and each column's quoted key with its colon.
    private var order: [Int] = []
    private var quotedKeys: [[UInt8]] = []
    private(set) var bytes: [UInt8] = []
    /// Room the plain rendering writes into (its count is the room, not the bytes written).
    private var scratch: [UInt8] = []

    mutating func render(_ ratings: RatingAnswers) {
        // Array equality first compares storage identity: the same file's respondents pass at once.
        if ratings.columns != columns || quotedKeys.isEmpty {
            columns = ratings.columns
            order = columns.indices.sorted { columns[$0].utf8.lexicographicallyPrecedes(columns[$1].utf8) }
            quotedKeys = columns.map { key in
                var quoted: [UInt8] = []
                JSONText.append(key, to: &quoted)
                quoted.append(0x3A)  // :
                return quoted
            }
        }
        bytes.removeAll(keepingCapacity: true)
        if !renderPlain(ratings.values) { renderEscaped(ratings.values) }
    }

    /// Renders the object in one pass into `scratch` when no value needs escaping (the usual answers: digits,
    /// plain words), then copies it to `bytes` at once; false (nothing written) when one does.
    private mutating func renderPlain(_ values: [String?]) -> Bool {
        let (order, quotedKeys) = (order, quotedKeys)
        return values.withUnsafeBufferPointer { values in
            // Room: the braces, and per value a comma, its quoted key and its quoted bytes.
            var room = 2
            for i in order {
                guard let value = values[i] else { continue }
                room += 3 + quotedKeys[i].count + value.utf8.count
            }
            if scratch.count < room { scratch = [UInt8](repeating: 0, count: max(room, 2 * scratch.count)) }
            let written = scratch.withUnsafeMutableBufferPointer { out -> Int? in
                guard let base = out.baseAddress else { return nil }
                var o = 0
                base[o] = 0x7B  // {
                o += 1
                for i in order {
                    guard let value = values[i] else { continue }
                    if o > 1 {
                        base[o] = 0x2C  // ,
                        o += 1
                    }
                    quotedKeys[i].withUnsafeBufferPointer { key in
                        (base + o).update(from: key.baseAddress!, count: key.count)
                        o += key.count
                    }
                    let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { v in
                        guard !v.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) else { return false }
                        base[o] = 0x22  // "
                        if let start = v.baseAddress { (base + o + 1).update(from: start, count: v.count) }
                        base[o + 1 + v.count] = 0x22
                        o += v.count + 2
                        return true
                    }
                    guard copied == true else { return nil }
                }
                base[o] = 0x7D  // }
                return o + 1
            }
            guard let written else { return false }
            bytes.append(contentsOf: scratch[0..<written])
            return true
        }
    }

    /// Renders the object value by value with JSON escapes (a quote, a backslash, a control character, U+2028/2029).
    private mutating func renderEscaped(_ values: [String?]) {
        bytes.append(0x7B)  // {
        var first = true
        values.withUnsafeBufferPointer { values in
            for i in order {
                guard let value = values[i] else { continue }
                if !first { bytes.append(0x2C) }  // ,
                first = false
                bytes.append(contentsOf: quotedKeys[i])
                JSONText.append(value, to: &bytes)
            }
        }
        bytes.append(0x7D)  // }
    }
}
