// Issue 12 on survey exports: header rows from merged ranges and answer-like rows, checkbox and code columns
// never free text, roles not taken from words inside option labels, survey-tool layouts seen in the wild, and a
// giant quoted cell / an xlsx zip bomb handled in bounded time — each on a file generated here with the shape
// of the real export.
import Foundation
import KoeCore
import KoeText
import XCTest
import ZIPFoundation

@testable import KoeSurvey

private let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

/// A sheet of inline strings and numbers (nil = empty cell) with merged ranges, as a municipal raw-data workbook.
private func sheet(_ rows: [[Any?]], merges: [String]) -> String {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"\(ns)\"><sheetData>"
    for (r, row) in rows.enumerated() {
        xml += "<row r=\"\(r + 1)\">"
        for (c, value) in row.enumerated() {
            let ref = ExcelColumn.letter(c) + String(r + 1)
            switch value {
            case let n as Int: xml += "<c r=\"\(ref)\"><v>\(n)</v></c>"
            case let s as String: xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>"
            default: break
            }
        }
        xml += "</row>"
    }
    xml += "</sheetData>"
    if !merges.isEmpty {
        xml += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
    }
    return xml + "</worksheet>"
}

private let emptyStrings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(ns)\" count=\"0\" uniqueCount=\"0\"/>"
private let plainStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(ns)\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>"

final class ImportFidelityTests: XCTestCase {
    /// The shape of a city's raw-data workbook: question numbers, question texts merged over their options, and a
    /// third row of option labels of a multi-answer question; answers are 0/1 checks and codes.
    private func cityWorkbook(_ dir: TempDir, freeText: Bool) throws -> URL {
        var rows: [[Any?]] = [
            ["SAMPLE NUMBER", "問1", "問2", "問3", nil, nil, "問4", freeText ? "問5" : nil],
            [nil, "性別", "年代", "お住まいの地区で満足していること（複数回答）", nil, nil, "お住まいの地区の住みやすさ", freeText ? "市政へのご意見" : nil],
            [nil, nil, nil, "買い物が便利", "居住地の近くに公園", "子育て支援に満足", nil, nil],
        ]
        let texts = ["駅前の駐輪場を増やしてほしい", "バスの本数が少なく通院に困る", "公園の遊具を新しくしてほしい", "図書館の開館時間を延ばしてほしい"]
        for i in 0..<30 {
            rows.append([
                1001 + i, 1 + i % 2, 1 + i % 7, i % 2, (i / 2) % 2, (i / 3) % 2, 1 + i % 5,
                freeText ? "\(texts[i % 4])（\(i + 1)丁目）" : nil,
            ])
        }
        let url = dir.url.appendingPathComponent(freeText ? "city.xlsx" : "city-codes.xlsx")
        let merges = ["A1:A3", "B2:B3", "C2:C3", "D1:F1", "D2:F2", "G2:G3"] + (freeText ? ["H2:H3"] : [])
        try makeXLSX(at: url, sheets: [("集計", sheet(rows, merges: merges))], sharedStrings: emptyStrings, styles: plainStyles)
        return url
    }

    /// Class 3 (+5): three header rows from merged ranges; the option-label row is not a respondent.
    func testMultiRowMergedHeaderIsThreeRows() throws {
        let dir = try TempDir()
        let url = try cityWorkbook(dir, freeText: true)
        let i = try SurveyInspector.inspect(url: url, displayPath: "city.xlsx")
        XCTAssertEqual(i.headerRows, 3)
        XCTAssertEqual(i.records, 30)
        XCTAssertEqual(i.columns[4].label, "問3 / お住まいの地区で満足していること（複数回答） / 居住地の近くに公園")
        XCTAssertEqual(roles(i), [.id, .gender, .age, .choice, .choice, .choice, .rating, .text])
        XCTAssertTrue(i.rendered.contains("問3 / … / 居住地の近くに公園"), i.rendered)  // the option shows in inspect
        let r = try readSurvey(url, name: "city.xlsx")
        XCTAssertEqual(r.counts.opinions, 30)
        XCTAssertEqual(r.sink.opinions.first?.location.row, 4)
        XCTAssertEqual(r.sink.opinions.first?.respondent, "1001")
        XCTAssertFalse(r.sink.opinions.contains { $0.text.contains("市政へのご意見") })
        // The same header shape as CSV (no merge information): the answer-like fourth row bounds the header.
        var csv = "SAMPLE NUMBER,問1,問2,問3,,,問4,問5\n,性別,年代,お住まいの地区で満足していること（複数回答）,,,住みやすさ,ご意見\n"
        csv += ",,,買い物が便利,公園,子育て支援,,\n"
        for k in 0..<10 {
            csv += "\(k + 1),\(1 + k % 2),\(1 + k % 6),\(k % 2),1,0,\(1 + k % 4),意見その\(k)はいろいろ違う長さの文です\(String(repeating: "。", count: k))\n"
        }
        let c = try SurveyInspector.inspect(url: try dir.write("city.csv", csv), displayPath: "city.csv")
        XCTAssertEqual(c.headerRows, 3)
        XCTAssertEqual(c.records, 10)
    }

    /// Class 4: a workbook of checkboxes and codes has no free text — no opinions and a `no-free-text` warning.
    func testCheckboxAndCodeColumnsAreNeverFreeText() throws {
        let dir = try TempDir()
        let url = try cityWorkbook(dir, freeText: false)
        let r = try readSurvey(url, name: "city-codes.xlsx")
        XCTAssertEqual(r.counts.records, 30)
        XCTAssertEqual(r.counts.opinions, 0)
        XCTAssertEqual(r.diagnostics.map(\.code), ["no-free-text"])
        XCTAssertTrue(r.diagnostics[0].message.contains("D「問3"), r.diagnostics[0].message)
        // Option labels repeated down a column, and 0/1 with a stray note, are choices too.
        var csv = "番号,その他（具体的に）,チェック,ご意見\n"
        for k in 0..<12 {
            csv +=
                "\(k + 1),\(k % 3 == 0 ? "" : "その他の公共交通機関を利用したいと思っています"),\(k == 5 ? "不明" : String(k % 2)),感想\(k)：色々な長さの文章です\(String(repeating: "ね", count: k))\n"
        }
        let i = try SurveyInspector.inspect(url: try dir.write("labels.csv", csv), displayPath: "labels.csv")
        XCTAssertEqual(roles(i), [.id, .choice, .choice, .text])
    }

    /// Class 5: 居住地/地区 inside an option label or a rating question is not the district; one district column.
    func testDistrictOnlyWhenTheHeaderIsAboutIt() throws {
        let dir = try TempDir()
        var csv = "No,居住地の近くに公園がある,お住まいの地区の住みやすさ,お住まいの地区,地区,ご意見\n"
        let places = ["広丘", "吉田", "高出", "野村"]
        for k in 0..<12 {
            csv +=
                "\(k + 1),\(k % 2),\(1 + k % 5),\(places[k % 4]),\(places[(k + 1) % 4]),意見\(k)いろいろな長さの文です\(String(repeating: "。", count: k))\n"
        }
        let i = try SurveyInspector.inspect(url: try dir.write("district.csv", csv), displayPath: "district.csv")
        XCTAssertEqual(roles(i), [.id, .choice, .rating, .district, .choice, .text])
        XCTAssertTrue(i.columns[4].reason.contains("D 列を採用"), i.columns[4].reason)
        XCTAssertTrue(i.columns[0].reason.contains("「No」"), i.columns[0].reason)
        // A first column numbered under a header koe has no word for is the id too.
        let numbered = try SurveyInspector.inspect(
            url: try dir.write("numbered.csv", "調査票のNo,ご意見\n11,駅が遠い\n12,公園が少ない\n13,バスが不便\n"), displayPath: "numbered.csv")
        XCTAssertEqual(numbered.columns[0].role, .id)
        XCTAssertEqual(numbered.columns[0].reason, "1 列目の見出し「調査票のNo」で、値が重複しない整数")
    }

    /// Class 6: Qualtrics with single-quoted ImportIds; `timestamp` alone is not Google Forms; dates are not text.
    func testSurveyToolLayoutsSeenInTheWild() throws {
        let dir = try TempDir()
        var q = "StartDate,ResponseId,Q1,Q2_TEXT\nStart Date,Response ID,満足度,ご意見\n"
        q +=
            "\"{'ImportId': 'startDate', 'timeZone': 'Asia/Tokyo'}\",\"{'ImportId': '_recordId'}\",\"{'ImportId': 'QID1'}\",\"{'ImportId': 'QID2_TEXT'}\"\n"
        q += "2024-04-01 10:00:00,R_1,3,駅が遠い\n2024-04-02 11:00:00,R_2,4,公園が少ない\n"
        let qi = try SurveyInspector.inspect(url: try dir.write("q.csv", q), displayPath: "q.csv")
        XCTAssertEqual(qi.tool, .qualtrics)
        XCTAssertEqual(qi.headerRows, 3)
        XCTAssertTrue(qi.layoutReason.contains("Asia/Tokyo"))
        XCTAssertEqual(qi.columns[3].headerTexts.last, "QID2_TEXT")
        XCTAssertEqual(qi.columns[3].role, .text)
        var t = "timestamp,when,ご意見\n"
        let stamps = ["Tue Aug 30 17:21:58 WIB 2016", "Wed Aug 31 09:02:11 WIB 2016", "Thu Sep 1 10:00:00 WIB 2016"]
        for k in 0..<9 { t += "2024/04/0\(k + 1) 10:00,\(stamps[k % 3]),意見\(k)は長さがまちまちの文章です\(String(repeating: "。", count: k))\n" }
        let ti = try SurveyInspector.inspect(url: try dir.write("t.csv", t), displayPath: "t.csv")
        XCTAssertEqual(ti.tool, .plain)
        XCTAssertEqual(roles(ti), [.other, .other, .text])
        XCTAssertTrue(ti.columns[1].reason.hasPrefix("値が日時"), ti.columns[1].reason)
        XCTAssertTrue(ColumnRoleDetector.isTimestamp("2024年4月1日 10:00"))
        XCTAssertFalse(ColumnRoleDetector.isTimestamp("Tuesday we went to the park"))
    }

    /// Class 7: a 40 MB quoted cell in a valid RFC 4180 file is one rejection; the next respondent keeps its row.
    func testGiantQuotedCellInAFile() throws {
        let dir = try TempDir()
        let url = dir.url.appendingPathComponent("giant.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        handle.write(Data("id,意見\n1,短い意見\n2,\"".utf8))
        let block = Data(String(repeating: "とても長い\n\"\"引用\"\"の行, ", count: 20_000).utf8)  // ~600 KB
        for _ in 0..<70 { handle.write(block) }
        handle.write(Data("\"\n3,次の人の意見\n".utf8))
        try handle.close()
        let start = Date()
        let r = try readSurvey(url, name: "giant.csv")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertEqual(r.sink.rejected.map { [String($0.location.row ?? 0), $0.code] }, [["3", "record-too-long"]])
        XCTAssertEqual(r.sink.opinions.map(\.text), ["短い意見", "次の人の意見"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [2, 4])
        XCTAssertEqual(r.counts.records, 3)
    }

    /// Class 7: an .xlsx whose sheet inflates 1000× is refused fast, before it is inflated.
    func testXLSXZipBombIsRefusedFast() throws {
        let dir = try TempDir()
        let url = dir.url.appendingPathComponent("bomb.xlsx")
        try makeXLSX(at: url, sheets: [("a", sheet([["x"]], merges: []))], sharedStrings: emptyStrings, styles: plainStyles)
        // Replace the sheet by 64 MB of spaces (about 64 KB compressed).
        let archive = try Archive(url: url, accessMode: .update)
        if let entry = archive["xl/worksheets/sheet1.xml"] { try archive.remove(entry) }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(64 << 20), compressionMethod: .deflate)
        {
            _, size in Data(repeating: 0x20, count: size)
        }
        let start = Date()
        XCTAssertThrowsError(try SurveyInspector.inspect(url: url, displayPath: "bomb.xlsx")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "zip-too-large")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}
