// koe — the command-line entry point: dispatches to one subcommand per file; usage errors exit 2.
import ArgumentParser
import Foundation
import KoeCore
import KoeQuotes
import KoeTagging
import KoeText

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
        subcommands: [
            RunCommand.self, InitCommand.self, InspectCommand.self, ImportCommand.self, TagCommand.self, TokenizeCommand.self,
            QuotesCommand.self, KwicCommand.self, ServeCommand.self,
        ]
    )

    /// Like ArgumentParser's `main()`, but a usage error exits 2 (SPEC §2) instead of 64.
    static func main() {
        do {
            // koe's own data files: a broken install is an error with a message, never weaker masking or tagging.
            try BundledResource.check(PersonNames.resources + Normalizer.resources + QuestionTypes.resources)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.status(message) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
