// XLSXWorkbook — builds a SpreadsheetML workbook (.xlsx) from sheets of typed cells, deterministically.
import Foundation
import KoeCore

/// A workbook being built. Add sheets, then `write(to:)` or `archive()`. Texts are formula-neutralised
/// exactly as koe's CSVs (`SpreadsheetSafety`), stripped of characters XML cannot carry and cut to
/// Excel's 32,767-character cell limit; numbers are stored as numbers.
public struct XLSXWorkbook: OOXMLArchive {
    /// The sheets in tab order, with valid unique names.
    public private(set) var sheets: [XLSXSheet] = []
    /// The document title (docProps/core.xml).
    public var title: String

    public init(title: String) { self.title = title }

    /// Adds a sheet, making its name valid and unique; returns the name used.
    @discardableResult
    public mutating func add(_ sheet: XLSXSheet) -> String {
        var sheet = sheet
        sheet.name = XLSXSheetName.make(sheet.name, taken: sheets.map(\.name))
        sheets.append(sheet)
        return sheet.name
    }

    /// Excel's limit on the characters in one cell.
    public static let maxCellCharacters = 32_767

    /// The text a cell stores for `raw`: neutralised, XML-legal, at most 32,767 UTF-16 units.
    public static func cellText(_ raw: String) -> String {
        let text = XMLText.legal(SpreadsheetSafety.neutralise(raw))
        guard text.utf16.count > maxCellCharacters else { return text }
        var units = 0
        var end = text.startIndex
        for index in text.indices {
            units += text[index].utf16.count
            if units > maxCellCharacters { break }
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// The column letters of a zero-based column index (0 → A, 26 → AA); see `ExcelColumn.letter`.
    public static func columnLetters(_ index: Int) -> String { ExcelColumn.letter(index) }

    /// The .xlsx bytes.
    public func archive() throws -> Data {
        var styles = XLSXStyleTable()
        var strings = XLSXSharedStrings()
        var package = OOXMLPackage()
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var workbookRels = OOXMLRelationships()
        var sheetParts: [(String, [UInt8])] = []
        for (i, sheet) in sheets.enumerated() {
            let path = "worksheets/sheet\(i + 1).xml"
            workbookRels.add(type: OOXMLType.relationshipBase + "worksheet", target: path)
            sheetParts.append(("xl/" + path, worksheetXML(sheet, selected: i == 0, styles: &styles, strings: &strings)))
        }
        workbookRels.add(type: OOXMLType.relationshipBase + "styles", target: "styles.xml")
        workbookRels.add(type: OOXMLType.relationshipBase + "sharedStrings", target: "sharedStrings.xml")
        package.relationships.add(type: OOXMLType.officeDocument, target: "xl/workbook.xml")
        package.add("xl/workbook.xml", contentType: main + ".sheet.main+xml", bytes: workbookXML())
        package.add(relationships: workbookRels, of: "xl/workbook.xml")
        for (path, bytes) in sheetParts {
            package.add(path, contentType: main + ".worksheet+xml", bytes: bytes)
        }
        package.add("xl/styles.xml", contentType: main + ".styles+xml", bytes: styles.xml)
        package.add("xl/sharedStrings.xml", contentType: main + ".sharedStrings+xml", bytes: strings.xml)
        package.addDocumentProperties(title: title, creator: "koe", application: "koe")
        return try package.archive()
    }

    func tableRef(_ sheet: XLSXSheet, absolute: Bool) -> String {
        let last = Self.columnLetters(max(sheet.columnCount, 1) - 1)
        let firstRow = max(sheet.headerRows, 1)
        let lastRow = max(sheet.rows.count, firstRow)
        return absolute ? "$A$\(firstRow):$\(last)$\(lastRow)" : "A\(firstRow):\(last)\(lastRow)"
    }

    private func workbookXML() -> [UInt8] {
        var xml = XMLBuilder()
        xml.open(
            "workbook",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ])
        xml.raw("<bookViews><workbookView activeTab=\"0\"/></bookViews>")
        xml.open("sheets")
        for (i, sheet) in sheets.enumerated() {
            xml.empty("sheet", attributes: [("name", sheet.name), ("sheetId", String(i + 1)), ("r:id", "rId\(i + 1)")])
        }
        xml.close()
        var names: [(String, Int, String, Bool)] = []
        for (i, sheet) in sheets.enumerated() {
            let quoted = XLSXSheetName.quoted(sheet.name)
            if sheet.autoFilter && sheet.headerRows > 0 {
                names.append(("_xlnm._FilterDatabase", i, quoted + "!" + tableRef(sheet, absolute: true), true))
            }
            if sheet.headerRows > 0 {
                names.append(("_xlnm.Print_Titles", i, quoted + "!$1:$\(sheet.headerRows)", false))
            }
        }
        if !names.isEmpty {
            xml.open("definedNames")
            for (name, sheet, value, hidden) in names {
                var attributes = [("name", name), ("localSheetId", String(sheet))]
                if hidden { attributes.append(("hidden", "1")) }
                xml.open("definedName", attributes: attributes)
                xml.text(value)
                xml.close()
            }
            xml.close()
        }
        xml.closeAll()
        return xml.bytes
    }
}
