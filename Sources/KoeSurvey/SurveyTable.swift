// SurveyTable — opens a survey file (CSV/TSV or .xlsx), reads its header rows and a bounded sample, and
// settles the layout, column labels and roles that both the reader and the inspector use.
import Foundation
import KoeCore

/// One column as understood: Excel letter, label, role and why.
public struct SurveyColumn: Sendable, Hashable {
    /// Zero-based index.
    public var index: Int
    /// Excel column letter (A, B, … AA).
    public var letter: String
    /// The label composed from all header rows (or `A列` when there is none).
    public var label: String
    /// Every header text of this column (each header row, carried merged labels, Qualtrics ImportId).
    public var headerTexts: [String]
    public var role: ColumnRole
    /// Why this role (Japanese).
    public var reason: String
    /// The first non-empty value in the sample, if any.
    public var example: String?
    /// The smallest and largest value in the sample when every non-empty sampled value is a number (a rating's scale).
    public var numericRange: ClosedRange<Double>?
}

extension SurveyColumn {
    /// `text` on one line (line breaks shown as ⏎), cut to `limit` characters with …: labels in messages.
    public static func oneLine(_ text: String, _ limit: Int = 40) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
            .replacingOccurrences(of: "\r", with: "⏎")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}

/// The records of a CSV or an .xlsx sheet.
enum RecordSource {
    case csv(CSVRowReader)
    case xlsx(XLSXSheetReader)

    func next() throws -> CSVRecord? {
        switch self {
        case .csv(let r): try r.next()
        case .xlsx(let r): try r.next()
        }
    }
}

final class SurveyTable {
    let displayPath: String
    let source: RecordSource
    let layout: SurveyLayout
    let columns: [SurveyColumn]
    /// Data records read for the sample, not yet emitted (blank and malformed ones included, in order).
    var pending: [CSVRecord]
    let width: Int
    let sheet: String?
    /// Excel row of the last header row (0 when headerless).
    let headerEndRow: Int
    /// The id column is an author/participant id that repeats in the sample (Polis author-id): one respondent per id.
    private(set) var idRepeats = false
    /// The moderation column (Polis `moderated`: -1 = moderated out), if any.
    private(set) var moderatedColumn: Int?

    static let sampleSize = 300

    init(url: URL, displayPath: String, options: SurveyOptions) throws {
        self.displayPath = displayPath
        (source, sheet) = try Self.openSource(url: url, displayPath: displayPath, options: options)
        var (head, records) = try Self.readSample(source)
        if let first = head.first, let problem = first.problem, options.headerRows != 0 {
            throw KoeError(
                code: "bad-header", message: "1 行目（見出し）を読めません（\(problem.text)）",
                hint: problem.hint, location: SourceLocation(file: displayPath, sheet: sheet, row: first.excelRow))
        }
        let leading = (head + records.prefix(3)).filter { $0.problem == nil && !$0.isBlank }
        var merges: [MergedRange] = []
        if case .xlsx(let reader) = source { merges = reader.mergedRanges }
        var layout = SurveyLayout.detect(leading.map(\.fields), merges: merges, rowNumbers: leading.map(\.excelRow))
        try Self.applyHeaderRows(options.headerRows, to: &layout, file: displayPath)
        // Fetch more header rows if header_rows asked for more than three.
        while head.count < layout.headerRows, !records.isEmpty { head.append(records.removeFirst()) }
        while head.count < layout.headerRows, let record = try source.next() { head.append(record) }
        let headerRecords = Array(head.prefix(layout.headerRows))
        records = Array(head.dropFirst(layout.headerRows)) + records
        if let bad = headerRecords.first(where: { $0.problem != nil }) {
            throw KoeError(
                code: "bad-header", message: "見出し行を読めません（\(bad.problem?.text ?? "")）",
                hint: bad.problem?.hint ?? "", location: SourceLocation(file: displayPath, sheet: sheet, row: bad.excelRow))
        }
        headerEndRow = headerRecords.last?.excelRow ?? 0
        let headerFields = headerRecords.map(\.fields)
        var width = headerFields.map(\.count).max() ?? 0
        if case .xlsx = source { width = max(width, records.map(\.fields.count).max() ?? 0) }
        if width == 0 { width = records.first { !$0.isBlank && $0.problem == nil }?.fields.count ?? 1 }
        self.width = width
        if case .csv(let reader) = source { reader.expectedFieldCount = width }
        self.layout = layout
        pending = records

        let (labels, texts) = layout.labels(headerRows: headerFields, width: width)
        let sample = records.filter { $0.problem == nil && !$0.isBlank }
        var columns = Self.detectColumns(layout: layout, labels: labels, texts: texts, sample: sample, width: width)
        Self.keepOnePerSegment(&columns)
        Self.preferPersonID(&columns, texts: texts, sample: sample)
        moderatedColumn = columns.first { $0.reason.hasPrefix("モデレーション") }?.index
        try Self.applyOverrides(options, to: &columns, file: displayPath)
        // An author/participant id that repeats in the sample names a person with several rows (Polis author-id):
        // one respondent. (Another id column that repeats keeps one respondent per row, as before.)
        if let id = columns.first(where: { $0.role == .id })?.index, texts[id].contains(where: ColumnShapes.isPersonIDHeader) {
            let ids = sample.compactMap { id < $0.fields.count ? ColumnRoleDetector.trimmed($0.fields[id]) : nil }.filter { !$0.isEmpty }
            idRepeats = Set(ids).count < ids.count
        }
        self.columns = columns
    }

    /// Opens the file as a workbook sheet or as delimited text (old .xls refused); returns the sheet's name.
    private static func openSource(url: URL, displayPath: String, options: SurveyOptions) throws -> (RecordSource, String?) {
        let ext = url.pathExtension.lowercased()
        let magic = Self.magic(url)
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw KoeError(
                code: "xls-not-supported", message: "古い Excel 形式（.xls）のファイルは読めません",
                hint: "Excel で開き、「Excel ブック（.xlsx）」か「CSV UTF-8（コンマ区切り）」で保存し直してください",
                location: SourceLocation(file: displayPath))
        }
        if ext == "xlsx" || ext == "xlsm" || magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let reader = try XLSXSheetReader(url: url, displayPath: displayPath, sheet: options.sheet, maxCells: options.maxCells)
            return (.xlsx(reader), reader.sheetName)
        }
        return (.csv(try CSVRowReader(url: url, displayPath: displayPath, encoding: options.encoding, delimiter: options.delimiter)), nil)
    }

    /// Leading rows: up to three header candidates (skipping leading blank lines) and the sample after them.
    private static func readSample(_ source: RecordSource) throws -> (head: [CSVRecord], records: [CSVRecord]) {
        var head: [CSVRecord] = []
        var records: [CSVRecord] = []
        while records.count < Self.sampleSize + 3, let record = try source.next() {
            if head.isEmpty && records.isEmpty && record.isBlank { continue }
            if head.count < 3 {
                head.append(record)
                // The header's width lets the parser recover from an unclosed quote inside the sample too.
                if head.count == 1, case .csv(let reader) = source, record.problem == nil {
                    reader.expectedFieldCount = record.fields.count
                }
            } else {
                records.append(record)
            }
        }
        return (head, records)
    }

    /// `header_rows:` (or `--header-rows`) wins over the detected header height.
    private static func applyHeaderRows(_ forced: Int?, to layout: inout SurveyLayout, file displayPath: String) throws {
        guard let forced else { return }
        guard forced >= 0 && forced <= 50 else {
            throw KoeError(
                code: "bad-header-rows", message: "header_rows は 0〜50 で指定してください（\(forced)）", location: SourceLocation(file: displayPath)
            )
        }
        if forced != layout.headerRows {
            layout.headerRows = forced
            if layout.importIdRow.map({ $0 >= forced }) ?? false { layout.importIdRow = nil }
            layout.reason += "（見出し行数は指定により \(forced)）"
            if layout.tool == .headerless && forced > 0 { layout.tool = .plain }
        }
    }

    /// Each column's role from its header texts and sampled values, with what the survey tool's layout says.
    private static func detectColumns(
        layout: SurveyLayout, labels: [String], texts: [[String]], sample: [CSVRecord], width: Int
    ) -> [SurveyColumn] {
        var columns: [SurveyColumn] = []
        var idTaken = false
        for c in 0..<width {
            let values = sample.map { c < $0.fields.count ? $0.fields[c] : "" }
            var evidence = ColumnEvidence(headers: texts[c], values: values)
            evidence.isFirstColumn = c == 0
            let lowered = texts[c].map { $0.lowercased() }
            if layout.tool == .qualtrics || layout.tool == .qualtricsLegacy {
                evidence.toolSaysText = texts[c].contains { $0.wholeMatch(of: #/QID\d+(_\d+)*_TEXT/#) != nil }
            }
            if layout.tool == .surveyMonkey { evidence.toolSaysText = lowered.contains("open-ended response") || lowered.contains("自由回答") }
            if layout.tool == .microsoftForms, c < 5 { evidence.toolSaysMetadata = c > 0 }
            if layout.tool == .googleForms, c == 0 { evidence.toolSaysMetadata = true }
            var (role, reason) = ColumnRoleDetector.detect(evidence, idTaken: idTaken)
            if layout.tool == .microsoftForms, c == 0 { (role, reason) = (.id, "Microsoft Forms の ID 列") }
            if role == .id { idTaken = true }
            let example = values.first { !NonAnswers.isEmpty($0) }
            var column = SurveyColumn(
                index: c, letter: ExcelColumn.letter(c), label: labels[c], headerTexts: texts[c],
                role: role, reason: reason, example: example)
            if role == .rating || role == .choice {
                let filled = values.map(ColumnRoleDetector.trimmed).filter { !$0.isEmpty }
                let numbers = filled.compactMap(ColumnRoleDetector.number)
                if !numbers.isEmpty, numbers.count == filled.count, let low = numbers.min(), let high = numbers.max() {
                    column.numericRange = low...high
                }
            }
            columns.append(column)
        }
        return columns
    }

    /// The roles named by flags or the pipeline's `columns:` always win: a column given a one-per-file role (id,
    /// age, gender, district) takes it from the column koe had chosen, whose reason then says so.
    static func applyOverrides(_ options: SurveyOptions, to columns: inout [SurveyColumn], file: String) throws {
        var named: [Int: (String, ColumnRole)] = [:]
        for (reference, role) in options.columnRoles.sorted(by: { $0.key < $1.key }) {
            let index = try SurveyTable.resolve(reference, in: columns, file: file, what: "columns", from: options.referencedFrom)
            named[index] = (reference, role)
        }
        for (index, (reference, role)) in named.sorted(by: { $0.key < $1.key }) {
            if [.id, .age, .gender, .district].contains(role) {
                for i in columns.indices where columns[i].role == role && named[i] == nil {
                    columns[i].role = role == .id ? .other : .choice
                    columns[i].reason = "\(role.japaneseName)には指定された \(columns[index].letter) 列を使う（この列は \(columns[i].reason)）"
                }
            }
            columns[index].role = role
            columns[index].reason = "指定による（\(reference)）"
        }
    }

    /// Polis-style exports: one row per comment, a comment id and the author's id. The respondent is the author,
    /// whose id repeats over their comments: the author column becomes the id.
    static func preferPersonID(_ columns: inout [SurveyColumn], texts: [[String]], sample: [CSVRecord]) {
        guard
            let person = columns.firstIndex(where: { c in c.role != .id && texts[c.index].contains(where: ColumnShapes.isPersonIDHeader) })
        else { return }
        let values = sample.compactMap { person < $0.fields.count ? ColumnRoleDetector.trimmed($0.fields[person]) : nil }.filter {
            !$0.isEmpty
        }
        guard !values.isEmpty else { return }
        for i in columns.indices where columns[i].role == .id {
            columns[i].role = .other
            columns[i].reason = "1 件ごとの番号（回答者は \(columns[person].letter) 列の投稿者）"
        }
        columns[person].role = .id
        columns[person].reason =
            "見出し「\(columns[person].label)」は投稿者の ID（見本 \(values.count) 件で \(Set(values).count) 人。同じ人の意見は 1 人の回答者として数える）"
    }

    /// At most one column per segment role (age, gender, district) is chosen automatically: the one whose header
    /// names it (before one guessed from values), leftmost first. The others stay choices, and their reason says
    /// which column was chosen, so `koe inspect` lists every candidate.
    static func keepOnePerSegment(_ columns: inout [SurveyColumn]) {
        for role in [ColumnRole.age, .gender, .district] {
            let candidates = columns.indices.filter { columns[$0].role == role }
            guard candidates.count > 1 else { continue }
            let byHeader = candidates.filter { columns[$0].reason.hasPrefix("見出し") }
            let chosen = byHeader.first ?? candidates[0]
            for i in candidates where i != chosen {
                columns[i].role = .choice
                columns[i].reason =
                    "\(role.japaneseName)の候補（\(columns[i].reason)）だが \(columns[chosen].letter) 列を採用。この列を使うなら --\(role.rawValue) \(columns[i].letter)"
            }
        }
    }

    /// The first bytes of a file (empty when unreadable; the reader reports that).
    private static func magic(_ url: URL) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
    }

    /// The column a reference names: a composed label, any header text, or an Excel letter. An unknown reference
    /// is an error naming where it was written (`from`: the pipeline file and line) and listing every column.
    static func resolve(
        _ reference: String, in columns: [SurveyColumn], file: String, what: String, from: SourceLocation? = nil
    ) throws -> Int {
        let ref = ColumnRoleDetector.trimmed(reference)
        if let c = columns.first(where: { $0.label == ref }) { return c.index }
        if let c = columns.first(where: { $0.headerTexts.contains(ref) }) { return c.index }
        let squeezed = ColumnRoleDetector.squeeze(ref)
        if let c = columns.first(where: { $0.headerTexts.contains { ColumnRoleDetector.squeeze($0) == squeezed } }) { return c.index }
        if ref.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }), let index = ExcelColumn.index(ref), index < columns.count {
            return index
        }
        let shown = 60
        var known = columns.prefix(shown).map { "\($0.letter)=\(SurveyColumn.oneLine($0.label, 30))" }.joined(separator: "、")
        if columns.count > shown { known += "、…（ほか \(columns.count - shown) 列は koe inspect \(file) で確認できます）" }
        let written = from.map { "（\($0.file)\($0.row.map { ":\($0)" } ?? "") の \(what)）" } ?? ""
        throw KoeError(
            code: "unknown-column", message: "\(what) の列「\(SurveyColumn.oneLine(reference))」が \(file) にありません\(written)",
            hint: "見出しの文字か Excel の列記号（A、B、…）で指定してください。\(file) の列（\(columns.count) 列）: \(known)",
            location: from ?? SourceLocation(file: file))
    }
}
