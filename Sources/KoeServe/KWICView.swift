// KWICView — a concordance of the searched words for the quote desk: each occurrence in the masked opinion
// text with its left and right context, found by koe's tokenizer so every conjugated form matches
// (減らそう finds 減らす) the way the word index was built.
import Foundation
import KoeCore
import KoeQuotes
import KoeText
import KoeWorkspace

/// One concordance line.
struct KWICLine {
    var id: String
    var left: String
    var word: String
    var right: String
}

enum KWICView {
    /// Occurrences of `keys` in `text` (masked first), with `width` characters of context on each side.
    static func lines(id: String, text: String, keys: Set<String>, tokenizer: Tokenizer, width: Int) -> [KWICLine] {
        let tokenized = tokenizer.tokenize(text)
        let units = Array(text.utf16)
        func string(_ range: Range<Int>) -> String {
            String(decoding: units[max(0, range.lowerBound)..<min(units.count, range.upperBound)], as: UTF16.self)
        }
        var out: [KWICLine] = []
        for token in tokenized.tokens where token.role == .content {
            guard keys.contains(tokenized.dictionaryKey(of: token)) || keys.contains(tokenized.key(of: token)) else { continue }
            let r = token.originalRange
            let left = String(string(0..<r.lowerBound).suffix(width))
            let right = String(string(r.upperBound..<units.count).prefix(width))
            out.append(KWICLine(id: id, left: left, word: string(r), right: right))
        }
        return out
    }
}

extension WorkbenchAPI {
    /// `{"lines": [{"id", "left", "word", "right", "attribution"}]}` for `search` (and the quote filters).
    func kwic(_ q: [String: String]) throws -> JSONValue {
        var filter = try filter(q)
        guard !filter.words.isEmpty else {
            throw KoeError(code: "search-required", message: "KWIC には検索語が必要です", hint: "検索欄に語を入れてください")
        }
        let width = min(40, max(5, Int(q["width"] ?? "") ?? 20))
        let limit = filter.limit
        filter.limit = 500
        let keys = Set(filter.words)
        let tokenizer = try store.tokenizer()
        var out: [JSONValue] = []
        for quote in try store.workspace.quotes(filter) {
            let id = quote.candidate.id
            let masks = try store.extraMasks(of: id)
            let text = ChoiceTables.applyMasks(
                masks, to: QuoteText.nestedQuotes(QuoteText.singleLine(store.masker.mask(quote.candidate.text))), mask: Masker.mask)
            let attribution = store.attribution.attribution(quote.candidate.segments, session: quote.candidate.session)
            for line in KWICView.lines(id: id, text: text, keys: keys, tokenizer: tokenizer, width: width) {
                out.append(
                    .object([
                        ("id", .string(line.id)), ("left", .string(line.left)), ("word", .string(line.word)),
                        ("right", .string(line.right)), ("attribution", .string(attribution)),
                    ]))
                if out.count >= limit { break }
            }
            if out.count >= limit { break }
        }
        return .object([("lines", .array(out)), ("words", .array(filter.words.map { .string($0) }))])
    }
}
