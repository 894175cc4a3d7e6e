// TextAnalyses — what KH Coder users expect beside the counts: the word list, related words per area,
// correspondence analyses and themes of untagged opinions, computed once at the end of a run for every writer.

/// The results of the text analyses of a run (empty when the run made none).
public struct TextAnalyses: Sendable {
    /// 抽出語リスト: the whole, per area, per segment value (`words` table).
    public var words: [WordRow]
    /// 関連語 per area against the rest (`related_words` table).
    public var related: [RelatedWord]
    /// 対応分析: `area_age`, `area_district`, `word_age` (`correspondence`, `correspondence_inertia` tables).
    public var correspondence: [CorrespondenceResult]
    /// Analyses left out because their table had fewer than 2 rows or columns.
    public var correspondenceSkipped: [String]
    /// Themes of untagged opinions, largest first (`themes`, `theme_members` tables).
    public var themes: [Theme]
    /// Untagged opinions with content words (the themes' members are among them).
    public var themeCandidates: Int
    /// Word keys found inside masked spans of their opinions: never shown outside the workspace.
    public var withheld: Set<String> = []

    public init(
        words: [WordRow] = [], related: [RelatedWord] = [], correspondence: [CorrespondenceResult] = [],
        correspondenceSkipped: [String] = [], themes: [Theme] = [], themeCandidates: Int = 0
    ) {
        self.themes = themes
        self.themeCandidates = themeCandidates
        self.words = words
        self.related = related
        self.correspondence = correspondence
        self.correspondenceSkipped = correspondenceSkipped
    }

    /// The whole's words, most frequent first.
    public var overallWords: ArraySlice<WordRow> {
        words.prefix { $0.area.isEmpty && $0.segment.isEmpty }
    }

    /// The words of `area`, most frequent first.
    public func words(area: String) -> [WordRow] { words.filter { $0.area == area } }
}
