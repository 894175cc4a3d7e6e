// OpinionJSONLineTests — the opinions.jsonl line written straight into bytes (JSONBytes) is byte for byte the
// line the JSONObject builder made before, for opinions with and without every optional part and with texts
// that need escaping.
import KoeCore
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class OpinionJSONLineTests: XCTestCase {
    /// The opinions.jsonl object as it was built before JSONBytes (kept here as the reference).
    private func reference(_ p: TaggedOpinion) -> String {
        var o = JSONObject()
        let opinion = p.opinion
        o.add("id", opinion.id)
        o.add("kind", opinion.kind.rawValue)
        o.add("source", opinion.location.file)
        if let sheet = opinion.location.sheet { o.add("sheet", sheet) }
        o.add("row", opinion.location.row)
        o.add("column", opinion.location.column)
        o.add("respondent", opinion.respondent)
        o.add("text", opinion.text)
        o.add("normalized", p.normalized)
        o.add("segments") {
            $0.add("age", p.segments.age)
            $0.add("gender", p.segments.gender)
            $0.add("district", p.segments.district)
        }
        o.add("areas", strings: p.areas)
        o.add("evidence") { words in
            for (code, items) in p.evidence {
                var unique: [String] = []
                for item in items where !unique.contains(item.keyword) { unique.append(item.keyword) }
                words.add(code, strings: unique)
            }
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
        return o.text
    }

    private func opinions() -> [TaggedOpinion] {
        let plain = TaggedOpinion(
            opinion: Opinion(
                id: "survey.csv:2:E", kind: .survey, location: SourceLocation(file: "survey.csv", row: 2, column: "自由記述"),
                respondent: "R1", text: "駅前の駐輪場を増やしてほしい。", segments: RawSegments(age: "30代")),
            segments: Segments(age: "30代", gender: "女性", district: "広丘"), normalized: "駅前の駐輪場を増やしてほしい。",
            areas: ["交通", "都市"], evidence: [("交通", [EvidenceItem(keyword: "駐輪場", surface: "駐輪場", start: 3, end: 6)])],
            excluded: [], type: .request, typeCue: "ほしい", horizon: .unknown, horizonCue: nil, words: ["駅前", "駐輪場"])
        var escaped = TaggedOpinion(
            opinion: Opinion(
                id: "w\"1", kind: .workshop, location: SourceLocation(file: "notes\\a.docx", sheet: "シート\t1"),
                respondent: nil, text: "改行\nと\"引用\"と\u{2028}区切り\u{1}", segments: RawSegments()),
            segments: Segments(), normalized: "", areas: [],
            evidence: [
                (
                    "子育て",
                    [
                        EvidenceItem(keyword: "保育", surface: "保育園", start: 0, end: 3),
                        EvidenceItem(keyword: "保育", surface: "保育", start: 10, end: 12),
                        EvidenceItem(keyword: "待機\"児童", surface: "待機児童", start: -1, end: 1_234_567),
                    ]
                ), ("教\\育", []),
            ],
            excluded: [("防災", "訓練"), ("産業", "\u{7}")], type: .unknown, typeCue: nil, horizon: .unknown, horizonCue: "将来\n",
            words: [])
        escaped.decision = TypeDecision(
            typeSource: .question, horizonSource: .question, question: "10年後の\"まち\"", questionTypeWord: "良いところ",
            questionHorizonWord: nil)
        var cue = plain
        cue.decision = TypeDecision(typeSource: .cue, horizonSource: .setting, question: nil)
        // A long text: the buffer grows past its first estimate.
        let long = TaggedOpinion(
            opinion: Opinion(
                id: String(repeating: "長", count: 900), kind: .survey, location: SourceLocation(file: "f.csv"), respondent: "",
                text: String(repeating: "あ\"", count: 700), segments: RawSegments()),
            segments: Segments(), normalized: String(repeating: "\u{0}", count: 300), areas: Array(repeating: "区\"域", count: 80),
            evidence: [], excluded: [], type: .problem, typeCue: nil, horizon: .unknown, horizonCue: nil, words: [])
        return [plain, escaped, cue, long]
    }

    func testSameBytesAsTheObjectBuilder() {
        for p in opinions() {
            let expected = reference(p)
            XCTAssertEqual(OpinionJSON.line(p), expected)
            XCTAssertEqual(OpinionJSON.lineBytes(p), Array((expected + "\n").utf8))
        }
    }

    func testEscapesAndNulls() {
        let line = OpinionJSON.line(opinions()[1])
        XCTAssertTrue(line.hasPrefix(#"{"id":"w\"1","kind":"workshop","source":"notes\\a.docx","sheet":"シート\t1","row":null"#))
        XCTAssertTrue(line.contains(#""text":"改行\nと\"引用\"と\u2028区切り\u0001""#))
        XCTAssertTrue(line.contains(#""evidence":{"子育て":["保育","待機\"児童"],"教\\育":[]}"#))
        XCTAssertTrue(line.hasSuffix(#""cues":{"type":null,"horizon":"将来\n","question_type":"良いところ","question_horizon":null}}"#))
    }

    func testIntegers() {
        var b = JSONBytes(capacity: 1)
        for n in [0, 7, -7, 10, 99, 100, Int.max, Int.min + 1] {
            b.int(n)
            b.byte(0x2C)
        }
        b.int(nil)
        let text = b.text()
        XCTAssertEqual(text, "0,7,-7,10,99,100,\(Int.max),\(Int.min + 1),null")
    }
}
