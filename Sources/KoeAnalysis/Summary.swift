// Summary — per-area counts (opinions, respondents, share, weighted share, rank), oriented rating means and
// missing-rating counts, in plan order.
import KoeCore

/// One row of summary.csv.
public struct SummaryRow: Sendable, Hashable {
    public var area: PlanArea
    /// Survey answers and workshop notes in the area (or below it).
    public var opinions: Int
    /// Distinct survey respondents with at least one opinion in the area.
    public var respondents: Int
    /// respondents / survey respondents who gave at least one opinion (0 when there are none).
    public var share: Double
    /// The share with respondents weighted (see `RespondentWeight`): the weights of respondents mentioning
    /// the area over the weights of respondents who gave at least one opinion, both counting only respondents
    /// with a usable weight. nil when no such respondent has a positive weight (no `weights:` column).
    public var weightedShare: Double?
    /// Workshop notes in the area (also counted in `opinions`).
    public var workshopNotes: Int
    /// Rank by respondents (then opinions) among areas of the same level; 1 = most mentioned.
    public var rank: Int
    /// Mean oriented importance rating; nil when no respondent gave a usable one.
    public var importance: Double?
    /// Importance ratings in the mean.
    public var importanceN: Int
    /// Importance answers that were blank or a `missing` code (わからない, 無回答): not in the mean.
    public var importanceMissing: Int
    public var satisfaction: Double?
    public var satisfactionN: Int
    /// Satisfaction answers that were blank or a `missing` code.
    public var satisfactionMissing: Int
    public var improvementIndex: Double?
    public var quadrant: String?
}

/// Which rating question of an area an answer belongs to.
public enum RatingQuestion: String, Sendable, Hashable, CaseIterable {
    case importance, satisfaction
}

/// A survey respondent's weight as the summary receives it with the respondent's opinions.
///
/// Usable weights are finite and ≥ 0 (a weight of 0 is kept: the respondent counts for nothing). A
/// respondent of a weighted source whose weight is blank, not a number, negative or not finite is left out
/// of the weighted shares (numerator and denominator) and counted in `WeightTally.invalid` — the rule of
/// SPSS's WEIGHT BY, which drops cases with missing, zero or negative weights from weighted statistics;
/// imputing 1 would give such a respondent the weight of an average one, which the data do not say.
/// Respondents of sources without `weights:` are likewise left out (`WeightTally.unweighted`), so a run
/// mixing weighted and unweighted sources reports weighted shares of the weighted respondents only.
public enum RespondentWeight: Sendable, Hashable {
    /// The respondent's source has no `weights:` column.
    case unweighted
    /// The source has a weight column; the cell's value, nil when blank or not a number.
    case weighted(Double?)

    /// `configured`: whether the source sets `weights:`; `value`: `Respondent.weight`.
    public init(configured: Bool, value: Double?) {
        self = configured ? .weighted(value) : .unweighted
    }

    /// The weight used in weighted shares, nil when the respondent is left out of them.
    public var usable: Double? {
        guard case .weighted(let value?) = self, value.isFinite, value >= 0 else { return nil }
        return value
    }
}

/// How the respondents who gave at least one opinion were weighted.
public struct WeightTally: Sendable, Hashable {
    /// Respondents whose weight was used.
    public var weighted = 0
    /// Respondents of a weighted source left out: weight blank, not a number, negative or not finite.
    public var invalid = 0
    /// Respondents of sources without `weights:`.
    public var unweighted = 0
    /// The sum of the weights used (the weighted shares' denominator).
    public var total = 0.0

    public init() {}
}

/// Accumulates opinions and ratings; `rows()` computes the table.
public struct SummaryBuilder: Sendable {
    public let areas: [PlanArea]
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
    /// Per area, the weights of the respondents mentioning it (usable weights only).
    private var weightedMentions: [Double]
    /// How the respondents who gave at least one opinion were weighted.
    public private(set) var weights = WeightTally()

    public init(areas: [PlanArea]) {
        self.areas = areas
        for (i, a) in areas.enumerated() { index[a.code] = i }
        opinions = Array(repeating: 0, count: areas.count)
        respondentCounts = Array(repeating: 0, count: areas.count)
        lastRespondent = Array(repeating: nil, count: areas.count)
        notes = Array(repeating: 0, count: areas.count)
        importance = Array(repeating: RatingAccumulator(), count: areas.count)
        satisfaction = importance
        weightedMentions = Array(repeating: 0, count: areas.count)
    }

    /// Counts one opinion: `respondent` is the survey respondent (unique across files), nil for a workshop
    /// note; `weight`: the respondent's weight (read where the respondent is first counted, i.e. with its
    /// first opinion; ignored for workshop notes).
    public mutating func addOpinion(areas codes: [String], respondent: String?, weight: RespondentWeight = .unweighted) {
        let usable = respondent == nil ? nil : weight.usable
        if let respondent, respondent != lastAny {
            allRespondents += 1
            lastAny = respondent
            if let usable {
                weights.weighted += 1
                weights.total += usable
            } else if case .weighted = weight {
                weights.invalid += 1
            } else {
                weights.unweighted += 1
            }
        }
        for code in codes {
            guard let i = index[code] else { continue }
            opinions[i] += 1
            if let respondent {
                if lastRespondent[i] != respondent {
                    respondentCounts[i] += 1
                    lastRespondent[i] = respondent
                    if let usable { weightedMentions[i] += usable }
                }
            } else {
                notes[i] += 1
            }
        }
    }

    /// Adds one oriented rating value to the area's mean; nil is a value that cannot be used (not a number,
    /// out of the scale): left out of the mean and not counted as missing — the caller reports it.
    public mutating func addRating(area code: String, importance value: Double?) {
        guard let i = index[code], let value else { return }
        importance[i].add(value)
    }

    /// Adds one oriented satisfaction rating; nil as for `addRating(area:importance:)`.
    public mutating func addRating(area code: String, satisfaction value: Double?) {
        guard let i = index[code], let value else { return }
        satisfaction[i].add(value)
    }

    /// Adds one rating answer as `RatingScale.read` classified it: a value goes into the mean, a missing
    /// answer (blank or a `missing` code) is counted in `importanceMissing` / `satisfactionMissing`, an
    /// invalid one is left out of both (the caller reports it, e.g. the `invalid-rating` warning).
    public mutating func addRating(area code: String, _ question: RatingQuestion, _ reading: RatingScale.Reading) {
        switch reading {
        case .value(let x):
            switch question {
            case .importance: addRating(area: code, importance: x)
            case .satisfaction: addRating(area: code, satisfaction: x)
            }
        case .missing: addMissingRating(area: code, question)
        case .invalid: break
        }
    }

    /// The position of area `code` in `areas` (for `addRating(areaAt:_:_:)`), nil when it is not an area.
    public func areaIndex(_ code: String) -> Int? { index[code] }

    /// `addRating(area:_:_:)` for the area at `i` of `areas` (no lookup of its code per respondent).
    public mutating func addRating(areaAt i: Int, _ question: RatingQuestion, _ reading: RatingScale.Reading) {
        guard areas.indices.contains(i) else { return }
        let value: Double?
        switch reading {
        case .value(let x): value = x
        case .missing: value = nil
        case .invalid: return
        }
        switch question {
        case .importance: importance[i].add(value)
        case .satisfaction: satisfaction[i].add(value)
        }
    }

    /// Counts one missing answer to an area's rating question: a blank cell or a `missing` code of the
    /// scale (わからない, 無回答). Missing answers are left out of the mean and reported as
    /// `importanceMissing` / `satisfactionMissing`.
    public mutating func addMissingRating(area code: String, _ question: RatingQuestion) {
        guard let i = index[code] else { return }
        switch question {
        case .importance: importance[i].add(nil)
        case .satisfaction: satisfaction[i].add(nil)
        }
    }

    /// Survey respondents who gave at least one opinion.
    public var totalRespondents: Int { allRespondents }

    /// Each rated area's importance and satisfaction as n, mean and variance, in plan order (the workspace's
    /// `rating_stats`, which a later wave's comparison reads).
    public func ratingStatistics() -> [RatingStatistics] {
        areas.indices.flatMap { i in
            [(RatingQuestion.importance, importance[i]), (.satisfaction, satisfaction[i])].compactMap { kind, acc in
                acc.mean.map {
                    RatingStatistics(area: areas[i].code, kind: kind, n: acc.n, mean: $0, variance: acc.variance)
                }
            }
        }
    }

    public func rows() -> [SummaryRow] {
        let total = allRespondents
        let weightTotal = weights.total
        var rows: [SummaryRow] = areas.enumerated().map { i, area in
            SummaryRow(
                area: area, opinions: opinions[i], respondents: respondentCounts[i],
                share: total == 0 ? 0 : Double(respondentCounts[i]) / Double(total),
                weightedShare: weightTotal > 0 ? weightedMentions[i] / weightTotal : nil, workshopNotes: notes[i],
                rank: 0, importance: importance[i].mean, importanceN: importance[i].n,
                importanceMissing: importance[i].missing, satisfaction: satisfaction[i].mean,
                satisfactionN: satisfaction[i].n, satisfactionMissing: satisfaction[i].missing, improvementIndex: nil,
                quadrant: nil)
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
    /// The sum of squared values (for the variance the previous-wave comparison's Welch test needs).
    public private(set) var sumOfSquares = 0.0
    public private(set) var n = 0
    /// Missing answers (blank or a missing code), not in the mean.
    public private(set) var missing = 0

    public init() {}

    /// Adds a value to the mean; nil counts one missing answer.
    public mutating func add(_ value: Double?) {
        if let value {
            sum += value
            sumOfSquares += value * value
            n += 1
        } else {
            missing += 1
        }
    }

    public var mean: Double? { n == 0 ? nil : sum / Double(n) }

    /// The sample variance (ddof = 1); nil for fewer than two values.
    public var variance: Double? {
        guard n >= 2 else { return nil }
        return max((sumOfSquares - sum * sum / Double(n)) / Double(n - 1), 0)
    }
}
