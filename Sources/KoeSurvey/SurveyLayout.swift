// SurveyLayout — recognizes the survey tool by its header rows (Google Forms, Microsoft Forms, SurveyMonkey,
// Qualtrics new/legacy, plain table, headerless list) and composes column labels from all header rows.
import KoeCore

/// The survey tool (export layout) a file came from.
public enum SurveyTool: String, Sendable, Hashable, Codable {
    case googleForms = "google-forms"
    case microsoftForms = "microsoft-forms"
    case surveyMonkey = "surveymonkey"
    case qualtrics = "qualtrics"
    case qualtricsLegacy = "qualtrics-legacy"
    case plain = "plain"
    case headerless = "headerless"

    /// The name shown by `koe inspect`.
    public var displayName: String {
        switch self {
        case .googleForms: "Google フォーム"
        case .microsoftForms: "Microsoft Forms"
        case .surveyMonkey: "SurveyMonkey"
        case .qualtrics: "Qualtrics"
        case .qualtricsLegacy: "Qualtrics（2017 年以前の形式）"
        case .plain: "一般の表（見出し行つき）"
        case .headerless: "見出しなしの一覧"
        }
    }
}

/// A recognized layout: the tool, how many header rows, and why.
struct SurveyLayout {
    var tool: SurveyTool
    var headerRows: Int
    var reason: String
    /// Index of a Qualtrics ImportId row among the header rows (excluded from labels).
    var importIdRow: Int?
    var timeZone: String?

    static let headerLikeWords = [
        "意見", "ご意見", "コメント", "回答", "内容", "付箋", "テキスト", "本文", "text", "comment", "note", "content",
        "opinion", "answer", "message",
    ]

    /// The layout of a file from its first rows (header candidates and a few data rows after them), with the
    /// sheet's merged ranges and the Excel row of each given row when it is an .xlsx.
    static func detect(_ rows: [[String]], merges: [MergedRange] = [], rowNumbers: [Int] = []) -> SurveyLayout {
        let r0 = rows.first ?? []
        let r1 = rows.count > 1 ? rows[1] : []
        let r2 = rows.count > 2 ? rows[2] : []
        let squeezed0 = r0.map(ColumnRoleDetector.squeeze)
        // Qualtrics writes JSON (`{"ImportId":"QID1"}`); some exports write it with single quotes.
        let importCells = r2.filter { $0.hasPrefix("{\"ImportId\"") || $0.hasPrefix("{'ImportId'") }
        if !importCells.isEmpty, importCells.count * 2 >= r2.filter({ !$0.isEmpty }).count {
            var layout = SurveyLayout(tool: .qualtrics, headerRows: 3, reason: "3 行目が ImportId の JSON", importIdRow: 2)
            if let zoned = importCells.first(where: { $0.contains("timeZone") }),
                let match = zoned.firstMatch(of: #/["']timeZone["']\s*:\s*["']([^"']*)["']/#)
            {
                layout.timeZone = String(match.1)
                layout.reason += "（タイムゾーン \(match.1)）"
            }
            return layout
        }
        if r0.count >= 2, r0[0] == "V1", r0[1] == "V2", r1.contains("ResponseID") {
            return SurveyLayout(tool: .qualtricsLegacy, headerRows: 2, reason: "1 行目が V1, V2…、2 行目に ResponseID")
        }
        let monkeyIDs: Set<String> = ["respondentid", "回答者id", "collectorid", "コレクターid"]
        let monkeyRow2: Set<String> = ["response", "open-ended response", "回答", "自由回答", "other (please specify)"]
        if squeezed0.contains(where: monkeyIDs.contains), r1.contains(where: { monkeyRow2.contains($0.lowercased()) }) {
            return SurveyLayout(tool: .surveyMonkey, headerRows: 2, reason: "1 行目に Respondent ID、2 行目に Response / Open-Ended Response")
        }
        // Google Forms names its first column exactly タイムスタンプ / Timestamp and fills it with its own
        // date format; a column merely called `timestamp` in another tool's export is not Google Forms.
        if let first = r0.first.map(ColumnRoleDetector.trimmed), first == "タイムスタンプ" || first == "Timestamp",
            r1.first.map({ ColumnRoleDetector.isTimestamp(ColumnRoleDetector.trimmed($0)) }) ?? true
        {
            return SurveyLayout(tool: .googleForms, headerRows: 1, reason: "1 列目の見出しが「\(r0[0])」")
        }
        if squeezed0.first == "id", squeezed0.contains(where: { ["開始時刻", "starttime"].contains($0) }),
            squeezed0.contains(where: { ["完了時刻", "completiontime"].contains($0) })
        {
            return SurveyLayout(tool: .microsoftForms, headerRows: 1, reason: "見出しが ID・開始時刻・完了時刻で始まる")
        }
        if r0.count == 1 || r0.dropFirst().allSatisfy(\.isEmpty) && rows.dropFirst().allSatisfy({ $0.dropFirst().allSatisfy(\.isEmpty) }) {
            let cell = ColumnRoleDetector.trimmed(r0.first ?? "")
            let looksLikeHeader =
                !cell.isEmpty && cell.count <= 20
                && headerLikeWords.contains(where: { cell.lowercased().contains($0) })
            if !looksLikeHeader {
                return SurveyLayout(
                    tool: .headerless, headerRows: 0, reason: "1 列だけで、1 行目が見出しらしくない（「\(ColumnRoleDetector.clip(cell, 12))」）")
            }
        }
        let extra = mergedHeaderRows(rows)
        let byMerges = headerRowsFromMerges(merges, rowNumbers: rowNumbers, count: min(rows.count, 4))
        let byAnswers = firstAnswerRow(rows)
        var count = max(1 + extra, byMerges)
        var reasons: [String] = []
        if byMerges > 1 { reasons.append("結合セルが \(byMerges) 行目まで") }
        if let answers = byAnswers, answers > 1, byMerges > 1 || extra > 0 || sparseLabelRows(rows, before: answers) {
            count = max(count, answers)
            reasons.append("\(answers + 1) 行目から回答（数値・コード）")
        }
        if let answers = byAnswers { count = min(count, max(answers, 1)) }
        if count > 1 {
            if extra > 0 && reasons.isEmpty { reasons.append("空欄が続く上の行と、その下の項目名の行") }
            return SurveyLayout(tool: .plain, headerRows: count, reason: "結合セルの見出しが \(count) 行（\(reasons.joined(separator: "、"))）")
        }
        return SurveyLayout(tool: .plain, headerRows: 1, reason: "既知のアンケートツールの見出しではない")
    }

    /// Header rows implied by merged ranges in the top rows: a range merged down from a top row covers the
    /// header rows; a range merged across in one of them has the labels of its parts in the row below.
    static func headerRowsFromMerges(_ merges: [MergedRange], rowNumbers: [Int], count: Int) -> Int {
        guard !rowNumbers.isEmpty, !merges.isEmpty else { return 0 }
        let top = rowNumbers.prefix(count)
        var rows = 0
        for m in merges {
            guard let start = top.firstIndex(of: m.top), start < 3 else { continue }
            if m.bottom > m.top, let end = top.lastIndex(where: { $0 <= m.bottom }) { rows = max(rows, end + 1) }
            if m.last > m.first && m.bottom == m.top { rows = max(rows, start + 2) }
        }
        return min(rows, count)
    }

    /// The index of the first row (after the first) whose cells look like answers — mostly numbers, codes or
    /// dates — when every row before it is a row of labels (no number at all); nil when there is none.
    static func firstAnswerRow(_ rows: [[String]]) -> Int? {
        for (index, row) in rows.enumerated().dropFirst().prefix(4) {
            let filled = row.map(ColumnRoleDetector.trimmed).filter { !$0.isEmpty }
            let answers = filled.filter { ColumnRoleDetector.number($0) != nil || ColumnRoleDetector.isTimestamp($0) }.count
            if filled.count >= 2 && answers >= 2 && answers * 10 >= filled.count * 6 { return index }
            if answers > 0 { return nil }
        }
        return nil
    }

    /// True when the label rows between the first row and `end` leave cells empty (labels under merged cells).
    static func sparseLabelRows(_ rows: [[String]], before end: Int) -> Bool {
        let width = rows.prefix(end).map(\.count).max() ?? 0
        return (1..<end).allSatisfy { k in
            let cells = (0..<width).map { $0 < rows[k].count ? ColumnRoleDetector.trimmed(rows[k][$0]) : "" }
            return cells.contains(where: \.isEmpty) && cells.contains(where: { !$0.isEmpty })
        }
    }

    /// Extra header rows of a municipal raw-data sheet: a row counts when the row above has a merged parent
    /// label (an empty cell after a non-empty one) over a text in this row, and every cell of this row is a
    /// label (non-empty in at least half the columns, none numeric).
    static func mergedHeaderRows(_ rows: [[String]]) -> Int {
        var extra = 0
        while extra + 1 < rows.count && extra < 2 {
            let above = rows[extra], row = rows[extra + 1]
            let width = max(above.count, row.count)
            func cell(_ r: [String], _ c: Int) -> String { c < r.count ? ColumnRoleDetector.trimmed(r[c]) : "" }
            var seen = false, merged = false
            for c in 0..<width {
                if !cell(above, c).isEmpty { seen = true } else if seen && !cell(row, c).isEmpty { merged = true }
            }
            let filled = (0..<width).map { cell(row, $0) }.filter { !$0.isEmpty }
            let labels =
                filled.count * 2 >= width && !filled.contains { ColumnRoleDetector.number($0) != nil || ColumnRoleDetector.isTimestamp($0) }
            guard merged && labels else { break }
            extra += 1
        }
        return extra
    }

    /// Column labels composed from the header rows: the texts of each column top to bottom (a merged parent
    /// label carried across its empty continuation cells), duplicates dropped, joined by " / ".
    /// Also returns every header text of each column (for references).
    func labels(headerRows rows: [[String]], width: Int) -> (labels: [String], texts: [[String]]) {
        let labelRows = rows.enumerated().filter { $0.offset != importIdRow }.map(\.element)
        // A cell of punctuation only (a stray `" ,"`) labels nothing: it is blank, never a parent label.
        var carried = labelRows.map { row in
            (0..<width).map { c -> String in
                let cell = c < row.count ? ColumnRoleDetector.trimmed(row[c]) : ""
                return cell.contains(where: { $0.isLetter || $0.isNumber }) ? cell : ""
            }
        }
        // Carry a parent label right across empty cells, in every header row but the last, when a row
        // below has text in that column.
        if carried.count > 1 {
            for r in 0..<(carried.count - 1) {
                var last = ""
                for c in 0..<width {
                    if !carried[r][c].isEmpty { last = carried[r][c]; continue }
                    let below = (r + 1..<carried.count).contains { !carried[$0][c].isEmpty }
                    if below && !last.isEmpty { carried[r][c] = last } else if !below { last = "" }
                }
            }
        }
        var labels: [String] = []
        var texts: [[String]] = []
        for c in 0..<width {
            var parts: [String] = []
            for row in carried where !row[c].isEmpty && !parts.contains(row[c]) { parts.append(row[c]) }
            var all = parts
            if let importIdRow, importIdRow < rows.count, c < rows[importIdRow].count,
                let match = rows[importIdRow][c].firstMatch(of: #/["']ImportId["']\s*:\s*["']([^"']*)["']/#)
            {
                all.append(String(match.1))
            }
            labels.append(parts.isEmpty ? "\(ExcelColumn.letter(c))列" : parts.joined(separator: " / "))
            texts.append(all)
        }
        return (labels, texts)
    }
}
