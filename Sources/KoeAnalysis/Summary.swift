// Summary — per-area counts (opinions, respondents, share, rank) and oriented rating means, in plan order.

/// An area of the codebook as the summary sees it.
public struct AreaDescriptor: Sendable, Hashable {
    public var code: String
    public var name: String
    /// 1 = strategy, 2 = project, 3 = measure, 4 = sub-item.
    public var level: Int

    public init(code: String, name: String, level: Int) {
        self.code = code
        self.name = name
        self.level = level
    }
}

/// One row of summary.csv.
public struct SummaryRow: Sendable, Hashable {
    public var area: AreaDescriptor
    public var opinions: Int
    public var respondents: Int
    /// respondents / all voices (respondents who gave at least one opinion; each workshop note counts as one).
    public var share: Double
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
    private var voices: [Set<String>]
    private var allVoices: Set<String> = []
    private var importance: [RatingAccumulator]
    private var satisfaction: [RatingAccumulator]

    public init(areas: [AreaDescriptor]) {
        self.areas = areas
        for (i, a) in areas.enumerated() { index[a.code] = i }
        opinions = Array(repeating: 0, count: areas.count)
        voices = Array(repeating: [], count: areas.count)
        importance = Array(repeating: RatingAccumulator(), count: areas.count)
        satisfaction = importance
    }

    /// Counts one opinion: `voice` is the respondent id (survey) or the opinion id (workshop note).
    public mutating func addOpinion(areas codes: [String], voice: String) {
        allVoices.insert(voice)
        for code in codes {
            guard let i = index[code] else { continue }
            opinions[i] += 1
            voices[i].insert(voice)
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

    public var totalVoices: Int { allVoices.count }

    public func rows() -> [SummaryRow] {
        let total = max(allVoices.count, 1)
        var rows: [SummaryRow] = areas.enumerated().map { i, area in
            SummaryRow(
                area: area, opinions: opinions[i], respondents: voices[i].count,
                share: Double(voices[i].count) / Double(total), rank: 0,
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
