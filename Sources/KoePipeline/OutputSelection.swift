// OutputSelection — which outputs a run writes (`outputs:` in the pipeline, `koe run --only`), and from that
// which work the run does: work that no requested output needs is skipped (SPEC §4).
import Foundation
import KoeCore
import KoeRender
import Yams

/// The outputs one run writes. run.json is always written and is not part of the selection.
public struct OutputSelection: Sendable, Hashable {
    /// Every output a run can write, in the order the runner writes them (run.json, always written, left out).
    public static let names: [String] = OutputWriters.standard.map(\.name).filter { $0 != RunManifestWriter.fileName }
    /// Every output (the default).
    public static let everything = OutputSelection(names: names, source: .all)

    /// Where the selection was given.
    public enum Source: String, Sendable, Hashable {
        /// No selection: every output.
        case all
        /// The pipeline's `outputs:` key.
        case pipeline = "outputs"
        /// `koe run --only`.
        case flag = "--only"
    }

    /// The requested outputs, in writer order (never run.json).
    public let requested: [String]
    public let source: Source

    private init(names: [String], source: Source) {
        let set = Set(names)
        requested = Self.names.filter { set.contains($0) }
        self.source = source
    }

    /// Whether `name` (a file name of SPEC §6) is written; run.json always is.
    public func wants(_ name: String) -> Bool { name == RunManifestWriter.fileName || requested.contains(name) }

    /// The files written, run.json last (as run.json's `outputs` lists them).
    public var written: [String] { requested + [RunManifestWriter.fileName] }

    /// `koe run --only a,b`: names separated by commas (spaces around them ignored).
    public static func parse(only text: String) throws -> OutputSelection {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for item in items where !isKnown(item) {
            throw KoeError(
                code: "unknown-output", message: "--only に不明な出力「\(item)」があります", hint: namesHint(item))
        }
        guard !items.isEmpty else {
            throw KoeError(code: "empty-outputs", message: "--only に出力が一つも書かれていません", hint: namesHint(nil))
        }
        return OutputSelection(names: items, source: .flag)
    }

    /// The pipeline's `outputs: [summary.csv, crosstab.csv]`; an unknown name is an error at its line.
    static func read(_ node: Node, _ yaml: YAMLReader) throws -> OutputSelection {
        let nodes = try yaml.sequence(node, "outputs")
        var items: [String] = []
        for item in nodes {
            let name = try yaml.string(item, "outputs")
            guard isKnown(name) else {
                throw yaml.error(item, code: "unknown-output", "outputs に不明な出力「\(name)」があります", hint: namesHint(name))
            }
            items.append(name)
        }
        guard !items.isEmpty else {
            throw yaml.error(node, code: "empty-outputs", "outputs に出力が一つも書かれていません", hint: namesHint(nil))
        }
        return OutputSelection(names: items, source: .pipeline)
    }

    private static func isKnown(_ name: String) -> Bool { names.contains(name) || name == RunManifestWriter.fileName }

    private static func namesHint(_ name: String?) -> String {
        let close = name.flatMap { YAMLReader.closest($0, in: names) }.map { "「\($0)」の誤りではありませんか？ " } ?? ""
        return close + "使える出力: " + names.joined(separator: ", ") + "（run.json は常に書き出します）"
    }
}

/// The work each output needs. Tokens, areas, the summary and the cross-tabs are always computed (run.json
/// counts tagged opinions; summary and cross-tabs cost little); everything else only for the outputs below.
extension OutputSelection {
    /// Outputs that print quotes: quote scoring, the quote pools, masking and near-duplicate grouping.
    static let quoteOutputs = [
        QuotesMarkdownWriter.fileName, QuotesDocxWriter.fileName, ReportHTMLWriter.fileName, WorkspaceWriter.fileName,
    ]
    /// Outputs that show an opinion's type or horizon.
    static let typeOutputs = [OpinionsJSONLWriter.fileName, UntaggedCSVWriter.fileName] + quoteOutputs
    /// Outputs that hold an opinion's evidence (matched keywords and rule words).
    static let evidenceOutputs = [OpinionsJSONLWriter.fileName, WorkspaceWriter.fileName]
    /// Outputs built on content words (co-occurrence, keyness, word search, quote diversity, word tables).
    static let wordOutputs = quoteOutputs + [SummaryXLSXWriter.fileName]
    /// Outputs that show the themes of untagged opinions (report section, テーマ候補 sheet, `themes` tables).
    static let themeOutputs = [ReportHTMLWriter.fileName, SummaryXLSXWriter.fileName, WorkspaceWriter.fileName]
    /// Outputs that hold the normalized text (or shingle it for near-duplicates, or screen its words for masked
    /// spans: every output that lists words).
    static let normalizedOutputs = [OpinionsJSONLWriter.fileName] + wordOutputs

    private func wantsAny(_ names: [String]) -> Bool { names.contains { requested.contains($0) } }

    /// Outputs that show the text analyses (word list, related words, correspondence analyses).
    static let analysisOutputs = [SummaryXLSXWriter.fileName, ReportHTMLWriter.fileName, WorkspaceWriter.fileName]

    /// The word list, related words and correspondence analyses, computed after the input has ended.
    public var needsTextAnalyses: Bool { wantsAny(Self.analysisOutputs) }
    /// Quote candidates, quote pools, near-duplicate signatures and grouping, masking.
    public var needsQuotes: Bool { wantsAny(Self.quoteOutputs) }
    /// opinions.jsonl's lines, rendered on the analysis workers.
    public var needsJSONLines: Bool { requested.contains(OpinionsJSONLWriter.fileName) }

    /// What the per-opinion analysis computes for this selection.
    var analysis: AnalysisNeeds {
        AnalysisNeeds(
            types: wantsAny(Self.typeOutputs), evidence: wantsAny(Self.evidenceOutputs), words: wantsAny(Self.wordOutputs),
            normalized: wantsAny(Self.normalizedOutputs), quotes: needsQuotes, themes: wantsAny(Self.themeOutputs),
            quoteRanks: requested.contains(WorkspaceWriter.fileName))
    }
}

/// Parts of an opinion's analysis that only some outputs need (all on by default, as `koe tag` prints them).
/// Tokens and areas are always computed.
struct AnalysisNeeds: Sendable, Hashable {
    /// Opinion type and horizon (cue lexicons); off: 不明 / unknown.
    var types = true
    /// Evidence per matched area; off: none listed.
    var evidence = true
    /// Content words (`TaggedOpinion.words`); off: none.
    var words = true
    /// The normalized text (`TaggedOpinion.normalized`); off: empty.
    var normalized = true
    /// Near-duplicate signatures and quote candidates (`koe run` only); off: none.
    var quotes = true
    /// Themes of untagged opinions (their words and a sample kept while the run streams); off: none.
    var themes = true
    /// Every opinion's quote score parts, made on the worker and carried to the workspace (`TaggedOpinion.quoteRank`,
    /// its `quote_rank` rows and common words); off: the workspace is not written.
    var quoteRanks = true

    /// Whether something of every opinion's words is needed, tagged or not. When nothing is, an opinion the
    /// tagger's precheck finds untaggable is not tokenized (its evidence would be empty anyway).
    var everyOpinionsWords: Bool { types || words || normalized || quotes || themes }
}
