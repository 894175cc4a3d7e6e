// Tagger — tags one tokenized opinion with codebook areas, keeping the evidence for every tag and every
// exclusion. Immutable after building: share one Tagger between threads (each with its own Tokenizer).
import KoeCore
import KoeText

/// Why a tag was made: the keyword (or rule word) that matched and where, in the verbatim text.
public struct Evidence: Sendable, Hashable, Codable {
    /// The area whose own keyword or rule matched (for an ancestor, the descendant that gave the tag).
    public var code: String
    /// The keyword or rule word as written in the codebook.
    public var keyword: String
    /// The verbatim text that matched.
    public var surface: String
    /// Offsets in Unicode code points of the verbatim text (end exclusive).
    public var start: Int
    public var end: Int
    /// `keyword` or `rule`.
    public var via: String
}

/// An `exclude` word that stopped a tag which the keywords or rule would otherwise have made.
public struct ExcludedMatch: Sendable, Hashable, Codable {
    public var code: String
    public var exclude: String
    public var surface: String
    public var start: Int
    public var end: Int
    /// The evidence that was overruled.
    public var blocked: [Evidence]
}

/// The tags of one opinion.
public struct TagResult: Sendable, Hashable {
    /// Area codes in plan order, ancestors included.
    public var areas: [String]
    /// The evidence of each area of `areas`, in the same order (ancestors carry their descendants' evidence).
    public var areaEvidence: [[Evidence]]
    public var excluded: [ExcludedMatch]
    /// Codes whose own keywords or rule matched (not only through a descendant).
    public var direct: [String]

    /// No tag (an untagged text).
    public static let none = TagResult(areas: [], areaEvidence: [], excluded: [], direct: [])

    /// Evidence per area code.
    public var evidence: [String: [Evidence]] { Dictionary(uniqueKeysWithValues: zip(areas, areaEvidence)) }

    /// The evidence of one area of `areas` (nil when it is not tagged).
    public func evidence(of code: String) -> [Evidence]? {
        areas.firstIndex(of: code).map { areaEvidence[$0] }
    }
}

/// Tags texts with a codebook.
public struct Tagger: Sendable {
    /// The tables, shared by every copy (a copy of the Tagger is one retain).
    private let matcher: TagMatcher

    public var codebook: Codebook { matcher.codebook }

    /// Builds the matcher. `normalizer` must be the one the tokenizer uses (for raw strings `'…'`).
    public init(codebook: Codebook, normalizer: Normalizer = .standard) throws {
        matcher = try TagMatcher(codebook: codebook, normalizer: normalizer)
    }

    /// Number of distinct keyword / rule-word patterns in the matcher.
    public var patternCount: Int { matcher.patternCount }

    /// Tags one text.
    public func tag(_ text: TokenizedText) -> TagResult { matcher.tag(text) }

    /// False when `text` (its matching form) cannot get a tag, whatever its words: it holds no keyword or rule word
    /// stem and no rule could hold without them (`TagPrecheck`). True otherwise, also when the codebook admits no
    /// such check (a keyword like する, a rule on `lw` alone).
    public func mayTag(_ text: NormalizedText) -> Bool {
        guard let precheck = matcher.precheck else { return true }
        return text.units.withUnsafeBufferPointer { precheck.admits($0) }
    }

    /// Whether `mayTag` can answer false for some texts (the codebook admits a precheck).
    public var hasPrecheck: Bool { matcher.precheck != nil }
}

/// The tagger's tables and its matching. Immutable after building.
final class TagMatcher: Sendable {
    let codebook: Codebook
    private let trie: TokenTrie
    /// For each pattern: the (area index, keyword index) it is a keyword / exclude of.
    private let keywordUses: [[(area: Int, keyword: Int)]]
    private let excludeUses: [[(area: Int, keyword: Int)]]
    /// Each area's code (read per hit without going through the codebook's areas).
    private let codes: [String]
    private let rules: [CompiledRule?]
    /// Position of each area in reference order (referenced codes first).
    private let rank: [Int]
    private let ruleAreas: [Int]
    private let parents: [Int?]
    private let needsSentences: Bool
    /// The necessary condition for a tag, checked before tokenizing (nil when the codebook admits none).
    let precheck: TagPrecheck?

    init(codebook: Codebook, normalizer: Normalizer) throws {
        self.codebook = codebook
        var trie = TokenTrie()
        var keywordUses: [[(area: Int, keyword: Int)]] = []
        var excludeUses: [[(area: Int, keyword: Int)]] = []
        func grow(_ id: Int) {
            while keywordUses.count <= id { keywordUses.append([]); excludeUses.append([]) }
        }
        var rules: [CompiledRule?] = []
        let index = Dictionary(uniqueKeysWithValues: codebook.areas.enumerated().map { ($1.code, $0) })
        var sentences = false
        for (a, area) in codebook.areas.enumerated() {
            for (k, keyword) in area.keywords.enumerated() {
                for keys in [keyword.keys] + keyword.alternateKeys {
                    let id = trie.insert(keys)
                    grow(id)
                    keywordUses[id].append((a, k))
                }
            }
            for (k, keyword) in area.exclude.enumerated() {
                for keys in [keyword.keys] + keyword.alternateKeys {
                    let id = trie.insert(keys)
                    grow(id)
                    excludeUses[id].append((a, k))
                }
            }
            if let rule = area.rule {
                let compiled = CompiledRule(rule, trie: &trie, areaIndex: index, normalizer: normalizer)
                sentences = sentences || compiled.usesSentences
                rules.append(compiled)
            } else {
                rules.append(nil)
            }
        }
        grow(trie.patternCount)
        self.trie = trie
        self.keywordUses = keywordUses
        self.excludeUses = excludeUses
        self.rules = rules
        let order = try codebook.referenceOrder()
        var rank = [Int](repeating: 0, count: codebook.areas.count)
        for (position, a) in order.enumerated() { rank[a] = position }
        self.rank = rank
        self.ruleAreas = rules.indices.filter { rules[$0] != nil }
        self.parents = codebook.areas.map { $0.parentCode.flatMap { index[$0] } }
        self.codes = codebook.areas.map(\.code)
        self.needsSentences = sentences
        let keywordPatterns = keywordUses.indices.filter { !keywordUses[$0].isEmpty }
        precheck = TagPrecheck.make(keywordPatterns: keywordPatterns, rules: rules, patternKeys: trie.patternKeys)
    }

    var patternCount: Int { trie.patternCount }

    /// The tags of one text: the matches, then each candidate area in reference order (rules see the areas
    /// decided before them), then the tagged areas with their ancestors.
    func tag(_ text: TokenizedText) -> TagResult {
        let found = trie.matches(in: text)
        if found.isEmpty && ruleAreas.isEmpty { return .none }
        var hits = TagHits(text: text, lengths: trie.lengths, codes: codes)
        collect(found, into: &hits)
        let context = ruleContext(text, found)
        var matched: [Int] = []
        var excluded: [ExcludedMatch] = []
        for a in candidates(hits) {
            if let rule = rules[a], let context, rule.evaluate(context, matched: matched) > 0 {
                ruleHeld(a, rule, context, &hits)
            }
            guard let k = hits.own.firstIndex(where: { $0.area == a }), !hits.own[k].hits.isEmpty else { continue }
            let blocking = blockers(of: a, hits)
            if blocking.isEmpty {
                matched.append(a)
                continue
            }
            for var blocker in blocking {
                // Recorded on the area that was not tagged (the exclude word may be its ancestor's).
                blocker.code = codes[a]
                blocker.blocked = hits.own[k].hits
                excluded.append(blocker)
            }
            hits.own.remove(at: k)
        }
        return result(matched: matched.sorted(), hits: hits, excluded: excluded)
    }

    /// Evidence for every keyword occurrence, and the exclude words found, per area.
    private func collect(_ found: [(pattern: Int, start: Int)], into hits: inout TagHits) {
        for (pattern, start) in found {
            for use in keywordUses[pattern] {
                let keyword = codebook.areas[use.area].keywords[use.keyword].text
                hits.add(hits.evidence(use.area, keyword, pattern, start, via: "keyword"), to: use.area)
            }
            for use in excludeUses[pattern] {
                let e = hits.evidence(use.area, codebook.areas[use.area].exclude[use.keyword].text, pattern, start, via: "exclude")
                hits.block(
                    ExcludedMatch(code: e.code, exclude: e.keyword, surface: e.surface, start: e.start, end: e.end, blocked: []),
                    area: use.area)
            }
        }
    }

    /// Areas with a hit or a rule, in reference order (rank is a permutation, so the order is total).
    private func candidates(_ hits: TagHits) -> [Int] {
        var candidates = hits.own.map(\.area)
        for a in ruleAreas where !hits.own.contains(where: { $0.area == a }) { candidates.append(a) }
        let rank = self.rank
        candidates.sort { rank[$0] < rank[$1] }
        return candidates
    }

    /// What the rules see of the text (none when the codebook has no rule).
    private func ruleContext(_ text: TokenizedText, _ found: [(pattern: Int, start: Int)]) -> RuleContext? {
        guard !ruleAreas.isEmpty else { return nil }
        return RuleContext(
            text: text, occurrences: RuleContext.occurrences(found), lengths: trie.lengths,
            sentences: needsSentences ? RuleContext.sentenceIndex(text) : [])
    }

    /// Area `a`'s rule holds: its positive words are evidence; without any, the rule itself is.
    private func ruleHeld(_ a: Int, _ rule: CompiledRule, _ context: RuleContext, _ hits: inout TagHits) {
        for (pattern, word) in rule.positiveWords {
            for start in context.occurrences[pattern] ?? [] {
                hits.add(hits.evidence(a, word, pattern, start, via: "rule"), to: a)
            }
        }
        if !hits.own.contains(where: { $0.area == a }) {
            // A rule can hold through a raw string, a count or a code reference alone.
            let e = Evidence(
                code: codes[a], keyword: codebook.areas[a].ruleText ?? "", surface: "", start: 0, end: 0, via: "rule")
            hits.own.append((a, [e]))
        }
    }

    /// The exclude matches that block area `a`: its own and its ancestors' (an exclusion on a measure holds for
    /// its sub-items too).
    private func blockers(of a: Int, _ hits: TagHits) -> [ExcludedMatch] {
        guard !hits.blockers.isEmpty else { return [] }
        var blocking: [ExcludedMatch] = []
        var up: Int? = a
        while let p = up {
            if let b = hits.blockers.first(where: { $0.area == p }) { blocking += b.matches }
            up = parents[p]
        }
        return blocking
    }

    /// Tagged areas (matched ones and their ancestors) with their evidence, in plan order.
    private func result(matched: [Int], hits: TagHits, excluded: [ExcludedMatch]) -> TagResult {
        var tagged: [(area: Int, evidence: [Evidence])] = []
        func addEvidence(_ e: [Evidence], to area: Int) {
            if let k = tagged.firstIndex(where: { $0.area == area }) {
                tagged[k].evidence += e
            } else {
                tagged.append((area, e))
            }
        }
        for a in matched {
            let own = hits.own.first { $0.area == a }?.hits ?? []
            let sorted = own.sorted { ($0.start, $0.end, $0.keyword) < ($1.start, $1.end, $1.keyword) }
            addEvidence(sorted, to: a)
            var p = parents[a]
            while let parent = p {
                addEvidence(sorted, to: parent)
                p = parents[parent]
            }
        }
        tagged.sort { $0.area < $1.area }
        var direct: [String] = []
        for (a, _) in tagged where matched.contains(a) { direct.append(codes[a]) }
        let excluded = excluded.sorted { ($0.start, $0.code) < ($1.start, $1.code) }
        return TagResult(
            areas: tagged.map { codes[$0.area] }, areaEvidence: tagged.map(\.evidence), excluded: excluded, direct: direct)
    }
}

/// What one text's matches give each area: evidence (keywords, rule words) and exclude matches. Small arrays
/// searched linearly, not dictionaries: a text hits a handful of areas, and the work stays proportional to the
/// hits, not to the codebook.
private struct TagHits {
    let text: TokenizedText
    let lengths: [Int]
    let codes: [String]
    var cursor: CodePointCursor
    var own: [(area: Int, hits: [Evidence])] = []
    var blockers: [(area: Int, matches: [ExcludedMatch])] = []

    init(text: TokenizedText, lengths: [Int], codes: [String]) {
        self.text = text
        self.lengths = lengths
        self.codes = codes
        cursor = CodePointCursor(text.original)
    }

    /// The evidence of pattern occurrence (`pattern`, `start`) for `area`, located in the verbatim text.
    mutating func evidence(_ area: Int, _ keyword: String, _ pattern: Int, _ start: Int, via: String) -> Evidence {
        let first = text.tokens[start].originalRange
        let last = text.tokens[start + lengths[pattern] - 1].originalRange
        let range = first.lowerBound..<max(first.lowerBound, last.upperBound)
        let (lower, upper, surface) = cursor.locate(range)
        return Evidence(code: codes[area], keyword: keyword, surface: surface, start: lower, end: upper, via: via)
    }

    mutating func add(_ e: Evidence, to area: Int) {
        if let k = own.firstIndex(where: { $0.area == area }) {
            own[k].hits.append(e)
        } else {
            own.append((area, [e]))
        }
    }

    mutating func block(_ match: ExcludedMatch, area: Int) {
        if let k = blockers.firstIndex(where: { $0.area == area }) {
            blockers[k].matches.append(match)
        } else {
            blockers.append((area, [match]))
        }
    }
}
