// CooccurrenceBuilder — streams opinions' content words into word and word-pair counts (overall and per
// tracked area) in bounded memory, and picks the network KH Coder draws: top edges by Jaccard.
//
// Memory bound (lossy counting, deterministic): the run streams once, so a first pass that finds the
// frequent words is not available. Instead every word gets an id in a vocabulary of at most
// `maxVocabulary` words and every scope keeps at most `maxPairs` pair counts. When a table grows past its
// bound, the entries whose count is at or below the count of the (bound/2)-th largest are dropped (the
// words from every scope, with their pairs). Counts are then exact for words and pairs that were never
// dropped, and a dropped entry that comes back is undercounted by at most `prunedBelow`; the frequent
// words and pairs a network shows are far above it. Pruning depends only on counts and input order, never
// on dictionary order, so the same input gives the same network.

/// The graph of a co-occurrence network before layout: words with their frequency and edges by Jaccard.
public struct CooccurrenceNetwork: Sendable, Hashable {
    /// What the network covers (全体, or an area's code and name).
    public var label: String
    /// The area code, nil for the whole run.
    public var area: String?
    /// Opinions counted in this scope.
    public var opinions: Int
    /// Words in the network, most frequent first.
    public var words: [Word]
    /// Edges, strongest first; `a` and `b` index `words`.
    public var edges: [Edge]

    public init(label: String, area: String?, opinions: Int, words: [Word], edges: [Edge]) {
        self.label = label
        self.area = area
        self.opinions = opinions
        self.words = words
        self.edges = edges
    }

    /// A word and the number of opinions it occurs in.
    public struct Word: Sendable, Hashable {
        public var term: String
        public var frequency: Int

        public init(term: String, frequency: Int) {
            self.term = term
            self.frequency = frequency
        }
    }

    /// Two words occurring in the same opinions: `count` opinions, Jaccard = count / (fa + fb − count).
    public struct Edge: Sendable, Hashable {
        public var a: Int
        public var b: Int
        public var count: Int
        public var jaccard: Double

        public init(a: Int, b: Int, count: Int, jaccard: Double) {
            self.a = a
            self.b = b
            self.count = count
            self.jaccard = jaccard
        }
    }
}

/// Which edges a network keeps (KH Coder's 描画する共起関係: 上位 60, 最小出現数).
public struct NetworkOptions: Sendable, Hashable {
    /// Edges drawn, strongest Jaccard first.
    public var maxEdges: Int
    /// Words occurring in fewer opinions are left out.
    public var minFrequency: Int
    /// Only the most frequent words are candidates for edges.
    public var maxWords: Int

    public init(maxEdges: Int = 60, minFrequency: Int = 3, maxWords: Int = 150) {
        self.maxEdges = maxEdges
        self.minFrequency = minFrequency
        self.maxWords = maxWords
    }
}

/// Accumulates, opinion by opinion, in which opinions words occur and co-occur.
public struct CooccurrenceBuilder: Sendable {
    /// Memory bounds; see the file comment.
    public struct Limits: Sendable, Hashable {
        public var maxVocabulary: Int
        /// Pair counts kept for the whole run.
        public var maxPairs: Int
        /// Pair counts kept per tracked area.
        public var maxAreaPairs: Int
        /// Distinct words of one opinion that are paired (the first ones in text order).
        public var maxWordsPerOpinion: Int

        public init(maxVocabulary: Int = 100_000, maxPairs: Int = 400_000, maxAreaPairs: Int = 60_000, maxWordsPerOpinion: Int = 48) {
            self.maxVocabulary = max(maxVocabulary, 16)
            self.maxPairs = max(maxPairs, 16)
            self.maxAreaPairs = max(maxAreaPairs, 16)
            self.maxWordsPerOpinion = max(maxWordsPerOpinion, 2)
        }
    }

    /// Counts of one scope (the whole run or one area): word frequencies by word id and pair counts.
    struct Scope: Sendable {
        var opinions = 0
        var frequency: [Int32] = []
        var pairs = PairTable()
        let maxPairs: Int

        init(maxPairs: Int) { self.maxPairs = maxPairs }

        /// Counts one opinion's distinct word ids (ascending); returns the pruning floor used (0 = none).
        mutating func add(_ ids: [Int32], vocabulary: Int) -> Int32 {
            opinions += 1
            if frequency.count < vocabulary { frequency += repeatElement(0, count: vocabulary - frequency.count) }
            for id in ids { frequency[Int(id)] += 1 }
            for i in ids.indices {
                let high = UInt64(UInt32(ids[i])) << 32
                for j in (i + 1)..<ids.count { pairs.increment(high | UInt64(UInt32(ids[j]))) }
            }
            guard pairs.count > maxPairs else { return 0 }
            let floor = CooccurrenceBuilder.floor(pairs.counts, keep: maxPairs / 2)
            pairs.filter { $1 > floor }
            return floor
        }

        func frequency(_ id: Int32) -> Int { Int(id) < frequency.count ? Int(frequency[Int(id)]) : 0 }
    }

    public let limits: Limits
    /// Word ids by word key.
    private var ids = WordTable()
    private var terms: [String] = []
    private var freeIDs: [Int32] = []
    private var overall: Scope
    /// Tracked areas' scopes, by the id `areaIDs` gives their code.
    private var areaScopes: [Scope] = []
    private var areaIDs = WordTable()
    private var scratch: [Int32] = []
    /// Per word id: untagged and tagged opinions it occurs in (for the codebook hint).
    var untaggedCount: [Int32] = []
    var taggedCount: [Int32] = []
    /// Opinions without / with an area.
    public private(set) var untaggedOpinions = 0
    public private(set) var taggedOpinions = 0
    /// Opinions added.
    public private(set) var opinions = 0
    /// The largest count ever dropped by pruning (0 = every count is exact).
    public private(set) var prunedBelow = 0
    /// Per word id: opinions seen (up to 255), and whether the word was found inside a masked span (a name,
    /// an address…): such a word is never shown.
    private var seen: [UInt8] = []
    private var withheld: [Bool] = []
    /// A word's 2nd to (1 + `screenings`)th opinions are screened: a word seen once is never shown (networks
    /// need 3 opinions), so the many words that occur once cost nothing.
    public static let screenings: UInt8 = 3

    /// `trackedAreas`: area codes that get their own network (e.g. strategies and projects); others are
    /// counted only in the whole run's network.
    public init(trackedAreas: [String], limits: Limits = Limits()) {
        self.limits = limits
        overall = Scope(maxPairs: limits.maxPairs)
        for code in trackedAreas where areaIDs.id(of: WordTable.Key(code)) == nil {
            areaIDs.insert(WordTable.Key(code), id: Int32(areaScopes.count))
            areaScopes.append(Scope(maxPairs: limits.maxAreaPairs))
        }
    }

    /// Counts one opinion: its content words (repeats count once; lone kana fragments are skipped) and the
    /// areas it is tagged with. `text`: the opinion's normalized text, used only when a word is seen for the
    /// first time, to recover the katakana spelling of a kana-folded word key (ばす → バス) for display.
    public mutating func add(words: [String], areas: [String], text: String? = nil) {
        opinions += 1
        scratch.removeAll(keepingCapacity: true)
        for word in words where !DisplayForm.isFragment(word) {
            let id = intern(word, text: text)
            if !scratch.contains(id) { scratch.append(id) }
            if scratch.count == limits.maxWordsPerOpinion { break }
        }
        scratch.sort()
        let vocabulary = terms.count
        if untaggedCount.count < vocabulary {
            untaggedCount += repeatElement(0, count: vocabulary - untaggedCount.count)
            taggedCount += repeatElement(0, count: vocabulary - taggedCount.count)
        }
        if areas.isEmpty {
            untaggedOpinions += 1
            for id in scratch { untaggedCount[Int(id)] += 1 }
        } else {
            taggedOpinions += 1
            for id in scratch { taggedCount[Int(id)] += 1 }
        }
        prunedBelow = max(prunedBelow, Int(overall.add(scratch, vocabulary: vocabulary)))
        for code in areas {
            if let i = areaIDs.id(of: WordTable.Key(code)) {
                prunedBelow = max(prunedBelow, Int(areaScopes[Int(i)].add(scratch, vocabulary: vocabulary)))
            }
        }
        if ids.count > limits.maxVocabulary { pruneVocabulary() }
    }

    /// Call right after `add`: counts the opinion for each of its words and returns true when one of them is at
    /// its 2nd to (1 + `screenings`)th opinion. The caller then finds which words lie in masked spans of this
    /// opinion and passes them to `withhold(_:)`.
    public mutating func needsScreening() -> Bool {
        if seen.count < terms.count {
            seen += repeatElement(0, count: terms.count - seen.count)
            withheld += repeatElement(false, count: terms.count - withheld.count)
        }
        var needed = false
        for id in scratch {
            let n = seen[Int(id)]
            if n < UInt8.max { seen[Int(id)] = n + 1 }
            if n >= 1 && n <= Self.screenings { needed = true }
        }
        return needed
    }

    /// Words found inside masked spans: left out of every network and of the untagged-word table from now on.
    public mutating func withhold(_ words: Set<String>) {
        for word in words {
            if let id = ids.id(of: WordTable.Key(word)), Int(id) < withheld.count { withheld[Int(id)] = true }
        }
    }

    /// True when the word with this id was found inside a masked span.
    func isWithheld(_ id: Int32) -> Bool { Int(id) < withheld.count && withheld[Int(id)] }

    private mutating func intern(_ word: String, text: String?) -> Int32 {
        let key = WordTable.Key(word)
        if let id = ids.id(of: key) { return id }
        let id: Int32
        let shown = text.flatMap { DisplayForm.katakana(of: word, in: $0) } ?? word
        if let reused = freeIDs.popLast() {
            id = reused
            terms[Int(id)] = shown
        } else {
            id = Int32(terms.count)
            terms.append(shown)
        }
        ids.insert(key, id: id)
        return id
    }

    /// The display form of a word id ("" once pruned).
    func term(_ id: Int) -> String { id < terms.count ? terms[id] : "" }

    /// How `word` is shown (its katakana spelling when the text had one), or the word itself.
    public func display(_ word: String) -> String { ids.id(of: WordTable.Key(word)).map { terms[Int($0)] } ?? word }

    /// Drops the least frequent half of the vocabulary from every scope.
    private mutating func pruneVocabulary() {
        let held = ids.ids
        let floor = Self.floor(held.map { Int32(overall.frequency($0)) }, keep: limits.maxVocabulary / 2)
        prunedBelow = max(prunedBelow, Int(floor))
        var dropped = Array(repeating: false, count: terms.count)
        var freed: [Int32] = []
        for id in held where overall.frequency(id) <= Int(floor) {
            dropped[Int(id)] = true
            freed.append(id)
        }
        ids.remove(freed)
        for id in freed.sorted(by: >) {
            terms[Int(id)] = ""
            if Int(id) < seen.count {
                seen[Int(id)] = 0
                withheld[Int(id)] = false
            }
            untaggedCount[Int(id)] = 0
            taggedCount[Int(id)] = 0
            freeIDs.append(id)
        }
        func prune(_ scope: inout Scope) {
            for id in freed where Int(id) < scope.frequency.count { scope.frequency[Int(id)] = 0 }
            scope.pairs.filter { key, _ in
                !dropped[Int(key >> 32)] && !dropped[Int(key & 0xFFFF_FFFF)]
            }
        }
        prune(&overall)
        for i in areaScopes.indices { prune(&areaScopes[i]) }
    }

    /// The count at or below which entries are dropped so that at most `keep` remain (ties drop together).
    static func floor(_ counts: some Collection<Int32>, keep: Int) -> Int32 {
        let sorted = counts.sorted(by: >)
        guard sorted.count > keep else { return 0 }
        return sorted[keep]
    }

    /// The whole run's network (`area` nil) or a tracked area's; nil when the area is not tracked.
    public func network(area: String? = nil, label: String = "全体", options: NetworkOptions = NetworkOptions())
        -> CooccurrenceNetwork?
    {
        let scope: Scope
        if let area {
            guard let s = trackedScope(area) else { return nil }
            scope = s
        } else {
            scope = overall
        }
        // Candidate words: frequent enough, the most frequent first (ties by the word itself).
        var candidates: [(id: Int32, term: String, frequency: Int)] = []
        for id in ids.ids where scope.frequency(id) >= options.minFrequency && !isWithheld(id) {
            candidates.append((id, terms[Int(id)], scope.frequency(id)))
        }
        candidates.sort {
            if $0.frequency != $1.frequency { return $0.frequency > $1.frequency }
            return $0.term != $1.term ? $0.term < $1.term : $0.id < $1.id
        }
        if candidates.count > options.maxWords { candidates.removeLast(candidates.count - options.maxWords) }
        var frequency: [Int32: Int] = [:]
        for c in candidates { frequency[c.id] = c.frequency }
        var edges: [(a: Int32, b: Int32, count: Int, jaccard: Double)] = []
        scope.pairs.forEach { key, count in
            let a = Int32(truncatingIfNeeded: key >> 32)
            let b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            guard let fa = frequency[a], let fb = frequency[b], count > 0 else { return }
            let c = Int(count)
            edges.append((a, b, c, Double(c) / Double(fa + fb - c)))
        }
        edges.sort { x, y in
            if x.jaccard != y.jaccard { return x.jaccard > y.jaccard }
            if x.count != y.count { return x.count > y.count }
            let (xa, ya) = (terms[Int(x.a)], terms[Int(y.a)])
            if xa != ya { return xa < ya }
            let (xb, yb) = (terms[Int(x.b)], terms[Int(y.b)])
            return xb != yb ? xb < yb : (x.a, x.b) < (y.a, y.b)
        }
        let kept = edges.prefix(options.maxEdges)
        var used = Set<Int32>()
        for e in kept {
            used.insert(e.a)
            used.insert(e.b)
        }
        let nodes = candidates.filter { used.contains($0.id) }
        var index: [Int32: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n.id] = i }
        let words = nodes.map { CooccurrenceNetwork.Word(term: $0.term, frequency: $0.frequency) }
        let out = kept.compactMap { e -> CooccurrenceNetwork.Edge? in
            guard let i = index[e.a], let j = index[e.b] else { return nil }
            return CooccurrenceNetwork.Edge(a: min(i, j), b: max(i, j), count: e.count, jaccard: e.jaccard)
        }
        return CooccurrenceNetwork(label: label, area: area, opinions: scope.opinions, words: words, edges: out)
    }

    /// Distinct words held now (at most `limits.maxVocabulary`).
    var vocabularyCount: Int { ids.count }
    /// Pair counts held now for the whole run (at most `limits.maxPairs`).
    var pairCount: Int { overall.pairs.count }

    /// Opinions counted for a tracked area (nil when not tracked).
    public func opinions(inArea area: String) -> Int? { trackedScope(area)?.opinions }

    private func trackedScope(_ area: String) -> Scope? { areaIDs.id(of: WordTable.Key(area)).map { areaScopes[Int($0)] } }
}
