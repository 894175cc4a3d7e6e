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
    /// Evidence per area code (ancestors carry their descendants' evidence).
    public var evidence: [String: [Evidence]]
    public var excluded: [ExcludedMatch]
    /// Codes whose own keywords or rule matched (not only through a descendant).
    public var direct: [String]
}

/// Tags texts with a codebook.
public struct Tagger: Sendable {
    public let codebook: Codebook
    private let trie: TokenTrie
    /// For each pattern: the (area index, keyword index) it is a keyword / exclude of.
    private let keywordUses: [[(area: Int, keyword: Int)]]
    private let excludeUses: [[(area: Int, keyword: Int)]]
    private let rules: [CompiledRule?]
    /// Position of each area in reference order (referenced codes first).
    private let rank: [Int]
    private let ruleAreas: [Int]
    private let parents: [Int?]
    private let needsSentences: Bool

    /// Builds the matcher. `normalizer` must be the one the tokenizer uses (for raw strings `'…'`).
    public init(codebook: Codebook, normalizer: Normalizer = .standard) throws {
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
        self.needsSentences = sentences
    }

    /// Number of distinct keyword / rule-word patterns in the matcher.
    public var patternCount: Int { trie.patternCount }

    /// Tags one text.
    public func tag(_ text: TokenizedText) -> TagResult {
        let found = trie.matches(trie.ids(text), stride: TokenTrie.stride)
        var occurrences: [Int: [Int]] = [:]
        for (pattern, start) in found { occurrences[pattern, default: []].append(start) }
        var offsetsCache: CodePointOffsets?
        func offsets() -> CodePointOffsets {
            if let o = offsetsCache { return o }
            let o = CodePointOffsets(text.original)
            offsetsCache = o
            return o
        }
        let context = RuleContext(
            text: text, occurrences: occurrences, lengths: trie.lengths,
            sentences: needsSentences ? RuleContext.sentenceIndex(text) : [])
        func evidence(_ area: Int, _ keyword: String, _ pattern: Int, _ start: Int, via: String) -> Evidence {
            let first = text.tokens[start]
            let last = text.tokens[start + trie.lengths[pattern] - 1]
            let range = first.originalRange.lowerBound..<max(first.originalRange.lowerBound, last.originalRange.upperBound)
            return Evidence(
                code: codebook.areas[area].code, keyword: keyword, surface: offsets().slice(range),
                start: offsets().codePoints(range.lowerBound), end: offsets().codePoints(range.upperBound), via: via)
        }
        // Work only on areas with a hit or a rule, so the cost does not grow with the codebook.
        var own: [Int: [Evidence]] = [:]
        var blockers: [Int: [ExcludedMatch]] = [:]
        for (pattern, start) in found {
            for use in keywordUses[pattern] {
                own[use.area, default: []].append(
                    evidence(use.area, codebook.areas[use.area].keywords[use.keyword].text, pattern, start, via: "keyword"))
            }
            for use in excludeUses[pattern] {
                let e = evidence(use.area, codebook.areas[use.area].exclude[use.keyword].text, pattern, start, via: "exclude")
                blockers[use.area, default: []].append(
                    ExcludedMatch(
                        code: e.code, exclude: e.keyword, surface: e.surface,
                        start: e.start, end: e.end, blocked: []))
            }
        }
        // Areas with a hit or a rule, in reference order (rank is a permutation, so the order is total).
        var candidates = Array(own.keys)
        for a in ruleAreas where own[a] == nil { candidates.append(a) }
        let rank = self.rank  // a local: the sort closure would otherwise copy the whole Tagger
        candidates.sort { rank[$0] < rank[$1] }
        var matched = Set<Int>()
        var excluded: [ExcludedMatch] = []
        for a in candidates {
            if let rule = rules[a], rule.evaluate(context, matched: matched) > 0 {
                for (pattern, word) in rule.positiveWords {
                    for start in occurrences[pattern] ?? [] {
                        own[a, default: []].append(evidence(a, word, pattern, start, via: "rule"))
                    }
                }
                if own[a] == nil {
                    // A rule can hold through a raw string, a count or a code reference alone.
                    own[a] = [
                        Evidence(
                            code: codebook.areas[a].code, keyword: codebook.areas[a].ruleText ?? "",
                            surface: "", start: 0, end: 0, via: "rule")
                    ]
                }
            }
            guard let hits = own[a], !hits.isEmpty else { continue }
            // An exclude word blocks its own area and every area below it (an exclusion on a measure
            // holds for its sub-items too).
            var blocking = blockers[a] ?? []
            var up = parents[a]
            while let p = up {
                blocking += blockers[p] ?? []
                up = parents[p]
            }
            if !blocking.isEmpty {
                for var blocker in blocking {
                    // Recorded on the area that was not tagged (the exclude word may be its ancestor's).
                    blocker.code = codebook.areas[a].code
                    blocker.blocked = hits
                    excluded.append(blocker)
                }
                own[a] = nil
                continue
            }
            matched.insert(a)
        }
        var tagged = matched
        var evidence: [String: [Evidence]] = [:]
        for a in matched.sorted() {
            let sorted = (own[a] ?? []).sorted { ($0.start, $0.end, $0.keyword) < ($1.start, $1.end, $1.keyword) }
            evidence[codebook.areas[a].code, default: []].append(contentsOf: sorted)
            var p = parents[a]
            while let parent = p {
                tagged.insert(parent)
                evidence[codebook.areas[parent].code, default: []].append(contentsOf: sorted)
                p = parents[parent]
            }
        }
        var areas: [String] = []
        var direct: [String] = []
        for a in tagged.sorted() {
            areas.append(codebook.areas[a].code)
            if matched.contains(a) { direct.append(codebook.areas[a].code) }
        }
        excluded.sort { ($0.start, $0.code) < ($1.start, $1.code) }
        return TagResult(areas: areas, evidence: evidence, excluded: excluded, direct: direct)
    }
}

/// UTF-16 offsets of a String → Unicode code point offsets, and slices by UTF-16 offsets in O(1).
struct CodePointOffsets {
    let text: String
    private let prefix: [Int32]
    /// For each UTF-16 offset, the UTF-8 offset of the scalar it lies in (a trailing surrogate rounds down
    /// to its scalar's start, as String's subscript does), plus one entry for the end.
    private let utf8Starts: [Int32]

    init(_ text: String) {
        self.text = text
        var count: Int32 = 0
        var prefix: [Int32] = []
        var utf8Starts: [Int32] = []
        var copy = text
        copy.withUTF8 { bytes in
            prefix.reserveCapacity(bytes.count + 1)
            utf8Starts.reserveCapacity(bytes.count + 1)
            // A String's UTF-8 is valid: every byte that is not a continuation byte starts a scalar.
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                prefix.append(count)
                utf8Starts.append(Int32(offset))
                count += 1
                if byte >= 0xF0 {
                    // The trailing surrogate: counted past its scalar, sliced from its start.
                    prefix.append(count)
                    utf8Starts.append(Int32(offset))
                }
            }
            prefix.append(count)
            utf8Starts.append(Int32(bytes.count))
        }
        self.prefix = prefix
        self.utf8Starts = utf8Starts
    }

    func codePoints(_ utf16Offset: Int) -> Int { Int(prefix[min(max(0, utf16Offset), prefix.count - 1)]) }

    func slice(_ range: Range<Int>) -> String {
        let n = utf8Starts.count - 1
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: Int(utf8Starts[min(range.lowerBound, n)]))
        let end = utf8.index(utf8.startIndex, offsetBy: Int(utf8Starts[min(range.upperBound, n)]))
        return String(text[start..<end])
    }
}
