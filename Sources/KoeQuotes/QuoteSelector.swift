// QuoteSelector — keeps the most quotable opinions per area in bounded memory, learns each area's common
// words, and picks each area's quotes (children first, so a quote printed under a measure is not repeated
// under its project or strategy) with diversity across segments and each near-duplicate group printed once.
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
    /// The workshop session's label (子育て世代ワークショップ) for a workshop note; nil for survey answers.
    public var session: String?
    /// Content-word keys (koe's tokens, or `QuoteWords.contentRuns` of the text).
    public var words: [String]
    /// MinHash band keys, used to keep one of near-identical candidates in a pool (empty: not used).
    public var bandKeys: [UInt32]
    /// The score parts (representativeness and diversity are filled in by `select`).
    public var score: QuoteScore
    /// The near-duplicate group this quote stands for and its size (filled in by `select`; 1 = alone).
    public var group: String?
    public var groupSize: Int = 1
    /// The text without white space (texts that differ only in spaces are the same quote), made once.
    let textKey: UInt64
    /// The informative words, each once, in UTF-8 byte order (what an area's common words are counted from).
    let countedWords: [String]
    /// Their keys, made on the analysis worker so that counting them costs no String hashing.
    let countedKeys: [WordKey]

    public init(
        id: String, text: String, segments: Segments, type: String?, respondent: String?, session: String? = nil,
        words: [String]? = nil, bandKeys: [UInt32] = []
    ) {
        let words = words ?? QuoteWords.contentRuns(text)
        self.init(
            id: id, text: text, segments: segments, type: type, respondent: respondent, session: session, words: words,
            bandKeys: bandKeys, rank: QuoteRankParts(text: text, words: words, type: type))
    }

    /// The same with the score parts already worked out (`rank` must be `QuoteRankParts(text:words:type:)` of the
    /// same text, words and type: the analysis worker makes them once for the pools and the workspace).
    public init(
        id: String, text: String, segments: Segments, type: String?, respondent: String?, session: String? = nil,
        words: [String], bandKeys: [UInt32] = [], rank: QuoteRankParts
    ) {
        self.id = id
        self.text = text
        self.segments = segments
        self.type = type
        self.respondent = respondent
        self.session = session
        self.words = words
        self.bandKeys = bandKeys
        self.score = rank.score
        self.textKey = rank.textKey
        self.countedWords = rank.counted
        self.countedKeys = rank.countedKeys
    }

    /// The informative words the common-word counters see (distinct, in UTF-8 byte order).
    public var counted: [String] { countedWords }

    /// The key of the text without white space (twins in a pool), as a signed 64-bit integer for SQLite.
    public var textKeyBits: Int64 { Int64(bitPattern: textKey) }

    /// Higher base score first, then id (stable).
    static func before(_ a: QuoteCandidate, _ b: QuoteCandidate) -> Bool {
        a.score.base != b.score.base ? a.score.base > b.score.base : a.id < b.id
    }

    /// True when `other` is very likely a near-duplicate: at least 4 of 16 MinHash bands agree (expected
    /// 6.6 at Jaccard 0.8, 1 at 0.5).
    func sharesBands(with other: QuoteCandidate) -> Bool {
        guard !bandKeys.isEmpty, bandKeys.count == other.bandKeys.count else { return false }
        var same = 0
        for (a, b) in zip(bandKeys, other.bandKeys) where a == b { same += 1 }
        return same >= 4
    }
}

/// Collects candidates per area (bounded) and selects quotes in plan order.
public struct QuoteSelector: Sendable {
    public let perArea: Int
    private var areas: [String: Area] = [:]
    private let descendants: [String: Int]

    /// One area's bounded pool (best first) and common-word counters.
    private struct Area: Sendable {
        let capacity: Int
        var pool: [QuoteCandidate] = []
        var words = FrequentWords()
    }

    /// `descendants`: how many areas lie below each area. A parent's pool must hold its children's picks
    /// and still have its own to show, so it grows with the subtree.
    public init(perArea: Int, descendants: [String: Int] = [:]) {
        self.perArea = perArea
        self.descendants = descendants
    }

    /// Room for choices after descendants have taken theirs and one-per-respondent and same-words are applied.
    private static func capacity(_ area: String, perArea: Int, descendants: [String: Int]) -> Int {
        max(perArea * 8, 16) + perArea * 2 * descendants[area, default: 0]
    }

    /// Offers `candidate` to each area it is tagged with (codes including ancestors) and counts its words
    /// towards each area's common words.
    public mutating func add(_ candidate: QuoteCandidate, areas: [String]) {
        guard perArea > 0 else { return }
        let (perArea, descendants) = (perArea, descendants)
        for area in areas {
            Self.offer(
                candidate, to: &self.areas[area, default: Area(capacity: Self.capacity(area, perArea: perArea, descendants: descendants))])
        }
    }

    /// Counts one opinion's informative words (`QuoteCandidate.counted`, as a workspace stores them) towards
    /// `area`'s common words without offering it: for a pool picked elsewhere (`offerOnly`), the same counts
    /// as `add` makes when the opinions are counted in the same order.
    public mutating func count(_ counted: [String], area: String) {
        guard perArea > 0 else { return }
        let (perArea, descendants) = (perArea, descendants)
        self.areas[area, default: Area(capacity: Self.capacity(area, perArea: perArea, descendants: descendants))].words.add(
            counted, keys: counted.map { WordKey($0) })
    }

    /// Counts `candidate`'s informative words towards `area`'s common words (its keys made once already).
    public mutating func count(_ candidate: QuoteCandidate, area: String) {
        guard perArea > 0 else { return }
        let (perArea, descendants) = (perArea, descendants)
        self.areas[area, default: Area(capacity: Self.capacity(area, perArea: perArea, descendants: descendants))].words.add(
            candidate.countedWords, keys: candidate.countedKeys)
    }

    /// Offers `candidate` to `area`'s pool without counting its words (see `count`).
    public mutating func offerOnly(_ candidate: QuoteCandidate, area: String) {
        guard perArea > 0 else { return }
        let (perArea, descendants) = (perArea, descendants)
        Self.offer(
            candidate, to: &self.areas[area, default: Area(capacity: Self.capacity(area, perArea: perArea, descendants: descendants))],
            counting: false)
    }

    /// How many candidates `area`'s pool holds at most.
    public func capacity(of area: String) -> Int { Self.capacity(area, perArea: perArea, descendants: descendants) }

    private static func offer(_ candidate: QuoteCandidate, to area: inout Area, counting: Bool = true) {
        if counting { area.words.add(candidate.countedWords, keys: candidate.countedKeys) }
        if area.pool.count >= area.capacity, let last = area.pool.last, !QuoteCandidate.before(candidate, last) { return }
        // One of near-identical candidates is enough: a campaign must not fill the pool.
        if let twin = area.pool.firstIndex(where: { $0.textKey == candidate.textKey || $0.sharesBands(with: candidate) }) {
            if !QuoteCandidate.before(candidate, area.pool[twin]) { return }
            area.pool.remove(at: twin)
        }
        let index = area.pool.firstIndex { QuoteCandidate.before(candidate, $0) } ?? area.pool.count
        area.pool.insert(candidate, at: index)
        if area.pool.count > area.capacity { area.pool.removeLast() }
    }

    /// The most common informative words of an area (at most `limit`, seen at least twice, most frequent first).
    public func commonWords(_ area: String, limit: Int = 20) -> [String] { areas[area]?.words.top(limit) ?? [] }

    /// Texts that differ only in spaces and line breaks count as the same quote.
    static func textKey(_ text: String) -> UInt64 {
        // FNV-1a over the scalars that are not white space (64 bits: a collision is not expected in a run).
        var h = WordKey.basis
        for s in text.unicodeScalars where !QuoteText.isWhiteSpace(s) { h = WordKey.mix(h, s.value) }
        return h
    }

    /// The quotes of each area: children are served first (deepest level up), so a parent section shows
    /// other opinions than its children; at most one quote per respondent in each section; each
    /// near-duplicate group (`group(id)` gives its id and size) and each text once in the whole document.
    /// Within a section quotes are picked greedily by `QuoteScore.total`, whose diversity part falls for
    /// each earlier pick of the same age band and gender or the same district.
    /// `common`: an area's common words when they were counted elsewhere (a workspace's `quote_common`).
    public func select(
        areas: [(code: String, level: Int)], group: (String) -> (id: String, size: Int)? = { _ in nil },
        common known: [String: [String]] = [:]
    ) -> [String: [QuoteCandidate]] {
        var used: Set<String> = []
        var usedTexts: Set<UInt64> = []
        var usedGroups: Set<String> = []
        var result: [String: [QuoteCandidate]] = [:]
        let order = areas.enumerated().sorted { a, b in
            a.element.level != b.element.level ? a.element.level > b.element.level : a.offset < b.offset
        }
        for (_, area) in order {
            let common = Set(known[area.code] ?? commonWords(area.code))
            var remaining: [QuoteCandidate] = (self.areas[area.code]?.pool ?? []).map { candidate in
                var c = candidate
                c.score.representativeness = Self.representativeness(c.words, common: common)
                if let g = group(c.id) {
                    c.group = g.id
                    c.groupSize = g.size
                }
                return c
            }
            var chosen: [QuoteCandidate] = []
            var respondents: Set<String> = []
            // Each remaining candidate's diversity penalty against the picks so far, kept up to date pick by pick
            // (sums of 0.5 and 0.25 are exact, so the order of addition does not matter).
            var penalties = [Double](repeating: 0, count: remaining.count)
            while chosen.count < perArea {
                var kept = 0
                for i in remaining.indices {
                    // Read in place: a copy of each candidate per pick was most of the time of a large --limit.
                    if used.contains(remaining[i].id) || usedTexts.contains(remaining[i].textKey)
                        || remaining[i].group.map(usedGroups.contains) == true
                        || remaining[i].respondent.map(respondents.contains) == true
                    {
                        continue
                    }
                    if kept != i {
                        remaining.swapAt(kept, i)
                        penalties[kept] = penalties[i]
                    }
                    kept += 1
                }
                remaining.removeLast(remaining.count - kept)
                penalties.removeLast(penalties.count - kept)
                var best: Int?
                for i in remaining.indices {
                    remaining[i].score.diversity = 1 / (1 + penalties[i])
                    if let b = best,
                        remaining[b].score.total > remaining[i].score.total
                            || (remaining[b].score.total == remaining[i].score.total && remaining[b].id < remaining[i].id)
                    {
                        continue
                    }
                    best = i
                }
                guard let bestIndex = best else { break }
                let pick = remaining[bestIndex]
                chosen.append(pick)
                used.insert(pick.id)
                usedTexts.insert(pick.textKey)
                if let g = pick.group { usedGroups.insert(g) }
                if let r = pick.respondent { respondents.insert(r) }
                for i in remaining.indices { penalties[i] += Self.penalty(remaining[i].segments, pick: pick.segments) }
            }
            result[area.code] = chosen
        }
        return result
    }

    /// Share of the area's common words the quote contains, against at most 5 (a quote cannot hold all 20).
    static func representativeness(_ words: [String], common: Set<String>) -> Double {
        guard !common.isEmpty else { return 0 }
        let hits = Set(words).intersection(common).count
        return min(1, Double(hits) / Double(min(5, common.count)))
    }

    /// 1 / (1 + 0.5 × earlier picks with the same age band and gender + 0.25 × earlier picks in the same
    /// district); unknown segments never count as the same.
    /// (The penalty one earlier pick adds; the selection keeps each candidate's sum as picks are made.)
    @inline(__always) static func penalty(_ s: Segments, pick: Segments) -> Double {
        var penalty = 0.0
        if s.age != nil, pick.age == s.age, pick.gender == s.gender { penalty += 0.5 }
        if s.district != nil, pick.district == s.district { penalty += 0.25 }
        return penalty
    }
}
