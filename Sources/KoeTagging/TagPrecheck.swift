// TagPrecheck — a necessary condition for tagging, checked on the matching form before any word breaking: a text
// that holds none of the codebook's keyword stems (and whose rules cannot hold without their words) gets no tag,
// so a run that needs nothing else of its words need not tokenize it.
import KoeText

/// Substrings of which every text the tagger could tag holds one, in the matching form with each unit folded as
/// keys are (katakana → hiragana, Latin → lower case). A keyword word matches a text word whose key equals it, or
/// one of whose dictionary forms does (a stem of the text and an ending): so the text holds the keyword minus its
/// longest dictionary-form ending (働く → 働, 見守り → 見守り). Exact up to the 64-bit hash the matcher compares.
struct TagPrecheck: Sendable {
    /// Bit per UTF-16 unit that starts a needle.
    private let starts: [UInt64]
    /// Needles by their first unit, shortest first.
    private let needles: [UInt16: [[UInt16]]]

    /// Number of needles (after dropping those that hold another).
    var count: Int { needles.values.reduce(0) { $0 + $1.count } }

    /// A check over `needles` (folded units; none empty).
    init(needles list: [[UInt16]]) {
        // Shortest first: a text that holds a long needle often holds a short one too.
        let kept = Set(list).sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        var table: [UInt16: [[UInt16]]] = [:]
        var starts = [UInt64](repeating: 0, count: 1024)
        for needle in kept {
            table[needle[0], default: []].append(needle)
            starts[Int(needle[0] >> 6)] |= 1 << UInt64(needle[0] & 63)
        }
        needles = table
        self.starts = starts
    }

    /// Whether the normalized units (not folded) hold a needle.
    func admits(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        let n = units.count
        for i in 0..<n {
            let u = WordHash.fold(units[i])
            guard starts[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0, let list = needles[u] else { continue }
            for needle in list where i + needle.count <= n {
                var k = 1
                while k < needle.count && WordHash.fold(units[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
        }
        return false
    }

    /// The check for a codebook's keyword patterns and rules; nil when some keyword has no needle or some rule could
    /// hold without any (then every text may be tagged).
    static func make(keywordPatterns: [Int], rules: [CompiledRule?], patternKeys: [[String]]) -> TagPrecheck? {
        var needles: [Int: [[UInt16]]] = [:]
        for id in keywordPatterns + rules.flatMap({ $0?.patterns ?? [] }) where needles[id] == nil {
            needles[id] = Self.needles(ofPattern: patternKeys[id])
        }
        guard keywordPatterns.allSatisfy({ needles[$0] != nil }) else { return nil }
        // Which areas' rules may hold in a text without needles, to a fixed point (a reference to an area that
        // cannot hold counts 0).
        var mayHold = rules.map { $0 != nil }
        var changed = true
        while changed {
            changed = false
            for (a, rule) in rules.enumerated() where mayHold[a] {
                guard rule?.bound(filtered: { needles[$0] != nil }, mayHold: { mayHold[$0] }) == 0 else { continue }
                mayHold[a] = false
                changed = true
            }
        }
        guard !mayHold.contains(true) else { return nil }
        return TagPrecheck(needles: needles.values.flatMap { $0 } + rules.flatMap { $0?.rawNeedles ?? [] })
    }

    /// The needle of one key as the trie interns it (already folded): the shortest of the key and the stems its
    /// dictionary forms can have (`DictionaryForm.possibleStems`: 働く → 働, ばす → ばす, 見守り → 見守り); nil when
    /// that is empty (a keyword する matches any した).
    static func needle(ofKey key: Substring) -> [UInt16]? {
        let units = key.utf16.map(WordHash.fold)
        var shortest = units[...]
        for stem in DictionaryForm.possibleStems(of: units) where stem.count < shortest.count { shortest = stem }
        return shortest.isEmpty ? nil : Array(shortest)
    }

    /// The needles of one keyword word (its alternatives; a text word must match one): nil when one has none.
    static func needles(ofWord key: String) -> [[UInt16]]? {
        var out: [[UInt16]] = []
        for alternative in key.split(separator: Tokenizer.alternativeSeparator, omittingEmptySubsequences: false) {
            guard let needle = needle(ofKey: alternative) else { return nil }
            out.append(needle)
        }
        return out
    }

    /// The needles of a pattern (a word sequence: every word must match): those of its most selective word (the
    /// longest shortest needle, then the fewest needles); none for an empty pattern (it never matches); nil when no
    /// word has needles.
    static func needles(ofPattern keys: [String]) -> [[UInt16]]? {
        if keys.isEmpty { return [] }
        var best: [[UInt16]]?
        for key in keys {
            guard let candidate = needles(ofWord: key), !candidate.isEmpty else { continue }
            if let b = best {
                let (shortest, bestShortest) = (candidate.map(\.count).min() ?? 0, b.map(\.count).min() ?? 0)
                if shortest < bestShortest || (shortest == bestShortest && candidate.count >= b.count) { continue }
            }
            best = candidate
        }
        return best
    }
}

/// Whether a compiled rule can hold in a text where no needle occurs (so no pattern with needles occurs and no raw
/// string does): counts as far as they are known then (words, phrases, raw strings 0; `lw`, `lc` and references
/// to areas that may hold unknown).
extension CompiledRule {
    /// The rule's count when no filtered pattern occurs; nil when it depends on what is not known.
    func bound(filtered: (Int) -> Bool, mayHold: (Int) -> Bool) -> Int? {
        switch self {
        case .pattern(let id, _): return filtered(id) ? 0 : nil
        case .raw: return 0
        case .proximity(let ids, _, _): return ids.contains(where: filtered) ? 0 : nil
        case .reference(let area): return area >= 0 && mayHold(area) ? nil : 0
        case .wordCount, .characterCount: return nil
        case .number(let n): return n
        case .not(let e): return e.bound(filtered: filtered, mayHold: mayHold).map { $0 > 0 ? 0 : 1 }
        case .and(let a, let b):
            let (x, y) = (a.bound(filtered: filtered, mayHold: mayHold), b.bound(filtered: filtered, mayHold: mayHold))
            if x == 0 || y == 0 { return 0 }
            guard let x, let y else { return nil }
            return x > 0 && y > 0 ? 1 : 0
        case .or(let a, let b):
            let (x, y) = (a.bound(filtered: filtered, mayHold: mayHold), b.bound(filtered: filtered, mayHold: mayHold))
            if let x, x > 0 { return 1 }
            if let y, y > 0 { return 1 }
            guard x != nil, y != nil else { return nil }
            return 0
        case .compare(let a, let op, let b):
            guard let x = a.bound(filtered: filtered, mayHold: mayHold), let y = b.bound(filtered: filtered, mayHold: mayHold)
            else { return nil }
            return op.holds(x, y) ? 1 : 0
        }
    }

    /// The raw strings the rule searches, folded as the precheck folds.
    var rawNeedles: [[UInt16]] {
        switch self {
        case .raw(let needle): needle.isEmpty ? [] : [needle.map(WordHash.fold)]
        case .not(let e): e.rawNeedles
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.rawNeedles + b.rawNeedles
        default: []
        }
    }

    /// Pattern ids the rule uses (words, phrases, proximity members).
    var patterns: [Int] {
        switch self {
        case .pattern(let id, _): [id]
        case .proximity(let ids, _, _): ids
        case .not(let e): e.patterns
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.patterns + b.patterns
        default: []
        }
    }
}
