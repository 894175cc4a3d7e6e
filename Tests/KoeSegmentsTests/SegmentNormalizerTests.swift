// Segments: every age form into bands, gender forms, gazetteer districts with and without suffixes, unmapped values.
import Foundation
import KoeCore
import XCTest

@testable import KoeSegments

final class SegmentNormalizerTests: XCTestCase {
    func age(_ raw: String, bands: AgeBands = .default) -> String? { bands.band(for: raw) }

    func testAgeForms() {
        XCTAssertEqual(age("34"), "30代")
        XCTAssertEqual(age("34歳"), "30代")
        XCTAssertEqual(age("３４才"), "30代")
        XCTAssertEqual(age("３０歳代"), "30代")
        XCTAssertEqual(age("30～39歳"), "30代")
        XCTAssertEqual(age("３０〜３９歳"), "30代")
        XCTAssertEqual(age("30-39"), "30代")
        XCTAssertEqual(age("30代"), "30代")
        XCTAssertEqual(age("30代前半"), "30代")
        XCTAssertEqual(age("10歳代"), "10代")
        XCTAssertEqual(age("20歳未満"), "10代", "an answer open below goes to the lowest band")
        XCTAssertNil(age("8"), "an age below the lowest band is in no band (unmapped), not 10代")
        XCTAssertNil(age("0～9歳"))
        XCTAssertEqual(age("10"), "10代")
        XCTAssertEqual(age("8", bands: try! AgeBands(["20歳未満", "20代"])), "20歳未満", "an open-below band holds it")
        XCTAssertEqual(age("Prefer not to answer"), "無回答")
        XCTAssertEqual(Gender.normalize("Prefer not to answer"), "無回答")
        XCTAssertEqual(Gender.normalize("I prefer not to say."), "無回答")
        let district = SegmentNormalizer(gazetteer: nil).normalize(RawSegments(district: "Prefer not to answer"))
        XCTAssertEqual(district.segments.district, "無回答")
        XCTAssertEqual(age("18"), "10代")
        XCTAssertEqual(age("80歳以上"), "80歳以上")
        XCTAssertEqual(age("85"), "80歳以上")
        XCTAssertEqual(age("90代"), "80歳以上")
        XCTAssertEqual(age("79"), "70代")
        XCTAssertEqual(age("回答しない"), "無回答")
        XCTAssertEqual(age("無回答"), "無回答")
        XCTAssertNil(age("70歳以上"), "spans two bands: unmapped, not guessed")
        XCTAssertNil(age("25～34歳"), "spans two bands")
        XCTAssertNil(age("若い"))
        XCTAssertNil(age("35代"))
    }

    func testConfigurableBands() throws {
        let bands = try AgeBands(["20歳未満", "20～39歳", "40～64歳", "65歳以上"])
        XCTAssertEqual(age("18", bands: bands), "20歳未満")
        XCTAssertEqual(age("30代", bands: bands), "20～39歳")
        XCTAssertEqual(age("65", bands: bands), "65歳以上")
        XCTAssertEqual(age("80歳以上", bands: bands), "65歳以上", "open-ended answer inside an open band")
        XCTAssertNil(age("60代", bands: bands))
        XCTAssertThrowsError(try AgeBands(["若者"])) { XCTAssertEqual(($0 as? KoeError)?.diagnostic.code, "invalid-age-band") }
    }

    func testGenderForms() {
        for raw in ["男", "男性", "M", "m", "male", "Male", "ｍａｌｅ"] { XCTAssertEqual(Gender.normalize(raw), "男性", raw) }
        for raw in ["女", "女性", "F", "female"] { XCTAssertEqual(Gender.normalize(raw), "女性", raw) }
        XCTAssertEqual(Gender.normalize("その他"), "その他")
        XCTAssertEqual(Gender.normalize("回答しない"), "無回答")
        XCTAssertEqual(Gender.normalize("無回答"), "無回答")
        XCTAssertNil(Gender.normalize("1"))
    }

    func gazetteer(_ csv: String) throws -> Gazetteer {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-gz-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try Gazetteer.load(url: url, displayPath: "districts.csv")
    }

    func testGazetteerSuffixesAndBOM() throws {
        let g = try gazetteer("\u{FEFF}name,district\n広丘野村,広丘\n吉田,吉田小学校区\n\"本町\",中央\n")
        XCTAssertEqual(g.district(for: "広丘野村"), "広丘")
        XCTAssertEqual(g.district(for: "広丘野村地区"), "広丘")
        XCTAssertEqual(g.district(for: "広丘"), "広丘", "district names map to themselves")
        XCTAssertEqual(g.district(for: "広丘地区"), "広丘")
        XCTAssertEqual(g.district(for: "広丘小学校区"), "広丘")
        XCTAssertEqual(g.district(for: "吉田"), "吉田小学校区")
        XCTAssertEqual(g.district(for: "吉田町"), "吉田小学校区")
        XCTAssertEqual(g.district(for: "吉田小学校区"), "吉田小学校区")
        XCTAssertEqual(g.district(for: "本町"), "中央")
        XCTAssertEqual(g.district(for: "本町地区"), "中央")
        XCTAssertEqual(g.district(for: "ＨＩＲＯＯＫＡ"), nil)
        XCTAssertNil(g.district(for: "松本"))
    }

    func testGazetteerAmbiguousStrippedNameIsNotGuessed() {
        let g = Gazetteer(entries: [("中町", "東"), ("中区", "西")])
        XCTAssertEqual(g.district(for: "中町"), "東")
        XCTAssertEqual(g.district(for: "中区"), "西")
        XCTAssertNil(g.district(for: "中"))
    }

    func testGazetteerErrors() {
        XCTAssertThrowsError(try gazetteer("town,area\nx,y\n")) { e in
            XCTAssertEqual((e as? KoeError)?.diagnostic.code, "missing-columns")
            XCTAssertEqual((e as? KoeError)?.diagnostic.location?.row, 1)
        }
        XCTAssertThrowsError(try gazetteer("name,district\nx,y\nz\n")) { e in
            XCTAssertEqual((e as? KoeError)?.diagnostic.code, "missing-cell")
            XCTAssertEqual((e as? KoeError)?.diagnostic.location?.row, 3)
            XCTAssertEqual((e as? KoeError)?.diagnostic.location?.columnLetter, "B")
        }
        XCTAssertThrowsError(try gazetteer("name,district\n\"x,y\n")) { e in
            XCTAssertEqual((e as? KoeError)?.diagnostic.code, "unclosed-quote")
        }
    }

    func testNormalizerReturnsUnmappedValues() throws {
        let n = SegmentNormalizer(ageBands: .default, gazetteer: Gazetteer(entries: [("広丘野村", "広丘")]))
        let ok = n.normalize(RawSegments(age: "３０歳代", gender: "女", district: "広丘野村地区"))
        XCTAssertEqual(ok.segments, Segments(age: "30代", gender: "女性", district: "広丘"))
        XCTAssertEqual(ok.unmapped, [])
        let bad = n.normalize(RawSegments(age: "若い", gender: "?", district: "松本"))
        XCTAssertEqual(bad.segments, Segments())
        XCTAssertEqual(bad.unmapped.map(\.kind), [.age, .gender, .district])
        XCTAssertEqual(bad.unmapped.map(\.value), ["若い", "?", "松本"])
        XCTAssertEqual(n.normalize(RawSegments(age: " ", gender: nil, district: "")).unmapped, [], "blank is not unmapped")
        XCTAssertEqual(n.normalize(RawSegments(district: "無回答")).segments.district, "無回答")
        let plain = try SegmentNormalizer(ageBands: ["10代", "20代"], gazetteer: nil)
        XCTAssertEqual(plain.normalize(RawSegments(district: "広丘")).segments.district, "広丘")
    }
}

/// Issue 21, defects 1 and 10: a hostile district cell is unmapped at once, and no bidi character reaches a
/// district value.
final class HostileDistrictTests: XCTestCase {
    private let gazetteer = Gazetteer(entries: [("広丘町", "広丘"), ("吉田地区", "吉田")])

    /// Was 33 s and 5.3 GB for 60,000 「区」 (each suffix strip copied the whole string).
    func testLongCellIsUnmappedInMilliseconds() {
        let started = Date()
        XCTAssertNil(gazetteer.district(for: String(repeating: "区", count: 60_000)))
        XCTAssertNil(gazetteer.district(for: String(repeating: "町", count: 30_000)))
        XCTAssertNil(gazetteer.district(for: String(repeating: "地区", count: 30_000) + "広丘"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "a ceiling for quadratic matching (it took minutes), not a speed figure")
        XCTAssertEqual(gazetteer.district(for: "広丘町地区"), "広丘")
        XCTAssertEqual(gazetteer.district(for: "吉田小学校区"), "吉田")
    }

    func testLongGazetteerValueIsCheap() {
        let started = Date()
        let long = Gazetteer(entries: [(String(repeating: "区", count: 60_000), "広丘"), ("片丘", String(repeating: "町", count: 60_000))])
        XCTAssertEqual(long.district(for: "片丘"), String(repeating: "町", count: 60_000))
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "a ceiling for quadratic matching (it took minutes), not a speed figure")
    }

    func testBidiOverrideLeavesDistricts() throws {
        let plain = try SegmentNormalizer(ageBands: ["30代"], gazetteer: nil)
        let n = plain.normalize(RawSegments(district: "広丘\u{202E}）性女（"))
        XCTAssertEqual(n.segments.district, "広丘）性女（")
        XCTAssertNil(plain.normalize(RawSegments(district: "\u{202E}\u{200B}")).segments.district)
    }
}
