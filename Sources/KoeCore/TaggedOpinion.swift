// TaggedOpinion — an opinion after segments, tokenizing, tagging and classification: the value every
// output writer receives while a run streams.

/// One matched keyword behind a tag: the keyword, the verbatim words, and code-point offsets in the text.
public struct EvidenceItem: Sendable, Hashable {
    public var keyword: String
    public var surface: String
    public var start: Int
    public var end: Int

    public init(keyword: String, surface: String, start: Int, end: Int) {
        self.keyword = keyword
        self.surface = surface
        self.start = start
        self.end = end
    }
}

/// Where an opinion's type or horizon came from.
public enum DecisionSource: String, Sendable, Hashable, Codable {
    /// The question the opinion answers (column label, sticky-note header, heading).
    case question
    /// A cue in the opinion's own text.
    case cue
    /// The pipeline file's `type:` / `horizon:`.
    case setting
}

/// Where an opinion's type and horizon came from, and the question read.
public struct TypeDecision: Sendable, Hashable {
    public var typeSource: DecisionSource?
    public var horizonSource: DecisionSource?
    /// The question text (column label, sticky-note header, heading) or pipeline key the default came from.
    public var question: String?
    /// The question's words, as written, that named the type and the horizon (`良いところ`, `10年後`).
    public var questionTypeWord: String?
    public var questionHorizonWord: String?

    public init(
        typeSource: DecisionSource? = nil, horizonSource: DecisionSource? = nil, question: String? = nil,
        questionTypeWord: String? = nil, questionHorizonWord: String? = nil
    ) {
        self.typeSource = typeSource
        self.horizonSource = horizonSource
        self.question = question
        self.questionTypeWord = questionTypeWord
        self.questionHorizonWord = questionHorizonWord
    }
}

/// An opinion with everything the stages added.
///
/// A value type whose fields live in one shared box, copied only when a shared copy is changed (copy on
/// write): a batch passes through the delivery thread and several writers, and copying an opinion is then
/// one retain instead of one per String and array field.
public struct TaggedOpinion: Sendable {
    /// The fields. Changed only through `unique()`, so a box seen by several threads is never written, and
    /// accesses need no run-time exclusivity check (the struct's own accesses are checked when compiled).
    @usableFromInline final class Fields: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var opinion: Opinion
        @exclusivity(unchecked) @usableFromInline var segments: Segments
        @exclusivity(unchecked) @usableFromInline var normalized: String
        @exclusivity(unchecked) @usableFromInline var areas: [String]
        @exclusivity(unchecked) @usableFromInline var evidence: [(code: String, items: [EvidenceItem])]
        @exclusivity(unchecked) @usableFromInline var excluded: [(code: String, word: String)]
        @exclusivity(unchecked) @usableFromInline var type: OpinionType
        @exclusivity(unchecked) @usableFromInline var typeCue: String?
        @exclusivity(unchecked) @usableFromInline var horizon: Horizon
        @exclusivity(unchecked) @usableFromInline var horizonCue: String?
        @exclusivity(unchecked) @usableFromInline var decision: TypeDecision = TypeDecision()
        @exclusivity(unchecked) @usableFromInline var words: [String]
        @exclusivity(unchecked) @usableFromInline var renderedLine: [UInt8]? = nil
        @exclusivity(unchecked) @usableFromInline var quoteRank: QuoteRankParts? = nil
        @exclusivity(unchecked) @usableFromInline var wordIDs: [Int32] = []

        @usableFromInline init(
            opinion: Opinion, segments: Segments, normalized: String, areas: [String],
            evidence: [(code: String, items: [EvidenceItem])], excluded: [(code: String, word: String)], type: OpinionType,
            typeCue: String?, horizon: Horizon, horizonCue: String?, words: [String]
        ) {
            self.opinion = opinion
            self.segments = segments
            self.normalized = normalized
            self.areas = areas
            self.evidence = evidence
            self.excluded = excluded
            self.type = type
            self.typeCue = typeCue
            self.horizon = horizon
            self.horizonCue = horizonCue
            self.words = words
        }

        @usableFromInline func copy() -> Fields {
            let c = Fields(
                opinion: opinion, segments: segments, normalized: normalized, areas: areas, evidence: evidence,
                excluded: excluded, type: type, typeCue: typeCue, horizon: horizon, horizonCue: horizonCue, words: words)
            c.decision = decision
            c.renderedLine = renderedLine
            c.quoteRank = quoteRank
            c.wordIDs = wordIDs
            return c
        }
    }

    @usableFromInline var fields: Fields

    /// The box, copied first when another value shares it.
    @inlinable mutating func unique() -> Fields {
        if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
        return fields
    }

    public var opinion: Opinion {
        @inlinable _read { yield fields.opinion }
        @inlinable _modify { yield &unique().opinion }
    }
    /// Normalized segments (age band, gender, 小学校区).
    public var segments: Segments {
        @inlinable _read { yield fields.segments }
        @inlinable _modify { yield &unique().segments }
    }
    /// NFKC + variant-folded text.
    public var normalized: String {
        @inlinable _read { yield fields.normalized }
        @inlinable _modify { yield &unique().normalized }
    }
    /// Area codes including ancestors, in plan order.
    public var areas: [String] {
        @inlinable _read { yield fields.areas }
        @inlinable _modify { yield &unique().areas }
    }
    /// Evidence per area code that matched directly (ancestors inherit the tag; their evidence is their
    /// descendants').
    public var evidence: [(code: String, items: [EvidenceItem])] {
        @inlinable _read { yield fields.evidence }
        @inlinable _modify { yield &unique().evidence }
    }
    /// Exclusions that prevented a tag: area code and the exclude word found.
    public var excluded: [(code: String, word: String)] {
        @inlinable _read { yield fields.excluded }
        @inlinable _modify { yield &unique().excluded }
    }
    public var type: OpinionType {
        @inlinable _read { yield fields.type }
        @inlinable _modify { yield &unique().type }
    }
    /// The cue that decided `type`, as written in the lexicon.
    public var typeCue: String? {
        @inlinable _read { yield fields.typeCue }
        @inlinable _modify { yield &unique().typeCue }
    }
    public var horizon: Horizon {
        @inlinable _read { yield fields.horizon }
        @inlinable _modify { yield &unique().horizon }
    }
    public var horizonCue: String? {
        @inlinable _read { yield fields.horizonCue }
        @inlinable _modify { yield &unique().horizonCue }
    }
    /// Where type and horizon came from (the question, a cue or the pipeline's setting).
    public var decision: TypeDecision {
        @inlinable _read { yield fields.decision }
        @inlinable _modify { yield &unique().decision }
    }
    /// Content-word keys in text order (normalized; no particles or lone kana fragments): for word
    /// search, co-occurrence and keyness.
    public var words: [String] {
        @inlinable _read { yield fields.words }
        @inlinable _modify { yield &unique().words }
    }
    /// The opinions.jsonl line (UTF-8, with its newline), rendered ahead on a worker thread (nil until then).
    public var renderedLine: [UInt8]? {
        @inlinable _read { yield fields.renderedLine }
        @inlinable _modify { yield &unique().renderedLine }
    }

    /// The quote score parts worked out on the analysis worker (nil when no requested output stores them for
    /// every opinion: the workspace works them out itself then).
    public var quoteRank: QuoteRankParts? {
        @inlinable _read { yield fields.quoteRank }
        @inlinable _modify { yield &unique().quoteRank }
    }

    /// The run's id of each of `words` (parallel; ids dense in the order words are first met in the run, the
    /// same for equal words), set by the delivery thread once the run's word counts have seen the opinion and
    /// before any writer gets it, so that writers count words by id instead of hashing them again. Empty when
    /// the run counts no words.
    public var wordIDs: [Int32] { fields.wordIDs }

    /// Sets `wordIDs` in the shared box. Only the delivery thread calls it, on a batch no other thread holds yet.
    public func setWordIDs(_ ids: [Int32]) { fields.wordIDs = ids }

    public init(
        opinion: Opinion, segments: Segments, normalized: String, areas: [String],
        evidence: [(code: String, items: [EvidenceItem])], excluded: [(code: String, word: String)], type: OpinionType,
        typeCue: String?, horizon: Horizon, horizonCue: String?, words: [String]
    ) {
        fields = Fields(
            opinion: opinion, segments: segments, normalized: normalized, areas: areas, evidence: evidence,
            excluded: excluded, type: type, typeCue: typeCue, horizon: horizon, horizonCue: horizonCue, words: words)
    }

    /// The type as printed (要望 …), or nil when unknown.
    public var typeLabel: String? { type == .unknown ? nil : type.rawValue }
    /// The horizon as printed (short/long), or nil when unknown.
    public var horizonLabel: String? { horizon == .unknown ? nil : horizon.rawValue }

    /// The respondent this opinion speaks for: survey answers by file and respondent id, a workshop note by
    /// itself.
    public var voice: String {
        // Read through the box: `Self.voice(of: opinion)` copied the whole opinion (a retain per field).
        let opinion = fields
        if let respondent = opinion.opinion.respondent { return "\(opinion.opinion.location.file)#\(respondent)" }
        return opinion.opinion.id
    }

    /// `voice` of an opinion: its respondent within its file, or the opinion itself.
    public static func voice(of opinion: Opinion) -> String {
        // Not `respondent.map { … }`: the closure captured a copy of the whole opinion.
        if let respondent = opinion.respondent { return "\(opinion.location.file)#\(respondent)" }
        return opinion.id
    }
}
