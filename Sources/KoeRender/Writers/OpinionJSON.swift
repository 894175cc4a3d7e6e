// OpinionJSON — the one place an opinion is rendered as JSON (opinions.jsonl, `koe tag`, `koe import`).
import KoeCore
import KoeFormats

/// JSON renderings of opinions.
public enum OpinionJSON {
    /// The opinions.jsonl line of an analysed opinion, without the newline.
    public static func line(_ p: TaggedOpinion) -> String { render(p, newline: false).text() }

    /// The opinions.jsonl line as UTF-8 bytes with its newline (what the writer copies out).
    public static func lineBytes(_ p: TaggedOpinion) -> [UInt8] { render(p, newline: true).finish() }

    /// The opinions.jsonl object (SPEC §6 fields first, then evidence detail) written straight into one byte
    /// buffer sized for the texts: keys as literals, values as `JSONObject` writes them (the same bytes).
    static func render(_ p: TaggedOpinion, newline: Bool) -> JSONBytes {
        let opinion = p.opinion
        let location = opinion.location
        // Room for the whole line: the texts, the file and column (twice, as `question`) and the rest.
        var o = JSONBytes(
            capacity: opinion.text.utf8.count + p.normalized.utf8.count + location.file.utf8.count
                + 2 * (location.column?.utf8.count ?? 0) + 768)
        o.raw("{\"id\":")
        o.string(opinion.id)
        o.raw(",\"kind\":")
        o.string(opinion.kind.rawValue)
        o.raw(",\"source\":")
        o.string(location.file)
        if let sheet = location.sheet {
            o.raw(",\"sheet\":")
            o.string(sheet)
        }
        o.raw(",\"row\":")
        o.int(location.row)
        o.raw(",\"column\":")
        o.string(location.column)
        o.raw(",\"respondent\":")
        o.string(opinion.respondent)
        o.raw(",\"text\":")
        o.string(opinion.text)
        o.raw(",\"normalized\":")
        o.string(p.normalized)
        let segments = p.segments
        o.raw(",\"segments\":{\"age\":")
        o.string(segments.age)
        o.raw(",\"gender\":")
        o.string(segments.gender)
        o.raw(",\"district\":")
        o.string(segments.district)
        o.raw("},\"areas\":")
        o.strings(p.areas)
        // SPEC's evidence{code:[words]} lists the directly matched areas; `areas` adds their ancestors.
        let evidence = p.evidence
        o.raw(",\"evidence\":{")
        for (i, (code, items)) in evidence.enumerated() {
            if i > 0 { o.byte(0x2C) }
            o.string(code)
            o.byte(0x3A)
            o.strings(uniqueKeywords(items))
        }
        o.raw("},\"type\":")
        o.string(p.type.rawValue)
        o.raw(",\"horizon\":")
        o.string(p.horizon.rawValue)
        let decision = p.decision
        o.raw(",\"type_source\":")
        o.string(decision.typeSource?.rawValue)
        o.raw(",\"horizon_source\":")
        o.string(decision.horizonSource?.rawValue)
        o.raw(",\"question\":")
        o.string(decision.question)
        o.raw(",\"matches\":{")
        for (i, (code, items)) in evidence.enumerated() {
            if i > 0 { o.byte(0x2C) }
            o.string(code)
            o.raw(":[")
            for (j, item) in items.enumerated() {
                o.raw(j > 0 ? ",{\"keyword\":" : "{\"keyword\":")
                o.string(item.keyword)
                o.raw(",\"surface\":")
                o.string(item.surface)
                o.raw(",\"start\":")
                o.int(item.start)
                o.raw(",\"end\":")
                o.int(item.end)
                o.byte(0x7D)
            }
            o.byte(0x5D)
        }
        o.raw("},\"excluded\":[")
        for (i, x) in p.excluded.enumerated() {
            o.raw(i > 0 ? ",{\"area\":" : "{\"area\":")
            o.string(x.code)
            o.raw(",\"word\":")
            o.string(x.word)
            o.byte(0x7D)
        }
        o.raw("],\"cues\":{\"type\":")
        o.string(p.typeCue)
        o.raw(",\"horizon\":")
        o.string(p.horizonCue)
        if decision.typeSource == .question {
            o.raw(",\"question_type\":")
            o.string(decision.questionTypeWord)
        }
        if decision.horizonSource == .question {
            o.raw(",\"question_horizon\":")
            o.string(decision.questionHorizonWord)
        }
        o.raw(newline ? "}}\n" : "}}")
        return o
    }

    /// The `koe import` line of a read opinion: provenance, text, normalized and raw segments.
    public static func importLine(_ o: Opinion, segments s: Segments) -> String {
        var j = JSONObject()
        j.add("id", o.id)
        j.add("kind", o.kind.rawValue)
        j.add("source", o.location.file)
        if let sheet = o.location.sheet { j.add("sheet", sheet) }
        j.add("row", o.location.row)
        j.add("column", o.location.column)
        j.add("column_letter", o.location.columnLetter)
        j.add("respondent", o.respondent)
        if let question = o.question.text { j.add("question", question) }
        j.add("text", o.text)
        j.add("segments", object: segments(s.age, s.gender, s.district))
        j.add("raw_segments", object: segments(o.segments.age, o.segments.gender, o.segments.district))
        return j.text
    }

    /// `{"age":…,"gender":…,"district":…}` — the segments object of every JSON output.
    public static func segments(_ age: String?, _ gender: String?, _ district: String?) -> JSONObject {
        var o = JSONObject()
        addSegments(age, gender, district, to: &o)
        return o
    }

    private static func addSegments(_ age: String?, _ gender: String?, _ district: String?, to o: inout JSONObject) {
        o.add("age", age)
        o.add("gender", gender)
        o.add("district", district)
    }

    private static func uniqueKeywords(_ items: [EvidenceItem]) -> [String] {
        // A handful of items per area: a linear scan beats hashing each keyword.
        var unique: [String] = []
        for item in items where !unique.contains(item.keyword) { unique.append(item.keyword) }
        return unique
    }
}
