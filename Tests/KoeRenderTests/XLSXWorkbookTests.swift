// XLSX builder tests: the written workbook reopened — outline, pane, filter, formats, strings, determinism.
import Foundation
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class XLSXWorkbookTests: XCTestCase {
    /// A small plan-shaped workbook: strategy > project > measure rows, shares and means, one fill.
    static func sampleWorkbook() -> XLSXWorkbook {
        var sheet = XLSXSheet(name: "集計")
        sheet.append(["area", "name", "opinions", "share", "importance", "p"].map { .text($0, .header) })
        sheet.append([
            .text("A"), .text("子育て世代に選ばれる地域の創造"), .integer(120), .number(0.4, .percent1),
            .number(3.456, .decimal2), .number(7.5e-6, .pValue),
        ])
        sheet.append(
            [
                .text("1"), .text("子どもを産み育てる環境が整い、親子と周囲が笑顔になっている"), .integer(80),
                .number(0.2667, .percent1), .number(nil, .decimal2), .number(0.0123, .pValue),
            ], outlineLevel: 1)
        sheet.append(
            [
                .text("1-1"), .text("=HYPERLINK(\"http://x\")"), .integer(12), .number(0.04, .percent1, XLSXStyle().with(fill: .orange)),
                .empty(.unreliable), .number(0.5, .pValue),
            ], outlineLevel: 2)
        var book = XLSXWorkbook(title: "集計表")
        book.add(sheet)
        var second = XLSXSheet(name: "年代/性別:*?[x]", autoFilter: false)
        second.append([.text("子育て"), .empty(), .text("子育て"), .number(-1.96, .decimal2, XLSXStyle().with(fill: .blue))])
        book.add(second)
        return book
    }

    func testPackageLayoutAndDeterminism() throws {
        let first = try Self.sampleWorkbook().archive()
        let second = try Self.sampleWorkbook().archive()
        XCTAssertEqual(first, second, "same workbook → identical bytes")
        let package = try UnzippedPackage(first)
        XCTAssertEqual(
            package.paths,
            [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                "docProps/core.xml", "docProps/app.xml",
            ])
        for entry in package.entries {
            XCTAssertEqual(entry.method, 8, "\(entry.path) deflated")
            XCTAssertEqual(entry.modified, OOXMLPackage.fixedDate, entry.path)
        }
        let overrides = try package.elements("[Content_Types].xml").named("Override").compactMap { $0.attributes["PartName"] }
        XCTAssertEqual(overrides.count, 7, "every part but the .rels ones")
        XCTAssertTrue(overrides.contains("/xl/worksheets/sheet2.xml"))
        let targets = try package.elements("xl/_rels/workbook.xml.rels").named("Relationship").compactMap { $0.attributes["Target"] }
        XCTAssertEqual(targets, ["worksheets/sheet1.xml", "worksheets/sheet2.xml", "styles.xml", "sharedStrings.xml"])
    }

    func testSheetStructure() throws {
        let package = try UnzippedPackage(try Self.sampleWorkbook().archive())
        let sheet = try package.elements("xl/worksheets/sheet1.xml")
        XCTAssertEqual(sheet.named("outlinePr").first?.attributes["summaryBelow"], "0")
        XCTAssertEqual(sheet.named("sheetFormatPr").first?.attributes["outlineLevelRow"], "2")
        XCTAssertEqual(sheet.named("row").map { $0.attributes["outlineLevel"] ?? "0" }, ["0", "0", "1", "2"])
        let pane = try XCTUnwrap(sheet.named("pane").first)
        XCTAssertEqual(pane.attributes["ySplit"], "1")
        XCTAssertEqual(pane.attributes["state"], "frozen")
        XCTAssertEqual(pane.attributes["topLeftCell"], "A2")
        XCTAssertEqual(sheet.named("autoFilter").first?.attributes["ref"], "A1:F4")
        let setup = try XCTUnwrap(sheet.named("pageSetup").first)
        XCTAssertEqual(setup.attributes["paperSize"], "9")
        XCTAssertEqual(setup.attributes["orientation"], "landscape")
        XCTAssertEqual(setup.attributes["fitToWidth"], "1")
        XCTAssertEqual(setup.attributes["fitToHeight"], "0")
        // Widths: the long Japanese name (28 wide characters) is fitted as ~58 columns, the code column narrow.
        let widths = sheet.named("col").compactMap { $0.attributes["width"].flatMap(Double.init) }
        XCTAssertEqual(widths.count, 6)
        XCTAssertEqual(widths[1], 60, "29 wide characters + 2, capped at 60")
        XCTAssertEqual(widths[0], 6)
        // Numbers stay numbers; the empty unreliable cell keeps its style; texts point into shared strings.
        let cells = sheet.named("c")
        let c3 = try XCTUnwrap(cells.first { $0.attributes["r"] == "C2" })
        XCTAssertNil(c3.attributes["t"])
        let values = sheet.named("v").map(\.text)
        XCTAssertTrue(values.contains("120"))
        XCTAssertTrue(values.contains("0.4"))
        XCTAssertTrue(values.contains("7.5e-06"))
        XCTAssertFalse(values.contains(""), "nil mean is an empty cell, not an empty value")
        XCTAssertNotNil(cells.first { $0.attributes["r"] == "E4" }?.attributes["s"])
        let second = try package.elements("xl/worksheets/sheet2.xml")
        XCTAssertEqual(second.named("c").compactMap { $0.attributes["r"] }, ["A1", "C1", "D1"], "plain empty cell not written")
        XCTAssertTrue(second.named("pane").isEmpty, "no header row, no pane")

        let workbook = try package.elements("xl/workbook.xml")
        XCTAssertEqual(workbook.named("sheet").compactMap { $0.attributes["name"] }, ["集計", "年代_性別____x_"])
        let names = workbook.named("definedName")
        XCTAssertEqual(names.first { $0.attributes["name"] == "_xlnm.Print_Titles" }?.text, "'集計'!$1:$1")
        XCTAssertEqual(names.first { $0.attributes["name"] == "_xlnm._FilterDatabase" }?.text, "'集計'!$A$1:$F$4")
    }

    func testStylesAndSharedStrings() throws {
        let package = try UnzippedPackage(try Self.sampleWorkbook().archive())
        let styles = try package.elements("xl/styles.xml")
        let codes = styles.named("numFmt").compactMap { $0.attributes["formatCode"] }
        XCTAssertEqual(codes, ["0.0%", "[<0.001]0.000E+00;0.0000"])
        let formatIDs = Set(styles.named("xf").compactMap { $0.attributes["numFmtId"] })
        XCTAssertTrue(formatIDs.isSuperset(of: ["1", "2", "164", "165"]))
        let colours = styles.named("fgColor").compactMap { $0.attributes["rgb"] }
        XCTAssertEqual(Set(colours), ["FFFBE3C9", "FFE7E6E6", "FFDCE9F5"])
        XCTAssertTrue(styles.contains { $0.name == "b" })
        XCTAssertTrue(styles.contains { $0.name == "i" })
        XCTAssertTrue(styles.contains { $0.attributes["wrapText"] == "1" })

        let sst = try package.elements("xl/sharedStrings.xml")
        let strings = sst.named("t").map(\.text)
        XCTAssertEqual(strings.filter { $0 == "子育て" }.count, 1, "shared once")
        XCTAssertEqual(sst.first?.attributes["count"], "14")
        XCTAssertEqual(sst.first?.attributes["uniqueCount"], String(strings.count))
        XCTAssertTrue(strings.contains("'=HYPERLINK(\"http://x\")"), "neutralised like the CSV")
        XCTAssertEqual(CSVWriter.render(.text("=HYPERLINK(1)")), "'=HYPERLINK(1)")
    }

    func testIllegalXMLCharactersAreReplacedAndTextIsEscaped() throws {
        var sheet = XLSXSheet(name: "x", headerRows: 0, autoFilter: false)
        sheet.append([.text("a\u{0}b\u{1}c\u{B}d\u{FFFF}e"), .text("<b>&</b>\t改行\n\r"), .text("+81 90")])
        var book = XLSXWorkbook(title: "t\u{7}")
        book.add(sheet)
        let package = try UnzippedPackage(try book.archive())
        let strings = try package.elements("xl/sharedStrings.xml").named("t").map(\.text)
        XCTAssertEqual(strings, ["a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e", "<b>&</b>\t改行\n\r", "'+81 90"])
        XCTAssertTrue(package.text("xl/sharedStrings.xml").contains("&lt;b&gt;&amp;&lt;/b&gt;"))
        XCTAssertEqual(try package.elements("docProps/core.xml").named("title").first?.text, "t\u{FFFD}")
    }

    func testSheetNamesAndColumnLetters() {
        XCTAssertEqual(XLSXSheetName.make("a/b\\c[d]e:f*g?h", taken: []), "a_b_c_d_e_f_g_h")
        XCTAssertEqual(XLSXSheetName.make("'集計'", taken: []), "集計")
        XCTAssertEqual(XLSXSheetName.make("", taken: []), "Sheet")
        XCTAssertEqual(XLSXSheetName.make("History", taken: []), "History_")
        XCTAssertEqual(XLSXSheetName.make("集計", taken: ["集計"]), "集計 (2)")
        let long = String(repeating: "重", count: 40)
        XCTAssertEqual(XLSXSheetName.make(long, taken: []).count, 31)
        XCTAssertEqual(XLSXSheetName.make(long, taken: [String(repeating: "重", count: 31)]), String(repeating: "重", count: 27) + " (2)")
        XCTAssertTrue(XLSXSheetName.isValid("重要度×満足度"))
        XCTAssertFalse(XLSXSheetName.isValid("a?b"))
        XCTAssertEqual(XLSXSheetName.quoted("it's"), "'it''s'")
        XCTAssertEqual((0..<3).map(XLSXWorkbook.columnLetters), ["A", "B", "C"])
        XCTAssertEqual(XLSXWorkbook.columnLetters(25), "Z")
        XCTAssertEqual(XLSXWorkbook.columnLetters(26), "AA")
        XCTAssertEqual(XLSXWorkbook.columnLetters(701), "ZZ")
        XCTAssertEqual(XLSXWorkbook.columnLetters(702), "AAA")
    }

    func testEastAsianWidthAndCellLimit() {
        XCTAssertEqual(EastAsianWidth.columns("子育てabc"), 9)
        XCTAssertEqual(EastAsianWidth.columns("ｱｲｳ"), 3, "half-width kana are narrow")
        XCTAssertEqual(EastAsianWidth.columns("ＡＢ１"), 6)
        XCTAssertEqual(XLSXSheet.displayWidth(of: .text("長い\n短")), 4)
        XCTAssertEqual(XLSXSheet.displayWidth(of: .number(0.125, .percent1)), 5)
        XCTAssertEqual(XLSXWorkbook.cellText(String(repeating: "あ", count: 40_000)).utf16.count, 32_767)
        XCTAssertEqual(XLSXWorkbook.numberText(3), "3")
        // A wrapped 14-wide label in a 9-wide column takes two lines (8 columns of room each).
        let header = XLSXRow([.text("ワークショップ", .header)])
        XCTAssertEqual(XLSXSheet(name: "x").rowHeight(header, widths: [9]), 36)
        XCTAssertNil(XLSXSheet(name: "x").rowHeight(header, widths: [30]))
        XCTAssertEqual(XLSXSheet(name: "x").rowHeight(XLSXRow([.text("a\nb\nc", .header)]), widths: [30]), 54)
        XCTAssertEqual(XLSXWorkbook.numberText(-0.25), "-0.25")
    }

    /// Writes the sample workbook where `scripts/proof/office` can convert it (only with KOE_PROOF_DIR set).
    func testWriteProofWorkbook() throws {
        guard let folder = ProcessInfo.processInfo.environment["KOE_PROOF_DIR"] else {
            throw XCTSkip("set KOE_PROOF_DIR to write proof.xlsx for scripts/proof/office")
        }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("proof.xlsx")
        try ProofDocuments.workbook().write(to: url)
        try ProofDocuments.summaryCSV(to: URL(fileURLWithPath: folder).appendingPathComponent("proof-summary.csv"))
        XCTAssertEqual(try Data(contentsOf: url), try ProofDocuments.workbook().archive())
    }
}
