// OpinionsJSONLWriter — opinions.jsonl: one JSON object per analysed opinion, in input order.
import KoeCore
import KoeFormats
import KoeRun

/// Writes opinions.jsonl while the run streams.
public final class OpinionsJSONLWriter: OutputWriter {
    public static let fileName = "opinions.jsonl"
    private var file: OutputFile?

    public init() {}

    /// Renders an opinion's line ahead, on the analysis worker that made it (`write` then copies the bytes).
    public static let renderOnWorker: @Sendable (inout TaggedOpinion) -> Void = { $0.renderedLine = OpinionJSON.lineBytes($0) }

    public func begin(_ run: RunContext) throws { file = try OutputFile(url: run.file(Self.fileName)) }

    public func write(_ batch: [TaggedOpinion]) throws {
        guard let file else { return }
        for p in batch {
            // Rendered ahead on the analysis workers; rendered here only when it was not.
            try file.write(bytes: p.renderedLine ?? OpinionJSON.lineBytes(p))
        }
    }

    public func finish(_ results: RunResults) throws { try file?.close() }
}
