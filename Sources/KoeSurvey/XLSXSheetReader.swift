// XLSXSheetReader — reads one worksheet of an .xlsx as records: shared strings (furigana runs skipped, rich
// runs joined), inline strings, numbers, booleans, dates as Excel shows them; cells placed by their `r`.
import Foundation
import KoeCore
import KoeXML

/// A merged cell range of a sheet: Excel rows (1-based) and column indexes (0-based).
public struct MergedRange: Sendable, Hashable {
    public var top: Int
    public var bottom: Int
    public var first: Int
    public var last: Int
}

/// Reads the rows of one sheet of an .xlsx workbook through `ZipPackage` and `XMLStreamReader`.
public final class XLSXSheetReader {
    /// The sheet's name as the workbook lists it.
    public let sheetName: String
    public let displayPath: String
    private let reader: XMLStreamReader
    private let sharedStrings: [String]
    private let styles: XLSXStyles
    private let maxCells: Int
    private var cellCount = 0
    private var lastRow = 0
    /// The sheet's merged ranges (`<mergeCell ref="D1:G1"/>`), as 1-based (top row, bottom row, first column,
    /// last column 0-based), for header detection.
    public let mergedRanges: [MergedRange]

    /// Opens `sheet` (nil = the first sheet) of the workbook at `url`.
    public init(
        url: URL, displayPath: String, sheet: String? = nil, maxCells: Int = 20_000_000,
        limits: ZipLimits = ZipLimits(maxEntries: 10_000, maxEntryBytes: 512 << 20, maxTotalBytes: 1 << 30, maxRatio: 50)
    ) throws {
        self.displayPath = displayPath
        self.maxCells = maxCells
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw KoeError(
                code: "file-not-found", message: "ファイルが見つかりません", hint: "パスと綴りを確認してください",
                location: SourceLocation(file: displayPath))
        }
        let package = try ZipPackage(url: url, displayPath: displayPath, limits: limits)
        let (sheets, date1904) = try Self.sheets(package, displayPath: displayPath)
        guard !sheets.isEmpty else {
            throw KoeError(
                code: "xlsx-no-sheet", message: "ブックにシートがありません", hint: "Excel で開いて確認してください",
                location: SourceLocation(file: displayPath))
        }
        let chosen: (name: String, path: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.name == sheet }) else {
                throw KoeError(
                    code: "xlsx-unknown-sheet", message: "シート「\(sheet)」がありません",
                    hint: "あるシート: " + sheets.map(\.name).joined(separator: "、"), location: SourceLocation(file: displayPath))
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        sheetName = chosen.name
        sharedStrings = try Self.sharedStrings(package, displayPath: displayPath)
        styles = try XLSXStyles(package: package, displayPath: displayPath, date1904: date1904)
        guard let data = try package.data(chosen.path) else {
            throw KoeError(
                code: "xlsx-corrupt", message: "シート「\(chosen.name)」の本体（\(chosen.path)）がありません",
                hint: "ファイルが壊れています。Excel で開いて保存し直してください", location: SourceLocation(file: displayPath, sheet: chosen.name))
        }
        mergedRanges = Self.mergedRanges(data)
        reader = try XMLStreamReader(data: data, location: SourceLocation(file: displayPath, sheet: chosen.name, column: chosen.path))
    }

    /// The next non-empty row: its Excel row number and its cells (gaps are empty strings), or nil at the end.
    public func next() throws -> CSVRecord? {
        var cells: [String] = []
        var inRow = false
        var rowNumber = 0
        var column = 0
        var cellType = ""
        var cellStyle = 0
        var value: String?
        var inline = ""
        var inValue = false, inInline = false, inPhonetic = false
        while try reader.read() {
            let name = reader.localName
            switch reader.nodeType {
            case .element:
                switch name {
                case "row":
                    inRow = true
                    cells = []
                    column = 0
                    rowNumber = reader.attribute("r").flatMap { Int($0) } ?? (lastRow + 1)
                    if rowNumber <= lastRow || rowNumber > 1_048_576 { throw corrupt("行番号 \(rowNumber) が不正です", row: rowNumber) }
                    if reader.isEmptyElement {
                        lastRow = rowNumber
                        inRow = false
                    }
                case "c" where inRow:
                    if let ref = reader.attribute("r") {
                        let letters = String(ref.prefix { $0.isLetter })
                        guard let index = ExcelColumn.index(letters), index < 16_384 else {
                            throw corrupt("セル番地「\(ref)」が不正です", row: rowNumber)
                        }
                        column = index
                    }
                    cellType = reader.attribute("t") ?? "n"
                    cellStyle = reader.attribute("s").flatMap { Int($0) } ?? 0
                    value = nil
                    inline = ""
                    cellCount += 1
                    if cellCount > maxCells {
                        throw KoeError(
                            code: "xlsx-too-many-cells", message: "セルが多すぎます（\(maxCells) 個を超えています）",
                            hint: "通常のアンケートの書き出しではありません。必要なシートだけを保存し直してください",
                            location: SourceLocation(file: displayPath, sheet: sheetName, row: rowNumber))
                    }
                    if reader.isEmptyElement { column += 1 }
                case "v": inValue = !reader.isEmptyElement
                case "is": inInline = true
                case "rPh": inPhonetic = !reader.isEmptyElement
                default: break
                }
            case .text, .whitespace:
                guard let text = reader.value else { break }
                if inValue { value = (value ?? "") + text } else if inInline && !inPhonetic { inline += text }
            case .endElement:
                switch name {
                case "v": inValue = false
                case "is": inInline = false
                case "rPh": inPhonetic = false
                case "c" where inRow:
                    let text = try display(type: cellType, style: cellStyle, value: value, inline: inline, row: rowNumber, column: column)
                    if !text.isEmpty {
                        if cells.count < column { cells.append(contentsOf: repeatElement("", count: column - cells.count)) }
                        if cells.count == column { cells.append(text) } else { cells[column] = text }
                    }
                    column += 1
                case "row":
                    inRow = false
                    lastRow = rowNumber
                    if !cells.isEmpty { return CSVRecord(excelRow: rowNumber, fields: cells) }
                default: break
                }
            default: break
            }
        }
        return nil
    }

    private func display(type: String, style: Int, value: String?, inline: String, row: Int, column: Int) throws -> String {
        switch type {
        case "s":
            guard let value, let index = Int(value), sharedStrings.indices.contains(index) else {
                throw corrupt("共有文字列の番号「\(value ?? "")」が不正です", row: row, column: column)
            }
            return sharedStrings[index]
        case "inlineStr": return inline
        case "str", "e": return value ?? ""
        case "b": return value == "1" ? "TRUE" : "FALSE"
        default:
            guard let value else { return "" }
            guard let number = Double(value) else { return value }
            return styles.format(number, style: style) ?? ExcelNumber.general(number)
        }
    }

    private func corrupt(_ message: String, row: Int, column: Int? = nil) -> KoeError {
        KoeError(
            code: "xlsx-corrupt", message: "シートを読めません: \(message)", hint: "ファイルが壊れています。Excel で開いて保存し直してください",
            location: SourceLocation(file: displayPath, sheet: sheetName, row: row, columnLetter: column.map(ExcelColumn.letter)))
    }

    /// Sheet names and part paths in workbook order, and whether dates use the 1904 system.
    private static func sheets(_ package: ZipPackage, displayPath: String) throws -> ([(name: String, path: String)], Bool) {
        guard let workbook = try package.data("xl/workbook.xml") else {
            throw KoeError(
                code: "xlsx-corrupt", message: "Excel ブックではありません（xl/workbook.xml がありません）",
                hint: "拡張子が .xlsx の Excel ファイルか確認してください（.xls は Excel で .xlsx に保存し直してください）",
                location: SourceLocation(file: displayPath))
        }
        var targets: [String: String] = [:]
        if let rels = try package.data("xl/_rels/workbook.xml.rels") {
            let r = try XMLStreamReader(data: rels, location: SourceLocation(file: displayPath, column: "xl/_rels/workbook.xml.rels"))
            while try r.read() {
                if r.nodeType == .element, r.localName == "Relationship", let id = r.attribute("Id"), let target = r.attribute("Target") {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        var result: [(name: String, path: String)] = []
        var date1904 = false
        let w = try XMLStreamReader(data: workbook, location: SourceLocation(file: displayPath, column: "xl/workbook.xml"))
        while try w.read() {
            guard w.nodeType == .element else { continue }
            if w.localName == "workbookPr", let v = w.attribute("date1904") { date1904 = v == "1" || v == "true" }
            if w.localName == "sheet", let name = w.attribute("name") {
                let id =
                    w.attribute("id", namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships") ?? w.attribute("id")
                    ?? ""
                let path = targets[id] ?? "xl/worksheets/sheet\(result.count + 1).xml"
                result.append((name, path))
            }
        }
        return (result, date1904)
    }

    /// Merged ranges, found in the `<mergeCells>` element Excel writes after `<sheetData>` (searched from the end,
    /// at most 1,000 ranges, so a huge sheet costs one backward scan).
    static func mergedRanges(_ data: Data) -> [MergedRange] {
        let marker = Data("<mergeCells".utf8)
        guard let start = data.range(of: marker, options: .backwards) else { return [] }
        let tail = String(decoding: data[start.lowerBound..<min(data.endIndex, start.lowerBound + 200_000)], as: UTF8.self)
        var ranges: [MergedRange] = []
        for match in tail.matches(of: #/ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/#).prefix(1_000) {
            guard let c1 = ExcelColumn.index(String(match.1)), let r1 = Int(match.2), let c2 = ExcelColumn.index(String(match.3)),
                let r2 = Int(match.4)
            else { continue }
            ranges.append(MergedRange(top: min(r1, r2), bottom: max(r1, r2), first: min(c1, c2), last: max(c1, c2)))
        }
        return ranges
    }

    /// Shared strings: each `<si>`'s text runs joined, phonetic (`<rPh>`) runs skipped.
    private static func sharedStrings(_ package: ZipPackage, displayPath: String) throws -> [String] {
        guard let data = try package.data("xl/sharedStrings.xml") else { return [] }
        let r = try XMLStreamReader(data: data, location: SourceLocation(file: displayPath, column: "xl/sharedStrings.xml"))
        var strings: [String] = []
        var current = ""
        var inItem = false, inPhonetic = false, inText = false
        while try r.read() {
            switch r.nodeType {
            case .element:
                switch r.localName {
                case "si":
                    inItem = true
                    current = ""
                    if r.isEmptyElement { strings.append(""); inItem = false }
                case "rPh": inPhonetic = !r.isEmptyElement
                case "t": inText = !r.isEmptyElement
                default: break
                }
            case .endElement:
                switch r.localName {
                case "si": if inItem { strings.append(current) }; inItem = false
                case "rPh": inPhonetic = false
                case "t": inText = false
                default: break
                }
            case .text, .whitespace:
                if inItem && inText && !inPhonetic, let v = r.value { current += v }
            default: break
            }
        }
        return strings
    }
}
