// RuleParser — reads KH Coder rule syntax into a RuleExpression, with errors that point at line and column
// and suggest the fix (KH Coder only says 書式に誤り).
import Foundation
import KoeCore

/// Parses rule text. `keys` turns a word into its token keys (the codebook's tokenizer).
public struct RuleParser {
    private enum Kind: Equatable {
        case word(String), raw(String), reference(String), number(Int)
        case and, or, not, andNot, orNot, lparen, rparen, compare(RuleExpression.Comparison)
        case proximity(ordered: Bool, words: [String], window: Int, sameSentence: Bool)
    }

    private struct Lexeme {
        var kind: Kind
        var start: Int
        var end: Int
    }

    private let source: RuleSource
    private let keys: (String) -> [String]
    private var lexemes: [Lexeme] = []
    private var index = 0
    private var depth = 0
    /// Limits that keep hostile rules from exhausting the stack (evaluation recurses over the tree).
    static let maxOperators = 2_000
    static let maxDepth = 100

    public init(source: RuleSource, keys: @escaping (String) -> [String]) {
        self.source = source
        self.keys = keys
    }

    /// Parses the whole rule or throws a KoeError naming line and column.
    public mutating func parse() throws -> RuleExpression {
        lexemes = try lex()
        index = 0
        depth = 0
        let operators = lexemes.filter { [.and, .or, .not, .andNot, .orNot].contains($0.kind) }.count
        if operators > Self.maxOperators, let first = lexemes.first {
            throw error(
                at: first.start, code: "rule-too-long",
                "ルールの演算子が多すぎます（\(operators) 個、上限 \(Self.maxOperators) 個）",
                hint: "語を並べるだけなら YAML コードブックの keywords に書くか、ルールを複数のコードに分けて <＊コード> で参照してください")
        }
        guard !lexemes.isEmpty else {
            throw error(at: 0, code: "rule-empty", "ルールが空です", hint: "語を1つ以上書いてください（例: 保育園 | 学童）")
        }
        let expression = try parseOr()
        if index < lexemes.count {
            let lexeme = lexemes[index]
            if lexeme.kind == .rparen {
                throw error(
                    at: lexeme.start, code: "rule-syntax", "対応する「(」のない「)」があります",
                    hint: "余分な「)」を削除するか、対応する「(」を書いてください")
            }
            let previous = text(lexemes[index - 1])
            let next = text(lexeme)
            throw error(
                at: lexeme.start, code: "rule-missing-operator",
                "「\(previous)」と「\(next)」の間に演算子がありません",
                hint: "「\(previous) | \(next)」（どちらか）または「\(previous) & \(next)」（両方）のように、半角スペースで囲んだ演算子を入れてください")
        }
        return expression
    }

    // MARK: - Grammar: or < and < not < comparison < primary

    private mutating func parseOr() throws -> RuleExpression {
        var left = try parseAnd()
        while let kind = peek, kind == .or || kind == .orNot {
            index += 1
            let right = try parseAnd()
            left = .or(left, kind == .orNot ? .not(right) : right)
        }
        return left
    }

    private mutating func parseAnd() throws -> RuleExpression {
        var left = try parseNot()
        while let kind = peek, kind == .and || kind == .andNot {
            index += 1
            let right = try parseNot()
            left = .and(left, kind == .andNot ? .not(right) : right)
        }
        return left
    }

    private mutating func parseNot() throws -> RuleExpression {
        if peek == .not {
            let start = lexemes[index].start
            index += 1
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                throw error(
                    at: start, code: "rule-too-deep", "否定（!）の重ねすぎです（上限 \(Self.maxDepth) 段）",
                    hint: "! を重ねずに書いてください")
            }
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> RuleExpression {
        let left = try parsePrimary()
        guard case .compare(let op)? = peek else { return left }
        let opStart = lexemes[index].start
        index += 1
        guard index < lexemes.count else {
            throw error(
                at: source.scalars.count, code: "rule-syntax", "「\(op.rawValue)」の後に数がありません",
                hint: "「語 \(op.rawValue) 2」のように数を書いてください")
        }
        let lexeme = lexemes[index]
        switch lexeme.kind {
        case .number(let n):
            index += 1
            return .compare(left, op, .number(n))
        case .word("lw"), .word("lc"), .reference, .word, .proximity, .raw:
            let right = try parsePrimary()
            return .compare(left, op, right)
        default:
            throw error(
                at: lexeme.start, code: "rule-syntax", "「\(op.rawValue)」の後に数か語が必要です",
                hint: "「語 \(op.rawValue) 2」のように書いてください（演算子の位置: \(source.position(opStart).column) 文字目）")
        }
    }

    private mutating func parsePrimary() throws -> RuleExpression {
        guard index < lexemes.count else {
            let previous = lexemes.last.map(text) ?? ""
            throw error(
                at: source.scalars.count, code: "rule-syntax", "「\(previous)」の後に語がありません",
                hint: "演算子の後に語を書くか、余分な演算子を削除してください")
        }
        let lexeme = lexemes[index]
        index += 1
        switch lexeme.kind {
        case .word("lw"): return .wordCount
        case .word("lc"): return .characterCount
        case .word(let word):
            let parts = word.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            var all: [String] = []
            for part in parts {
                let partKeys = keys(part)
                if partKeys.isEmpty {
                    throw error(
                        at: lexeme.start, code: "rule-empty-word",
                        "「\(part.isEmpty ? word : part)」は語として読めません（記号だけ、または空です）",
                        hint: "文字を含む語を書いてください。句は「卒業+証書」のように + でつなぎます")
                }
                all += partKeys
            }
            return .word(text: word, keys: all)
        case .number(let n):
            return .word(text: String(n), keys: keys(String(n)))
        case .raw(let raw):
            return .raw(text: raw, folded: RuleParser.foldForRaw(raw))
        case .reference(let code): return .codeReference(code)
        case .proximity(let ordered, let words, let window, let same):
            var sequences: [[String]] = []
            for word in words {
                let k = word.split(separator: "+").flatMap { keys(String($0)) }
                if k.isEmpty {
                    throw error(
                        at: lexeme.start, code: "rule-empty-word", "「\(word)」は語として読めません",
                        hint: "near(先生-奥さん) のように語を - でつないでください")
                }
                sequences.append(k)
            }
            return .proximity(
                texts: words, keys: sequences,
                Proximity(window: window, sameSentence: same, ordered: ordered))
        case .lparen:
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                throw error(
                    at: lexeme.start, code: "rule-too-deep", "括弧の入れ子が深すぎます（上限 \(Self.maxDepth) 段）",
                    hint: "括弧を減らすか、内側の式を別のコードにして <＊コード> で参照してください")
            }
            let inner = try parseOr()
            guard peek == .rparen else {
                throw error(
                    at: lexeme.start, code: "rule-unclosed-paren", "この「(」が閉じられていません",
                    hint: "対応する「)」をルールの適切な位置に書いてください")
            }
            index += 1
            return inner
        default:
            throw error(
                at: lexeme.start, code: "rule-syntax", "「\(text(lexeme))」の前に語がありません",
                hint: "演算子の左右には語（または括弧でくくった式）が必要です。余分な演算子を削除してください")
        }
    }

    private var peek: Kind? { index < lexemes.count ? lexemes[index].kind : nil }

    private func text(_ lexeme: Lexeme) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: source.scalars[lexeme.start..<min(lexeme.end, source.scalars.count)])
        return String(s)
    }

    /// The raw-string matching form: NFKC is applied by the caller's normalizer at evaluation; here we fold
    /// katakana to hiragana and ASCII to lower case.
    static func foldForRaw(_ text: String) -> [UInt16] {
        text.precomposedStringWithCompatibilityMappingLite.utf16.map { u in
            if (0x30A1...0x30F6).contains(u) { return u - 0x60 }
            if (65...90).contains(u) { return u + 32 }
            return u
        }
    }

    // MARK: - Errors

    func error(at index: Int, code: String, _ message: String, hint: String) -> KoeError {
        let (line, column) = source.position(index)
        return KoeError(
            code: code, message: "\(message)（\(line) 行 \(column) 文字目）\n\(source.caret(line: line, column: column))",
            hint: hint, location: .text(source.file, line: line, column: column))
    }
}

extension RuleParser {
    private static let wordStops: Set<Unicode.Scalar> = ["(", ")", "（", "）", "&", "＆", "|", "｜", "!", "！", "'", " ", "\t", "\n", "\r", "　"]

    private mutating func lex() throws -> [Lexeme] {
        let s = source.scalars
        var out: [Lexeme] = []
        var i = 0
        func at(_ j: Int) -> Unicode.Scalar? { j < s.count ? s[j] : nil }
        while i < s.count {
            let c = s[i]
            switch c {
            case " ", "\t", "\n", "\r", "　":
                i += 1
            case "(", "（": out.append(Lexeme(kind: .lparen, start: i, end: i + 1)); i += 1
            case ")", "）": out.append(Lexeme(kind: .rparen, start: i, end: i + 1)); i += 1
            case "&", "＆":
                if let n = at(i + 1), n == "!" || n == "！" {
                    out.append(Lexeme(kind: .andNot, start: i, end: i + 2)); i += 2
                } else {
                    out.append(Lexeme(kind: .and, start: i, end: i + 1)); i += 1
                }
            case "|", "｜":
                if let n = at(i + 1), n == "!" || n == "！" {
                    out.append(Lexeme(kind: .orNot, start: i, end: i + 2)); i += 2
                } else {
                    out.append(Lexeme(kind: .or, start: i, end: i + 1)); i += 1
                }
            case "!", "！":
                if let n = at(i + 1), n == "=" {
                    out.append(Lexeme(kind: .compare(.notEqual), start: i, end: i + 2)); i += 2
                } else {
                    out.append(Lexeme(kind: .not, start: i, end: i + 1)); i += 1
                }
            case "'":
                var j = i + 1
                while j < s.count, s[j] != "'" { j += 1 }
                guard j < s.count else {
                    throw error(
                        at: i, code: "rule-unclosed-string", "文字列の「'」が閉じられていません",
                        hint: "'先生と奥さん' のように、文字列は半角の ' で囲んでください")
                }
                out.append(Lexeme(kind: .raw(string(s[(i + 1)..<j])), start: i, end: j + 1))
                i = j + 1
            case "<" where at(i + 1) == "＊" || at(i + 1) == "*":
                var j = i + 2
                while j < s.count, s[j] != ">" { j += 1 }
                guard j < s.count else {
                    throw error(
                        at: i, code: "rule-syntax", "コードの参照「<＊…>」が閉じられていません",
                        hint: "<＊コード名> のように「>」で閉じてください")
                }
                out.append(Lexeme(kind: .reference(string(s[(i + 2)..<j]).trimmingSpaces), start: i, end: j + 1))
                i = j + 1
            case "<" where at(i + 1) == ">":
                throw error(
                    at: i, code: "rule-unsupported",
                    "見出しや外部変数の条件（<>見出し1-->…、<>変数-->値）は koe では使えません",
                    hint: "koe の意見には見出し・外部変数がありません。年代や地区で絞るときは koe run の集計（クロス集計）を使い、この条件を削除してください")
            default:
                var j = i
                while j < s.count, !Self.wordStops.contains(s[j]) { j += 1 }
                let wordEnd = j
                let word = string(s[i..<wordEnd])
                let lower = word.lowercased()
                if (lower == "near" || lower == "seq"), let p = at(j), p == "(" || p == "（" {
                    out.append(try lexProximity(from: i, open: j, ordered: lower == "seq", next: &j))
                    i = j
                    continue
                }
                out.append(try classify(word, start: i, end: wordEnd))
                i = wordEnd
            }
        }
        return out
    }

    private func lexProximity(from start: Int, open: Int, ordered: Bool, next: inout Int) throws -> Lexeme {
        let s = source.scalars
        var j = open + 1
        while j < s.count, s[j] != ")" && s[j] != "）" { j += 1 }
        guard j < s.count else {
            throw error(
                at: open, code: "rule-unclosed-paren", "\(ordered ? "seq" : "near")( の括弧が閉じられていません",
                hint: "near(先生-奥さん) のように「)」で閉じてください")
        }
        let words = string(s[(open + 1)..<j]).split(separator: "-").map { String($0).trimmingSpaces }
        if words.count < 2 || words.contains(where: \.isEmpty) {
            throw error(
                at: open + 1, code: "rule-syntax", "\(ordered ? "seq" : "near")() には「-」でつないだ2語以上が必要です",
                hint: "near(先生-奥さん) のように書いてください")
        }
        var window = 10
        var same = false
        j += 1
        if j < s.count, s[j] == "[" {
            var k = j + 1
            while k < s.count, s[k] != "]" { k += 1 }
            var spec = string(s[(j + 1)..<min(k, s.count)])
            if spec.hasPrefix("b") { same = true; spec.removeFirst() }
            guard k < s.count, spec.isEmpty || Int(spec) != nil, (Int(spec) ?? 1) > 0 else {
                throw error(
                    at: j, code: "rule-syntax", "範囲の指定「[…]」が読めません",
                    hint: "[8] や [b8]（同じ文の中）のように、半角の数字で語数を書いてください")
            }
            if let n = Int(spec) { window = n }
            j = k + 1
        }
        next = j
        return Lexeme(kind: .proximity(ordered: ordered, words: words, window: window, sameSentence: same), start: start, end: j)
    }

    private func classify(_ word: String, start: Int, end: Int) throws -> Lexeme {
        let lower = word.lowercased()
        switch lower {
        case "and": return Lexeme(kind: .and, start: start, end: end)
        case "or": return Lexeme(kind: .or, start: start, end: end)
        case "not": return Lexeme(kind: .not, start: start, end: end)
        case ">=", "=>": return Lexeme(kind: .compare(.greaterOrEqual), start: start, end: end)
        case "<=", "=<": return Lexeme(kind: .compare(.lessOrEqual), start: start, end: end)
        case "==", "=": return Lexeme(kind: .compare(.equal), start: start, end: end)
        case ">": return Lexeme(kind: .compare(.greater), start: start, end: end)
        case "<": return Lexeme(kind: .compare(.less), start: start, end: end)
        case "no.":
            throw error(
                at: start, code: "rule-unsupported", "文書番号の条件「No.」は koe では使えません",
                hint: "koe のタグは入力の順序に左右されないようにしているため、文書番号では絞れません。この条件を削除してください")
        default: break
        }
        if let arrow = word.range(of: "->") {
            let column = word.unicodeScalars.distance(
                from: word.unicodeScalars.startIndex,
                to: arrow.lowerBound.samePosition(in: word.unicodeScalars) ?? word.unicodeScalars.startIndex)
            let base = String(word[..<arrow.lowerBound])
            let isPOS = word[arrow.upperBound...].hasPrefix(">")
            throw error(
                at: start + column, code: "rule-needs-morphology",
                "\(isPOS ? "品詞" : "活用形")の指定「\(word)」には形態素解析が必要ですが、koe が使う ICU の単語分割には品詞・活用の情報がありません",
                hint: "「\(base)」だけにするか（品詞で区別しません）、区別したい使い方を「\(base)+…」のような句や near(…) で書いてください")
        }
        if let n = Int(word) { return Lexeme(kind: .number(n), start: start, end: end) }
        for op in [">=", "<=", "==", "!=", ">", "<"] where word.contains(op) {
            let fixed = word.replacingFirst(op, with: " \(op) ")
            throw error(
                at: start, code: "rule-missing-space", "比較「\(op)」の前後に半角スペースがありません",
                hint: "「\(fixed)」のように書いてください")
        }
        // A word operator glued to a word: `保育園or` / `or学童` (KH Coder's most common complaint).
        for op in ["or", "and", "not"] {
            let isASCIIWord = word.unicodeScalars.allSatisfy { $0.isASCII }
            if isASCIIWord { break }
            if lower.hasSuffix(op), let before = word.unicodeScalars.dropLast(op.count).last, !before.isASCII {
                let at = start + word.unicodeScalars.count - op.count
                throw error(
                    at: at, code: "rule-missing-space",
                    "「\(word)」の「\(op)」の前に半角スペースがありません",
                    hint: "演算子 \(op) の前後には半角スペースが必要です。直すと: \(source.inserting(spaceAt: at))")
            }
            if lower.hasPrefix(op), let after = word.unicodeScalars.dropFirst(op.count).first, !after.isASCII {
                let at = start + op.count
                throw error(
                    at: at, code: "rule-missing-space",
                    "「\(word)」の「\(op)」の後に半角スペースがありません",
                    hint: "演算子 \(op) の前後には半角スペースが必要です。直すと: \(source.inserting(spaceAt: at))")
            }
        }
        return Lexeme(kind: .word(word), start: start, end: end)
    }

    private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let f = scalars.first, f == " " || f == "　" || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.last, l == " " || l == "　" || l == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }

    /// NFKC through Foundation when available.
    var precomposedStringWithCompatibilityMappingLite: String {
        precomposedStringWithCompatibilityMapping
    }
}
