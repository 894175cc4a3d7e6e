// koe — the command-line entry point: dispatches to one subcommand per file.
import ArgumentParser

@main
struct Koe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "koe",
        abstract: "市民の声（アンケート・ワークショップ）を総合計画の策定に使える形にします。",
        discussion: """
        例:
          koe run Pipelines/sample.yml
          koe inspect Samples/survey/citizen-survey.csv
          echo 子どもを産み育てる環境が整っている | koe tokenize
        """,
        version: KoeVersion.current,
        subcommands: [TokenizeCommand.self]
    )
}
