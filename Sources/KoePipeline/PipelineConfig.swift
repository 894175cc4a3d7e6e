// PipelineConfig — the pipeline file (SPEC §4): sources, codebook, gazetteer, segments, quotes, output.
// Paths are relative to the pipeline file; unknown keys are errors naming the key and the line.
import Foundation
import KoeAnalysis
import KoeCore
import KoeText
import Yams

/// A rating column pair for one area.
public struct RatingPair: Sendable, Hashable {
    public var area: String
    /// Column label or Excel letter.
    public var importance: String?
    public var satisfaction: String?
}

/// One entry of `sources`.
public struct SourceConfig: Sendable {
    /// The path or glob as written.
    public var path: String
    /// Line of the entry in the pipeline file.
    public var line: Int
    public var kind: SourceKind?
    /// nil: detected per file.
    public var encoding: TextEncoding?
    public var sheet: String?
    public var headerRows: Int?
    /// Column label or Excel letter → role name (id text age gender district rating choice other).
    public var columns: [(column: String, role: String)] = []
    public var labels: [String: [String: String]] = [:]
    public var ratings: [RatingPair] = []
    public var scale = RatingScale()
    public var weights: String?
    public var segments = RawSegments()
    public var strict = false
    /// `skip_moderated: true` — leave out comments a moderation column marks as moderated out (Polis -1).
    public var skipModerated = false
    /// `type:` / `horizon:` — the question's type and horizon, per source or per column (QuestionSettings).
    public var questions = QuestionSettings()
}

/// A parsed pipeline file.
public struct PipelineConfig: Sendable {
    public static let roles = ["id", "text", "age", "gender", "district", "rating", "choice", "other"]
    public static let defaultAgeBands = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上"]

    /// The pipeline file itself.
    public var file: URL
    public var displayPath: String
    public var name: String?
    public var sources: [SourceConfig] = []
    public var codebook: String?
    public var gazetteer: String?
    /// Words kept whole by the tokenizer (`words:`, a UTF-8 file of one word a line, relative to the pipeline).
    public var words: String?
    public var ageBands: [String] = PipelineConfig.defaultAgeBands
    public var quotesPerArea = 5
    /// `quotes: {chosen: true}`: quotes.md and quotes.docx print the quotes the plan team chose in koe serve (kept
    /// in the previous run's workspace) instead of koe's own selection.
    public var quotesChosen = false
    public var minCell = 5
    public var output: String?
    /// The previous survey wave's workspace (`baseline:`), and the line it is set on.
    public var baseline: String?
    public var baselineLine: Int?
    /// The 小学校区 polygons (`map:`).
    public var map: MapConfig?
    /// The outputs to write (`outputs:`; default: every output).
    public var outputs = OutputSelection.everything
    /// `themes: {count: N}`: the number of themes of untagged opinions (nil: koe's rule; 0: none).
    public var themeCount: Int?
    /// `themes: {method: kmeans|average}`: how the sample is clustered (average linkage only for comparisons).
    public var themeMethod = ThemeMethod.kmeans

    /// The folder relative paths are resolved against.
    public var baseDirectory: URL { file.deletingLastPathComponent() }

    /// Resolves a path written in the pipeline file.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path).standardizedFileURL
    }

    /// Reads and validates a pipeline file.
    public static func load(_ url: URL, displayPath: String) throws -> PipelineConfig {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw KoeError(
                code: "is-a-directory", message: "パイプラインファイルではなくフォルダが指定されました: \(displayPath)",
                hint: "YAML ファイルを指定してください（例: koe run Pipelines/sample.yml）", location: SourceLocation(file: displayPath))
        }
        try InputFile.requireRegular(url, display: displayPath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw KoeError(
                code: "file-not-found", message: "パイプラインファイルが見つかりません: \(displayPath)",
                hint: "パスを確認してください（例: koe run Pipelines/sample.yml）", location: SourceLocation(file: displayPath))
        }
        let text = try DecodedText.strictText(
            data, encoding: .utf8, what: "パイプラインファイル", hint: "メモ帳などで「UTF-8」を選んで保存し直してください",
            displayPath: displayPath)
        return try parse(text, file: url, displayPath: displayPath)
    }

    public static func parse(_ text: String, file: URL, displayPath: String) throws -> PipelineConfig {
        let yaml = YAMLReader(displayPath: displayPath)
        guard let root = try yaml.compose(text) else {
            throw KoeError(
                code: "empty-pipeline", message: "パイプラインファイルが空です",
                hint: "sources, codebook, output を書いてください（Pipelines/sample.yml が例です）",
                location: SourceLocation(file: displayPath))
        }
        var config = PipelineConfig(file: file, displayPath: displayPath)
        let top = [
            "name", "sources", "codebook", "gazetteer", "words", "segments", "quotes", "output", "outputs", "baseline", "map",
            "themes",
        ]
        for (key, value, _) in try yaml.mapping(root, allowed: top, context: "パイプライン") {
            switch key {
            case "name": config.name = try yaml.string(value, key)
            case "sources": config.sources = try yaml.sequence(value, key).map { try source($0, yaml) }
            case "codebook": config.codebook = try yaml.string(value, key)
            case "gazetteer": config.gazetteer = try yaml.string(value, key)
            case "words": config.words = try yaml.string(value, key)
            case "output": config.output = try yaml.string(value, key)
            case "baseline":
                config.baseline = try yaml.string(value, key)
                config.baselineLine = value.mark?.line
            case "map": config.map = try mapConfig(value, yaml)
            case "outputs": config.outputs = try OutputSelection.read(value, yaml)
            case "segments":
                for (k, v, _) in try yaml.mapping(value, allowed: ["age_bands"], context: "segments") where k == "age_bands" {
                    config.ageBands = try yaml.strings(v, k)
                    if config.ageBands.isEmpty {
                        throw yaml.error(v, code: "bad-value", "age_bands が空です", hint: "例: [10代, 20代, 30代, 40代, 50代, 60代, 70代, 80歳以上]")
                    }
                }
            case "quotes":
                for (k, v, _) in try yaml.mapping(value, allowed: ["per_area", "min_cell", "chosen"], context: "quotes") {
                    if k == "per_area" { config.quotesPerArea = try yaml.int(v, k, UserNumber.quotesPerArea) }
                    if k == "min_cell" { config.minCell = try yaml.int(v, k, UserNumber.minCell) }
                    if k == "chosen" { config.quotesChosen = try yaml.choice(v, k, ["true", "false"]) == "true" }
                }
            case "themes":
                for (k, v, _) in try yaml.mapping(value, allowed: ["count", "method"], context: "themes") {
                    if k == "count" { config.themeCount = try yaml.int(v, k, UserNumber.themeCount) }
                    if k == "method" {
                        config.themeMethod = ThemeMethod(rawValue: try yaml.choice(v, k, ThemeMethod.allCases.map(\.rawValue))) ?? .kmeans
                    }
                }
            default: break
            }
        }
        if config.sources.isEmpty {
            throw KoeError(
                code: "missing-key", message: "sources がありません", hint: "読み込むアンケートやワークショップ記録を sources に書いてください",
                location: SourceLocation(file: displayPath, row: root.mark?.line))
        }
        return config
    }

    private static func source(_ node: Node, _ yaml: YAMLReader) throws -> SourceConfig {
        let allowed = [
            "path", "kind", "encoding", "sheet", "header_rows", "columns", "labels", "ratings", "scale", "weights",
            "segments", "strict", "type", "horizon", "skip_moderated",
        ]
        var source = SourceConfig(path: "", line: node.mark?.line ?? 0)
        var hasPath = false
        for (key, value, _) in try yaml.mapping(node, allowed: allowed, context: "sources の項目") {
            switch key {
            case "path":
                source.path = try yaml.string(value, key)
                hasPath = true
            case "kind": source.kind = SourceKind(rawValue: try yaml.choice(value, key, ["survey", "workshop"]))
            case "encoding":
                let name = try yaml.string(value, key)
                do { source.encoding = try TextEncoding.named(name) } catch let error as KoeError {
                    throw yaml.error(value, code: error.diagnostic.code, error.diagnostic.message, hint: error.diagnostic.hint)
                }
            case "sheet": source.sheet = try yaml.string(value, key)
            case "header_rows": source.headerRows = try yaml.int(value, key, UserNumber.headerRows)
            case "weights": source.weights = try yaml.string(value, key)
            case "strict": source.strict = try yaml.choice(value, key, ["true", "false"]) == "true"
            case "skip_moderated": source.skipModerated = try yaml.choice(value, key, ["true", "false"]) == "true"
            case "type", "horizon": try source.questions.read(value, key: key, yaml: yaml)
            case "columns":
                for (column, role, roleNode) in try yaml.stringMap(value, key) {
                    guard roles.contains(role) else {
                        throw yaml.error(
                            roleNode, code: "bad-value", "列「\(column)」の役割「\(role)」は使えません",
                            hint: "使える役割: " + roles.joined(separator: ", "))
                    }
                    source.columns.append((column, role))
                }
            case "labels": try readLabels(value, key, yaml, into: &source)
            case "ratings": source.ratings = try yaml.sequence(value, key).map { try ratingPair($0, yaml) }
            case "scale":
                for (k, v, _) in try yaml.mapping(value, allowed: ["min", "max", "high_is", "missing"], context: "scale") {
                    switch k {
                    case "min": source.scale.min = try yaml.double(v, k)
                    case "max": source.scale.max = try yaml.double(v, k)
                    case "high_is": source.scale.highIsBad = try yaml.choice(v, k, ["good", "bad"]) == "bad"
                    default: source.scale.missing = try yaml.sequence(v, k).map { try yaml.double($0, k) }
                    }
                }
            case "segments":
                for (k, v, _) in try yaml.mapping(value, allowed: ["age", "gender", "district"], context: "segments") {
                    let text = try yaml.string(v, k)
                    switch k {
                    case "age": source.segments.age = text
                    case "gender": source.segments.gender = text
                    default: source.segments.district = text
                    }
                }
            default: break
            }
        }
        if !hasPath || source.path.isEmpty {
            throw yaml.error(
                node, code: "missing-key", "sources の項目に path がありません",
                hint: "例: - path: ../Samples/survey/citizen-survey.csv")
        }
        return source
    }

    /// `labels:` — per column, the code → label map.
    private static func readLabels(_ value: Node, _ key: String, _ yaml: YAMLReader, into source: inout SourceConfig) throws {
        guard case .mapping(let columns) = value else {
            throw yaml.error(value, code: "wrong-type", "labels は「列名: {コード: ラベル}」の形で書いてください")
        }
        for (columnNode, codes) in columns {
            let column = try yaml.string(columnNode, key)
            var map: [String: String] = [:]
            for (code, label, _) in try yaml.stringMap(codes, column) { map[code] = label }
            source.labels[column] = map
        }
    }

    /// One `ratings:` item: an area with its importance and satisfaction columns.
    private static func ratingPair(_ item: Node, _ yaml: YAMLReader) throws -> RatingPair {
        var pair = RatingPair(area: "")
        for (k, v, _) in try yaml.mapping(item, allowed: ["area", "importance", "satisfaction"], context: "ratings の項目") {
            let text = try yaml.string(v, k)
            switch k {
            case "area": pair.area = text
            case "importance": pair.importance = text
            default: pair.satisfaction = text
            }
        }
        if pair.area.isEmpty {
            throw yaml.error(
                item, code: "missing-key", "ratings の項目に area がありません",
                hint: "例: {area: \"1\", importance: 重要度_子育て, satisfaction: 満足度_子育て}")
        }
        return pair
    }
}
