// SurveyOptions — what the caller (pipeline file or CLI flags) tells the survey reader, and the roles a column can play.
import KoeCore
import KoeText

/// The role a survey column plays. Detected from headers and values; overridable per column.
public enum ColumnRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The respondent id.
    case id
    /// A free-text answer: every non-empty cell becomes an opinion.
    case text
    /// Age or age band (raw segment).
    case age
    /// Gender (raw segment).
    case gender
    /// Residential area / school district (raw segment).
    case district
    /// A rating (Likert 1–5, 満足…不満).
    case rating
    /// A closed question (few distinct values; multi-select joined by `;`).
    case choice
    /// Anything else: timestamps, e-mails, IP addresses, numbers, empty columns.
    case other

    /// The Japanese name shown by `koe inspect`.
    public var japaneseName: String {
        switch self {
        case .id: "回答者ID"
        case .text: "自由記述"
        case .age: "年齢"
        case .gender: "性別"
        case .district: "地区"
        case .rating: "評価"
        case .choice: "選択肢"
        case .other: "その他"
        }
    }
}

/// Settings for reading one survey file. Column references (keys of `columnRoles` and `labels`,
/// `ratingColumns`, `weightColumn`) may be a column label (any header row's text or the composed label)
/// or an Excel column letter such as `CV`.
public struct SurveyOptions: Sendable {
    /// The file's encoding; nil to detect it. Parse a user-written name with `TextEncoding.named`.
    public var encoding: TextEncoding?
    /// The .xlsx sheet name; nil = the first sheet.
    public var sheet: String?
    /// Number of header rows; nil = detected from the layout.
    public var headerRows: Int?
    /// Role overrides, keyed by column label or Excel letter.
    public var columnRoles: [String: ColumnRole]
    /// Code → label mappings per column (e.g. `性別: {1: 男性, 2: 女性}`), applied to segment values.
    public var labels: [String: [String: String]]
    /// Columns whose raw values go into `Respondent.ratings`, keyed by the reference given here.
    public var ratingColumns: [String]
    /// The column holding each respondent's weight.
    public var weightColumn: String?
    /// When true, the first malformed record throws instead of becoming a `RejectedRecord`.
    public var strict: Bool
    /// When true, rows a moderation column marks as moderated out (Polis `moderated` = -1) give no opinions
    /// (they are skipped with the code `moderated`).
    public var skipModerated = false
    /// Field delimiter override (`,` `\t` `;`); nil = sniffed.
    public var delimiter: Character?
    /// Most cells an .xlsx sheet may hold (a bomb of empty cells fails fast).
    public var maxCells: Int
    /// Where the column references were written (the pipeline file and its source entry's line), named by
    /// messages about a reference that is not in the file.
    public var referencedFrom: SourceLocation?

    public init(
        encoding: TextEncoding? = nil, sheet: String? = nil, headerRows: Int? = nil,
        columnRoles: [String: ColumnRole] = [:], labels: [String: [String: String]] = [:],
        ratingColumns: [String] = [], weightColumn: String? = nil, strict: Bool = false,
        delimiter: Character? = nil, maxCells: Int = 20_000_000
    ) {
        self.encoding = encoding
        self.sheet = sheet
        self.headerRows = headerRows
        self.columnRoles = columnRoles
        self.labels = labels
        self.ratingColumns = ratingColumns
        self.weightColumn = weightColumn
        self.strict = strict
        self.delimiter = delimiter
        self.maxCells = maxCells
    }
}

/// What one `SurveyReader.read` call produced.
public struct SurveyReadCounts: Sendable, Hashable, Codable {
    /// Data records (respondents) read, not counting header rows and blank lines.
    public var records = 0
    public var opinions = 0
    public var skipped = 0
    public var rejected = 0

    public init(records: Int = 0, opinions: Int = 0, skipped: Int = 0, rejected: Int = 0) {
        self.records = records
        self.opinions = opinions
        self.skipped = skipped
        self.rejected = rejected
    }
}
