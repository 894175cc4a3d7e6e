// QuoteRankParts — the parts of an opinion's quote score that depend on the opinion alone, worked out once on the
// analysis worker and carried with the opinion, so that the quote pools (KoeQuotes) and the workspace's
// `quote_rank` and common-word tables (KoeWorkspace) read them instead of working them out again.

/// An opinion's score parts that no other opinion changes, and the informative words its area's common words
/// count. Made by KoeQuotes (`QuoteRankParts(text:words:type:)`), read by the quote pools and the workspace.
public struct QuoteRankParts: Sendable, Hashable {
    /// Distinct informative words / 8, capped at 1; 0 for a stock phrase (`QuoteScore.specificity`).
    public var specificity: Double
    /// How well the printed length fits the readable band (`QuoteScore.length`).
    public var length: Double
    /// The type's part (`QuoteScore.type`).
    public var type: Double
    /// The key of the text without white space (`QuoteCandidate.textKey`).
    public var textKey: UInt64
    /// The informative words, each once, in UTF-8 byte order.
    public var counted: [String]
    /// Their keys, parallel to `counted`.
    public var countedKeys: [WordKey]

    public init(specificity: Double, length: Double, type: Double, textKey: UInt64, counted: [String], countedKeys: [WordKey]) {
        self.specificity = specificity
        self.length = length
        self.type = type
        self.textKey = textKey
        self.counted = counted
        self.countedKeys = countedKeys
    }
}
