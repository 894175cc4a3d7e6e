// QuoteSelector — keeps the most quotable opinions per area in bounded memory and picks each area's
// quotes so that a quote printed under a measure is not repeated under its project or strategy.
import KoeCore

/// An opinion that may be quoted.
public struct QuoteCandidate: Sendable, Hashable {
    public var id: String
    /// Verbatim text (masked when rendered).
    public var text: String
    public var segments: Segments
    /// 要望 / 課題 / 評価 / 提案・ありたい姿, or nil.
    public var type: String?
    public var respondent: String?
    public var score: Double

    public init(id: String, text: String, segments: Segments, type: String?, respondent: String?) {
        self.id = id
        self.text = text
        self.segments = segments
        self.type = type
        self.respondent = respondent
        self.score = QuoteCandidate.score(text: text, type: type)
    }

    /// Quotability: concrete sentences of moderate length score highest; requests and visions a little
    /// higher than praise (the plan quotes what citizens ask for). Deterministic.
    public static func score(text: String, type: String?) -> Double {
        let length = text.count
        let lengthScore: Double
        switch length {
        case ..<12: lengthScore = 0.1
        case 12..<25: lengthScore = 0.5
        case 25...160: lengthScore = 1.0
        case 161...300: lengthScore = 0.6
        default: lengthScore = 0.3
        }
        let typeScore: Double
        switch type {
        case "要望", "提案・ありたい姿": typeScore = 1.0
        case "課題": typeScore = 0.9
        case "評価": typeScore = 0.7
        default: typeScore = 0.6
        }
        return lengthScore * typeScore
    }

    /// Higher score first, then id (stable).
    static func before(_ a: QuoteCandidate, _ b: QuoteCandidate) -> Bool {
        a.score != b.score ? a.score > b.score : a.id < b.id
    }
}

/// Collects candidates per area (bounded) and selects quotes in plan order.
public struct QuoteSelector: Sendable {
    public let perArea: Int
    private var pools: [String: [QuoteCandidate]] = [:]

    /// `descendants`: how many areas lie below each area. A parent's pool must hold its children's picks
    /// and still have its own to show, so it grows with the subtree.
    public init(perArea: Int, descendants: [String: Int] = [:]) {
        self.perArea = perArea
        self.descendants = descendants
    }

    private let descendants: [String: Int]

    /// Room for choices after descendants have taken theirs and one-per-respondent and same-words are applied.
    private func capacity(_ area: String) -> Int {
        max(perArea * 8, 16) + perArea * 2 * descendants[area, default: 0]
    }

    /// Offers `candidate` to each area it is tagged with (codes including ancestors).
    public mutating func add(_ candidate: QuoteCandidate, areas: [String]) {
        guard perArea > 0 else { return }
        for area in areas {
            let capacity = capacity(area)
            var pool = pools[area, default: []]
            if pool.count >= capacity, let last = pool.last, !QuoteCandidate.before(candidate, last) { continue }
            let index = pool.firstIndex { QuoteCandidate.before(candidate, $0) } ?? pool.count
            pool.insert(candidate, at: index)
            if pool.count > capacity { pool.removeLast() }
            pools[area] = pool
        }
    }

    /// Texts that differ only in spaces and line breaks count as the same quote.
    static func textKey(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// The quotes of each area: children are served first (deepest level up), so a parent section shows
    /// other opinions than its children; at most one quote per respondent in each section.
    public func select(areas: [(code: String, level: Int)]) -> [String: [QuoteCandidate]] {
        var used: Set<String> = []
        // The same words from several respondents are printed once in the whole document.
        var usedTexts: Set<String> = []
        var result: [String: [QuoteCandidate]] = [:]
        let order = areas.enumerated().sorted { a, b in
            a.element.level != b.element.level ? a.element.level > b.element.level : a.offset < b.offset
        }
        for (_, area) in order {
            var chosen: [QuoteCandidate] = []
            var respondents: Set<String> = []
            for candidate in pools[area.code] ?? [] where chosen.count < perArea && !used.contains(candidate.id) {
                let key = Self.textKey(candidate.text)
                if usedTexts.contains(key) { continue }
                if let r = candidate.respondent, respondents.contains(r) { continue }
                if let r = candidate.respondent { respondents.insert(r) }
                usedTexts.insert(key)
                chosen.append(candidate)
            }
            for c in chosen { used.insert(c.id) }
            result[area.code] = chosen
        }
        return result
    }
}
