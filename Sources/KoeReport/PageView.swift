// PageView — what the page template reads: every value already formatted as the page shows it (the
// template only places and escapes it), charts as finished SVG markup.

/// The template's root object.
struct PageView {
    var title: String
    var version: String
    var pipeline: String
    var cards: [Card] = []
    var areaCount = 0
    var rankingAid = ""
    var rankingSVG = ""
    var rankingAllSVG = ""
    var areaRows: [AreaRow] = []
    var segments: [SegmentView] = []
    var hasPortfolio = false
    var portfolioSVG = ""
    var portfolioRows: [PortfolioRow] = []
    var hasTypes = false
    var gapSVG = ""
    var typeRows: [TypeRow] = []
    var networks: [NetworkView] = []
    var untaggedCount = 0
    var untaggedShare = ""
    var hasKeywords = false
    var keywords: [ReportModel.Untagged.Keyword] = []
    var hasThemes = false
    var themeAid = ""
    var themes: [ThemeView] = []
    var quoteAreas: [QuoteArea] = []
    var hasTextSections = false
    var hasWordLists = false
    var wordListRows: [WordListRow] = []
    var hasRelated = false
    var relatedRows: [WordListRow] = []
    var hasCorrespondence = false
    var biplots: [BiplotView] = []
    var correspondenceSkipped = ""
    var hasCorrespondenceSkipped = false
    var inputs: [InputRow] = []
    /// 前回調査との比較 and 小学校区の地図 (BaselineSection, MapChart), finished HTML; empty when not configured.
    var baselineHTML = ""
    var mapHTML = ""
    var hasBaseline = false
    var hasMap = false

    init(title: String, version: String, pipeline: String) {
        self.title = title
        self.version = version
        self.pipeline = pipeline
    }
}

/// A headline number with its unit and a one-line reading aid.
struct Card {
    var label: String
    var value: String
    var unit: String
    var aid: String
}

struct AreaRow {
    var code: String
    var name: String
    var level: Int
    var levelName: String
    var opinions: Int
    var respondents: Int
    var share: String
    var shareValue: String
    var rank: Int
}

struct SegmentView {
    var label: String
    var svg: String
    var values: [String]
    var rows: [SegmentRowView]
}

struct SegmentRowView {
    var code: String
    var name: String
    /// An expected count below 5: the row is shaded and marked ※.
    var small: Bool
    var cells: [CellView]
    var minExpected: String
    var p: String
}

struct CellView {
    var text: String
    /// Sort key.
    var value: String
}

struct PortfolioRow {
    var code: String
    var name: String
    var importance: String
    var satisfaction: String
    var index: String
    var quadrant: String
}

struct TypeRow {
    var code: String
    var name: String
    var level: Int
    var counts: [Int]
    var total: Int
}

struct NetworkView {
    var title: String
    var svg: String
    var edgeCount: Int
    var edges: [EdgeRow]
    var words: [WordRow]
}

struct EdgeRow {
    var a: String
    var b: String
    var count: Int
    var jaccard: String
}

struct WordRow {
    var term: String
    var frequency: Int
    var community: Int
}

/// A strategy's or project's quotes, with its measures' quotes (shown folded).
struct QuoteArea {
    var code: String
    var name: String
    var quotes: [ReportModel.Quote]
    var children: [QuoteArea] = [] {
        didSet {
            hasChildren = !children.isEmpty
            childQuotes = children.reduce(0) { $0 + $1.quotes.count }
        }
    }
    // Stored, not computed: the template reads values through Mirror, which sees stored properties only.
    var hasChildren = false
    var childQuotes = 0

    init(code: String, name: String, quotes: [ReportModel.Quote], children: [QuoteArea] = []) {
        self.code = code
        self.name = name
        self.quotes = quotes
        self.children = children
        hasChildren = !children.isEmpty
        childQuotes = children.reduce(0) { $0 + $1.quotes.count }
    }
}

struct InputRow {
    var path: String
    var kind: String
    var opinions: String
    var rejected: String
    var sha256: String
}

/// A theme of untagged opinions as the page shows it.
struct ThemeView {
    var number: Int
    var label: String
    var size: Int
    var share: String
    var keywords: String
    var quotes: [ReportModel.Quote]
}
