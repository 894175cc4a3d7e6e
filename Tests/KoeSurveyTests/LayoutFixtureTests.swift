// One fixture per layout and encoding: CP932, UTF-16 TSV, Google Forms JP, Microsoft Forms JP, SurveyMonkey,
// Qualtrics with timeZone — each asserting texts, rows and roles.
import Foundation
import KoeCore
import XCTest

@testable import KoeSurvey

final class LayoutFixtureTests: XCTestCase {
    func testCP932DecodesAsWindowsDoes() throws {
        let url = Fixtures.root.appendingPathComponent("cp932-shimin.csv")
        let i = try SurveyInspector.inspect(url: url, displayPath: "cp932-shimin.csv")
        XCTAssertEqual(i.encoding?.encoding, .cp932)
        XCTAssertGreaterThanOrEqual(i.encoding?.confidence ?? 0, 0.9)
        XCTAssertEqual(i.records, 5)
        XCTAssertEqual(roles(i), [.id, .age, .gender, .district, .rating, .text])
        let r = try readSurvey(url)
        XCTAssertEqual(
            r.sink.opinions.map(\.text),
            [
                "①保育園の送迎バスがほしい。㈱の工場跡地を公園に",
                "髙橋さんの店の前の道\u{FF5E}駅まで歩道を広げて\u{FF0D}\u{2225}\u{FFE2}",
                "バスの本数が少ない\r\n夜は特に",
            ])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 3, 6])
        XCTAssertEqual(r.sink.opinions.map(\.location.columnLetter), ["F", "F", "F"])
        XCTAssertEqual(r.sink.opinions.first?.segments, RawSegments(age: "30代", gender: "女性", district: "広丘"))
        XCTAssertEqual(r.sink.opinions.first?.id, "cp932-shimin-2-F")
        XCTAssertEqual(r.sink.skipped.map(\.code), ["non-answer", "empty"])
        XCTAssertEqual(r.sink.skipped.map(\.location.row), [4, 5])
        XCTAssertEqual(r.counts, SurveyReadCounts(records: 5, opinions: 3, skipped: 2, rejected: 0))
        XCTAssertEqual(try readSurvey(url, options: SurveyOptions(encoding: .cp932)).counts.opinions, 3)
        // Forcing UTF-8: the header is undecodable, a fatal error that says what to do (never replaced).
        XCTAssertThrowsError(try readSurvey(url, options: SurveyOptions(encoding: .utf8))) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "bad-header")
            XCTAssertEqual(d?.location?.row, 1)
            XCTAssertTrue(d?.hint?.contains("--encoding cp932") ?? false)
        }
    }

    func testUTF16TabSeparated() throws {
        let dir = try TempDir()
        let text = "番号\t年齢\t地区\t自由意見\r\n1\t34歳\t広丘\t子ども食堂を𠮷田にも😀\r\n2\t６５\t吉田\t\"駅前の\r\n駐輪場\"\r\n"
        for (name, bom, data) in [
            ("le.txt", [UInt8(0xFF), 0xFE], text.data(using: .utf16LittleEndian)!),
            ("be.txt", [UInt8(0xFE), 0xFF], text.data(using: .utf16BigEndian)!),
        ] {
            let url = try dir.write(name, bom + [UInt8](data))
            let i = try SurveyInspector.inspect(url: url, displayPath: name)
            XCTAssertEqual(i.encoding?.encoding, name == "le.txt" ? .utf16LE : .utf16BE)
            XCTAssertEqual(i.encoding?.confidence, 1)
            XCTAssertEqual(i.delimiter, "\t")
            XCTAssertEqual(roles(i), [.id, .age, .district, .text])
            let r = try readSurvey(url)
            XCTAssertEqual(r.sink.opinions.map(\.text), ["子ども食堂を𠮷田にも😀", "駅前の\r\n駐輪場"])
            XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 3])
            XCTAssertEqual(r.sink.respondents.map(\.id), ["1", "2"])
        }
    }

    func testGoogleFormsJapanese() throws {
        let dir = try TempDir()
        let csv = """
            タイムスタンプ,メールアドレス,年代,性別,お住まいの小学校区,市の取り組みへの満足度,ご意見・ご要望をお書きください
            2024/01/07 7:41:40 午後 GMT+9,a@example.jp,30代,女性,広丘,満足,公園にトイレを増やしてほしいです。
            2024/01/08 9:02:11 午前 GMT+9,b@example.jp,60代,男性,吉田,やや不満,なし
            2024/01/09 11:15:00 午前 GMT+9,c@example.jp,40代,女性,広丘,どちらともいえない,"図書館の開館時間を
            延ばしてほしい"

            """
        let url = try dir.write("google.csv", "\u{FEFF}" + csv)
        let i = try SurveyInspector.inspect(url: url, displayPath: "google.csv")
        XCTAssertEqual(i.tool, .googleForms)
        XCTAssertEqual(i.headerRows, 1)
        XCTAssertEqual(i.records, 3)
        XCTAssertEqual(roles(i), [.other, .other, .age, .gender, .district, .rating, .text])
        let r = try readSurvey(url)
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公園にトイレを増やしてほしいです。", "図書館の開館時間を\n延ばしてほしい"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 4])
        XCTAssertEqual(r.sink.opinions.first?.location.column, "ご意見・ご要望をお書きください")
        XCTAssertEqual(r.sink.skipped.map(\.location.row), [3])
        XCTAssertEqual(r.sink.respondents.map(\.id), ["google-2", "google-3", "google-4"])
    }

    func testMicrosoftFormsJapanese() throws {
        let dir = try TempDir()
        let csv = """
            ID,開始時刻,完了時刻,メール,名前,年齢,関心のある分野（複数選択）,市への自由意見
            1,10/9/2024 11:02,10/9/2024 11:05,anonymous,,34,子育て;交通;,保育園の空きが少ない
            2,10/9/2024 12:10,10/9/2024 12:15,anonymous,,71,医療;,病院までのバスがない
            3,10/10/2024 8:00,10/10/2024 8:03,anonymous,,25,交通;防災;観光;,特にない

            """
        let url = try dir.write("msforms.csv", csv)
        let i = try SurveyInspector.inspect(url: url, displayPath: "msforms.csv")
        XCTAssertEqual(i.tool, .microsoftForms)
        XCTAssertEqual(roles(i), [.id, .other, .other, .other, .other, .age, .choice, .text])
        let r = try readSurvey(url)
        XCTAssertEqual(r.sink.opinions.map(\.text), ["保育園の空きが少ない", "病院までのバスがない"])
        XCTAssertEqual(r.sink.opinions.map(\.respondent), ["1", "2"])
        XCTAssertEqual(r.sink.opinions.map(\.segments.age), ["34", "71"])
        XCTAssertEqual(r.sink.skipped.map(\.code), ["non-answer"])
    }

    func testSurveyMonkeyTwoHeaderRows() throws {
        let dir = try TempDir()
        let csv =
            "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
            + "What is your age group?,Which services do you use?,,,What should the city improve first?\r\n"
            + ",,,,,,,,,Response,Parks,Library,Buses,Open-Ended Response\r\n"
            + "114,4321,8/22/22 15:44,8/22/22 15:50,203.0.113.9,x@example.com,,,,30-39,Parks,,Buses,\"More buses,\nplease\"\r\n"
            + "115,4321,8/22/22 16:01,8/22/22 16:09,203.0.113.10,y@example.com,,,,60-69,,Library,,N/A\r\n"
        let url = try dir.write("monkey.csv", csv)
        let i = try SurveyInspector.inspect(url: url, displayPath: "monkey.csv")
        XCTAssertEqual(i.tool, .surveyMonkey)
        XCTAssertEqual(i.headerRows, 2)
        XCTAssertEqual(i.records, 2)
        XCTAssertEqual(i.columns[11].label, "Which services do you use? / Library")  // merged parent carried
        XCTAssertEqual(i.columns[13].label, "What should the city improve first? / Open-Ended Response")
        XCTAssertEqual(i.columns[0].role, .id)
        XCTAssertEqual(Array(roles(i)[1...8]), Array(repeating: .other, count: 8))
        XCTAssertEqual(i.columns[9].role, .age)
        XCTAssertEqual(i.columns[13].role, .text)
        let r = try readSurvey(url)
        XCTAssertEqual(r.sink.opinions.map(\.text), ["More buses,\nplease"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [3])
        XCTAssertEqual(r.sink.opinions.map(\.respondent), ["114"])
        XCTAssertEqual(r.sink.skipped.map(\.location.row), [4])
    }

    func testQualtricsWithTimeZone() throws {
        let dir = try TempDir()
        let csv = """
            StartDate,EndDate,Status,IPAddress,ResponseId,Q1,Q2_1,Q3
            Start Date,End Date,Response Type,IP Address,Response ID,お住まいの地区,満足度 - 子育て,まちへのご意見
            "{""ImportId"":""startDate"",""timeZone"":""Asia/Tokyo""}","{""ImportId"":""endDate"",""timeZone"":""Asia/Tokyo""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_1""}","{""ImportId"":""QID3_TEXT""}"
            2024-05-01 10:00:00,2024-05-01 10:05:00,0,198.51.100.1,R_aaa,広丘,4,公民館の予約をネットでできるように
            2024-05-01 11:00:00,2024-05-01 11:09:00,0,198.51.100.2,R_bbb,吉田,2,

            """
        let url = try dir.write("qualtrics-tz.csv", csv)
        let i = try SurveyInspector.inspect(url: url, displayPath: "qualtrics-tz.csv")
        XCTAssertEqual(i.tool, .qualtrics)
        XCTAssertEqual(i.headerRows, 3)
        XCTAssertTrue(i.layoutReason.contains("Asia/Tokyo"))
        XCTAssertEqual(roles(i), [.other, .other, .other, .other, .id, .district, .rating, .text])
        let r = try readSurvey(url, options: SurveyOptions(ratingColumns: ["Q2_1"]))
        XCTAssertEqual(r.sink.opinions.map(\.text), ["公民館の予約をネットでできるように"])
        XCTAssertEqual(r.sink.opinions.first?.location.row, 4)
        XCTAssertEqual(r.sink.opinions.first?.location.columnLetter, "H")
        XCTAssertEqual(r.sink.respondents.map(\.ratings), [["Q2_1": "4"], ["Q2_1": "2"]])
        XCTAssertEqual(r.sink.respondents.map(\.segments.district), ["広丘", "吉田"])
        // The ImportId works as a reference too.
        let byImport = try readSurvey(url, options: SurveyOptions(columnRoles: ["QID3_TEXT": .other]))
        XCTAssertEqual(byImport.counts.opinions, 0)
    }

    func testOverridesLabelsAndWeights() throws {
        let dir = try TempDir()
        let csv = "No,性別,地区,重要度,ウェイト,感想\n1,1,広丘,3,1.5,よかった\n2,2,吉田,4,0.8,バス停が遠い\n3,9,広丘,1,abc,駐車場\n"
        let url = try dir.write("codes.csv", csv)
        let r = try readSurvey(
            url,
            options: SurveyOptions(
                columnRoles: ["C": .choice, "感想": .text],
                labels: ["性別": ["1": "男性", "2": "女性"]],
                ratingColumns: ["D"], weightColumn: "ウェイト"))
        XCTAssertEqual(r.sink.respondents.map(\.segments.gender), ["男性", "女性", "9"])
        XCTAssertEqual(r.sink.respondents.map(\.segments.district), [nil, nil, nil])  // district overridden to choice
        XCTAssertEqual(r.sink.respondents.map(\.ratings), [["D": "3"], ["D": "4"], ["D": "1"]])
        XCTAssertEqual(r.sink.respondents.map(\.weight), [1.5, 0.8, nil])
        XCTAssertEqual(
            r.diagnostics.map { [String($0.location?.row ?? 0), $0.location?.columnLetter ?? "", $0.code] },
            [["4", "B", "unmapped-code"], ["4", "E", "bad-weight"]])
        XCTAssertThrowsError(try readSurvey(url, options: SurveyOptions(columnRoles: ["存在しない列": .text]))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unknown-column")
        }
    }
}
