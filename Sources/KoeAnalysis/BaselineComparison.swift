// BaselineComparison — this survey wave against the previous one (pipeline key `baseline:`): per area, whole
// and per segment value, share now vs before (pooled two-proportion z-test), importance/satisfaction means
// (Welch's t), and the areas added, removed or renamed between the two codebooks (matched by code).
import KoeCore

/// One rated area's importance or satisfaction as sufficient statistics (workspace table `rating_stats`).
public struct RatingStatistics: Sendable, Hashable {
    public var area: String
    public var kind: RatingQuestion
    public var n: Int
    public var mean: Double
    /// Sample variance (ddof = 1); nil for fewer than two ratings.
    public var variance: Double?

    public init(area: String, kind: RatingQuestion, n: Int, mean: Double, variance: Double?) {
        self.area = area
        self.kind = kind
        self.n = n
        self.mean = mean
        self.variance = variance
    }
}

/// What one wave's comparison needs of it: the same facts for the current run and for a baseline workspace.
public struct WaveSnapshot: Sendable {
    /// The codebook's areas in plan order.
    public var areas: [PlanArea]
    /// The configured age bands (a different scheme makes age comparisons meaningless).
    public var ageBands: [String]
    /// Survey respondents who wrote at least one free answer (summary.csv's share denominator).
    public var shareBase: Int
    /// Respondents mentioning each area (summary.csv `respondents`).
    public var mentioning: [String: Int]
    /// Cross-tab cells: segment × area × value → (respondents with the value, of them mentioning the area).
    public var cells: [CrossTabSegment: [String: [String: (respondents: Int, mentioning: Int)]]]
    /// Per segment, the values in crosstab order.
    public var values: [CrossTabSegment: [String]]
    public var ratings: [RatingStatistics]
    /// Survey opinions' content words (document frequency), when counted.
    public var words: WordCounts?

    /// The current run's cross-tab rows as cells.
    public init(
        areas: [PlanArea], ageBands: [String], shareBase: Int, mentioning: [String: Int], crossTab: [CrossTabRow],
        ratings: [RatingStatistics]
    ) {
        self.init(
            areas: areas, ageBands: ageBands, shareBase: shareBase, mentioning: mentioning,
            cells: crossTab.map {
                WaveCell(segment: $0.segment, area: $0.area, value: $0.value, respondents: $0.respondents, mentioning: $0.mentioning)
            },
            ratings: ratings)
    }

    public init(
        areas: [PlanArea], ageBands: [String], shareBase: Int, mentioning: [String: Int], cells crossTab: [WaveCell],
        ratings: [RatingStatistics]
    ) {
        self.areas = areas
        self.ageBands = ageBands
        self.shareBase = shareBase
        self.mentioning = mentioning
        self.ratings = ratings
        cells = [:]
        values = [:]
        var seen: Set<String> = []
        for r in crossTab {
            if seen.insert("\(r.segment.rawValue)\u{1F}\(r.value)").inserted { values[r.segment, default: []].append(r.value) }
            cells[r.segment, default: [:]][r.area, default: [:]][r.value] = (r.respondents, r.mentioning)
        }
    }
}

/// One cell of a wave's cross-tabs (a crosstab.csv row's counts).
public struct WaveCell: Sendable, Hashable {
    public var segment: CrossTabSegment
    public var area: String
    public var value: String
    public var respondents: Int
    public var mentioning: Int

    public init(segment: CrossTabSegment, area: String, value: String, respondents: Int, mentioning: Int) {
        self.segment = segment
        self.area = area
        self.value = value
        self.respondents = respondents
        self.mentioning = mentioning
    }
}

/// One share compared: the whole (segment nil) or one segment value.
public struct BaselineShareRow: Sendable, Hashable {
    public var area: String
    public var segment: CrossTabSegment?
    public var value: String?
    public var mentioningNow: Int
    public var respondentsNow: Int
    public var mentioningBefore: Int
    public var respondentsBefore: Int
    public var shareNow: Double { respondentsNow == 0 ? 0 : Double(mentioningNow) / Double(respondentsNow) }
    public var shareBefore: Double { respondentsBefore == 0 ? 0 : Double(mentioningBefore) / Double(respondentsBefore) }
    public var diff: Double { shareNow - shareBefore }
    /// The pooled two-proportion z-test; nil when there is nothing to test.
    public var test: TwoProportionTest?
    /// The 2 × 2 table's smallest expected count (wave × mentioning or not); below 5 the z-test is rough.
    public var minExpected: Double?
}

/// One rating mean compared.
public struct BaselineMeanRow: Sendable, Hashable {
    public var area: String
    public var kind: RatingQuestion
    public var now: RatingStatistics
    public var before: RatingStatistics
    public var diff: Double { now.mean - before.mean }
    /// Welch's t-test; nil when a wave has fewer than two ratings or no variance.
    public var test: WelchTest?
}

/// An area present in only one codebook, or renamed between them.
public struct AreaChange: Sendable, Hashable {
    public enum Kind: String, Sendable { case added, removed, renamed }
    public var kind: Kind
    public var code: String
    public var nameNow: String?
    public var nameBefore: String?
}

/// The whole comparison.
public struct BaselineComparison: Sendable {
    /// The baseline workspace as written in the pipeline.
    public var label: String
    /// The baseline's title (its pipeline's `name`).
    public var titleBefore: String
    public var shares: [BaselineShareRow] = []
    public var means: [BaselineMeanRow] = []
    public var changes: [AreaChange] = []
    /// Japanese notes on what could not be compared (a different age-band scheme …).
    public var notes: [String] = []
    /// The words that rose, then those that fell, most (G²; empty when a wave has no word counts).
    public var words: [BaselineWordChange] = []

    /// Compares `now` with `before`: areas matched by code, in the current plan order.
    public init(now: WaveSnapshot, before: WaveSnapshot, label: String, titleBefore: String) {
        self.label = label
        self.titleBefore = titleBefore
        let beforeAreas = Dictionary(before.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let nowCodes = Set(now.areas.map(\.code))
        for area in now.areas {
            guard let old = beforeAreas[area.code] else {
                changes.append(AreaChange(kind: .added, code: area.code, nameNow: area.name, nameBefore: nil))
                continue
            }
            if old.name != area.name {
                changes.append(AreaChange(kind: .renamed, code: area.code, nameNow: area.name, nameBefore: old.name))
            }
        }
        for area in before.areas where !nowCodes.contains(area.code) {
            changes.append(AreaChange(kind: .removed, code: area.code, nameNow: nil, nameBefore: area.name))
        }
        let common = now.areas.filter { beforeAreas[$0.code] != nil }
        var segments = CrossTabSegment.allCases
        if now.ageBands != before.ageBands {
            segments.removeAll { $0 == .age }
            notes.append(
                "年代の区分が前回と違うため（今回: \(now.ageBands.joined(separator: "・"))、前回: \(before.ageBands.joined(separator: "・"))）、年代別の比較は行いません。")
        }
        let nowDistricts = now.values[.district] ?? []
        let beforeDistricts = before.values[.district] ?? []
        let onlyNow = nowDistricts.filter { !beforeDistricts.contains($0) && $0 != "無回答" }
        let onlyBefore = beforeDistricts.filter { !nowDistricts.contains($0) && $0 != "無回答" }
        if !onlyNow.isEmpty || !onlyBefore.isEmpty {
            notes.append(
                "地区の値が前回と一部違うため（今回のみ: \(onlyNow.isEmpty ? "なし" : onlyNow.joined(separator: "・"))、前回のみ: "
                    + "\(onlyBefore.isEmpty ? "なし" : onlyBefore.joined(separator: "・"))）、両方にある地区だけを比べます。")
        }
        for area in common {
            shares.append(
                Self.row(
                    area.code, nil, nil, (now.mentioning[area.code] ?? 0, now.shareBase),
                    (before.mentioning[area.code] ?? 0, before.shareBase)))
            for segment in segments {
                let beforeValues = Set(before.values[segment] ?? [])
                for value in now.values[segment] ?? [] where beforeValues.contains(value) {
                    guard let a = now.cells[segment]?[area.code]?[value], let b = before.cells[segment]?[area.code]?[value] else {
                        continue
                    }
                    shares.append(Self.row(area.code, segment, value, (a.mentioning, a.respondents), (b.mentioning, b.respondents)))
                }
            }
        }
        if let a = now.words, let b = before.words { words = BaselineWordChange.changes(now: a, before: b) }
        let old = Dictionary(before.ratings.map { ("\($0.area)\u{1F}\($0.kind.rawValue)", $0) }, uniquingKeysWith: { a, _ in a })
        for stats in now.ratings {
            guard let prior = old["\(stats.area)\u{1F}\(stats.kind.rawValue)"] else { continue }
            let test = WelchTest(
                n1: stats.n, mean1: stats.mean, variance1: stats.variance ?? -1, n2: prior.n, mean2: prior.mean,
                variance2: prior.variance ?? -1)
            means.append(BaselineMeanRow(area: stats.area, kind: stats.kind, now: stats, before: prior, test: test))
        }
    }

    private static func row(
        _ area: String, _ segment: CrossTabSegment?, _ value: String?, _ now: (Int, Int), _ before: (Int, Int)
    ) -> BaselineShareRow {
        let n = now.1 + before.1
        let x = now.0 + before.0
        var minExpected: Double?
        if n > 0 {
            let cells = [now.1, before.1].flatMap { r in [x, n - x].map { Double(r) * Double($0) / Double(n) } }
            minExpected = cells.min()
        }
        return BaselineShareRow(
            area: area, segment: segment, value: value, mentioningNow: now.0, respondentsNow: now.1, mentioningBefore: before.0,
            respondentsBefore: before.1, test: TwoProportionTest(now.0, of: now.1, before.0, of: before.1),
            minExpected: minExpected)
    }
}
