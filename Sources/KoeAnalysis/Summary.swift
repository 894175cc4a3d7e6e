// Summary — per-area counts (opinions, respondents, share, rank) and oriented rating means, in plan order.
import KoeCore

/// An area of the plan as the summary sees it (the core `PlanArea`).
public typealias AreaDescriptor = PlanArea

/// One row of summary.csv.
public struct SummaryRow: Sendable, Hashable {
    public var area: AreaDescriptor
    /// Survey answers and workshop notes in the area (or below it).
    public var opinions: Int
    /// Distinct survey respondents with at least one opinion in the area.
    public var respondents: Int
    /// respondents / survey respondents who gave at least one opinion (0 when there are none).
    public var share: Double
    /// Workshop notes in the area (also counted in `opinions`).
    public var workshopNotes: Int
    /// Rank by respondents (then opinions) among areas of the same level; 1 = most mentioned.
    public var rank: Int
    public var importance: Double?
    public var importanceN: Int
    public var satisfaction: Double?
    public var satisfactionN: Int
    public var improvementIndex: Double?
    public var quadrant: String?
}

/// Accumulates opinions and ratings; `rows()` computes the table.
public struct SummaryBuilder: Sendable {
    public let areas: [AreaDescriptor]
    private var index: [String: Int] = [:]
    private var opinions: [Int]
    // Respondents are counted in constant memory: every importer emits one respondent's opinions together
    // (one row = one respondent), so a respondent is new to an area when it differs from the last one
    // counted there. (A respondent id repeated in a later row counts again: it is another response.)
    private var respondentCounts: [Int]
    private var lastRespondent: [String?]
    private var allRespondents = 0
    private var lastAny: String?
    private var notes: [Int]
    private var importance: [RatingAccumulator]
    private var satisfaction: [RatingAccumulator]

    public init(areas: [AreaDescriptor]) {
        self.areas = areas
        for (i, a) in areas.enumerated() { index[a.code] = i }
        opinions = Array(repeating: 0, count: areas.count)
        respondentCounts = Array(repeating: 0, count: areas.count)
        lastRespondent = Array(repeating: nil, count: areas.count)
        notes = Array(repeating: 0, count: areas.count)
        importance = Array(repeating: RatingAccumulator(), count: areas.count)
        satisfaction = importance
    }

    /// Counts one opinion: `respondent` is the survey respondent (unique across files), nil for a workshop note.
    public mutating func addOpinion(areas codes: [String], respondent: String?) {
        if let respondent, respondent != lastAny {
            allRespondents += 1
            lastAny = respondent
        }
        for code in codes {
            guard let i = index[code] else { continue }
            opinions[i] += 1
            if let respondent {
                if lastRespondent[i] != respondent {
                    respondentCounts[i] += 1
                    lastRespondent[i] = respondent
                }
            } else {
                notes[i] += 1
            }
        }
    }

    /// Adds one oriented rating value (nil = missing / わからない, counted as missing).
    public mutating func addRating(area code: String, importance value: Double?) {
        guard let i = index[code] else { return }
        importance[i].add(value)
    }

    public mutating func addRating(area code: String, satisfaction value: Double?) {
        guard let i = index[code] else { return }
        satisfaction[i].add(value)
    }

    /// Survey respondents who gave at least one opinion.
    public var totalRespondents: Int { allRespondents }

    public func rows() -> [SummaryRow] {
        let total = allRespondents
        var rows: [SummaryRow] = areas.enumerated().map { i, area in
            SummaryRow(
                area: area, opinions: opinions[i], respondents: respondentCounts[i],
                share: total == 0 ? 0 : Double(respondentCounts[i]) / Double(total), workshopNotes: notes[i], rank: 0,
                importance: importance[i].mean, importanceN: importance[i].n,
                satisfaction: satisfaction[i].mean, satisfactionN: satisfaction[i].n,
                improvementIndex: nil, quadrant: nil)
        }
        // Rank within each level.
        for level in Set(areas.map(\.level)) {
            let members = rows.indices.filter { rows[$0].area.level == level }
            let ordered = members.sorted { a, b in
                if rows[a].respondents != rows[b].respondents { return rows[a].respondents > rows[b].respondents }
                if rows[a].opinions != rows[b].opinions { return rows[a].opinions > rows[b].opinions }
                return a < b
            }
            var rank = 0
            var previous: (Int, Int)?
            for (position, i) in ordered.enumerated() {
                let key = (rows[i].respondents, rows[i].opinions)
                if previous.map({ $0 != key }) ?? true { rank = position + 1 }
                rows[i].rank = rank
                previous = key
            }
        }
        let rated = rows.indices.filter { rows[$0].importance != nil && rows[$0].satisfaction != nil }
        let points = rated.map { (importance: rows[$0].importance ?? 0, satisfaction: rows[$0].satisfaction ?? 0) }
        for (k, result) in Portfolio.analyse(points).enumerated() {
            rows[rated[k]].improvementIndex = result.improvementIndex
            rows[rated[k]].quadrant = result.quadrant
        }
        return rows
    }
}

/// Running mean of rating values; missing values are counted apart.
public struct RatingAccumulator: Sendable, Hashable {
    public private(set) var sum = 0.0
    public private(set) var n = 0
    public private(set) var missing = 0

    public init() {}

    public mutating func add(_ value: Double?) {
        if let value {
            sum += value
            n += 1
        } else {
            missing += 1
        }
    }

    public var mean: Double? { n == 0 ? nil : sum / Double(n) }
}
