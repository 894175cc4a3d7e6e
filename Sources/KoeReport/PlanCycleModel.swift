// PlanCycleModel — what report.html shows of the plan cycle: the comparison with the previous survey wave and
// the 小学校区 maps, as plain values (the report writer fills them from the run's results).
import Foundation
import KoeSegments

/// The previous-wave comparison as the report shows it.
public struct BaselineReport: Sendable, Hashable {
    /// The baseline workspace as the pipeline names it, and its run's title.
    public var label: String
    public var titleBefore: String
    public var shares: [Share]
    public var means: [Mean]
    public var changes: [Change]
    /// What could not be compared, in Japanese.
    public var notes: [String]
    /// The words that rose, then fell, most between the waves.
    public var words: [Word] = []

    public init(label: String, titleBefore: String, shares: [Share], means: [Mean], changes: [Change], notes: [String]) {
        self.label = label
        self.titleBefore = titleBefore
        self.shares = shares
        self.means = means
        self.changes = changes
        self.notes = notes
    }

    /// A share now vs before (segment nil: the whole survey).
    public struct Share: Sendable, Hashable {
        public var area: String
        /// 年代 / 性別 / 地区, nil for the whole.
        public var segment: String?
        public var value: String?
        public var mentioningNow: Int
        public var respondentsNow: Int
        public var mentioningBefore: Int
        public var respondentsBefore: Int
        public var p: Double?
        public var minExpected: Double?

        public init(
            area: String, segment: String?, value: String?, mentioningNow: Int, respondentsNow: Int, mentioningBefore: Int,
            respondentsBefore: Int, p: Double?, minExpected: Double?
        ) {
            self.area = area
            self.segment = segment
            self.value = value
            self.mentioningNow = mentioningNow
            self.respondentsNow = respondentsNow
            self.mentioningBefore = mentioningBefore
            self.respondentsBefore = respondentsBefore
            self.p = p
            self.minExpected = minExpected
        }

        public var shareNow: Double { respondentsNow == 0 ? 0 : Double(mentioningNow) / Double(respondentsNow) }
        public var shareBefore: Double { respondentsBefore == 0 ? 0 : Double(mentioningBefore) / Double(respondentsBefore) }
        /// An expected count below 5: the test is rough (※).
        public var small: Bool { (minExpected ?? 0) < 5 }
    }

    /// A rating mean now vs before.
    public struct Mean: Sendable, Hashable {
        public var area: String
        /// 重要度 / 満足度.
        public var kind: String
        public var meanNow: Double
        public var nNow: Int
        public var meanBefore: Double
        public var nBefore: Int
        public var p: Double?

        public init(area: String, kind: String, meanNow: Double, nNow: Int, meanBefore: Double, nBefore: Int, p: Double?) {
            self.area = area
            self.kind = kind
            self.meanNow = meanNow
            self.nNow = nNow
            self.meanBefore = meanBefore
            self.nBefore = nBefore
            self.p = p
        }
    }

    /// A word whose share of survey opinions changed (log-likelihood G², df = 1).
    public struct Word: Sendable, Hashable {
        public var word: String
        public var now: Int
        public var opinionsNow: Int
        public var before: Int
        public var opinionsBefore: Int
        public var g2: Double
        public var p: Double
        public var rose: Bool

        public init(word: String, now: Int, opinionsNow: Int, before: Int, opinionsBefore: Int, g2: Double, p: Double, rose: Bool) {
            self.word = word
            self.now = now
            self.opinionsNow = opinionsNow
            self.before = before
            self.opinionsBefore = opinionsBefore
            self.g2 = g2
            self.p = p
            self.rose = rose
        }
    }

    /// An area added, removed or renamed between the codebooks.
    public struct Change: Sendable, Hashable {
        /// 追加 / 削除 / 名称変更.
        public var kind: String
        public var code: String
        public var nameNow: String
        public var nameBefore: String

        public init(kind: String, code: String, nameNow: String, nameBefore: String) {
            self.kind = kind
            self.code = code
            self.nameNow = nameNow
            self.nameBefore = nameBefore
        }
    }
}

/// The 小学校区 maps: one choropleth per charted area.
public struct MapReport: Sendable, Hashable {
    public var map: DistrictMap
    /// Districts with fewer respondents are hatched grey.
    public var minCell: Int
    /// Per area (plan order), its share by district.
    public var areas: [Area]
    /// District values of the survey with no polygon, and polygons with no survey district.
    public var missingOnMap: [String]
    public var missingInData: [String]

    /// One area's district cells, keyed by the map's district names.
    public struct Area: Sendable, Hashable {
        public var code: String
        public var cells: [String: Cell]

        public init(code: String, cells: [String: Cell]) {
            self.code = code
            self.cells = cells
        }
    }

    /// A district's respondents, of them mentioning the area, and the cross-tab's adjusted residual.
    public struct Cell: Sendable, Hashable {
        public var respondents: Int
        public var mentioning: Int
        public var adjustedResidual: Double?

        public init(respondents: Int, mentioning: Int, adjustedResidual: Double?) {
            self.respondents = respondents
            self.mentioning = mentioning
            self.adjustedResidual = adjustedResidual
        }

        public var share: Double { respondents == 0 ? 0 : Double(mentioning) / Double(respondents) }
    }

    /// Matches the survey's district values to the map's names (exactly, else after NFKC and without a
    /// trailing 小学校区 / 小学校 / 校区 / 地区), and keeps the areas' cells under the map's names.
    /// `rows`: (area, district value, respondents, mentioning, adjusted residual) in plan order.
    public init(
        map: DistrictMap, minCell: Int, areas codes: [String],
        rows: [(area: String, value: String, respondents: Int, mentioning: Int, residual: Double?)]
    ) {
        self.map = map
        self.minCell = minCell
        var byKey: [String: String] = [:]
        for d in map.districts { byKey[Self.key(d.name)] = byKey[Self.key(d.name)] ?? d.name }
        let names = Set(map.districts.map(\.name))
        var matched: Set<String> = []
        var missing: [String] = []
        var cells: [String: [String: Cell]] = [:]
        for r in rows {
            let name = names.contains(r.value) ? r.value : byKey[Self.key(r.value)]
            guard let name else {
                if !missing.contains(r.value) { missing.append(r.value) }
                continue
            }
            matched.insert(name)
            cells[r.area, default: [:]][name] = Cell(respondents: r.respondents, mentioning: r.mentioning, adjustedResidual: r.residual)
        }
        areas = codes.compactMap { code in cells[code].map { Area(code: code, cells: $0) } }
        missingOnMap = missing.filter { $0 != "無回答" }
        missingInData = map.districts.map(\.name).filter { !matched.contains($0) }
    }

    /// The name as matched: NFKC, without a trailing 小学校区 / 小学校 / 校区 / 地区 / 区.
    static func key(_ name: String) -> String {
        var s = name.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        for suffix in ["小学校区", "小学校", "校区", "地区"] where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
            break
        }
        return s
    }
}
