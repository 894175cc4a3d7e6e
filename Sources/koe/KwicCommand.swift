// `koe kwic` — a concordance (KWIC) of a word in every conjugated form, from the last run's workspace, with the
// filters of `koe quotes`. Glue only: the query is ConcordanceQuery, the lines Concordance.
import ArgumentParser
import Foundation
import KoeCore
import KoeFormats
import KoePipeline
import KoeRender
import KoeWorkspace

struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "語の前後の文脈を並べて表示します（KWIC コンコーダンス）。活用した形もすべて探します。",
        discussion: """
            辞書形で指定した語は活用形も見つかります（減らす → 減らして、減らさない、減らそう）。
            文脈は個人情報を「＊＊＊」に置き換えた本文から取り、属性は koe quotes と同じく少人数の組み合わせでは省きます。
            例:
              koe kwic 減らす --pipeline Pipelines/sample.yml
              koe kwic バス --workspace out/sample/koe.sqlite --age 70代 --width 15 --sort left
              koe kwic 保育園 --pipeline Pipelines/sample.yml --format csv > 保育園.csv
            """
    )

    @Argument(help: "探す語（辞書形で: 減らす、安い、保育園）") var word: String
    @Option(help: "パイプラインファイル（その出力フォルダの koe.sqlite を読みます）") var pipeline: String?
    @Option(help: "ワークスペースのファイル（koe.sqlite）") var workspace: String?
    @Option(help: "分野コード（例: A, 1, 1-1）。下位の分野を含みます") var area: String?
    @Option(help: "年代（例: 30代）") var age: String?
    @Option(help: "性別（男性・女性・その他・無回答）") var gender: String?
    @Option(help: "地区（小学校区）") var district: String?
    @Option(help: "意見の種類（要望・課題・評価・提案・ありたい姿）") var type: String?
    @Option(help: "時間軸（short = 短期集中, long = 長期継続）") var horizon: String?
    @Option(help: "前後に表示する文字数") var width = 20
    @Option(help: "並べ替え: right（語の後ろの文脈順）, left（語の前の文脈順）") var sort = "right"
    @Option(help: "読む意見の上限") var limit = 1000
    @Option(help: "出力形式: text, csv") var format = "text"

    func validate() throws {
        guard (pipeline == nil) != (workspace == nil) else {
            throw ValidationError("--pipeline か --workspace のどちらか一つを指定してください")
        }
        guard Concordance.Order(rawValue: sort) != nil else { throw ValidationError("--sort は right か left です") }
        guard ["text", "csv"].contains(format) else { throw ValidationError("--format は text か csv です") }
        guard (1...200).contains(width) else { throw ValidationError("--width は 1 以上 200 以下にしてください") }
        guard limit >= 1 else { throw ValidationError("--limit は 1 以上にしてください") }
    }

    func run() throws {
        try CommandErrors.guarding {
            let config = try pipeline.map { try PipelineConfig.load(URL(fileURLWithPath: $0), displayPath: $0) }
            let url = try config.map(QuoteSearch.workspaceURL) ?? URL(fileURLWithPath: workspace ?? "koe.sqlite")
            let opened = try QuoteWorkspace(url: url)
            var concordance = try Concordance(word: word, in: opened)
            concordance.width = width
            var filter = QuoteFilter()
            filter.area = area
            filter.age = age
            filter.gender = gender
            filter.district = district
            filter.type = type == "提案" || type == "ありたい姿" ? "提案・ありたい姿" : type
            filter.horizon = ["短期", "短期集中"].contains(horizon) ? "short" : ["長期", "長期継続"].contains(horizon) ? "long" : horizon
            filter.words = [concordance.key]
            let opinions = try opened.concordanceOpinions(filter, limit: limit)
            let lines = concordance.lines(
                opinions, attribution: try opened.attributionGuard(), order: Concordance.Order(rawValue: sort) ?? .right)
            if format == "csv" {
                // UTF-8 with BOM for Excel, cells neutralised (as koe quotes --format csv).
                let row = { (cells: [String]) in cells.map { CSVWriter.render(.text($0)) }.joined(separator: ",") }
                print("\u{FEFF}" + row(["id", "left", "word", "right", "attribution"]))
                for line in lines { print(row([line.id, line.left, line.word, line.right, line.attribution])) }
            } else {
                for line in lines { print(concordance.aligned(line)) }
            }
            if lines.isEmpty { Terminal.status("「\(word)」は見つかりませんでした") }
        }
    }
}
