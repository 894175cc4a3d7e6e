// `koe run` — runs a pipeline file end to end and writes the outputs into its output folder.
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "パイプラインファイルに書かれたすべての段階を実行し、結果を出力フォルダに書き出します。",
        discussion: """
            出力: opinions.jsonl, untagged.csv, rejected.csv, summary.csv, summary.xlsx, crosstab.csv, quotes.md,
            quotes.docx, report.html, koe.sqlite, run.json（--only またはパイプラインの outputs: で絞れます）
            例:
              koe run Pipelines/sample.yml
              koe run Pipelines/sample.yml --out out/試行1
              koe run Pipelines/sample.yml --only summary.csv,crosstab.csv
            """
    )

    @Argument(help: "パイプラインファイル（YAML）")
    var pipeline: String

    @Option(help: "出力フォルダ（省略時はパイプラインファイルの output）")
    var out: String?

    @Flag(help: "進み具合と最後の要約行を表示しません（警告とエラーは表示します）")
    var quiet = false

    @Option(help: "分析に使うスレッド数（省略時は CPU のコア数。結果は何スレッドでも同じです）")
    var threads: Int?

    @Option(help: "書き出す出力をカンマ区切りで指定します（例: summary.csv,crosstab.csv。パイプラインの outputs より優先。run.json は常に書き出します）")
    var only: String?

    func validate() throws {
        if let threads, let problem = UserNumber.problem(threads, UserNumber.threads, name: "--threads") {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        Signals.install()
        try CommandErrors.guarding {
            let config = try PipelineConfig.load(URL(fileURLWithPath: pipeline), displayPath: pipeline)
            let sink = StandardErrorSink(clearsLine: Terminal.isInteractive && !quiet)
            defer { sink.finish() }
            let started = Date()
            let runner = PipelineRunner(config: config, diagnostics: sink, progress: Terminal.progress(quiet: quiet))
            if let only {
                // A bad --only is a usage error (exit 2), printed with its code and the valid names.
                do { runner.only = try OutputSelection.parse(only: only) } catch let error as KoeError {
                    throw ValidationError(error.description)
                }
            }
            if let threads { runner.workers = threads }
            let report = try runner.run(outputDirectory: out.map { URL(fileURLWithPath: $0) })
            Terminal.clearProgress(quiet: quiet)
            let tagged = report.opinions == 0 ? 0 : Double(report.tagged) / Double(report.opinions) * 100
            let seconds = Date().timeIntervalSince(started)
            if !quiet {
                Terminal.status(
                    """
                    意見 \(report.opinions) 件（分類済み \(report.tagged) 件・\(String(format: "%.1f", tagged))%）、回答者 \(report.respondents) 人、\
                    除外 \(report.skipped) 件、読めない記録 \(report.rejected) 件（\(String(format: "%.1f", seconds)) 秒）
                    出力: \(report.outputDirectory.path)
                    """)
            }
            if !report.failedFiles.isEmpty {
                throw KoeError(
                    code: "files-failed", message: "読めないファイルがありました: \(report.failedFiles.joined(separator: ", "))",
                    hint: (report.files > report.failedFiles.count ? "他のファイルは取り込み済みです。" : "")
                        + "上のエラーを見てファイルを直してから再実行してください")
            }
        }
    }
}
