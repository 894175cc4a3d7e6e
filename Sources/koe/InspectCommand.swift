// `koe inspect` — prints what koe detects in a file before importing it.
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "ファイルから読み取った内容（文字コード・区切り文字・見出し行・アンケート形式・件数・各列の役割と理由）を表示します。",
        discussion: """
            例:
              koe inspect Samples/survey/citizen-survey.csv
              koe inspect 回答.xlsx --sheet 回答 --header-rows 3
            """
    )

    @Argument(help: "調べるファイル（CSV / TSV / .xlsx / ワークショップ記録）")
    var files: [String]

    @OptionGroup var input: InputOptions

    func run() throws {
        try CommandErrors.guarding {
            let importer = input.importer
            for (index, (url, display)) in try InputFiles.urls(files).enumerated() {
                if index > 0 { print("") }
                Terminal.line(try FileInspection.describe(url: url, displayPath: display, kind: input.kind, importer: importer))
            }
        }
    }
}
