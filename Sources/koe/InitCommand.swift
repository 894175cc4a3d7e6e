// `koe init` — writes a commented pipeline.yml (and a starter codebook.yml) in the current folder from what
// `koe inspect` detects in the given files; never overwrites a file.
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "ファイルの判定（koe inspect）から、コメントつきの pipeline.yml を今のフォルダに作ります。--plan で計画の体系表からコードブックの下書きも作ります。",
        discussion: """
            pipeline.yml（と codebook.yml）がすでにあるときは何も書かずに終わります（上書きしません）。
            --plan の体系表は code, name, parent（親のコード、最上位は空）の列を持つ CSV か .xlsx です。
            例:
              mkdir 集計 && cd 集計
              koe init ../回答.csv ../ワークショップ/*.md --plan ../体系表.csv
              koe run pipeline.yml
            """
    )

    @Argument(help: "アンケートの書き出しやワークショップ記録（複数可）")
    var files: [String]

    @Option(help: "計画の体系表（code, name, parent の列を持つ CSV / .xlsx）。コードブックの下書きを作ります")
    var plan: String?

    @OptionGroup var input: InputOptions

    func run() throws {
        try CommandErrors.guarding {
            let inputs = try InputFiles.urls(files)
            let planInput = try plan.map { try InputFiles.urls([$0])[0] }
            let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let draft = try PipelineDraft.make(
                inputs: inputs, folder: folder, plan: planInput.map { ($0.url, $0.display) }, importer: input.importer)
            var outputs = [(PipelineDraft.pipelineName, draft.pipeline)]
            if let codebook = draft.codebook { outputs.append((PipelineDraft.codebookName, codebook)) }
            try DraftFiles.write(outputs, in: folder)
            print(
                "\(outputs.map(\.0).joined(separator: " と ")) を作りました（ソース \(draft.sources)、自由記述 \(draft.textColumns) 列、重要度・満足度の組 \(draft.ratingPairs)"
                    + (planInput == nil ? "" : "（計画の分野に対応づけ \(draft.matchedPairs)）") + "）")
            print("中身を確認して直してから実行してください: koe run \(PipelineDraft.pipelineName)")
        }
    }
}
