// TableRows — every row of a small table (a plan's structure table, a list) from CSV/TSV in any encoding koe
// reads or from an .xlsx sheet, with Excel row numbers; blank rows left out, an unreadable row is an error.
import Foundation
import KoeCore

public enum TableRows {
    /// Most rows read (a plan table has tens to hundreds).
    public static let maxRows = 100_000

    /// The rows of `url` (the first sheet of an .xlsx), header included.
    public static func read(url: URL, displayPath: String) throws -> [CSVRecord] {
        let ext = url.pathExtension.lowercased()
        var next: () throws -> CSVRecord?
        if ext == "xlsx" || ext == "xlsm" {
            let reader = try XLSXSheetReader(url: url, displayPath: displayPath)
            next = reader.next
        } else {
            let reader = try CSVRowReader(url: url, displayPath: displayPath)
            next = reader.next
        }
        var rows: [CSVRecord] = []
        while rows.count < maxRows, let record = try next() {
            if record.isBlank { continue }
            if let problem = record.problem {
                throw KoeError(
                    code: "bad-row", message: "\(record.excelRow) 行目を読めません（\(problem.text)）",
                    hint: problem.hint, location: SourceLocation(file: displayPath, row: record.excelRow))
            }
            rows.append(record)
        }
        return rows
    }
}
