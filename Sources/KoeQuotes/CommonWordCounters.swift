// CommonWordCounters — the common words of many sections counted side by side, each section by number: the
// workspace counts every opinion towards up to (1 + areas) × (1 + segment values) sections, too many for
// looking each up by a String key. An opinion's words are numbered once (WordNumbers) and every section then
// counts the numbers (FrequentIDs).
import KoeCore

/// Misra–Gries counters (as `QuoteSelector.commonWords` counts an area's words) for sections numbered 0, 1, 2 …
public struct CommonWordCounters: Sendable {
    private var sections: [FrequentIDs] = []
    private var numbers = WordNumbers()
    /// The numbers of the words and spellings last given to `number` (the first `numberedCount` of each).
    private var numbered: [Int32] = []
    private var spellings: [Int32] = []
    private var numberedCount = 0

    public init() {}

    /// Counts `candidate`'s informative words towards `section` (new numbers grow the list).
    public mutating func count(_ candidate: QuoteCandidate, section: Int) {
        count(candidate.countedWords, keys: candidate.countedKeys, section: section)
    }

    /// Counts informative words (`QuoteRankParts.counted`, with their keys) towards `section`.
    public mutating func count(_ words: [String], keys: [WordKey], section: Int) {
        number(words, keys: keys)
        countNumbered(section: section)
    }

    /// Numbers one opinion's informative words (`QuoteRankParts.counted`, with their keys) for `countNumbered`,
    /// which then counts them towards as many sections as the opinion belongs to without looking them up again.
    public mutating func number(_ words: [String], keys: [WordKey]) {
        let count = min(words.count, keys.count)
        // Read in place and written in place: a copy of each key (and word) would retain and release its String,
        // and an append per number checked the arrays' uniqueness and capacity each time.
        var (numbered, spellings) = (self.numbered, self.spellings)
        (self.numbered, self.spellings) = ([], [])
        if numbered.count < count {
            numbered.append(contentsOf: repeatElement(0, count: count - numbered.count))
            spellings.append(contentsOf: repeatElement(0, count: count - spellings.count))
        }
        keys.withUnsafeBufferPointer { keys in
            words.withUnsafeBufferPointer { words in
                numbered.withUnsafeMutableBufferPointer { w in
                    spellings.withUnsafeMutableBufferPointer { s in
                        for j in 0..<count {
                            let n = numbers.number(words[j], key: keys[j])
                            w[j] = n.word
                            s[j] = n.spelling
                        }
                    }
                }
            }
        }
        (self.numbered, self.spellings) = (numbered, spellings)
        numberedCount = count
    }

    /// Counts the words last given to `number` towards `section` (new numbers grow the list).
    public mutating func countNumbered(section: Int) {
        if section >= sections.count { sections.append(contentsOf: repeatElement(FrequentIDs(), count: section + 1 - sections.count)) }
        let (numbered, spellings, count) = (numbered, spellings, numberedCount)
        numbered.withUnsafeBufferPointer { w in
            spellings.withUnsafeBufferPointer { s in
                sections[section].add(UnsafeBufferPointer(rebasing: w[0..<count]), spellings: UnsafeBufferPointer(rebasing: s[0..<count]))
            }
        }
    }

    /// The section's most common informative words (at most `limit`, seen at least twice, most frequent first).
    public func commonWords(_ section: Int, limit: Int = 20) -> [String] {
        section < sections.count ? sections[section].top(limit, spellings: numbers.spellings) : []
    }

    /// The section's live counters (word, count), most frequent first, ties by the word: for tests.
    func counters(_ section: Int) -> [(word: String, count: Int)] {
        section < sections.count ? sections[section].counters(numbers.spellings) : []
    }
}
