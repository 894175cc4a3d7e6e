// `koe import` — prints the opinions read from survey exports and workshop records, one per line.
import ArgumentParser
import Foundation
import KoeCore
import KoeFormats
import KoePipeline
import KoeRender

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "アンケートの書き出しやワークショップ記録から読み取った意見を、出典と属性つきで 1 行 1 件表示します。",
        discussion: """
            種類は拡張子と内容から判断します（CSV / TSV / .xlsx / .md / .txt / .html / .docx / 付箋 CSV）。
            例:
              koe import Samples/survey/citizen-survey.csv | head
              koe import Samples/workshops/*.md --format csv > notes.csv
              koe import 回答.csv --text F --text G --age 年齢
            """
    )

    @Argument(help: "読み込むファイル（複数可）")
    var files: [String]

    @Option(help: "出力形式: jsonl または csv（UTF-8 BOM つき）")
    var format: ImportSession.Format = .jsonl

    @Option(help: "地区名対応表（name,district の CSV）。指定すると地区を小学校区に変換します")
    var gazetteer: String?

    @OptionGroup var input: InputOptions

    func run() throws {
        try CommandErrors.guarding {
            let inputs = try InputFiles.urls(files)
            let diagnostics = StandardErrorSink()
            defer { diagnostics.finish() }
            let session = try ImportSession(
                importer: input.importer, gazetteer: gazetteer.map { URL(fileURLWithPath: $0) },
                format: format, output: OutputFile(handle: .standardOutput), diagnostics: diagnostics)
            session.inputs = inputs.map(\.display)
            try InputFiles.readEach(inputs, strict: input.strict, diagnostics: diagnostics) { url, display in
                try session.read(url: url, displayPath: display, kind: input.kind)
            } finish: {
                try session.finish()
                let c = session.counts
                let skipped = SkipReasons.describe(c.skipped)
                Terminal.status(
                    "意見 \(c.opinions) 件（\(c.files) ファイル" + (c.respondents > 0 ? "、回答者 \(c.respondents) 人" : "")
                        + "）、除外 \(c.skipped.values.reduce(0, +)) 件"
                        + (skipped.isEmpty ? "" : "（\(skipped)）") + "、読めない記録 \(c.rejected) 件")
            }
            let c = session.counts
            if input.strict && c.rejected > 0 { throw ExitCode(1) }
        }
    }
}

extension ImportSession.Format: ExpressibleByArgument {}
