// TagSession — `koe tag`: imports files, tags them with a codebook and prints one JSON line per opinion
// (areas, evidence, type, horizon), or, with suggestions on, the words characteristic of untagged opinions.
import Foundation
import KoeCore
import KoeFormats
import KoeRender
import KoeSegments
import KoeTagging
import KoeText

public final class TagSession {
    private let importer: SourceImporter
    private let diagnostics: DiagnosticSink
    private let output: OutputFile
    private let suggest: Bool
    private var batches: BatchProcessor?
    private var keyness = KeynessSuggester()
    public private(set) var opinions = 0
    public private(set) var tagged = 0
    public let codebook: Codebook

    public init(
        codebook url: URL, displayPath: String, gazetteer: URL?, importer: SourceImporter, suggest: Bool,
        output: OutputFile, diagnostics: DiagnosticSink
    ) throws {
        self.importer = importer
        self.diagnostics = diagnostics
        self.output = output
        self.suggest = suggest
        let gazetteerValue = try gazetteer.map { try Gazetteer.load(url: $0, displayPath: $0.relativePath) }
        let tokenizer = try Tokenizer()
        codebook = try Codebook.load(
            url: url, displayPath: displayPath, tokenizer: tokenizer, keepingWhole: gazetteerValue?.names ?? [],
            diagnostics: diagnostics)
        var analyzer = OpinionAnalyzer(
            tagger: try Tagger(codebook: codebook), classifier: .standard,
            segments: SegmentCache(try SegmentNormalizer(ageBands: PipelineConfig.defaultAgeBands, gazetteer: gazetteerValue)),
            words: tokenizer.words)
        analyzer.keepTokens = suggest
        analyzer.forRun = false
        batches = try BatchProcessor(analyzer: analyzer, step: suggest ? nil : OpinionsJSONLWriter.renderOnWorker) {
            [unowned self] batch, extras in
            for (p, extra) in zip(batch, extras) {
                opinions += 1
                if !p.areas.isEmpty { tagged += 1 }
                if suggest, let tokens = extra.tokens {
                    keyness.add(id: p.opinion.id, text: tokens, tagged: !p.areas.isEmpty)
                } else if !suggest {
                    try output.write(bytes: p.renderedLine ?? OpinionJSON.lineBytes(p))
                }
            }
        }
    }

    /// Imports and tags one file.
    /// Every file this session will read (ids stay unique when two share a name).
    public var inputs: [String] = [] {
        didSet { ids = IDQualifier(paths: inputs) }
    }
    private var ids = IDQualifier(paths: [])

    public func read(url: URL, displayPath: String, kind: SourceKind?) throws {
        guard let batches else { return }
        let sink = ClosureSink { event in
            if case .opinion(let o) = event { try batches.add(self.ids.qualify(o)) }
        }
        try importer.read(url: url, displayPath: displayPath, kind: kind, into: sink, diagnostics: diagnostics)
        try batches.flush()
    }

    /// Flushes; with suggestions on, prints them.
    public func finish(limit: Int) throws {
        try batches?.flush()
        if suggest { try output.write(keyness.rendered(limit: limit)) }
        try output.close()
    }
}
