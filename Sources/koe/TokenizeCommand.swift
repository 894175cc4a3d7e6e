// `koe tokenize` — prints the words of Japanese text, one output line per input line (with --forms, each
// inflected word's dictionary forms).
import ArgumentParser
import Foundation
import KoeText

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "日本語の文を単語に分割して表示します（ICU の辞書による単語分割＋活用語のまとめ）。",
        discussion: """
            句読点と空白は除かれ、語は半角スペース区切りで 1 入力行につき 1 行に出力されます。
            活用する語は送り仮名・活用語尾とまとめて 1 語になります（減らそう、安くて）。--forms を付けると
            その辞書形を括弧内に表示します（減らそう(減らす)。候補が複数あれば | で区切ります）。
            --words で指定した語（1 行に 1 語）は分割せずに 1 語として扱います。
            例:
              koe tokenize 子どもを産み育てる環境が整い、親子と周囲が笑顔になっている
              koe tokenize --forms 送迎の負担を減らそうと思えない
              koe tokenize --content --forms 大きく回って暮らしやすい町でしょう   （内容語と辞書形だけ）
              cat answers.txt | koe tokenize --form key
              koe tokenize --count < answers.txt   （速度計測: 語数と CPU 秒だけを表示）
            """
    )

    enum Form: String, ExpressibleByArgument, CaseIterable {
        case normalized, key, surface
    }

    @Argument(help: "分割する文（省略すると標準入力を 1 行ずつ読みます）")
    var text: [String] = []

    @Option(help: "出力の形: normalized（NFKC・表記ゆれ統一後）, key（照合形: ひらがな化・小文字化も）, surface（原文のまま）")
    var form: Form = .normalized

    @Flag(help: "活用する語の辞書形を括弧内に表示する（例: 減らそう(減らす)）")
    var forms = false

    @Flag(help: "内容語（抽出語リストに数える語）だけを表示する。--forms と併せると数える辞書形を 1 つ表示する")
    var content = false

    @Option(help: "分割せずに 1 語として扱う語のリスト（UTF-8 テキスト、1 行に 1 語）")
    var words: String?

    @Flag(help: "標準入力の全行を分割し、バイト数・行数・語数と分割にかかった CPU 秒だけを表示する（速度計測用）")
    var count = false

    func run() throws {
        let tokenizer = try Tokenizer()
        if let path = words {
            try CommandErrors.guarding {
                tokenizer.words = WordLexicon(words: try WordList.read(URL(fileURLWithPath: path), displayPath: path))
            }
        }
        if count {
            print(Self.measure(tokenizer))
            return
        }
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

    /// Tokenizes every line of standard input (read whole first, not timed) and reports the CPU seconds of
    /// this thread spent in the tokenizer: what scripts/bench/tokenizer compares with ICU's word break in C.
    static func measure(_ tokenizer: Tokenizer) -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var lines: [String] = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte == 10 {
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            if start < bytes.count {
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
        }
        var words = 0
        let start = threadSeconds()
        for line in lines { words += tokenizer.tokenize(line).tokens.count }
        let seconds = threadSeconds() - start
        return "bytes=\(data.count) lines=\(lines.count) words=\(words) cpu_seconds=\(String(format: "%.6f", seconds))"
    }

    private static func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private func line(_ input: String, _ tokenizer: Tokenizer) -> String {
        let result = tokenizer.tokenize(input)
        if content { return contentLine(result) }
        return result.tokens.map { token in
            let word =
                switch form {
                case .normalized: result.normalizedSurface(of: token)
                case .key: result.key(of: token)
                case .surface: result.surface(of: token)
                }
            guard forms, token.forms.count > 0 else { return word }
            let list = form == .key ? result.dictionaryForms(of: token) : result.displayForms(of: token)
            return word + "(" + list.joined(separator: "|") + ")"
        }.joined(separator: " ")
    }

    /// The content words as the word list counts them (katakana pieces joined), with `--forms` each followed by
    /// its counted dictionary form when that differs from the word.
    private func contentLine(_ result: TokenizedText) -> String {
        let counted = result.contentWords(display: true)
        return zip(result.contentWordRuns(), counted).map { run, form in
            let first = result.tokens[run.lowerBound]
            let last = result.tokens[run.upperBound - 1]
            let word: String
            switch self.form {
            case .surface:
                let utf16 = result.original.utf16
                let start = utf16.index(utf16.startIndex, offsetBy: first.originalRange.lowerBound)
                let end = utf16.index(utf16.startIndex, offsetBy: last.originalRange.upperBound)
                word = String(result.original[start..<end])
            case .normalized, .key:
                let range = first.normalizedRange.lowerBound..<last.normalizedRange.upperBound
                word = self.form == .key ? Normalizer.foldKey(result.normalized.units[range]) : result.normalized.string(range)
            }
            return forms && form != word ? word + "(" + form + ")" : word
        }.joined(separator: " ")
    }
}
