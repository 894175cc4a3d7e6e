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
    @OptionGroup var options: QuoteFilterOptions
    @Option(help: "前後に表示する文字数") var width = 20
    @Option(help: "並べ替え: right（語の後ろの文脈順）, left（語の前の文脈順）") var sort = "right"
    @Option(help: "読む意見の上限") var limit = 1000
    @Option(help: "出力形式: text, csv") var format = "text"

    func validate() throws {
        guard Concordance.Order(rawValue: sort) != nil else { throw ValidationError("--sort は right か left です") }
        guard ["text", "csv"].contains(format) else { throw ValidationError("--format は text か csv です") }
        guard (1...200).contains(width) else { throw ValidationError("--width は 1 以上 200 以下にしてください") }
        guard limit >= 1 else { throw ValidationError("--limit は 1 以上にしてください") }
    }

    func run() throws {
        try CommandErrors.guarding {
            let config = try options.config()
            let url = try options.workspaceURL(config)
            let opened = try QuoteWorkspace(url: url)
            var concordance = try Concordance(word: word, in: opened)
            concordance.width = width
            var filter = options.filter
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
