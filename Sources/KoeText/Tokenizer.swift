// Tokenizer — ICU dictionary word breaking (locale ja) over the matching form; tokens keep their place
// in the verbatim text.

/// A word token.
public struct Token: Sendable, Hashable {
    public enum Kind: Int, Sendable, Hashable, Codable {
        case number = 100, letter = 200, kana = 300, ideograph = 400
    }

    /// The matching key: normalized units of the token with katakana folded to hiragana and Latin lower-cased.
    public var key: String
    /// UTF-16 offsets in the normalized text.
    public var normalizedRange: Range<Int>
    /// UTF-16 offsets in the verbatim text.
    public var originalRange: Range<Int>
    public var kind: Kind
}

/// A tokenized text: the normalized form, and its word tokens (punctuation and spaces dropped).
public struct TokenizedText: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]

    public var original: String { normalized.original }

    /// The verbatim text behind `token`.
    public func surface(of token: Token) -> String {
        let utf16 = normalized.original.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: token.originalRange.lowerBound)
        let end = utf16.index(utf16.startIndex, offsetBy: token.originalRange.upperBound)
        return String(normalized.original[start..<end])
    }

    /// The normalized text of `token` (NFKC, variants folded, kana not folded).
    public func normalizedSurface(of token: Token) -> String {
        normalized.string(token.normalizedRange)
    }
}

/// Splits Japanese text into word tokens with ICU. Not thread-safe (it owns an ICU iterator): one per thread.
public final class Tokenizer {
    public let normalizer: Normalizer
    private let breaker: WordBreaker

    public init(normalizer: Normalizer = .standard, locale: String = "ja") throws {
        self.normalizer = normalizer
        self.breaker = try WordBreaker(locale: locale)
    }

    public func tokenize(_ text: String) -> TokenizedText {
        let normalized = normalizer.normalize(text)
        let segments = normalized.units.withUnsafeBufferPointer { breaker.segments($0, minStatus: 100) }
        var tokens: [Token] = []
        tokens.reserveCapacity(segments.count)
        for segment in segments {
            let range = segment.start..<segment.end
            let kind = Token.Kind(rawValue: (segment.status / 100) * 100) ?? .letter
            tokens.append(
                Token(
                    key: Normalizer.foldKey(normalized.units[range]),
                    normalizedRange: range,
                    originalRange: normalized.originalRange(range),
                    kind: kind))
        }
        return TokenizedText(normalized: normalized, tokens: tokens)
    }

    /// The matching keys of `text` — how a codebook keyword is turned into a token sequence.
    public func keys(_ text: String) -> [String] {
        tokenize(text).tokens.map(\.key)
    }
}
