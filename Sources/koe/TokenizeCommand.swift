// `koe tokenize` — prints the word tokens of Japanese text, one output line per input line.
import ArgumentParser
import KoeText

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "日本語の文を単語に分割して表示します（ICU の辞書による単語分割）。",
        discussion: """
            句読点と空白は除かれ、トークンは半角スペース区切りで 1 入力行につき 1 行に出力されます。
            例:
              koe tokenize 子どもを産み育てる環境が整い、親子と周囲が笑顔になっている
              cat answers.txt | koe tokenize --form key
            """
    )

    enum Form: String, ExpressibleByArgument, CaseIterable {
        case normalized, key, surface
    }

    @Argument(help: "分割する文（省略すると標準入力を 1 行ずつ読みます）")
    var text: [String] = []

    @Option(help: "出力の形: normalized（NFKC・表記ゆれ統一後）, key（照合形: ひらがな化・小文字化も）, surface（原文のまま）")
    var form: Form = .normalized

    func run() throws {
        let tokenizer = try Tokenizer()
        if !text.isEmpty {
            // One output line per input line, also for text given as arguments.
            for input in text.joined(separator: " ").split(separator: "\n", omittingEmptySubsequences: false) {
                print(line(String(input), tokenizer))
            }
            return
        }
        while let input = readLine(strippingNewline: true) {
            print(line(input, tokenizer))
        }
    }

    private func line(_ input: String, _ tokenizer: Tokenizer) -> String {
        let result = tokenizer.tokenize(input)
        return result.tokens.map { token in
            switch form {
            case .normalized: result.normalizedSurface(of: token)
            case .key: token.key
            case .surface: result.surface(of: token)
            }
        }.joined(separator: " ")
    }
}
