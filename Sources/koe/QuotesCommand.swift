// `koe quotes` — ranked, safe-to-print quotes from the last run's workspace (koe.sqlite), filtered by area,
// segments, type, horizon and words. Glue only: the query is QuoteWorkspace, the printing QuoteListWriter.
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline
import KoeRender
import KoeWorkspace

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "前回の koe run のワークスペース（koe.sqlite）から、掲載できる市民の声を探して表示します。",
        discussion: """
            個人情報は「＊＊＊」に置き換え、属性は該当者が少ない組み合わせでは省きます（quotes.md と同じ）。
            分野はその下位の分野を含みます。ほぼ同じ文面の意見は一度だけ「同様の意見 N件」として表示します。
            例:
              koe quotes --pipeline Pipelines/sample.yml --area 1 --search 保育園
              koe quotes --workspace out/sample/koe.sqlite --age 30代 --type 要望 --format csv > 30代の要望.csv
              koe quotes --pipeline Pipelines/sample.yml --chosen --format md > 採用した意見.md
            """
    )

    @OptionGroup var options: QuoteFilterOptions
    @Option(help: "含む語（koe の単語分割と表記ゆれ統一で照合: 子供 で 子ども も見つかります）") var search: String?
    @Option(help: "表示する件数") var limit = 20
    @Option(help: "出力形式: text, md, jsonl, csv") var format = "text"
    @Flag(help: "koe serve で採用した意見を計画の体系順に表示します（他の絞り込みは使いません）") var chosen = false

    func validate() throws {
        guard QuoteListFormat(rawValue: format) != nil else { throw ValidationError("--format は text, md, jsonl, csv のいずれかです") }
        if let problem = UserNumber.problem(limit, UserNumber.quoteLimit, name: "--limit") { throw ValidationError(problem) }
    }

    func run() throws {
        try CommandErrors.guarding {
            let config = try options.config()
            let url = try options.workspaceURL(config)
            let opened = try QuoteWorkspace(url: url)
            if let config, let reason = try QuoteSearch.staleness(opened, config: config) {
                throw KoeError(
                    code: "workspace-stale", message: "ワークスペース（\(url.path)）が古くなっています: \(reason)",
                    hint: "koe run \(config.displayPath) をもう一度実行してください", location: SourceLocation(file: url.path))
            }
            if chosen {
                try ChosenQuotesPrinter(workspace: opened, format: QuoteListFormat(rawValue: format) ?? .text).print()
                return
            }
            var filter = options.filter
            filter.words = try search.map { try QuoteSearch.words($0, in: opened) } ?? []
            if let search, filter.words.isEmpty {
                // Only particles or fragments: searching nothing would list every quote as if it matched.
                throw KoeError(
                    code: "search-no-words", message: "--search「\(search)」には照合できる語がありません（助詞・記号・1文字のかなだけです）",
                    hint: "内容を表す語（例: 保育園、バス 不便）を指定してください", location: SourceLocation(file: url.path))
            }
            filter.limit = limit
            let quotes = try opened.quotes(filter)
            let writer = QuoteListWriter(format: QuoteListFormat(rawValue: format) ?? .text, attribution: try opened.attributionGuard())
            // JSON lines escape control characters themselves; the other formats are shown inert.
            for line in writer.lines(quotes) { if format == "jsonl" { print(line) } else { Terminal.line(line) } }
            if quotes.isEmpty { Terminal.status("条件に合う意見はありませんでした") }
        }
    }
}
