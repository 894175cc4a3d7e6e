// RuleExpression — the boolean rule language of KH Coder coding rules (and of a codebook node's `rule`), as a tree.

/// How a `near`/`seq` group constrains its words.
public struct Proximity: Sendable, Hashable {
    /// Maximum distance in word tokens between the first word and each other word (KH Coder's default: 10).
    public var window: Int
    /// `[bN]`: all words must also be in the same sentence.
    public var sameSentence: Bool
    /// `seq`: the words must appear in the given order; `near`: any order.
    public var ordered: Bool
}

/// A parsed rule. Every node evaluates to a count in one opinion (true = count > 0), as in KH Coder.
public indirect enum RuleExpression: Sendable, Hashable {
    /// A word or a phrase `A+B`: the consecutive token keys it must match; `text` as written.
    case word(text: String, keys: [String])
    /// `'…'`: a raw string searched in the normalized text (katakana folded to hiragana).
    case raw(text: String, folded: [UInt16])
    /// `near(A-B)[N]` / `seq(A-B)[bN]`.
    case proximity(texts: [String], keys: [[String]], Proximity)
    /// `<＊code>`: whether that code matched this opinion.
    case codeReference(String)
    /// `lw`: the number of word tokens; `lc`: the number of characters.
    case wordCount
    case characterCount
    case number(Int)
    case not(RuleExpression)
    case and(RuleExpression, RuleExpression)
    case or(RuleExpression, RuleExpression)
    case compare(RuleExpression, Comparison, RuleExpression)

    /// The comparison operators of counts (`語 >= 2`).
    public enum Comparison: String, Sendable, Hashable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", equal = "==", notEqual = "!=", greater = ">", less = "<"

        func holds(_ a: Int, _ b: Int) -> Bool {
            switch self {
            case .greaterOrEqual: a >= b
            case .lessOrEqual: a <= b
            case .equal: a == b
            case .notEqual: a != b
            case .greater: a > b
            case .less: a < b
            }
        }
    }

    /// Codes referenced with `<＊code>` anywhere in the rule.
    public var references: [String] {
        switch self {
        case .codeReference(let code): [code]
        case .not(let e): e.references
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.references + b.references
        default: []
        }
    }

    /// Token-key sequences the matcher must find for this rule (words, phrases, proximity members).
    var keySequences: [[String]] {
        switch self {
        case .word(_, let keys): [keys]
        case .proximity(_, let keys, _): keys
        case .not(let e): e.keySequences
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.keySequences + b.keySequences
        default: []
        }
    }

    /// A compact rendering with explicit parentheses (used by tests to check precedence).
    public var canonical: String {
        switch self {
        case .word(let text, _): text
        case .raw(let text, _): "'\(text)'"
        case .proximity(let texts, _, let p):
            "\(p.ordered ? "seq" : "near")(\(texts.joined(separator: "-")))[\(p.sameSentence ? "b" : "")\(p.window)]"
        case .codeReference(let code): "<＊\(code)>"
        case .wordCount: "lw"
        case .characterCount: "lc"
        case .number(let n): String(n)
        case .not(let e): "!\(e.canonical)"
        case .and(let a, let b): "(\(a.canonical) & \(b.canonical))"
        case .or(let a, let b): "(\(a.canonical) | \(b.canonical))"
        case .compare(let a, let op, let b): "(\(a.canonical) \(op.rawValue) \(b.canonical))"
        }
    }
}

/// Where each character of a rule's text came from in its file, so errors can point at line and column.
public struct RuleSource: Sendable {
    /// The rule text (lines joined by a space).
    public let scalars: [Unicode.Scalar]
    /// (line, column) in the file for each scalar; columns count Unicode scalars from 1.
    public let positions: [(line: Int, column: Int)]
    /// The file's lines, to show the offending one.
    public let lines: [Int: String]
    public let file: String

    /// A rule written on consecutive `lines` of `file` (first line number `firstLine`, starting at `column`).
    /// `display`: the file's real lines to show under errors (default: each rule line at its column).
    public init(file: String, lines: [(number: Int, text: String, column: Int)], display: [Int: String] = [:]) {
        var scalars: [Unicode.Scalar] = []
        var positions: [(line: Int, column: Int)] = []
        var shown: [Int: String] = [:]
        for (index, line) in lines.enumerated() {
            if index > 0 {
                scalars.append(" ")
                positions.append((line.number, 0))
            }
            for (offset, scalar) in line.text.unicodeScalars.enumerated() {
                scalars.append(scalar)
                positions.append((line.number, line.column + offset))
            }
            shown[line.number] = String(repeating: " ", count: max(0, line.column - 1)) + line.text
        }
        self.scalars = scalars
        self.positions = positions
        self.lines = shown.merging(display) { _, real in real }
        self.file = file
    }

    /// A one-line rule, e.g. in tests.
    public init(_ text: String, file: String = "<rule>", line: Int = 1) {
        self.init(file: file, lines: [(line, text, 1)])
    }

    /// The rule text with one half-width space inserted before scalar `index` (a suggested fix).
    func inserting(spaceAt index: Int) -> String {
        var view = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if i == index { view.append(" ") }
            view.append(scalar)
        }
        return String(view)
    }

    func position(_ index: Int) -> (line: Int, column: Int) {
        if positions.isEmpty { return (1, 1) }
        let p = positions[min(max(0, index), positions.count - 1)]
        return index >= positions.count ? (p.line, p.column + 1) : p
    }

    /// The offending line with a caret under `column` (full-width characters take two cells).
    func caret(line: Int, column: Int) -> String {
        guard let text = lines[line] else { return "" }
        var pad = ""
        for (i, scalar) in text.unicodeScalars.enumerated() where i < column - 1 {
            pad += scalar.value >= 0x2E80 ? "　" : (scalar == "\t" ? "\t" : " ")
        }
        return "  \(text)\n  \(pad)^"
    }
}
