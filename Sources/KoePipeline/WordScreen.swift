// WordScreen — finds the words that come from masked spans (a name, an e-mail address…) while a run streams:
// each word's 2nd to 4th opinions are masked and the words found inside masked spans are withheld from every
// word list shown outside the workspace (the same rule as report.html's co-occurrence network).
import KoeQuotes

/// Screens opinions for words inside masked spans. Use from one thread.
final class WordScreen {
    /// A word's 2nd to (1 + `screenings`)th opinions are screened (a word seen once is never listed).
    static let screenings: UInt8 = 3
    private var seen: [UInt8] = []
    private lazy var masker = Masker()
    /// Word keys found inside masked spans.
    private(set) var withheld: Set<String> = []

    /// One opinion: its distinct word ids (`WordCounter.lastWords`), its word keys and its (normalized) text.
    func add(ids: [Int32], keys: [String], text: String) {
        var needed = false
        for id in ids {
            let i = Int(id)
            if i >= seen.count { seen += repeatElement(0, count: i + 1 - seen.count) }
            let n = seen[i]
            if n < UInt8.max { seen[i] = n + 1 }
            if n >= 1 && n <= Self.screenings { needed = true }
        }
        guard needed else { return }
        withheld.formUnion(MaskedWords.inMaskedSpans(keys, text: text, masker: masker))
    }
}
