// CommonWordCounters — the common words of many sections counted side by side, each section by number: the
// workspace counts every opinion towards up to (1 + areas) × (1 + segment values) sections, too many for
// looking each up by a String key.
import KoeCore

/// Misra–Gries counters (as `QuoteSelector.commonWords` counts an area's words) for sections numbered 0, 1, 2 …
public struct CommonWordCounters: Sendable {
    private var sections: [FrequentWords] = []

    public init() {}

    /// Counts `candidate`'s informative words towards `section` (new numbers grow the list).
    public mutating func count(_ candidate: QuoteCandidate, section: Int) {
        count(candidate.countedWords, keys: candidate.countedKeys, section: section)
    }

    /// Counts informative words (`QuoteRankParts.counted`, with their keys) towards `section`.
    public mutating func count(_ words: [String], keys: [WordKey], section: Int) {
        if section >= sections.count { sections.append(contentsOf: repeatElement(FrequentWords(), count: section + 1 - sections.count)) }
        sections[section].add(words, keys: keys)
    }

    /// The section's most common informative words (at most `limit`, seen at least twice, most frequent first).
    public func commonWords(_ section: Int, limit: Int = 20) -> [String] {
        section < sections.count ? sections[section].top(limit) : []
    }
}
