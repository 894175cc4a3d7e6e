// TextSections — the report's section of word analyses: the word list per area (抽出語), as plain values the
// report writer fills and the page view formats.

extension ReportModel {
    /// The word analyses shown in section 7 (empty parts are left out of the page).
    public struct TextSections: Sendable, Hashable {
        /// The top words of the whole, then of each area with opinions, in plan order.
        public var wordLists: [WordList]
        /// Related words of each project (or strategy), in plan order: (code, name, words with new ones marked).
        public var related: [RelatedList]
        /// 対応分析 biplots (area_age, area_district, word_age).
        public var correspondence: [Biplot]
        /// Titles of analyses left out for having fewer than 2 rows or columns.
        public var correspondenceSkipped: [String]

        public init(
            wordLists: [WordList] = [], related: [RelatedList] = [], correspondence: [Biplot] = [],
            correspondenceSkipped: [String] = []
        ) {
            self.wordLists = wordLists
            self.related = related
            self.correspondence = correspondence
            self.correspondenceSkipped = correspondenceSkipped
        }

        /// An area's related words: each with its Jaccard coefficient and whether it is a keyword already.
        public struct RelatedList: Sendable, Hashable {
            public var code: String
            public var name: String
            public var words: [(word: String, jaccard: Double, isKeyword: Bool)]

            public init(code: String, name: String, words: [(word: String, jaccard: Double, isKeyword: Bool)]) {
                self.code = code
                self.name = name
                self.words = words
            }

            public static func == (a: RelatedList, b: RelatedList) -> Bool {
                a.code == b.code && a.name == b.name && a.words.elementsEqual(b.words) { $0 == $1 }
            }

            public func hash(into h: inout Hasher) {
                h.combine(code)
                for w in words { h.combine(w.word) }
            }
        }

        /// Top content words of one area (or of the whole when `code` is empty).
        public struct WordList: Sendable, Hashable {
            public var code: String
            public var name: String
            public var words: [CountedWord]

            public init(code: String, name: String, words: [CountedWord]) {
                self.code = code
                self.name = name
                self.words = words
            }
        }

        /// A word with its frequency and the number of opinions holding it.
        public struct CountedWord: Sendable, Hashable {
            public var word: String
            public var frequency: Int
            public var opinions: Int

            public init(word: String, frequency: Int, opinions: Int) {
                self.word = word
                self.frequency = frequency
                self.opinions = opinions
            }
        }
    }
}

/// A row of the word-list table: the area and its words as 「語（回数）」, joined.
struct WordListRow {
    var code: String
    var name: String
    var words: String
}

extension PageView {
    static func fixed3(_ x: Double) -> String {
        let n = Int((x * 1000).rounded())
        let frac = String(n % 1000)
        return "\(n / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    mutating func fill(_ sections: ReportModel.TextSections) {
        wordListRows = sections.wordLists.map { list in
            WordListRow(
                code: list.code, name: list.name,
                words: list.words.map { "\($0.word)（\($0.frequency)）" }.joined(separator: "、"))
        }
        hasWordLists = !wordListRows.isEmpty
        relatedRows = sections.related.map { list in
            WordListRow(
                code: list.code, name: list.name,
                words: list.words.map { "\($0.isKeyword ? "" : "★")\($0.word)（\(Self.fixed3($0.jaccard))）" }.joined(separator: "、"))
        }
        hasRelated = !relatedRows.isEmpty
        fillCorrespondence(sections)
        hasTextSections = hasWordLists || hasRelated || hasCorrespondence
    }
}
