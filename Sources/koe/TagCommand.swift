// `koe tag` — imports and tags files with a codebook; prints opinions with areas and evidence (jsonl),
// or with --suggest the words most characteristic of untagged opinions.
import ArgumentParser
import Foundation
import KoeCore
import KoeFormats
import KoePipeline
import KoeRender

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "コードブックで意見を分類し、分野・根拠（一致した語と位置）・意見の種類・時間軸を 1 行 1 件の JSON で表示します。",
        discussion: """
            --suggest を付けると、分類されなかった意見に特徴的な語（対数尤度比）を例つきで表示します。
            コードブックは YAML（SPEC §5）または KH Coder のコーディングルールファイル（.cod / .txt）。
            例:
              koe tag --codebook Samples/codebook.yml Samples/survey/citizen-survey.csv | head -3
              koe tag --codebook Samples/codebook.yml --suggest Samples/survey/citizen-survey.csv Samples/workshops/*.md
            """
    )

    @Option(help: "コードブック（.yml / .cod / .txt）")
    var codebook: String

    @Argument(help: "読み込むファイル（複数可）")
    var files: [String]

    @Flag(help: "未分類の意見に特徴的な語を表示する（JSON の代わりに）")
    var suggest = false

    @Option(help: "--suggest で表示する語の数")
    var limit = 30

    @Option(help: "地区名対応表（name,district の CSV）")
    var gazetteer: String?

    @OptionGroup var input: InputOptions

    func run() throws {
        try CommandErrors.guarding {
            let inputs = try InputFiles.urls(files)
            let codebookURL = try InputFiles.urls([codebook])[0].url
            let diagnostics = StandardErrorSink()
            defer { diagnostics.finish() }
            let session = try TagSession(
                codebook: codebookURL, displayPath: codebook, gazetteer: gazetteer.map { URL(fileURLWithPath: $0) },
                importer: input.importer, suggest: suggest, output: OutputFile(handle: .standardOutput),
                diagnostics: diagnostics)
            session.inputs = inputs.map(\.display)
            try InputFiles.readEach(inputs, strict: input.strict, diagnostics: diagnostics) { url, display in
                try session.read(url: url, displayPath: display, kind: input.kind)
            } finish: {
                try session.finish(limit: limit)
                let share = session.opinions == 0 ? 0 : Double(session.tagged) / Double(session.opinions) * 100
                Terminal.status("意見 \(session.opinions) 件、分類済み \(session.tagged) 件（\(String(format: "%.1f", share))%）")
            }
        }
    }
}
