// SurveyInspector — what `koe inspect` prints: encoding (+confidence), delimiter, header rows, survey tool,
// record count, and each column's letter, label, role, example value and reason.
import Foundation
import KoeCore

/// What koe understood about a survey file.
public struct SurveyInspection: Sendable {
    public var file: String
    /// nil for .xlsx.
    public var encoding: EncodingDetection?
    /// The delimiter (`,` tab `;`), nil for .xlsx.
    public var delimiter: Character?
    public var delimiterReason: String?
    public var sheet: String?
    public var headerRows: Int
    public var tool: SurveyTool
    public var layoutReason: String
    /// Data records (not counting header rows and blank lines), malformed ones included.
    public var records: Int
    /// Malformed records among them.
    public var rejected: Int
    public var columns: [SurveyColumn]

    /// A Japanese-labelled text block, one line per column, aligned for a terminal.
    public var rendered: String {
        var lines: [String] = []
        func field(_ name: String, _ value: String) { lines.append(DisplayWidth.pad(name, 16) + value) }
        field("ファイル", file)
        if let sheet { field("シート", sheet) }
        if let encoding {
            field(
                "文字コード",
                "\(encoding.encoding.displayName)（BOM \(encoding.hasBOM ? "あり" : "なし")）確信度 \(String(format: "%.2f", encoding.confidence))（\(encoding.reason)）"
            )
        } else {
            field("文字コード", "Excel ブック（.xlsx）")
        }
        if let delimiter {
            field("区切り文字", "\(DelimiterSniffer.name(delimiter.asciiValue ?? 0x2C))（\(delimiterReason ?? "")）")
        }
        field("見出し行", "\(headerRows) 行")
        field("アンケート形式", "\(tool.displayName)（\(layoutReason)）")
        field("回答件数", "\(records) 件" + (rejected > 0 ? "（うち読めない行 \(rejected) 件）" : ""))
        lines.append("列（\(columns.count) 列）:")
        let labelWidth = min(
            28, columns.map { DisplayWidth.of(DisplayWidth.clipLabel(SurveyColumn.oneLine($0.label, 200), 28)) }.max() ?? 4)
        let letterWidth = columns.map(\.letter.count).max() ?? 1
        for c in columns {
            let example =
                c.example.map {
                    "「" + DisplayWidth.clip($0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: "⏎"), 20)
                        + "」"
                } ?? "（空）"
            let line =
                "  " + DisplayWidth.pad(c.letter, letterWidth) + "  "
                + DisplayWidth.pad(DisplayWidth.clipLabel(SurveyColumn.oneLine(c.label, 200), 28), labelWidth)
                + "  " + DisplayWidth.pad(c.role.japaneseName, 8) + "  " + DisplayWidth.pad(example, 26) + "  "
                + SurveyColumn.oneLine(c.reason, 200)
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// Inspects survey files without importing them.
public struct SurveyInspector {
    /// Reads the header, a sample and then counts every record of `url` (streaming).
    public static func inspect(url: URL, displayPath: String, options: SurveyOptions = SurveyOptions()) throws -> SurveyInspection {
        let table = try SurveyTable(url: url, displayPath: displayPath, options: options)
        var records = 0, rejected = 0
        var isCSV = false
        var csvReader: CSVRowReader?
        if case .csv(let r) = table.source { isCSV = true; csvReader = r }
        func count(_ record: CSVRecord) {
            if record.isBlank { return }
            records += 1
            if record.problem != nil
                || (isCSV && record.fields.count != table.width
                    && !(record.fields.count > table.width && record.fields[table.width...].allSatisfy(\.isEmpty)))
            {
                rejected += 1
            }
        }
        table.pending.forEach(count)
        while let record = try table.source.next() { count(record) }
        return SurveyInspection(
            file: displayPath, encoding: csvReader?.detection,
            delimiter: csvReader.map { Character(Unicode.Scalar($0.delimiter)) },
            delimiterReason: csvReader?.delimiterReason, sheet: table.sheet, headerRows: table.layout.headerRows,
            tool: table.layout.tool, layoutReason: table.layout.reason, records: records, rejected: rejected,
            columns: table.columns)
    }
}

/// Terminal display width: East Asian wide and full-width characters take two cells.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .control || v == 0x200B || v == 0xFEFF {
            return 0
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v) || v == 0x23CE
        {
            return 2
        }
        return 1
    }

    static func pad(_ text: String, _ columns: Int) -> String {
        let w = of(text)
        return w >= columns ? text : text + String(repeating: " ", count: columns - w)
    }

    /// A composed label cut to `columns` cells keeping its last part (the option under a merged question):
    /// `問3 / お住まいの地区で満足していること / 買い物が便利` → `問3 / … / 買い物が便利`.
    static func clipLabel(_ text: String, _ columns: Int) -> String {
        let parts = text.components(separatedBy: " / ")
        guard of(text) > columns, parts.count >= 3, let first = parts.first, let last = parts.last else { return clip(text, columns) }
        let short = first + " / … / " + last
        return of(short) <= columns ? short : clip(short, columns)
    }

    /// Cuts `text` to at most `columns` display cells, marking the cut with …
    static func clip(_ text: String, _ columns: Int) -> String {
        if of(text) <= columns { return text }
        var out = ""
        var w = 0
        for ch in text {
            let cw = ch.unicodeScalars.reduce(0) { $0 + width($1) }
            if w + cw > columns - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }
}
