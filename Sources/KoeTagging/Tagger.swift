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
    }

    var patternCount: Int { trie.patternCount }

    func tag(_ text: TokenizedText) -> TagResult {
        let found = trie.matches(in: text)
        if found.isEmpty && ruleAreas.isEmpty { return TagResult(areas: [], areaEvidence: [], excluded: [], direct: []) }
        // Small arrays searched linearly, not dictionaries: a text hits a handful of areas, and the work stays
        // proportional to the hits, not to the codebook.
        var cursor = CodePointCursor(text.original)
        func evidence(_ area: Int, _ keyword: String, _ pattern: Int, _ start: Int, via: String) -> Evidence {
            let first = text.tokens[start].originalRange
            let last = text.tokens[start + trie.lengths[pattern] - 1].originalRange
            let range = first.lowerBound..<max(first.lowerBound, last.upperBound)
            let (lower, upper, surface) = cursor.locate(range)
            return Evidence(
                code: codes[area], keyword: keyword, surface: surface, start: lower, end: upper, via: via)
        }
        var own: [(area: Int, hits: [Evidence])] = []
        var blockers: [(area: Int, matches: [ExcludedMatch])] = []
        func add(_ e: Evidence, to area: Int) {
            if let k = own.firstIndex(where: { $0.area == area }) {
                own[k].hits.append(e)
            } else {
                own.append((area, [e]))
            }
        }
        for (pattern, start) in found {
            for use in keywordUses[pattern] {
                add(evidence(use.area, codebook.areas[use.area].keywords[use.keyword].text, pattern, start, via: "keyword"), to: use.area)
            }
            for use in excludeUses[pattern] {
                let e = evidence(use.area, codebook.areas[use.area].exclude[use.keyword].text, pattern, start, via: "exclude")
                let match = ExcludedMatch(code: e.code, exclude: e.keyword, surface: e.surface, start: e.start, end: e.end, blocked: [])
                if let k = blockers.firstIndex(where: { $0.area == use.area }) {
                    blockers[k].matches.append(match)
                } else {
                    blockers.append((use.area, [match]))
                }
            }
        }
        // Areas with a hit or a rule, in reference order (rank is a permutation, so the order is total).
        var candidates = own.map(\.area)
        for a in ruleAreas where !own.contains(where: { $0.area == a }) { candidates.append(a) }
        let rank = self.rank
        candidates.sort { rank[$0] < rank[$1] }
        let context =
            ruleAreas.isEmpty
            ? nil
            : RuleContext(
                text: text, occurrences: RuleContext.occurrences(found), lengths: trie.lengths,
                sentences: needsSentences ? RuleContext.sentenceIndex(text) : [])
        var matched: [Int] = []
        var excluded: [ExcludedMatch] = []
        for a in candidates {
            if let rule = rules[a], let context, rule.evaluate(context, matched: matched) > 0 {
                for (pattern, word) in rule.positiveWords {
                    for start in context.occurrences[pattern] ?? [] {
                        add(evidence(a, word, pattern, start, via: "rule"), to: a)
                    }
                }
                if !own.contains(where: { $0.area == a }) {
                    // A rule can hold through a raw string, a count or a code reference alone.
                    own.append(
                        (
                            a,
                            [
                                Evidence(
                                    code: codes[a], keyword: codebook.areas[a].ruleText ?? "",
                                    surface: "", start: 0, end: 0, via: "rule")
                            ]
                        ))
                }
            }
            guard let k = own.firstIndex(where: { $0.area == a }), !own[k].hits.isEmpty else { continue }
            // An exclude word blocks its own area and every area below it (an exclusion on a measure
            // holds for its sub-items too).
            var blocking: [ExcludedMatch] = []
            if !blockers.isEmpty {
                var up: Int? = a
                while let p = up {
                    if let b = blockers.first(where: { $0.area == p }) { blocking += b.matches }
                    up = parents[p]
                }
            }
            if !blocking.isEmpty {
                for var blocker in blocking {
                    // Recorded on the area that was not tagged (the exclude word may be its ancestor's).
                    blocker.code = codes[a]
                    blocker.blocked = own[k].hits
                    excluded.append(blocker)
                }
                own.remove(at: k)
                continue
            }
            matched.append(a)
        }
        matched.sort()
        // Tagged areas (matched ones and their ancestors) with their evidence, in plan order.
        var tagged: [(area: Int, evidence: [Evidence])] = []
        func addEvidence(_ e: [Evidence], to area: Int) {
            if let k = tagged.firstIndex(where: { $0.area == area }) {
                tagged[k].evidence += e
            } else {
                tagged.append((area, e))
            }
        }
        for a in matched {
            let hits = own.first { $0.area == a }?.hits ?? []
            let sorted = hits.sorted { ($0.start, $0.end, $0.keyword) < ($1.start, $1.end, $1.keyword) }
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
        excluded.sort { ($0.start, $0.code) < ($1.start, $1.code) }
        return TagResult(
            areas: tagged.map { codes[$0.area] }, areaEvidence: tagged.map(\.evidence), excluded: excluded,
            direct: direct)
    }
}

/// UTF-16 offsets of a String → Unicode code point offsets and slices, found by walking the UTF-8 from the
/// offset asked before (offsets asked in about increasing order cost one pass over the text; nothing is
/// built per text).
struct CodePointCursor {
    let text: String
    /// A scalar boundary: its UTF-8 and UTF-16 offsets and the code points before it.
    private var utf8 = 0
    private var utf16 = 0
    private var scalars = 0

    init(_ text: String) { self.text = text }

    /// Code points before UTF-16 offset `offset` (clamped to the text; a trailing surrogate counts its
    /// scalar) and the UTF-8 offset of the scalar it lies in (a trailing surrogate rounds down). Walks back or
    /// forward from the offset asked before.
    mutating func position(_ offset: Int) -> (codePoints: Int, utf8: Int) {
        let target = max(0, offset)
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in walk(bytes, to: target) }
        if let found { return found }
        return Array(text.utf8).withUnsafeBufferPointer { walk($0, to: target) }
    }

    private mutating func walk(_ bytes: UnsafeBufferPointer<UInt8>, to target: Int) -> (codePoints: Int, utf8: Int) {
        // A String's UTF-8 is valid: continuation bytes are 10xxxxxx and a lead byte gives the scalar's length.
        while utf16 > target {
            repeat { utf8 -= 1 } while bytes[utf8] & 0xC0 == 0x80
            utf16 -= bytes[utf8] >= 0xF0 ? 2 : 1
            scalars -= 1
        }
        while utf16 < target, utf8 < bytes.count {
            let lead = bytes[utf8]
            let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let units = width == 4 ? 2 : 1
            if utf16 + units > target { return (scalars + 1, utf8) }  // inside a surrogate pair
            utf8 += width
            utf16 += units
            scalars += 1
        }
        return (scalars, utf8)
    }

    /// Code points before `offset` (see `position`).
    mutating func codePoints(_ offset: Int) -> Int { position(offset).codePoints }

    /// The text between two UTF-16 offsets (clamped; trailing surrogates round down to their scalar).
    mutating func slice(_ range: Range<Int>) -> String { locate(range).surface }

    /// Code-point offsets of a UTF-16 range and its text.
    mutating func locate(_ range: Range<Int>) -> (start: Int, end: Int, surface: String) {
        let lower = position(range.lowerBound)
        let upper = position(range.upperBound)
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lower.utf8)
        let end = utf8.index(utf8.startIndex, offsetBy: max(lower.utf8, upper.utf8))
        return (lower.codePoints, upper.codePoints, String(text[start..<end]))
    }
}
