// RuleEvaluator — a RuleExpression compiled against the tagger's matcher and evaluated as counts, KH Coder
// style: every atom is a number of occurrences; a rule holds when its value is above 0.
import KoeText

/// What a rule sees of one opinion.
struct RuleContext {
    let text: TokenizedText
    /// Pattern id → start token indices, ascending.
    let occurrences: [Int: [Int]]
    let lengths: [Int]
    /// Sentence number of each token (only computed when a rule uses `[bN]`).
    let sentences: [Int]

    /// Pattern id → start token indices, from the matcher's occurrences (ordered by start).
    static func occurrences(_ found: [(pattern: Int, start: Int)]) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for (pattern, start) in found { out[pattern, default: []].append(start) }
        return out
    }

    /// Sentences end at 。！？!? and line breaks (in the normalized text).
    static func sentenceIndex(_ text: TokenizedText) -> [Int] {
        let units = text.normalized.units
        var out: [Int] = []
        out.reserveCapacity(text.tokens.count)
        var sentence = 0
        var cursor = 0
        for token in text.tokens {
            while cursor < token.normalizedRange.lowerBound {
                switch units[cursor] {
                case 0x3002, 0x21, 0x3F, 0x0A, 0xFF01, 0xFF1F: sentence += 1
                default: break
                }
                cursor += 1
            }
            cursor = max(cursor, token.normalizedRange.upperBound)
            out.append(sentence)
        }
        return out
    }
}

/// A rule with words resolved to matcher pattern ids and code references to area indices.
indirect enum CompiledRule: Sendable {
    case pattern(Int, String)
    case raw([UInt16])
    case proximity([Int], [String], Proximity)
    case reference(Int)
    case wordCount, characterCount
    case number(Int)
    case not(CompiledRule)
    case and(CompiledRule, CompiledRule)
    case or(CompiledRule, CompiledRule)
    case compare(CompiledRule, RuleExpression.Comparison, CompiledRule)

    init(_ rule: RuleExpression, trie: inout TokenTrie, areaIndex: [String: Int], normalizer: Normalizer) {
        switch rule {
        case .word(let text, let keys): self = .pattern(trie.insert(keys), text)
        case .raw(let text, _): self = .raw(CompiledRule.fold(normalizer.normalize(text).units))
        case .proximity(let texts, let keys, let p): self = .proximity(keys.map { trie.insert($0) }, texts, p)
        case .codeReference(let code): self = .reference(areaIndex[code] ?? -1)
        case .wordCount: self = .wordCount
        case .characterCount: self = .characterCount
        case .number(let n): self = .number(n)
        case .not(let e): self = .not(CompiledRule(e, trie: &trie, areaIndex: areaIndex, normalizer: normalizer))
        case .and(let a, let b):
            self = .and(
                CompiledRule(a, trie: &trie, areaIndex: areaIndex, normalizer: normalizer),
                CompiledRule(b, trie: &trie, areaIndex: areaIndex, normalizer: normalizer))
        case .or(let a, let b):
            self = .or(
                CompiledRule(a, trie: &trie, areaIndex: areaIndex, normalizer: normalizer),
                CompiledRule(b, trie: &trie, areaIndex: areaIndex, normalizer: normalizer))
        case .compare(let a, let op, let b):
            self = .compare(
                CompiledRule(a, trie: &trie, areaIndex: areaIndex, normalizer: normalizer), op,
                CompiledRule(b, trie: &trie, areaIndex: areaIndex, normalizer: normalizer))
        }
    }

    static func fold(_ units: [UInt16]) -> [UInt16] {
        units.map { (0x30A1...0x30F6).contains($0) ? $0 - 0x60 : $0 }
    }

    var usesSentences: Bool {
        switch self {
        case .proximity(_, _, let p): p.sameSentence
        case .not(let e): e.usesSentences
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.usesSentences || b.usesSentences
        default: false
        }
    }

    /// Words whose occurrences are evidence when the rule holds (those not under a negation).
    var positiveWords: [(Int, String)] {
        switch self {
        case .pattern(let id, let text): [(id, text)]
        case .proximity(let ids, let texts, _): Array(zip(ids, texts))
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): a.positiveWords + b.positiveWords
        default: []
        }
    }

    /// `matched`: the areas tagged so far (few; a linear scan).
    func evaluate(_ c: RuleContext, matched: [Int]) -> Int {
        switch self {
        case .pattern(let id, _): return c.occurrences[id]?.count ?? 0
        case .raw(let needle): return CompiledRule.count(needle, in: CompiledRule.fold(c.text.normalized.units))
        case .proximity(let ids, _, let p): return CompiledRule.proximity(ids, p, c)
        case .reference(let i): return matched.contains(i) ? 1 : 0
        case .wordCount: return c.text.tokens.count
        case .characterCount: return c.text.original.unicodeScalars.count
        case .number(let n): return n
        case .not(let e): return e.evaluate(c, matched: matched) > 0 ? 0 : 1
        case .and(let a, let b): return a.evaluate(c, matched: matched) > 0 && b.evaluate(c, matched: matched) > 0 ? 1 : 0
        case .or(let a, let b): return a.evaluate(c, matched: matched) > 0 || b.evaluate(c, matched: matched) > 0 ? 1 : 0
        case .compare(let a, let op, let b):
            return op.holds(a.evaluate(c, matched: matched), b.evaluate(c, matched: matched)) ? 1 : 0
        }
    }

    static func count(_ needle: [UInt16], in haystack: [UInt16]) -> Int {
        guard !needle.isEmpty, needle.count <= haystack.count else { return 0 }
        var n = 0
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) {
                n += 1
                i += needle.count
            } else {
                i += 1
            }
        }
        return n
    }

    /// Number of occurrences of the first word that have every other word within the window
    /// (after the previous word, for `seq`; in the same sentence, for `[bN]`).
    static func proximity(_ ids: [Int], _ p: Proximity, _ c: RuleContext) -> Int {
        guard let anchors = c.occurrences[ids[0]] else { return 0 }
        var hits = 0
        for anchor in anchors {
            var ok = true
            var previous = anchor
            var previousLength = c.lengths[ids[0]]
            for id in ids.dropFirst() {
                let candidates = c.occurrences[id] ?? []
                let found = candidates.first { start in
                    if p.sameSentence, c.sentences[start] != c.sentences[anchor] { return false }
                    if p.ordered {
                        return start >= previous + previousLength && start - previous <= p.window
                    }
                    return start != anchor && abs(start - anchor) <= p.window
                }
                guard let f = found else { ok = false; break }
                previous = f
                previousLength = c.lengths[id]
            }
            if ok { hits += 1 }
        }
        return hits
    }
}
