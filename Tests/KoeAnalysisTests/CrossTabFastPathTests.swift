// CrossTabFastPathTests — the cross-tab fast paths (columns per interned segment combination, area codes by byte
// key, the join's area marks and borrowed TaggedOpinion deliveries) count exactly what the by-value paths count.
import KoeCore
import XCTest

@testable import KoeAnalysis

final class CrossTabFastPathTests: XCTestCase {
    private let ages = ["10代", "20代", "30代", "40代", "80歳以上", "無回答"]
    private let genders = ["男性", "女性", "その他", "無回答"]
    private let districts = ["大門", "広丘", "吉田", "片丘", "楢川", "洗馬", "宗賀"]
    private let areas = ["A", "1", "1-1", "2", "B", "3", "子育て"]

    /// Respondents counted by combination id, by value and by hand give the same tables, overflow included
    /// (a small `maxValues` makes districts overflow; the combination remembers it).
    func testCombinationColumnsCountAsValuesDo() {
        var generator = SplitMix(seed: 20_261_130)
        for maxValues in [2, 4, 1000] {
            var byCombination = CrossTabBuilder(areas: areas, ageBands: Array(ages.dropLast()), maxValues: maxValues)
            var byValue = CrossTabBuilder(areas: areas, ageBands: Array(ages.dropLast()), maxValues: maxValues)
            var ids: [Segments: Int] = [:]
            var firstSeen: [CrossTabSegment: [String]] = [:]
            var expected: [CrossTabSegment: [String: (respondents: Int, mentions: [String: Int])]] = [:]
            var overflow: [CrossTabSegment: Int] = [:]
            for _ in 0..<2_000 {
                let segments = Segments(
                    age: generator.pick(ages), gender: generator.pick(genders), district: generator.pick(districts))
                let mentioned = Set(areas.filter { _ in generator.next() % 3 == 0 })
                let id = ids[segments] ?? ids.count
                ids[segments] = id
                byCombination.add(segments, combination: id, areaIndices: mentioned.compactMap { areas.firstIndex(of: $0) })
                byValue.add(segments, mentioned: mentioned)
                for segment in CrossTabSegment.allCases {
                    guard let value = segment.value(of: segments) else { continue }
                    if !firstSeen[segment, default: []].contains(value) {
                        guard firstSeen[segment, default: []].count < maxValues else {
                            overflow[segment, default: 0] += 1
                            continue
                        }
                        firstSeen[segment, default: []].append(value)
                    }
                    var cell = expected[segment, default: [:]][value] ?? (0, [:])
                    cell.respondents += 1
                    for area in mentioned { cell.mentions[area, default: 0] += 1 }
                    expected[segment, default: [:]][value] = cell
                }
            }
            XCTAssertEqual(byCombination.rows(), byValue.rows())
            XCTAssertEqual(byCombination.overflow, byValue.overflow)
            XCTAssertEqual(byCombination.overflow, overflow, "maxValues \(maxValues)")
            XCTAssertEqual(byCombination.total, 2_000)
            for row in byCombination.rows() {
                let cell = expected[row.segment]?[row.value]
                XCTAssertEqual(row.respondents, cell?.respondents, "\(row.segment) \(row.value)")
                XCTAssertEqual(row.mentioning, cell?.mentions[row.area] ?? 0, "\(row.segment) \(row.value) \(row.area)")
            }
        }
    }

    /// The byte-keyed area index gives what a dictionary keeping the first index gives, for listed codes, a
    /// duplicate, a canonically equal spelling (left to the dictionary) and unknown codes.
    func testAreaCodeIndexAgreesWithTheDictionary() {
        let composed = "が"
        let decomposed = "か\u{3099}"
        let codes = ["A", "1", "1-1", "A", composed, "子育て", "あいうえおかきくけこさしすせそ"]
        let builder = CrossTabBuilder(areas: codes, ageBands: [])
        var first: [String: Int] = [:]
        for (i, code) in codes.enumerated() where first[code] == nil { first[code] = i }
        for code in codes + [decomposed, "B", "", "1-", "子育", "あいうえおかきくけこさしすせそた"] {
            XCTAssertEqual(builder.areaIndex(of: code), first[code], code)
        }
        XCTAssertEqual(builder.areaIndex(of: "A"), 0)
        XCTAssertEqual(builder.areaIndex(of: decomposed), 4)
        XCTAssertNil(AreaCodeIndex(codes).index(decomposed))
        XCTAssertEqual(AreaCodeIndex(codes).index(composed), 4)
    }

    /// The join fed borrowed TaggedOpinions and combination ids counts what feeding each respondent's union of
    /// areas by value counts; an opinion without a respondent event is counted by its own segments.
    func testJoinDeliveringTaggedOpinionsCountsEachRespondentOnce() {
        var generator = SplitMix(seed: 7)
        var join = RespondentAreaJoin(builder: CrossTabBuilder(areas: areas, ageBands: Array(ages.dropLast())))
        var reference = CrossTabBuilder(areas: areas, ageBands: Array(ages.dropLast()))
        var ids: [Segments: Int] = [:]
        var inFlight: [TaggedOpinion] = []
        for row in 2..<3_002 {
            let segments = Segments(age: generator.pick(ages), gender: generator.pick(genders), district: generator.pick(districts))
            let id = ids[segments] ?? ids.count
            ids[segments] = id
            let location = SourceLocation(file: "s.csv", row: row)
            let orphan = row % 97 == 0
            if !orphan {
                join.respondent(
                    Respondent(id: "r\(row)", location: location, segments: RawSegments()), segments: segments, combination: id)
            }
            var union: Set<String> = []
            var opinions = 0
            for column in ["B", "C", "D"] where generator.next() % 2 == 0 {
                var at = location
                at.column = column
                let opinion = Opinion(
                    id: "s-\(row)-\(column)", kind: .survey, location: at, respondent: "r\(row)", text: "x",
                    segments: RawSegments())
                let tagged = areas.filter { _ in generator.next() % 4 == 0 } + (generator.next() % 5 == 0 ? ["未知"] : [])
                union.formUnion(tagged.filter { areas.contains($0) })
                join.submitted(opinion)
                opinions += 1
                inFlight.append(
                    TaggedOpinion(
                        opinion: opinion, segments: segments, normalized: "x", areas: tagged, evidence: [], excluded: [],
                        type: .unknown, typeCue: nil, horizon: .unknown, horizonCue: nil, words: []))
                // Analysis lags up to 40 opinions behind reading.
                if inFlight.count > 40 { join.delivered(inFlight.removeFirst()) }
            }
            // An opinion without a respondent event is counted by its own segments; no opinion, no count.
            if !orphan || opinions > 0 { reference.add(segments, mentioned: union) }
        }
        for tagged in inFlight { join.delivered(tagged) }
        join.finish()
        XCTAssertEqual(join.builder.rows(), reference.rows())
        XCTAssertEqual(join.builder.total, reference.total)
        XCTAssertGreaterThan(join.builder.total, 2_900)
    }
}

extension SplitMix {
    /// An element of `list`, or nil (one chance in `list.count + 1`).
    mutating func pick(_ list: [String]) -> String? {
        let i = Int(next() % UInt64(list.count + 1))
        return i < list.count ? list[i] : nil
    }
}
