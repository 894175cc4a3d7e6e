// OpinionJSON — the one place an opinion is rendered as JSON (opinions.jsonl, `koe tag`, `koe import`).
import KoeCore
import KoeFormats

/// JSON renderings of opinions.
public enum OpinionJSON {
    /// The opinions.jsonl line of an analysed opinion, without the newline.
    public static func line(_ p: TaggedOpinion) -> String { object(p).text }

    /// The opinions.jsonl line as UTF-8 bytes with its newline (what the writer copies out).
    public static func lineBytes(_ p: TaggedOpinion) -> [UInt8] { object(p).line() }

    /// The opinions.jsonl object (SPEC §6 fields first, then evidence detail), nested objects written in place
    /// into one buffer sized for the texts.
    static func object(_ p: TaggedOpinion) -> JSONObject {
        // Room for the whole line: the texts, the file and column (twice, as `question`) and the rest.
        let location = p.opinion.location
        var o = JSONObject(
            capacity: p.opinion.text.utf8.count + p.normalized.utf8.count + location.file.utf8.count
                + 2 * (location.column?.utf8.count ?? 0) + 768)
        addProvenance(p.opinion, to: &o)
        o.add("text", p.opinion.text)
        o.add("normalized", p.normalized)
        o.add("segments") { addSegments(p.segments.age, p.segments.gender, p.segments.district, to: &$0) }
        o.add("areas", strings: p.areas)
        // SPEC's evidence{code:[words]} lists the directly matched areas; `areas` adds their ancestors.
        o.add("evidence") { words in
            for (code, items) in p.evidence { words.add(code, strings: uniqueKeywords(items)) }
        }
        o.add("type", p.type.rawValue)
        o.add("horizon", p.horizon.rawValue)
        o.add("type_source", p.decision.typeSource?.rawValue)
        o.add("horizon_source", p.decision.horizonSource?.rawValue)
        o.add("question", p.decision.question)
        o.add("matches") { detail in
            for (code, items) in p.evidence {
                detail.add(code, objects: items) { e, item in
                    e.add("keyword", item.keyword)
                    e.add("surface", item.surface)
                    e.add("start", item.start)
                    e.add("end", item.end)
                }
            }
        }
        o.add("excluded", objects: p.excluded) { e, x in
            e.add("area", x.code)
            e.add("word", x.word)
        }
        o.add("cues") { cues in
            cues.add("type", p.typeCue)
            cues.add("horizon", p.horizonCue)
            if p.decision.typeSource == .question { cues.add("question_type", p.decision.questionTypeWord) }
            if p.decision.horizonSource == .question { cues.add("question_horizon", p.decision.questionHorizonWord) }
        }
        return o
    }

    /// id, kind, source, sheet, row, column, respondent (the opinion is borrowed, not copied).
    private static func addProvenance(_ opinion: Opinion, to o: inout JSONObject) {
        o.add("id", opinion.id)
        o.add("kind", opinion.kind.rawValue)
        o.add("source", opinion.location.file)
        if let sheet = opinion.location.sheet { o.add("sheet", sheet) }
        o.add("row", opinion.location.row)
        o.add("column", opinion.location.column)
        o.add("respondent", opinion.respondent)
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
