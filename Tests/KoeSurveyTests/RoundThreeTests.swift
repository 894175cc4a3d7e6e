// Import round 3 (issue 25): one test per class of misreading seen on real exports, each on a small fixture of the
// same shape in Tests/Fixtures/survey/round3 (see its README for where each shape comes from).
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeSurvey

final class RoundThreeTests: XCTestCase {
    private func fixture(_ name: String) -> URL { Fixtures.root.appendingPathComponent("round3/\(name)") }

    private func inspect(_ name: String, _ options: SurveyOptions = SurveyOptions()) throws -> SurveyInspection {
        try SurveyInspector.inspect(url: fixture(name), displayPath: name, options: options)
    }

    /// Class 1: a role flag always beats koe's own choice, also when koe had picked another column for that role.
    func testRoleFlagsWinOverTheDetectedColumn() throws {
        let auto = try inspect("two-districts.csv")
        XCTAssertEqual(roles(auto), [.id, .age, .choice, .gender, .district, .choice, .text])
        XCTAssertTrue(auto.columns[5].reason.contains("--district F"), auto.columns[5].reason)
        let options = SurveyOptions(columnRoles: ["F": .district, "年代（世帯主）": .age, "G": .id, "E": .text])
        let forced = try inspect("two-districts.csv", options)
        XCTAssertEqual(roles(forced), [.other, .choice, .age, .gender, .text, .district, .id])
        XCTAssertTrue(forced.columns[1].reason.hasPrefix("年齢には指定された C 列を使う"), forced.columns[1].reason)
        let r = try readSurvey(fixture("two-districts.csv"), options: options)
        XCTAssertEqual(r.sink.respondents.map(\.segments.district), ["吉田", "広丘", "広丘", "洗馬", "吉田"])
        XCTAssertEqual(r.sink.respondents.map(\.segments.age), ["40代", "50代", "60代", "40代", "60代"])
        XCTAssertEqual(r.sink.respondents.first?.id, "駅前に保育園を増やしてほしい")
        XCTAssertEqual(r.sink.opinions.map(\.text).first, "広丘")
    }

    /// Class 2: a header that merely contains "age" is not the age; the header must ask for it and the values be ages.
    func testHeaderThatMerelyContainsTheWordIsNotTheSegment() throws {
        let i = try inspect("header-words.csv")
        XCTAssertEqual(roles(i), [.id, .age, .other, .other, .other, .gender, .text])
        XCTAssertTrue(i.columns[4].reason.contains("回答時間"), i.columns[4].reason)
        XCTAssertTrue(ColumnShapes.asksFor("age", header: "Which age group do you belong to?"))
        XCTAssertTrue(ColumnShapes.asksFor("age", header: "How old are you?"))
        XCTAssertFalse(ColumnShapes.asksFor("age", header: "What is the age cutoff at your kids' table?"))
        XCTAssertFalse(ColumnShapes.asksFor("gender", header: "Gender pay gap in your workplace"))
        XCTAssertFalse(ColumnShapes.japaneseSubject("年齢", header: "面接員の平均年齢"))
    }

    /// Class 3: numbers typed into SurveyMonkey "Open-Ended Response" columns are counts, amounts, percentages.
    func testNumbersInOpenEndedColumnsAreNotOpinions() throws {
        let i = try inspect("monkey-numbers.csv")
        XCTAssertEqual(i.tool, .surveyMonkey)
        XCTAssertEqual(Array(roles(i)[9...]), [.other, .other, .other, .text])
        let r = try readSurvey(fixture("monkey-numbers.csv"))
        XCTAssertEqual(r.counts.opinions, 5)
        XCTAssertEqual(Set(r.sink.opinions.map(\.location.columnLetter)), ["M"])
        for q in ["3", "$1,200", "25 %", "about 80", "3000円", "2万円", "10-15", "$75.50"] { XCTAssertTrue(ColumnShapes.isQuantity(q), q) }
        for t in ["3 buses an hour would help", "駅前に2台分の駐輪場を"] { XCTAssertFalse(ColumnShapes.isQuantity(t), t) }
    }

    /// Class 4: short attribute answers and machine content are not opinions; two different prose answers are text.
    func testAttributesAndMachineContentAreNotOpinionsButTwoAnswersAreText() throws {
        let i = try inspect("attributes.csv")
        XCTAssertEqual(roles(i), [.id, .choice, .other, .text])
        XCTAssertTrue(i.columns[1].reason.contains("属性"), i.columns[1].reason)
        XCTAssertTrue(i.columns[2].reason.contains("JSON"), i.columns[2].reason)
        XCTAssertFalse(i.columns[3].reason.contains("種類が少ない"), i.columns[3].reason)
        let r = try readSurvey(fixture("attributes.csv"))
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 5])
        // Two different short answers are not "few kinds of value".
        let dir = try TempDir()
        let url = try dir.write("two.csv", "id,感想\n1,公園がほしい\n2,道が暗い\n3,\n")
        XCTAssertEqual(roles(try SurveyInspector.inspect(url: url, displayPath: "two.csv")), [.id, .text])
    }

    /// Class 5: Polis comments: the respondent is the author (author-id), not the comment; moderated-out comments can
    /// be left out, and inspect says how.
    func testPolisAuthorIsTheRespondentAndModeratedOutCanBeSkipped() throws {
        let i = try inspect("polis-comments.csv")
        XCTAssertEqual(roles(i)[2...3], [.other, .id])
        XCTAssertTrue(i.columns[6].reason.contains("--skip-moderated"), i.columns[6].reason)
        let all = try readSurvey(fixture("polis-comments.csv"))
        XCTAssertEqual(all.counts.opinions, 6)
        XCTAssertEqual(all.sink.respondents.map(\.id), ["0", "1", "2"])
        XCTAssertEqual(all.sink.opinions.map(\.respondent), ["0", "0", "1", "2", "0", "2"])
        // Named by a flag, the author id still gives one respondent per person.
        let named = try readSurvey(fixture("polis-comments.csv"), options: SurveyOptions(columnRoles: ["author-id": .id]))
        XCTAssertEqual(named.sink.respondents.map(\.id), ["0", "1", "2"])
        var options = SurveyOptions()
        options.skipModerated = true
        let kept = try readSurvey(fixture("polis-comments.csv"), options: options)
        XCTAssertEqual(kept.counts.opinions, 5)
        XCTAssertEqual(kept.sink.skipped.map(\.code), ["moderated"])
        XCTAssertEqual(kept.sink.skipped.first?.location.row, 4)
    }

    /// Class 6: an 8-bit file that is not UTF-8 is not blindly CP932: Western files decode right, with a measured
    /// confidence; CP932 still wins on Japanese text.
    func testEightBitEncodingsAreScoredNotAssumed() throws {
        let expected = "I don’t think the café on Main St. should close – it’s where we meet"
        for (name, encoding) in [("macroman.csv", TextEncoding.macRoman), ("cp1252.csv", .windows1252)] {
            let i = try inspect(name)
            XCTAssertEqual(i.encoding?.encoding, encoding, name)
            XCTAssertEqual(i.encoding?.confidence ?? 0, 1, accuracy: 0.001, name)  // 12 of 12 non-ASCII characters
            XCTAssertTrue(i.encoding?.reason.contains("12 字のうち 12 字") ?? false, i.encoding?.reason ?? "")
            let r = try readSurvey(fixture(name))
            XCTAssertEqual(r.sink.opinions.first?.text, expected, name)
            XCTAssertEqual(r.counts.rejected, 0)
        }
        let mac = Array(try Data(contentsOf: fixture("macroman.csv")))
        let cp932 = EightBitGuess.score(mac, as: .cp932)
        XCTAssertLessThan(cp932.share, 0.5, "donﾕt is implausible CP932")
        let japanese = try inspect("../cp932-shimin.csv")
        XCTAssertEqual(japanese.encoding?.encoding, .cp932)
        XCTAssertGreaterThan(japanese.encoding?.confidence ?? 0, 0.95)
        XCTAssertEqual(try TextEncoding.named("MacRoman"), .macRoman)
        XCTAssertEqual(try TextEncoding.named("cp1252"), .windows1252)
    }

    /// Class 7: English "No." is an answer (as いいえ is); a punctuation-only header cell labels nothing.
    func testNoIsAnAnswerAndAPunctuationHeaderCellLabelsNothing() throws {
        let r = try readSurvey(fixture("small-things.csv"))
        XCTAssertEqual(r.sink.opinions.map(\.text).prefix(3), ["No.", "Yes, by the city app, twenty minutes before", "いいえ"])
        XCTAssertEqual(r.sink.skipped.map(\.code), ["non-answer"])  // 特になし
        XCTAssertFalse(NonAnswers.isNonAnswer("No."))
        XCTAssertFalse(NonAnswers.isNonAnswer("いいえ"))
        XCTAssertTrue(NonAnswers.isNonAnswer("Prefer not to answer"))
        let i = try inspect("comma-header.csv")
        XCTAssertEqual(i.columns.map(\.label)[3], "問5 行きたい場所 / 温泉や露天風呂")
        XCTAssertFalse(i.columns.contains { $0.label.hasPrefix(",") })
    }
}
