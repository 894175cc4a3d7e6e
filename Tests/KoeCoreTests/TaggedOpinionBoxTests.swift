// TaggedOpinionBoxTests — TaggedOpinion keeps its fields in one copy-on-write box (unchecked exclusivity): a copy
// is independent of the original for every field, and a value that is not shared is changed in place.
import KoeCore
import XCTest

final class TaggedOpinionBoxTests: XCTestCase {
    private func make(_ id: String = "o1") -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: id, kind: .survey, location: SourceLocation(file: "f.csv", row: 2), respondent: "r1", text: "保育園を増やして",
                segments: RawSegments()),
            segments: Segments(age: "30代"), normalized: "保育園を増やして", areas: ["1-1"], evidence: [], excluded: [],
            type: .request, typeCue: "して", horizon: .unknown, horizonCue: nil, words: ["保育園"])
    }

    func testEveryFieldOfACopyIsIndependent() {
        let original = make()
        var copy = original
        copy.opinion = make("o2").opinion
        copy.segments = Segments(age: "40代")
        copy.normalized = "x"
        copy.areas.append("2")
        copy.evidence = [(code: "1-1", items: [])]
        copy.excluded = [(code: "1-1", word: "観光")]
        copy.type = .problem
        copy.typeCue = nil
        copy.horizon = .short
        copy.horizonCue = "早急に"
        copy.words = []
        copy.renderedLine = [0x7B, 0x7D]
        // The original is untouched.
        XCTAssertEqual(original.opinion.id, "o1")
        XCTAssertEqual(original.segments.age, "30代")
        XCTAssertEqual(original.normalized, "保育園を増やして")
        XCTAssertEqual(original.areas, ["1-1"])
        XCTAssertTrue(original.evidence.isEmpty)
        XCTAssertTrue(original.excluded.isEmpty)
        XCTAssertEqual(original.type, .request)
        XCTAssertEqual(original.typeCue, "して")
        XCTAssertEqual(original.horizon, .unknown)
        XCTAssertNil(original.horizonCue)
        XCTAssertEqual(original.words, ["保育園"])
        XCTAssertNil(original.renderedLine)
        // The copy has its changes.
        XCTAssertEqual(copy.opinion.id, "o2")
        XCTAssertEqual(copy.areas, ["1-1", "2"])
        XCTAssertEqual(copy.horizon, .short)
        XCTAssertEqual(copy.renderedLine, [0x7B, 0x7D])
    }

    func testACopyMadeAfterAChangeKeepsIt() {
        var a = make()
        a.renderedLine = [1]
        a.decision = TypeDecision()
        let b = a
        a.renderedLine = [2]
        XCTAssertEqual(b.renderedLine, [1])
        XCTAssertEqual(a.renderedLine, [2])
    }

    func testCopiesInAnArrayStayApart() {
        var batch = Array(repeating: make(), count: 3)
        batch[1].areas = []
        XCTAssertEqual(batch.map(\.areas), [["1-1"], [], ["1-1"]])
    }
}
