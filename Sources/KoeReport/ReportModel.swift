// ReportModel — the plain values report.html is drawn from: counts, areas in plan order, segment cross-tabs,
// the CS portfolio, opinion types, the co-occurrence network, untagged words, quotes and provenance.

/// Everything report.html shows. Plain values: the caller (the report writer) fills it from the run's
/// results; `ReportRenderer` turns it into one self-contained page.
public struct ReportModel: Sendable, Hashable {
    /// The pipeline's `name` (page title).
    public var title: String
    public var headline: Headline
    /// Every area of the codebook in plan order.
    public var areas: [Area]
    /// Cross-tabs per segment, in the order 年代, 性別, 地区.
    public var segments: [SegmentTable]
    /// Areas with both importance and satisfaction means, in plan order.
    public var portfolio: [PortfolioPoint]
    /// Opinion types per area, in plan order.
    public var types: [TypeCounts]
    /// Co-occurrence networks: the whole run first, then selected areas.
    public var networks: [CooccurrenceNetwork]
    public var untagged: Untagged
    /// Quotes per area, in plan order (areas without quotes may be left out).
    public var quotes: [AreaQuotes]
    public var provenance: Provenance
    /// The comparison with the previous survey wave (`baseline:`), when configured.
    public var baseline: BaselineReport?
    /// The 小学校区 maps (`map:`), when configured.
    public var maps: MapReport?
    /// Word list and related words (section 7).
    public var text = TextSections()

    public init(
        title: String, headline: Headline, areas: [Area], segments: [SegmentTable] = [],
        portfolio: [PortfolioPoint] = [], types: [TypeCounts] = [], networks: [CooccurrenceNetwork] = [],
        untagged: Untagged, quotes: [AreaQuotes] = [], provenance: Provenance
    ) {
        self.title = title
        self.headline = headline
        self.areas = areas
        self.segments = segments
        self.portfolio = portfolio
        self.types = types
        self.networks = networks
        self.untagged = untagged
        self.quotes = quotes
        self.provenance = provenance
    }

    /// The numbers at the top of the page.
    public struct Headline: Sendable, Hashable {
        /// Survey respondents (data rows).
        public var respondents: Int
        /// Opinions read (survey answers and workshop notes).
        public var opinions: Int
        /// Input files read.
        public var sources: Int
        /// Opinions tagged with at least one area.
        public var tagged: Int
        /// Records that could not be read (rejected.csv).
        public var rejected: Int
        /// Near-duplicate groups (the same words from several opinions printed once); nil when not computed.
        public var duplicateGroups: Int?
        /// Workshop notes among `opinions`.
        public var workshopNotes: Int

        public init(
            respondents: Int, opinions: Int, sources: Int, tagged: Int, rejected: Int, duplicateGroups: Int? = nil,
            workshopNotes: Int = 0
        ) {
            self.respondents = respondents
            self.opinions = opinions
            self.sources = sources
            self.tagged = tagged
            self.rejected = rejected
            self.duplicateGroups = duplicateGroups
            self.workshopNotes = workshopNotes
        }
    }

    /// One area of the plan with its counts (a row of summary.csv).
    public struct Area: Sendable, Hashable {
        public var code: String
        public var name: String
        /// 1 = strategy, 2 = project, 3 = measure, 4 = sub-item.
        public var level: Int
        public var opinions: Int
        public var respondents: Int
        /// respondents / survey respondents with at least one opinion.
        public var share: Double
        /// Rank among areas of the same level (1 = most mentioned).
        public var rank: Int

        public init(code: String, name: String, level: Int, opinions: Int, respondents: Int, share: Double, rank: Int) {
            self.code = code
            self.name = name
            self.level = level
            self.opinions = opinions
            self.respondents = respondents
            self.share = share
            self.rank = rank
        }
    }

    /// One segment's cross-tabs: a row per area, a cell per segment value.
    public struct SegmentTable: Sendable, Hashable {
        /// Heading, e.g. 年代, 性別, 地区.
        public var label: String
        /// Short id used in element ids (`age`, `gender`, `district`).
        public var key: String
        /// Segment values in display order (columns).
        public var values: [String]
        /// Rows in plan order.
        public var rows: [Row]

        public init(label: String, key: String, values: [String], rows: [Row]) {
            self.label = label
            self.key = key
            self.values = values
            self.rows = rows
        }

        /// One area's 2 × k table.
        public struct Row: Sendable, Hashable {
            public var area: String
            /// One cell per entry of `values` (nil: nobody with that value).
            public var cells: [Cell?]
            /// The table's smallest expected count; below 5 the test is unreliable. nil when degenerate.
            public var minExpected: Double?
            /// The table's χ² p value; nil when degenerate.
            public var p: Double?

            public init(area: String, cells: [Cell?], minExpected: Double?, p: Double?) {
                self.area = area
                self.cells = cells
                self.minExpected = minExpected
                self.p = p
            }
        }

        /// Respondents with one value and how many of them mention the area.
        public struct Cell: Sendable, Hashable {
            public var respondents: Int
            public var mentioning: Int
            public var share: Double
            /// Adjusted standardized residual; nil when the table is degenerate.
            public var adjustedResidual: Double?

            public init(respondents: Int, mentioning: Int, share: Double, adjustedResidual: Double?) {
                self.respondents = respondents
                self.mentioning = mentioning
                self.share = share
                self.adjustedResidual = adjustedResidual
            }
        }
    }

    /// An area on the importance × satisfaction chart.
    public struct PortfolioPoint: Sendable, Hashable {
        public var code: String
        public var name: String
        /// Oriented means (higher = more important / more satisfied).
        public var importance: Double
        public var satisfaction: Double
        /// 改善度指数.
        public var improvementIndex: Double
        /// 重点改善分野 / 重点維持分野 / 改善分野 / 維持分野 (as KoeAnalysis.Portfolio names them).
        public var quadrant: String

        public init(
            code: String, name: String, importance: Double, satisfaction: Double, improvementIndex: Double,
            quadrant: String
        ) {
            self.code = code
            self.name = name
            self.importance = importance
            self.satisfaction = satisfaction
            self.improvementIndex = improvementIndex
            self.quadrant = quadrant
        }
    }

    /// Opinions of each type in one area.
    public struct TypeCounts: Sendable, Hashable {
        public var area: String
        public var request: Int
        public var problem: Int
        public var praise: Int
        public var vision: Int
        public var unknown: Int

        public init(area: String, request: Int, problem: Int, praise: Int, vision: Int, unknown: Int) {
            self.area = area
            self.request = request
            self.problem = problem
            self.praise = praise
            self.vision = vision
            self.unknown = unknown
        }

        /// Counts in the display order 要望, 課題, 評価, 提案・ありたい姿, 不明.
        public var ordered: [Int] { [request, problem, praise, vision, unknown] }
        public var total: Int { ordered.reduce(0, +) }
    }

    /// Opinions no area matched, and words that could become keywords.
    public struct Untagged: Sendable, Hashable {
        public var count: Int
        public var keywords: [Keyword]
        /// Themes of the untagged opinions, largest first (candidates for new areas).
        public var themes: [Theme] = []
        /// Untagged opinions with content words (what the themes' sizes are shares of).
        public var themeCandidates = 0

        /// A theme: its label, size, suggested keywords and representative opinions (masked, attributed).
        public struct Theme: Sendable, Hashable {
            public var number: Int
            public var label: String
            public var size: Int
            public var keywords: [String]
            public var quotes: [Quote]

            public init(number: Int, label: String, size: Int, keywords: [String], quotes: [Quote]) {
                self.number = number
                self.label = label
                self.size = size
                self.keywords = keywords
                self.quotes = quotes
            }
        }

        public init(count: Int, keywords: [Keyword]) {
            self.count = count
            self.keywords = keywords
        }

        /// A word characteristic of untagged opinions.
        public struct Keyword: Sendable, Hashable {
            public var term: String
            public var untagged: Int
            public var tagged: Int

            public init(term: String, untagged: Int, tagged: Int) {
                self.term = term
                self.untagged = untagged
                self.tagged = tagged
            }
        }
    }

    /// An area's quotes.
    public struct AreaQuotes: Sendable, Hashable {
        public var area: String
        public var quotes: [Quote]

        public init(area: String, quotes: [Quote]) {
            self.area = area
            self.quotes = quotes
        }
    }

    /// A quote as printed: masked text, safe attribution and provenance id.
    public struct Quote: Sendable, Hashable {
        /// Verbatim with personal data already masked.
        public var text: String
        /// e.g. （30代・女性・広丘）.
        public var attribution: String
        public var id: String
        /// 要望 / 課題 / 評価 / 提案・ありたい姿, or nil.
        public var type: String?

        public init(text: String, attribution: String, id: String, type: String? = nil) {
            self.text = text
            self.attribution = attribution
            self.id = id
            self.type = type
        }
    }

    /// Where the numbers come from (as in run.json, without times).
    public struct Provenance: Sendable, Hashable {
        public var version: String
        public var pipeline: String
        public var inputs: [Input]
        public var codebook: Input?
        public var gazetteer: Input?

        public init(version: String, pipeline: String, inputs: [Input], codebook: Input?, gazetteer: Input? = nil) {
            self.version = version
            self.pipeline = pipeline
            self.inputs = inputs
            self.codebook = codebook
            self.gazetteer = gazetteer
        }

        /// One file read.
        public struct Input: Sendable, Hashable {
            public var path: String
            public var kind: String
            public var sha256: String
            public var opinions: Int
            public var rejected: Int

            public init(path: String, kind: String, sha256: String, opinions: Int = 0, rejected: Int = 0) {
                self.path = path
                self.kind = kind
                self.sha256 = sha256
                self.opinions = opinions
                self.rejected = rejected
            }
        }
    }
}
