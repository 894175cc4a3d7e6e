// Concordance — `koe kwic`: every place a word occurs in the workspace's opinions, in any conjugated form of its
// dictionary form (減らす: 減らして, 減らさない), with its left and right context from the masked text.
import Foundation
import KoeCore
import KoeQuotes
import KoeText
import KoeWorkspace

/// One occurrence: the context before and after the word as written, in the masked text.
public struct ConcordanceLine: Sendable, Equatable {
    public var id: String
    public var left: String
    public var word: String
    public var right: String
    public var attribution: String
}

/// Builds concordance lines. Opinions are masked first (KWIC is shown outside the workspace), so a word inside a
/// masked span never appears.
public struct Concordance {
    /// Which context the lines are sorted by (KH Coder's 左/右 sort).
    public enum Order: String, Sendable, CaseIterable {
        case right, left
    }

    public let key: String
    public let word: String
    public var width = 20
    private let tokenizer: Tokenizer
    private let masker = Masker()

    /// A concordance of `word`: its content-word key as the run indexed it (its dictionary form, folded).
    /// Throws `kwic-no-word` when `word` holds no content word or more than one.
    public init(word: String, in workspace: QuoteWorkspace) throws {
        let keys = try QuoteSearch.words(word, in: workspace)
        guard keys.count == 1 else {
            throw KoeError(
                code: "kwic-no-word",
                message: keys.isEmpty
                    ? "「\(word)」には照合できる語がありません（助詞・記号・1文字のかなだけです）"
                    : "「\(word)」は \(keys.count) 語に分かれます（\(keys.joined(separator: "・"))）。KWIC は 1 語ずつです",
                hint: "内容を表す語を 1 語、辞書形で指定してください（例: 減らす、保育園、バス）",
                location: SourceLocation(file: workspace.url.path))
        }
        key = keys[0]
        self.word = word
        tokenizer = try Tokenizer()
        if !word.unicodeScalars.contains(where: { (0x3041...0x309F).contains($0.value) }) {
            // The run kept some words whole (codebook keywords, district names): so does the concordance.
            tokenizer.words = WordLexicon(words: [word])
        }
    }

    /// The lines of `opinions`, sorted by `order`'s context, then by opinion and position.
    public func lines(_ opinions: [ConcordanceOpinion], attribution: AttributionGuard, order: Order) -> [ConcordanceLine] {
        var out: [(line: ConcordanceLine, index: Int, position: Int)] = []
        for (index, opinion) in opinions.enumerated() {
            let masked = masker.mask(opinion.text)
            let text = tokenizer.tokenize(masked)
            let keys = text.contentWordForms().keys
            let units = Array(masked.utf16)
            for (k, run) in text.contentWordRuns().enumerated() where k < keys.count && keys[k] == key {
                let start = text.tokens[run.lowerBound].originalRange.lowerBound
                let end = text.tokens[run.upperBound - 1].originalRange.upperBound
                let line = ConcordanceLine(
                    id: opinion.id, left: Self.context(units[..<start], last: width),
                    word: String(decoding: units[start..<end], as: UTF16.self),
                    right: Self.context(units[end...], first: width),
                    attribution: attribution.attribution(opinion.segments, session: opinion.session))
                out.append((line, index, start))
            }
        }
        out.sort { a, b in
            let (x, y) = order == .right ? (a.line.right, b.line.right) : (String(a.line.left.reversed()), String(b.line.left.reversed()))
            if x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            return (a.index, a.position) < (b.index, b.position)
        }
        return out.map(\.line)
    }

    /// The last (or first) `width` characters of `units`, line breaks and tabs as spaces.
    static func context(_ units: ArraySlice<UInt16>, last: Int) -> String {
        let characters = Array(flat(units))
        return String(characters.suffix(last))
    }

    static func context(_ units: ArraySlice<UInt16>, first: Int) -> String {
        String(Array(flat(units)).prefix(first))
    }

    private static func flat(_ units: ArraySlice<UInt16>) -> String {
        String(decoding: units, as: UTF16.self).map { $0.isNewline || $0 == "\t" ? " " : $0 }.reduce(into: "") { $0.append($1) }
    }

    /// Display columns of `text` in a terminal: wide (2) for CJK and full-width forms, 1 otherwise.
    public static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { n, s in
            let v = s.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (wide ? 2 : 1)
        }
    }

    /// `line` as the terminal shows it: the left context right-aligned in `width` wide characters, the word
    /// between 【】, the right context, then the attribution and the opinion id.
    public func aligned(_ line: ConcordanceLine) -> String {
        let pad = max(0, 2 * width - Self.columns(line.left))
        let right = line.right + String(repeating: " ", count: max(0, 2 * width - Self.columns(line.right)))
        return String(repeating: " ", count: pad) + line.left + "【" + line.word + "】" + right + "  " + line.attribution + " "
            + line.id
    }
}
