// .xlsx reading: a workbook built in the test with ZIPFoundation — named sheet, shared strings with furigana
// runs and rich text, inline strings, numbers, booleans, dates as Excel shows them, merged header labels,
// coded answers with labels, gaps between cells and rows; plus the cell-count bound and a corrupt file.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeSurvey

/// Writes a minimal but real .xlsx (the parts Excel writes) from part texts.
func makeXLSX(at url: URL, sheets: [(name: String, xml: String)], sharedStrings: String, styles: String) throws {
    let archive = try Archive(url: url, accessMode: .create)
    var parts: [(String, String)] = [
        (
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
            """
        ),
        (
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        ),
    ]
    let sheetEntries = sheets.enumerated().map {
        "<sheet name=\"\($0.element.name)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 10)\"/>"
    }.joined()
    parts.append(
        (
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets>\(sheetEntries)</sheets></workbook>
            """
        ))
    // Sheets are stored in reverse file order so that only the rels can map names to parts.
    let rels = sheets.indices.map {
        "<Relationship Id=\"rId\($0 + 10)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(sheets.count - $0).xml\"/>"
    }.joined()
    parts.append(
        (
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """
        ))
    for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(sheets.count - index).xml", sheet.xml)) }
    parts.append(("xl/sharedStrings.xml", sharedStrings))
    parts.append(("xl/styles.xml", styles))
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
}

private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

private func sheetXML(_ rows: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
}

final class XLSXTests: XCTestCase {
    private func municipalWorkbook(_ dir: TempDir) throws -> URL {
        let strings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(main)" count="9" uniqueCount="9"><si><t>問1</t></si><si><t>問2</t></si>\
            <si><t>問29　満足度</t><rPh sb="4" eb="7"><t>マンゾクド</t></rPh><phoneticPr fontId="1"/></si>\
            <si><t>問30</t></si><si><t>性別</t></si><si><t>年代</t></si><si><t>1 子育て</t></si><si><t>2 交通</t></si>\
            <si><t>自由記述</t></si><si><r><t>駅前の</t></r><r><rPr><b/></rPr><t xml:space="preserve">駐輪場 を</t></r><r><t>増やして</t></r></si>\
            <si><t>図書館の本を
            増やしてほしい</t><rPh sb="0" eb="3"><t>トショカン</t></rPh></si></sst>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(main)"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="22"/></cellXfs></styleSheet>
            """
        let answers = sheetXML(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c><c r="F1" t="inlineStr"><is><t>回答日</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c><c r="F2" t="inlineStr"><is><t>日</t></is></c><c r="G2" t="inlineStr"><is><t>確認</t></is></c></row>\
            <row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>3</v></c><c r="C3"><v>2</v></c><c r="D3"><v>4</v></c><c r="E3" t="s"><v>9</v></c><c r="F3" s="1"><v>45299</v></c><c r="G3" t="b"><v>1</v></c></row>\
            <row r="4"><c r="A4"><v>2</v></c><c r="C4"><v>1</v></c><c r="D4"><v>5</v></c><c r="E4" t="inlineStr"><is><t>特になし</t></is></c><c r="F4" s="2"><v>45300.5</v></c><c r="G4" t="b"><v>0</v></c></row>\
            <row r="6"><c r="A6"><v>9</v></c><c r="B6"><v>7</v></c><c r="C6"><v>3</v></c><c r="D6"><v>3</v></c><c r="E6" t="s"><v>10</v></c><c r="F6" s="3"><v>45301.75</v></c><c r="G6"><v>0.25</v></c></row>
            """)
        let cover = sheetXML("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>表紙</t></is></c></row>")
        let url = dir.url.appendingPathComponent("municipal.xlsx")
        try makeXLSX(at: url, sheets: [("表紙", cover), ("回答", answers)], sharedStrings: strings, styles: styles)
        return url
    }

    func testMunicipalRawDataWorkbook() throws {
        let dir = try TempDir()
        let url = try municipalWorkbook(dir)
        let options = SurveyOptions(
            sheet: "回答", headerRows: 2, columnRoles: ["A": .gender, "E": .text],
            labels: ["問1": ["1": "男性", "2": "女性"], "年代": ["3": "30代", "7": "70代"]],
            ratingColumns: ["問29　満足度 / 1 子育て", "D"])
        let i = try SurveyInspector.inspect(url: url, displayPath: "municipal.xlsx", options: options)
        XCTAssertEqual(i.sheet, "回答")
        XCTAssertEqual(i.records, 3)
        XCTAssertEqual(
            i.columns.map(\.label),
            [
                "問1 / 性別", "問2 / 年代", "問29　満足度 / 1 子育て", "問29　満足度 / 2 交通", "問30 / 自由記述",
                "回答日 / 日", "回答日 / 確認",
            ])  // F1 carried over G as a merged parent
        XCTAssertEqual(i.columns[1].role, .age)
        XCTAssertEqual(i.columns[2].role, .rating)
        XCTAssertFalse(i.rendered.contains("マンゾクド"))
        let r = try readSurvey(url, name: "municipal.xlsx", options: options)
        XCTAssertEqual(r.sink.opinions.map(\.text), ["駅前の駐輪場 を増やして", "図書館の本を\n増やしてほしい"])
        XCTAssertEqual(r.sink.opinions.map(\.location.row), [3, 6])
        XCTAssertEqual(r.sink.opinions.first?.location.sheet, "回答")
        XCTAssertEqual(r.sink.opinions.first?.location.column, "問30 / 自由記述")
        XCTAssertEqual(r.sink.respondents.map(\.segments.gender), ["男性", "女性", "9"])
        XCTAssertEqual(r.sink.respondents.map(\.segments.age), ["30代", nil, "70代"])
        XCTAssertEqual(
            r.sink.respondents.map(\.ratings),
            [
                ["問29　満足度 / 1 子育て": "2", "D": "4"], ["問29　満足度 / 1 子育て": "1", "D": "5"],
                ["問29　満足度 / 1 子育て": "3", "D": "3"],
            ])
        XCTAssertEqual(r.sink.skipped.map(\.code), ["non-answer"])
        XCTAssertEqual(
            r.diagnostics.map { [String($0.location?.row ?? 0), $0.location?.columnLetter ?? "", $0.code] }, [["6", "A", "unmapped-code"]])
        // Dates, booleans and numbers as Excel shows them.
        let sheet = try XLSXSheetReader(url: url, displayPath: "municipal.xlsx", sheet: "回答")
        var rows: [CSVRecord] = []
        while let row = try sheet.next() { rows.append(row) }
        XCTAssertEqual(rows.map(\.excelRow), [1, 2, 3, 4, 6])
        XCTAssertEqual(rows[2].fields[5...].map { $0 }, ["2024/1/8", "TRUE"])
        XCTAssertEqual(rows[3].fields, ["2", "", "1", "5", "特になし", "2024年1月9日", "FALSE"])
        XCTAssertEqual(rows[4].fields[5...].map { $0 }, ["2024/1/10 18:00", "0.25"])
    }

    func testMergedHeaderRowsAreDetected() throws {
        let dir = try TempDir()
        let url = try municipalWorkbook(dir)
        let i = try SurveyInspector.inspect(url: url, displayPath: "municipal.xlsx", options: SurveyOptions(sheet: "回答"))
        XCTAssertEqual(i.tool, .plain)
        XCTAssertEqual(i.headerRows, 2)
        XCTAssertEqual(i.columns[3].label, "問29　満足度 / 2 交通")
        // A plain table whose second row is data is not mistaken for a header.
        let csv = try dir.write("plain.csv", "番号,意見,\n1,駅前,\n2,公園,\n")
        XCTAssertEqual(try SurveyInspector.inspect(url: csv, displayPath: "plain.csv").headerRows, 1)
        let gap = try dir.write("gap.csv", "番号,,意見\n1,広丘,駅前が暗い\n2,吉田,公園\n")
        XCTAssertEqual(try SurveyInspector.inspect(url: gap, displayPath: "gap.csv").headerRows, 1)
    }

    func testFirstSheetIsDefaultAndUnknownSheetIsNamed() throws {
        let dir = try TempDir()
        let url = try municipalWorkbook(dir)
        let first = try XLSXSheetReader(url: url, displayPath: "municipal.xlsx")
        XCTAssertEqual(first.sheetName, "表紙")
        XCTAssertEqual(try first.next()?.fields, ["表紙"])
        XCTAssertThrowsError(try XLSXSheetReader(url: url, displayPath: "municipal.xlsx", sheet: "集計")) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "xlsx-unknown-sheet")
            XCTAssertTrue(d?.hint?.contains("回答") ?? false)
        }
    }

    func testCellCountIsBounded() throws {
        let dir = try TempDir()
        let row = (1...200).map { "<c r=\"\(ExcelColumn.letter($0 - 1))1\"><v>\($0)</v></c>" }.joined()
        let url = dir.url.appendingPathComponent("many.xlsx")
        try makeXLSX(
            at: url, sheets: [("s", sheetXML("<row r=\"1\">\(row)</row>"))], sharedStrings: "<sst xmlns=\"\(main)\"/>",
            styles: "<styleSheet xmlns=\"\(main)\"/>")
        XCTAssertThrowsError(try SurveyInspector.inspect(url: url, displayPath: "many.xlsx", options: SurveyOptions(maxCells: 100))) {
            error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "xlsx-too-many-cells")
        }
    }

    func testExcelDateRendering() {
        XCTAssertEqual(ExcelDate.render(serial: 1, code: "yyyy/m/d", date1904: false), "1900/1/1")
        XCTAssertEqual(ExcelDate.render(serial: 61, code: "yyyy/m/d", date1904: false), "1900/3/1")
        XCTAssertEqual(ExcelDate.render(serial: 45299.8611111, code: "yyyy/mm/dd hh:mm:ss", date1904: false), "2024/01/08 20:40:00")
        XCTAssertEqual(ExcelDate.render(serial: 45299.8125, code: "h:mm AM/PM", date1904: false), "7:30 PM")
        XCTAssertEqual(ExcelDate.render(serial: 0, code: "yyyy/m/d", date1904: true), "1904/1/1")
        XCTAssertTrue(XLSXStyles.isDateFormat("[$-411]ggge\"年\"m\"月\"d\"日\""))
        XCTAssertFalse(XLSXStyles.isDateFormat("#,##0.00"))
        XCTAssertFalse(XLSXStyles.isDateFormat("0.0%"))
    }
}
