// RespondentSegmentsTests — the byte-keyed memo of respondents' segments: one build per raw combination,
// distinct entries for distinct bytes (nil is not ""), a collision is not mistaken for a hit, and it stays bounded.
import KoeCore
import XCTest

@testable import KoePipeline

final class RespondentSegmentsTests: XCTestCase {
    private func entry(_ raw: RawSegments, _ id: Int) -> RespondentSegmentEntry {
        RespondentSegmentEntry(
            raw: raw, segments: Segments(age: raw.age, gender: raw.gender, district: raw.district), unmapped: [], attribution: id)
    }

    func testBuildsEachCombinationOnce() {
        var memo = RespondentSegments()
        var built = 0
        let raws = [
            RawSegments(age: "３０歳代", gender: "男", district: "広丘"), RawSegments(age: "３０歳代", gender: "男"),
            RawSegments(age: "３０歳代", gender: "男", district: ""), RawSegments(age: "３０歳代", gender: nil, district: "男"),
            RawSegments(age: "３０歳代男"), RawSegments(),
        ]
        for _ in 0..<3 {
            for (i, raw) in raws.enumerated() {
                let e = memo.entry(raw) { r in
                    built += 1
                    return entry(r, i)
                }
                XCTAssertEqual(e.attribution, i)
                XCTAssertEqual(e.raw, raw)
            }
        }
        XCTAssertEqual(built, raws.count)
        XCTAssertEqual(Set(raws.map(RespondentSegments.hash)).count, raws.count)
    }

    func testStaysBoundedAndStillAnswers() {
        var memo = RespondentSegments(limit: 4)
        var built = 0
        for round in 0..<2 {
            for i in 0..<10 {
                let e = memo.entry(RawSegments(district: "地区\(i)")) { r in
                    built += 1
                    return entry(r, i)
                }
                XCTAssertEqual(e.attribution, i, "round \(round)")
            }
        }
        XCTAssertEqual(built, 20)
    }

    func testBytesNotCanonicalEquivalence() {
        // NFC and NFD spellings are equal Strings but different keys: each builds its own (equal) entry.
        XCTAssertFalse(RespondentSegments.sameBytes(RawSegments(district: "が"), RawSegments(district: "か\u{3099}")))
        XCTAssertTrue(RespondentSegments.sameBytes(RawSegments(age: "30", district: "が"), RawSegments(age: "30", district: "が")))
        XCTAssertFalse(RespondentSegments.sameBytes(RawSegments(district: ""), RawSegments()))
    }
}
