// ProcessedOpinion — an opinion after segments, tokenizing, tagging and classification: one jsonl line.
import KoeCore
import KoeRender
import KoeTagging

/// One matched keyword behind a tag: the keyword, the verbatim words, and code-point offsets in `text`.
public struct EvidenceItem: Sendable, Hashable {
    public var keyword: String
    public var surface: String
    public var start: Int
    public var end: Int
}

/// Where an opinion's type and horizon came from (`question`, `cue` or `setting`) and the question read.
public struct TypeDecision: Sendable, Hashable {
    public var typeSource: DecisionSource?
    public var horizonSource: DecisionSource?
    /// The question text (column label, sticky-note header, heading) or pipeline key the prior came from.
    public var question: String?
    /// The question words that named the type and the horizon (`良いところ`, `10年後`).
    public var questionTypeWord: String?
    public var questionHorizonWord: String?

    public init() {}

    public init(_ c: Classification) {
        typeSource = c.typeSource
        horizonSource = c.horizonSource
        question = c.prior.question
        questionTypeWord = c.prior.typeWord
        questionHorizonWord = c.prior.horizonWord
    }
}

/// An opinion with everything the stages added.
public struct ProcessedOpinion: Sendable {
    public var opinion: Opinion { didSet { rendered = nil } }
    public var segments: Segments { didSet { rendered = nil } }
    /// NFKC + variant-folded text.
    public var normalized: String { didSet { rendered = nil } }
    /// Area codes including ancestors, in plan order.
    public var areas: [String] { didSet { rendered = nil } }
    /// Evidence per area code that matched directly (ancestors inherit the tag; their evidence is their
    /// descendants').
    public var evidence: [(code: String, items: [EvidenceItem])] { didSet { rendered = nil } }
    /// Exclusions that prevented a tag: area code and the exclude word found.
    public var excluded: [(code: String, word: String)] { didSet { rendered = nil } }
    public var type: String? { didSet { rendered = nil } }
    public var typeCue: String? { didSet { rendered = nil } }
    public var horizon: String? { didSet { rendered = nil } }
    public var horizonCue: String? { didSet { rendered = nil } }
    /// Where type and horizon came from.
    public var decision = TypeDecision() { didSet { rendered = nil } }

    /// The line rendered ahead by `prerender()` (on a worker thread); dropped when any field changes.
    var rendered: String?

    /// The opinions.jsonl line (SPEC §6 fields first, then evidence detail).
    public var jsonLine: String { rendered ?? render() }

    /// Renders the jsonl line now and keeps it, so the thread that writes the file only copies it out.
    public mutating func prerender() { rendered = render() }

    private func render() -> String {
        var o = JSONObject()
        o.add("id", opinion.id)
        o.add("kind", opinion.kind.rawValue)
        o.add("source", opinion.location.file)
        if let sheet = opinion.location.sheet { o.add("sheet", sheet) }
        o.add("row", opinion.location.row)
        o.add("column", opinion.location.column)
        o.add("respondent", opinion.respondent)
        o.add("text", opinion.text)
        o.add("normalized", normalized)
        o.add("segments", object: Self.segmentsObject(age: segments.age, gender: segments.gender, district: segments.district))
        o.add("areas", strings: areas)
        var words = JSONObject()
        for (code, items) in evidence { words.add(code, strings: uniqueKeywords(items)) }
        // SPEC's evidence{code:[words]} lists the directly matched areas; `areas` adds their ancestors.
        o.add("evidence", object: words)
        o.add("type", type ?? "unknown")
        o.add("horizon", horizon ?? "unknown")
        o.add("type_source", decision.typeSource?.rawValue)
        o.add("horizon_source", decision.horizonSource?.rawValue)
        o.add("question", decision.question)
        var detail = JSONObject()
        for (code, items) in evidence {
            detail.add(
                code,
                objects: items.map { item in
                    var e = JSONObject()
                    e.add("keyword", item.keyword)
                    e.add("surface", item.surface)
                    e.add("start", item.start)
                    e.add("end", item.end)
                    return e
                })
        }
        o.add("matches", object: detail)
        o.add(
            "excluded",
            objects: excluded.map { x in
                var e = JSONObject()
                e.add("area", x.code)
                e.add("word", x.word)
                return e
            })
        var cues = JSONObject()
        cues.add("type", typeCue)
        cues.add("horizon", horizonCue)
        if decision.typeSource == .question { cues.add("question_type", decision.questionTypeWord) }
        if decision.horizonSource == .question { cues.add("question_horizon", decision.questionHorizonWord) }
        o.add("cues", object: cues)
        return o.text
    }

    private func uniqueKeywords(_ items: [EvidenceItem]) -> [String] {
        // A handful of items per area: a linear scan beats hashing each keyword.
        var unique: [String] = []
        for item in items where !unique.contains(item.keyword) { unique.append(item.keyword) }
        return unique
    }

    /// `{"age":…,"gender":…,"district":…}` — the segments object of every JSON output.
    static func segmentsJSON(age: String?, gender: String?, district: String?) -> String {
        segmentsObject(age: age, gender: gender, district: district).text
    }

    static func segmentsObject(age: String?, gender: String?, district: String?) -> JSONObject {
        var o = JSONObject()
        o.add("age", age)
        o.add("gender", gender)
        o.add("district", district)
        return o
    }
}
