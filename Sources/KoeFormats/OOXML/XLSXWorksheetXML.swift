// XLSXWorksheetXML — renders one worksheet part: outline, frozen pane, columns, cells, filter, printing.
import KoeCore

extension XLSXWorkbook {
    /// The worksheet part for `sheet`, registering its styles and texts in the workbook's tables.
    func worksheetXML(
        _ sheet: XLSXSheet, selected: Bool, styles: inout XLSXStyleTable, strings: inout XLSXSharedStrings
    ) -> [UInt8] {
        var xml = XMLBuilder()
        xml.open(
            "worksheet",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ])
        // Outline groups sit below their summary row (a strategy row above its projects).
        xml.open("sheetPr")
        xml.empty("outlinePr", ["summaryBelow": "0", "summaryRight": "0"])
        xml.empty("pageSetUpPr", ["fitToPage": "1"])
        xml.close()
        let columns = max(sheet.columnCount, 1)
        xml.empty(
            "dimension",
            attributes: [("ref", "A1:\(Self.columnLetters(columns - 1))\(max(sheet.rows.count, 1))")])
        writeSheetView(&xml, sheet, selected: selected)
        var format: [(String, String)] = [("defaultRowHeight", "18")]
        if sheet.maxOutlineLevel > 0 { format.append(("outlineLevelRow", String(sheet.maxOutlineLevel))) }
        xml.empty("sheetFormatPr", attributes: format)
        let widths = sheet.fittedWidths()
        xml.open("cols")
        for (i, width) in widths.enumerated() {
            xml.empty(
                "col",
                attributes: [
                    ("min", String(i + 1)), ("max", String(i + 1)), ("width", NumberText.fixed(width, digits: 2)),
                    ("customWidth", "1"),
                ])
        }
        xml.close()
        writeSheetData(&xml, sheet, widths: widths, styles: &styles, strings: &strings)
        if sheet.autoFilter && sheet.headerRows > 0 && !sheet.rows.isEmpty {
            xml.empty("autoFilter", attributes: [("ref", tableRef(sheet, absolute: false))])
        }
        if !sheet.merges.isEmpty {
            xml.open("mergeCells", attributes: [("count", String(sheet.merges.count))])
            for range in sheet.merges { xml.empty("mergeCell", attributes: [("ref", range)]) }
            xml.close()
        }
        writePrintSettings(&xml, sheet)
        xml.closeAll()
        return xml.bytes
    }

    /// The sheet view: selected tab, header rows frozen.
    private func writeSheetView(_ xml: inout XMLBuilder, _ sheet: XLSXSheet, selected: Bool) {
        xml.open("sheetViews")
        xml.open("sheetView", attributes: (selected ? [("tabSelected", "1")] : []) + [("workbookViewId", "0")])
        if sheet.headerRows > 0 && sheet.rows.count > sheet.headerRows {
            let topLeft = "A\(sheet.headerRows + 1)"
            xml.empty(
                "pane",
                attributes: [
                    ("ySplit", String(sheet.headerRows)), ("topLeftCell", topLeft), ("activePane", "bottomLeft"),
                    ("state", "frozen"),
                ])
            xml.empty("selection", attributes: [("pane", "bottomLeft"), ("activeCell", topLeft), ("sqref", topLeft)])
        }
        xml.close()
        xml.close()
    }

    /// The rows and their cells (styles and shared strings registered as they are met).
    private func writeSheetData(
        _ xml: inout XMLBuilder, _ sheet: XLSXSheet, widths: [Double], styles: inout XLSXStyleTable,
        strings: inout XLSXSharedStrings
    ) {
        xml.open("sheetData")
        for (r, row) in sheet.rows.enumerated() {
            var attributes = [("r", String(r + 1))]
            if let height = sheet.rowHeight(row, widths: widths) {
                attributes += [("ht", NumberText.fixed(height, digits: 1)), ("customHeight", "1")]
            }
            if row.outlineLevel > 0 { attributes.append(("outlineLevel", String(row.outlineLevel))) }
            xml.open("row", attributes: attributes)
            for (c, cell) in row.cells.enumerated() {
                let ref = Self.columnLetters(c) + String(r + 1)
                let style = styles.id(of: cell.style)
                var cellAttributes = [("r", ref)]
                if style != 0 { cellAttributes.append(("s", String(style))) }
                switch cell.value {
                case .empty:
                    if style != 0 { xml.empty("c", attributes: cellAttributes) }
                case .number(let x):
                    xml.open("c", attributes: cellAttributes)
                    xml.element("v", text: Self.numberText(x))
                    xml.close()
                case .text(let raw):
                    cellAttributes.append(("t", "s"))
                    xml.open("c", attributes: cellAttributes)
                    xml.element("v", text: String(strings.id(of: Self.cellText(raw))))
                    xml.close()
                }
            }
            xml.close()
        }
        xml.close()
    }

    /// Margins, A4 paper fitted to the page width, and the printed header and footer.
    private func writePrintSettings(_ xml: inout XMLBuilder, _ sheet: XLSXSheet) {
        xml.empty(
            "pageMargins",
            ["left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"])
        xml.empty(
            "pageSetup",
            attributes: [
                ("paperSize", "9"), ("orientation", sheet.landscape ? "landscape" : "portrait"), ("fitToWidth", "1"),
                ("fitToHeight", "0"),
            ])
        xml.open("headerFooter")
        if let header = sheet.printHeader {
            xml.element("oddHeader", text: Self.oddHeader(header))
        }
        xml.element("oddFooter", text: "&C&A　&P / &N")
        xml.close()
    }

    /// Excel's limit for a header or footer, codes included (a longer one makes the file unreadable to Excel).
    static let headerLimit = 255

    /// The left-aligned print header for `title`: `&` starts a header code, so a literal ampersand is written
    /// `&&`; a long title is cut with … so the whole header stays within `headerLimit` UTF-16 units.
    static func oddHeader(_ title: String) -> String {
        var out = "&L"
        let text = InertText.singleLine(XMLText.legal(title))
        for c in text {
            let piece = c == "&" ? "&&" : String(c)
            if out.utf16.count + piece.utf16.count > headerLimit - 1 {
                return out + "…"
            }
            out += piece
        }
        return out
    }

    /// A number as SpreadsheetML stores it: integers without a decimal point, others in Swift's
    /// shortest round-trip form (locale-independent, e.g. `0.125`, `7.5e-06`).
    static func numberText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
