// RatingAnswers — a respondent's raw rating answers, one optional cell per rating column of its source: the
// column references are one array shared by every respondent of a file, so a row carries only its cells and
// no stage hashes a Japanese column name per respondent.

/// Raw rating answers keyed by the column reference the caller asked for (label or Excel letter).
///
/// `columns` holds each reference once, in the order the source lists them, and is the same array (one
/// storage) for every respondent of a file; `values` holds the trimmed answer of each column, nil when blank.
/// Equality and hashing look only at the answers given, like a dictionary of them: the order of `columns`
/// and blank columns do not count.
public struct RatingAnswers: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The column references, distinct.
    public private(set) var columns: [String]
    /// The answer of each column (aligned with `columns`); nil when the cell is blank.
    public private(set) var values: [String?]

    /// No rating columns.
    public init() {
        columns = []
        values = []
    }

    /// `values` aligned with `columns` (distinct references; pass the same `columns` array for every row).
    public init(columns: [String], values: [String?]) {
        precondition(columns.count == values.count, "one value per rating column")
        self.columns = columns
        self.values = values
    }

    /// The answers given, in any order (tests and small callers).
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init()
        for (column, value) in elements { self[column] = value }
    }

    /// The answers of a dictionary.
    public init(_ answers: [String: String]) {
        self.init()
        for (column, value) in answers { self[column] = value }
    }

    /// The answer to `column` (String equality, like a dictionary key); nil when blank or not a rating column.
    /// Setting a column that is not there adds it.
    public subscript(column: String) -> String? {
        get {
            guard let i = columns.firstIndex(of: column) else { return nil }
            return values[i]
        }
        set {
            if let i = columns.firstIndex(of: column) {
                values[i] = newValue
            } else if let newValue {
                columns.append(column)
                values.append(newValue)
            }
        }
    }

    /// The number of answers given.
    public var count: Int { values.reduce(0) { $1 == nil ? $0 : $0 + 1 } }

    /// True when no answer was given.
    public var isEmpty: Bool { !values.contains { $0 != nil } }

    /// The answers given as a dictionary.
    public var dictionary: [String: String] {
        var d: [String: String] = [:]
        for (column, value) in zip(columns, values) { if let value { d[column] = value } }
        return d
    }

    public static func == (a: RatingAnswers, b: RatingAnswers) -> Bool {
        // The usual case: both rows of one file.
        if a.columns == b.columns { return a.values == b.values }
        guard a.count == b.count else { return false }
        for (column, value) in zip(a.columns, a.values) where value != nil {
            if b[column] != value { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: the sum of each answer's own hash.
        var sum = 0
        for (column, value) in zip(columns, values) {
            guard let value else { continue }
            var h = Hasher()
            h.combine(column)
            h.combine(value)
            sum &+= h.finalize()
        }
        hasher.combine(sum)
    }

    public init(from decoder: Decoder) throws {
        self.init(try [String: String](from: decoder))
    }

    /// Encoded as a JSON object of the answers given.
    public func encode(to encoder: Encoder) throws { try dictionary.encode(to: encoder) }
}
