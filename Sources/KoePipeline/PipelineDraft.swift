// PipelineDraft — what `koe init` writes: a commented pipeline.yml from what `koe inspect` detected in each file
// (sources with paths relative to the pipeline, columns with roles and why, importance/satisfaction pairs matched
// to the plan's areas by name, question types, encoding and header rows when not obvious, the output folder),
// and a starter codebook.yml (from the plan's structure table, or from the rating pairs' names).
import Foundation
import KoeCore
import KoeSurvey
import KoeTagging
import KoeText

/// The files `koe init` writes and what it found, for the message it prints.
public struct PipelineDraft: Sendable {
    public var pipeline: String
    /// The codebook to write next to it; nil when an existing codebook.yml is used.
    public var codebook: String?
    public var sources = 0
    public var textColumns = 0
    public var ratingPairs = 0
    /// Rating pairs matched to an area of the plan by name.
    public var matchedPairs = 0

    public static let pipelineName = "pipeline.yml"
    public static let codebookName = "codebook.yml"

    /// Drafts the files for `inputs` (URL and the path as typed) in `folder`, with the plan's structure table when
    /// given (else an existing codebook.yml in `folder`, else a codebook made from the rating pairs' names).
    public static func make(
        inputs: [(url: URL, display: String)], folder: URL, plan: (url: URL, display: String)?, importer: SourceImporter
    ) throws -> PipelineDraft {
        let tokenizer = try Tokenizer()
        var areas: [PlanNode] = []
        var draft = PipelineDraft(pipeline: "", codebook: nil)
        let existing = folder.appendingPathComponent(codebookName)
        if let plan {
            areas = try PlanCodebook.read(url: plan.url, displayPath: plan.display)
            PlanCodebook.suggestKeywords(&areas, tokenizer: tokenizer)
        } else if FileManager.default.fileExists(atPath: existing.path) {
            let codebook = try Codebook.load(url: existing, displayPath: codebookName, tokenizer: tokenizer)
            areas = codebook.areas.map {
                PlanNode(code: $0.code, name: $0.name, parent: $0.parentCode, row: $0.location.row ?? 0, keywords: $0.keywords.map(\.text))
            }
        }
        var lines = [
            "# koe init が作ったパイプラインの下書きです（SPEC §4、docs/pipeline.md）。koe inspect の判定と理由をコメントに残しています。",
            "# パスはこのファイルからの相対パス。確認して直してから実行してください: koe run \(pipelineName)",
            "name: \(YAMLText.quoted(name(inputs)))",
            "sources:",
        ]
        var pairs: [RatingPairDraft] = []
        for group in SourceGroup.group(inputs, importer: importer) {
            draft.sources += 1
            let path = SourceFiles.display(group.url, base: folder)
            lines.append(
                "  - path: \(YAMLText.quoted(group.glob.map { SourceFiles.display(URL(fileURLWithPath: $0), base: folder) } ?? path))")
            if group.format != .survey {
                lines.append("    kind: workshop        # \(group.format == .stickyNotes ? "付箋のエクスポート（1 行 1 枚）" : "ワークショップ記録")")
                lines.append("    # segments: {age: 10代, district: 広丘}   # 会全体の属性（ファイルの front matter より優先）")
                continue
            }
            let inspection = try SurveyInspector.inspect(url: group.url, displayPath: group.display, options: importer.surveyOptions)
            let body = SurveySourceDraft(inspection: inspection, areas: areas)
            lines += body.lines
            pairs += body.pairs
            draft.textColumns += inspection.columns.filter { $0.role == .text }.count
        }
        draft.ratingPairs = pairs.count
        draft.matchedPairs = pairs.filter { $0.matched }.count
        if plan != nil || !areas.isEmpty {
            if plan != nil { draft.codebook = PlanCodebook.yaml(areas, source: plan?.display ?? "") }
        } else {
            draft.codebook = starterCodebook(pairs)
        }
        lines += [
            "codebook: \(codebookName)          # 計画の分野の木（SPEC §5）" + (plan == nil && areas.isEmpty ? "。評価の組の名前から作った仮のもの" : ""),
            "# gazetteer: districts.csv        # 地区名 → 小学校区の対応表（name,district の CSV）。ないと地区の値をそのまま使います",
            "segments:",
            "  age_bands: [\(PipelineConfig.defaultAgeBands.joined(separator: ", "))]",
            "quotes: {per_area: 5, min_cell: 5}  # min_cell: これより少ない組み合わせの属性は引用で伏せます",
            "output: out                       # 結果のフォルダ（このファイルからの相対パス）",
        ]
        draft.pipeline = lines.joined(separator: "\n") + "\n"
        return draft
    }

    /// The pipeline's name: the files' names, as staff would call the run.
    static func name(_ inputs: [(url: URL, display: String)]) -> String {
        let stems = inputs.map { $0.url.deletingPathExtension().lastPathComponent }
        return stems.count <= 2 ? stems.joined(separator: "・") : "\(stems[0]) ほか \(stems.count - 1) ファイル"
    }

    /// Without a plan: one area per rating pair (its name), or one area to rename, so that `koe run` works at once.
    static func starterCodebook(_ pairs: [RatingPairDraft]) -> String {
        var lines = [
            "# koe init が作った仮のコードブックです（計画の体系表がないため）。計画の分野（基本戦略 > プロジェクト > 施策）に",
            "# 書き換えるか、koe init --plan 体系表.csv で作り直してください（SPEC §5、docs/codebook.md）。",
        ]
        if pairs.isEmpty {
            lines += ["- code: \"1\"", "  name: \"（分野の名前）\"", "  # keywords: [語, 語]   # 市民が書きそうな語を書いてください"]
        }
        for pair in pairs {
            lines += [
                "- code: \(YAMLText.quoted(pair.area))", "  name: \(YAMLText.quoted(pair.topic))",
                "  keywords: [\(YAMLText.quoted(pair.topic))]",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The input files as pipeline sources: workshop files of one folder and extension, given together, become one glob.
struct SourceGroup {
    var url: URL
    var display: String
    var format: ImportFormat
    var glob: String?

    static func group(_ inputs: [(url: URL, display: String)], importer: SourceImporter) -> [SourceGroup] {
        var groups: [SourceGroup] = []
        for input in inputs {
            let format = (try? importer.format(of: input.url, displayPath: input.display, kind: nil)) ?? .survey
            let folder = input.url.deletingLastPathComponent().standardizedFileURL.path
            let ext = input.url.pathExtension
            if format == .workshop,
                let k = groups.firstIndex(where: {
                    $0.format == .workshop && $0.url.deletingLastPathComponent().standardizedFileURL.path == folder
                        && $0.url.pathExtension == ext
                })
            {
                groups[k].glob = folder + "/*." + ext
                continue
            }
            groups.append(SourceGroup(url: input.url, display: input.display, format: format))
        }
        // A glob only when it matches exactly the files given.
        for k in groups.indices {
            guard let glob = groups[k].glob else { continue }
            let folder = URL(fileURLWithPath: glob).deletingLastPathComponent()
            let ext = groups[k].url.pathExtension
            let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix("." + ext) }.count ?? 0
            let given = inputs.filter {
                $0.url.deletingLastPathComponent().standardizedFileURL.path == folder.standardizedFileURL.path
                    && $0.url.pathExtension == ext
            }
            if all != given.count {
                groups[k].glob = nil; groups += given.dropFirst().map { SourceGroup(url: $0.url, display: $0.display, format: .workshop) }
            }
        }
        return groups
    }
}

/// Writes the drafted files, never over an existing one: when any of them exists, nothing is written.
public enum DraftFiles {
    public static func write(_ files: [(name: String, text: String)], in folder: URL) throws {
        for (name, _) in files where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw KoeError(
                code: "file-exists", message: "\(name) はすでにあります。koe init は上書きしません（何も書いていません）",
                hint: "今の \(name) を使うか、名前を変えるか消してから、もう一度 koe init を実行してください。別のフォルダで実行してもかまいません",
                location: SourceLocation(file: name))
        }
        for (name, text) in files {
            do {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .withoutOverwriting)
            } catch {
                throw KoeError(
                    code: "file-unwritable", message: "\(name) を書けません（\(error.localizedDescription)）",
                    hint: "このフォルダに書き込めるか確認してください", location: SourceLocation(file: name))
            }
        }
    }
}
