// TextAnalyses — what KH Coder users expect beside the counts: the word list, related words per area,
// correspondence analyses and themes of untagged opinions, computed once at the end of a run for every writer.

/// The results of the text analyses of a run (empty when the run made none).
public struct TextAnalyses: Sendable {
    /// 抽出語リスト: the whole, per area, per segment value (`words` table).
    public var words: [WordRow]

    public init(words: [WordRow] = []) {
        self.words = words
    }

    /// The whole's words, most frequent first.
    public var overallWords: ArraySlice<WordRow> {
        words.prefix { $0.area.isEmpty && $0.segment.isEmpty }
    }

    /// The words of `area`, most frequent first.
    public func words(area: String) -> [WordRow] { words.filter { $0.area == area } }
}
