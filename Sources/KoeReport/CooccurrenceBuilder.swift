// CooccurrenceBuilder — streams opinions' content words into word counts (overall and per tracked area) and
// picks the network KH Coder draws: top edges by Jaccard among the most frequent words.
//
// Two passes, pairs counted only among the words shown: while the run streams, every word gets an id and
// only word frequencies are counted; each opinion's word ids go to a spill (WordListSpill, about 1.5 bytes
// a word). A network first chooses its words (the `maxWords` most frequent), then reads the spill once and
// counts exactly the pairs among those words, in a dense matrix. Counting every pair of a real vocabulary
// while streaming cost more than the rest of the report (and most of the run's tail on real text).
//
// Memory bound on the vocabulary (deterministic): at most `maxVocabulary` words are held; past it, the
// words whose frequency is at or below that of the (bound/2)-th most frequent are dropped from every scope.
// A dropped word that comes back gets a new id and is undercounted by at most `prunedBelow`; the frequent
// words a network shows are far above it. Pruning depends only on counts and input order, never on
// dictionary order, so the same input gives the same network.

import Foundation

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
        /// Distinct words of one opinion that are paired (the first ones in text order).
        public var maxWordsPerOpinion: Int
        /// Bytes of the opinions' word lists held in memory before they go to a temporary file.
        public var spillBytes: Int

        public init(maxVocabulary: Int = 100_000, maxWordsPerOpinion: Int = 48, spillBytes: Int = 1 << 20) {
            self.maxVocabulary = max(maxVocabulary, 16)
            self.maxWordsPerOpinion = max(maxWordsPerOpinion, 2)
            self.spillBytes = max(spillBytes, 16)
        }
    }

    /// Counts of one scope (the whole run or one area): opinions and word frequencies by word id.
    struct Scope: Sendable {
        var opinions = 0
        var frequency: [Int32] = []

        /// Counts one opinion's distinct word ids.
        mutating func add(_ ids: [Int32], vocabulary: Int) {
            opinions += 1
            if frequency.count < vocabulary { frequency += repeatElement(0, count: vocabulary - frequency.count) }
            for id in ids { frequency[Int(id)] += 1 }
        }

        func frequency(_ id: Int32) -> Int { Int(id) < frequency.count ? Int(frequency[Int(id)]) : 0 }
    }

    public let limits: Limits
    /// Word ids by word key.
    private var ids = WordTable()
    /// Display form per word id; ids are never reused (the spill holds them), a dropped word's is "".
    private var terms: [String] = []
    private var overall = Scope()
    /// Every opinion's word ids and tracked-area ids, for the exact pair counts of `network`.
    private let spill: WordListSpill
    private var scratchAreas: [Int32] = []
    /// Tracked areas' scopes, by the id `areaIDs` gives their code.
    private var areaScopes: [Scope] = []
    private var areaIDs = WordTable()
    private var scratch: [Int32] = []
    /// Per run word id (`add(words:runIDs:areas:text:)`): this builder's id + 1, 0 when not looked up yet (or
    /// dropped by pruning), -1 for a lone kana fragment; and per builder id its run id (-1 when none).
    private var localOf: [Int32] = []
    private var runOf: [Int32] = []
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
    /// `spillDirectory`: where the spill's temporary file goes once it outgrows memory.
    public init(
        trackedAreas: [String], limits: Limits = Limits(), spillDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.limits = limits
        spill = WordListSpill(directory: spillDirectory, chunk: limits.spillBytes)
        for code in trackedAreas where areaIDs.id(of: WordTable.Key(code)) == nil {
            areaIDs.insert(WordTable.Key(code), id: Int32(areaScopes.count))
            areaScopes.append(Scope())
        }
    }

    /// The folder of the spill's temporary file when it could not be written (networks are then
    /// incomplete: the caller must fail), else nil.
    public var unwritableFolder: String? { spill.unwritableFolder }

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
        count(areas: areas)
    }

    /// As `add(words:areas:text:)`, with the run's id of each word (`TaggedOpinion.wordIDs`, parallel to `words`):
    /// a word is hashed and looked up once per run id (and again only after pruning dropped it), not once per
    /// occurrence. The same counts and ids as without them. Ids that are not parallel to `words` are ignored.
    public mutating func add(words: [String], runIDs: [Int32], areas: [String], text: String? = nil) {
        guard runIDs.count == words.count else { return add(words: words, areas: areas, text: text) }
        opinions += 1
        scratch.removeAll(keepingCapacity: true)
        for k in words.indices {
            let run = Int(runIDs[k])
            if run >= localOf.count { localOf += repeatElement(0, count: max(run + 1, 2 * localOf.count) - localOf.count) }
            var mapped = localOf[run]
            if mapped == 0 {
                mapped = DisplayForm.isFragment(words[k]) ? -1 : intern(words[k], text: text) + 1
                localOf[run] = mapped
                if mapped > 0 {
                    if runOf.count < terms.count { runOf += repeatElement(-1, count: terms.count - runOf.count) }
                    runOf[Int(mapped - 1)] = Int32(run)
                }
            }
            guard mapped > 0 else { continue }
            let id = mapped - 1
            if !scratch.contains(id) { scratch.append(id) }
            if scratch.count == limits.maxWordsPerOpinion { break }
        }
        count(areas: areas)
    }

    /// Counts the opinion whose word ids are in `scratch`.
    private mutating func count(areas: [String]) {
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
        overall.add(scratch, vocabulary: vocabulary)
        scratchAreas.removeAll(keepingCapacity: true)
        for code in areas {
            if let i = areaIDs.id(of: WordTable.Key(code)), !scratchAreas.contains(i) {
                areaScopes[Int(i)].add(scratch, vocabulary: vocabulary)
                scratchAreas.append(i)
            }
        }
        scratchAreas.sort()
        spill.append(words: scratch, areas: scratchAreas)
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
        if withheld.count < terms.count { withheld += repeatElement(false, count: terms.count - withheld.count) }
        for word in words {
            if let id = ids.id(of: WordTable.Key(word)), Int(id) < withheld.count { withheld[Int(id)] = true }
        }
    }

    /// True when the word with this id was found inside a masked span.
    func isWithheld(_ id: Int32) -> Bool { Int(id) < withheld.count && withheld[Int(id)] }

    private mutating func intern(_ word: String, text: String?) -> Int32 {
        let key = WordTable.Key(word)
        if let id = ids.id(of: key) { return id }
        let shown = text.flatMap { DisplayForm.katakana(of: word, in: $0) } ?? word
        let id = Int32(terms.count)
        terms.append(shown)
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
        var freed: [Int32] = []
        for id in held where overall.frequency(id) <= Int(floor) { freed.append(id) }
        ids.remove(freed)
        for id in freed {
            if Int(id) < runOf.count, runOf[Int(id)] >= 0 {
                localOf[Int(runOf[Int(id)])] = 0
                runOf[Int(id)] = -1
            }
            terms[Int(id)] = ""
            if Int(id) < seen.count { seen[Int(id)] = 0 }
            if Int(id) < withheld.count { withheld[Int(id)] = false }
            untaggedCount[Int(id)] = 0
            taggedCount[Int(id)] = 0
        }
        func prune(_ scope: inout Scope) {
            for id in freed where Int(id) < scope.frequency.count { scope.frequency[Int(id)] = 0 }
        }
        prune(&overall)
        for i in areaScopes.indices { prune(&areaScopes[i]) }
    }

    /// The items whose key is at least the `keep`-th largest key (all of them when there are no more than `keep`):
    /// the same first `keep` after any sort by that key descending, whatever its tie-breaks.
    static func top<T>(_ items: [T], _ keep: Int, key: (T) -> Double) -> [T] {
        guard items.count > keep else { return items }
        guard keep > 0 else { return [] }
        let keys = items.map(key).sorted(by: >)
        let floor = keys[keep - 1]
        return items.filter { key($0) >= floor }
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
        networks([NetworkRequest(area: area, label: label, options: options)])[0]
    }

    /// A network to draw: the whole run's (`area` nil) or a tracked area's.
    public struct NetworkRequest: Sendable {
        public var area: String?
        public var label: String
        public var options: NetworkOptions

        public init(area: String? = nil, label: String = "全体", options: NetworkOptions = NetworkOptions()) {
            self.area = area
            self.label = label
            self.options = options
        }
    }

    /// Each request's network (nil where its area is not tracked), as `network` draws it; the spilled opinions
    /// are read back once for all of them (a pass per network read every opinion's word list again).
    public func networks(_ requests: [NetworkRequest]) -> [CooccurrenceNetwork?] {
        var plans: [NetworkPlan?] = []
        for request in requests {
            var scope = overall
            var areaID: Int32?
            if let area = request.area {
                guard let i = areaIDs.id(of: WordTable.Key(area)) else {
                    plans.append(nil)
                    continue
                }
                scope = areaScopes[Int(i)]
                areaID = i
            }
            plans.append(NetworkPlan(scope: scope, area: areaID, candidates: candidates(scope, request.options)))
        }
        let pairs = pairCounts(plans.map { $0.map { ($0.candidates.map(\.id), $0.area) } })
        return zip(requests, zip(plans, pairs)).map { request, planned in
            guard let plan = planned.0 else { return nil }
            return network(request, plan, pairs: planned.1)
        }
    }

    /// A request's scope, its area's id (nil: the whole run) and its candidate words.
    private struct NetworkPlan {
        var scope: Scope
        var area: Int32?
        var candidates: [(id: Int32, term: String, frequency: Int)]
    }

    /// Candidate words: frequent enough, the most frequent first (ties by the word itself), at most `maxWords`.
    private func candidates(_ scope: Scope, _ options: NetworkOptions) -> [(id: Int32, term: String, frequency: Int)] {
        var candidates: [(id: Int32, term: String, frequency: Int)] = []
        for id in ids.ids where scope.frequency(id) >= options.minFrequency && !isWithheld(id) {
            candidates.append((id, terms[Int(id)], scope.frequency(id)))
        }
        // Only words as frequent as the maxWords-th can be kept: the full sort (with its word ties) sees only them.
        candidates = Self.top(candidates, options.maxWords) { Double($0.frequency) }
        candidates.sort {
            if $0.frequency != $1.frequency { return $0.frequency > $1.frequency }
            return $0.term != $1.term ? $0.term < $1.term : $0.id < $1.id
        }
        if candidates.count > options.maxWords { candidates.removeLast(candidates.count - options.maxWords) }
        return candidates
    }

    /// The network of a planned request from its pair counts.
    private func network(_ request: NetworkRequest, _ plan: NetworkPlan, pairs: [Int32]) -> CooccurrenceNetwork {
        let (candidates, options) = (plan.candidates, request.options)
        var edges: [(a: Int32, b: Int32, count: Int, jaccard: Double)] = []
        let n = candidates.count
        for i in 0..<n {
            for j in (i + 1)..<n where pairs[i * n + j] > 0 {
                let c = Int(pairs[i * n + j])
                let (x, y) = (candidates[i], candidates[j])
                // Word ids ascending within an edge, as the opinions' id lists hold them.
                let (a, b) = x.id < y.id ? (x.id, y.id) : (y.id, x.id)
                edges.append((a, b, c, Double(c) / Double(x.frequency + y.frequency - c)))
            }
        }
        edges = Self.top(edges, options.maxEdges) { $0.jaccard }
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
        return CooccurrenceNetwork(
            label: request.label, area: request.area, opinions: plan.scope.opinions, words: words, edges: out)
    }

    /// The second pass, once for all networks: for each (words, area) — nil entries are skipped — the opinions
    /// (of the tracked area with id `area`, or all) in which each two of `words` occur together, as an n × n
    /// matrix by position in `words` (upper triangle, row < column).
    private func pairCounts(_ requests: [([Int32], area: Int32?)?]) -> [[Int32]] {
        var counts: [[Int32]] = requests.map { [Int32](repeating: 0, count: ($0?.0.count ?? 0) * ($0?.0.count ?? 0)) }
        // Per counted request: its index, its area, its word count and each word id's position (-1: not a word).
        var counted: [(index: Int, area: Int32?, n: Int, position: [Int32])] = []
        for (index, request) in requests.enumerated() {
            guard let (words, area) = request, words.count > 1 else { continue }
            var position = [Int32](repeating: -1, count: terms.count)
            for (i, id) in words.enumerated() { position[Int(id)] = Int32(i) }
            counted.append((index, area, words.count, position))
        }
        guard !counted.isEmpty else { return counts }
        var local: [Int] = []
        spill.forEach { ids, areas in
            for c in counted {
                if let area = c.area, !areas.contains(area) { continue }
                local.removeAll(keepingCapacity: true)
                for id in ids where Int(id) < c.position.count && c.position[Int(id)] >= 0 { local.append(Int(c.position[Int(id)])) }
                guard local.count > 1 else { continue }
                let n = c.n
                counts[c.index].withUnsafeMutableBufferPointer { counts in
                    for i in local.indices {
                        for j in (i + 1)..<local.count {
                            let (a, b) = local[i] < local[j] ? (local[i], local[j]) : (local[j], local[i])
                            counts[a * n + b] += 1
                        }
                    }
                }
            }
        }
        return counts
    }

    /// Distinct words held now (at most `limits.maxVocabulary`).
    var vocabularyCount: Int { ids.count }

    /// Opinions counted for a tracked area (nil when not tracked).
    public func opinions(inArea area: String) -> Int? {
        areaIDs.id(of: WordTable.Key(area)).map { areaScopes[Int($0)].opinions }
    }

}
