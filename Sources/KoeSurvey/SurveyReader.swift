// SurveyReader — reads one survey export and emits, per data row, a respondent, one opinion per free-text
// answer, skipped records for empty answers and non-answers, and rejected records for malformed rows.
import Foundation
import KoeCore

/// Reads a survey export (CSV/TSV in UTF-8, CP932 or UTF-16; or .xlsx) into import events, streaming.
public struct SurveyReader: Sendable {
    public var options: SurveyOptions

    public init(options: SurveyOptions = SurveyOptions()) { self.options = options }

    /// Reads `url` (named `displayPath` in locations and messages) and pushes events into `sink` in file
    /// order. Recoverable problems go to `diagnostics`; with `options.strict` the first malformed record
    /// throws. Counts in = records = respondents + rejected.
    public func read(url: URL, displayPath: String, into sink: ImportSink, diagnostics: DiagnosticSink) throws -> SurveyReadCounts {
        let table = try SurveyTable(url: url, displayPath: displayPath, options: options)
        var emitter = try Emitter(table: table, options: options, sink: sink, diagnostics: diagnostics)
        for record in table.pending { try emitter.handle(record) }
        table.pending = []
        while let record = try table.source.next() { try emitter.handle(record) }
        return emitter.counts
    }
}

/// Turns records into events; holds the resolved column references.
struct Emitter {
    let table: SurveyTable
    let options: SurveyOptions
    let sink: ImportSink
    let diagnostics: DiagnosticSink
    var counts = SurveyReadCounts()
    private let idColumn: Int?
    private let textColumns: [SurveyColumn]
    private let segmentColumns: (age: Int?, gender: Int?, district: Int?)
    private let labelMaps: [Int: [String: String]]
    /// The rating references, each once (one array shared by every respondent's `RatingAnswers`), and the
    /// column each reads.
    private let ratingReferences: [String]
    private let ratingIndexes: [Int]
    private let weightColumn: Int?
    private var reportedCodes: Set<String> = []
    private let isCSV: Bool
    /// `OpinionID.stem` of the file (ids are built per row).
    private let stem: String
    /// Respondent ids seen in this file (FNV-1a 64 of the id: 8 bytes each), to find an id on several rows.
    private var seenIDs: Set<UInt64> = []
    private let moderatedColumn: Int?

    init(table: SurveyTable, options: SurveyOptions, sink: ImportSink, diagnostics: DiagnosticSink) throws {
        self.table = table
        self.options = options
        self.sink = sink
        self.diagnostics = diagnostics
        let columns = table.columns
        let file = table.displayPath
        idColumn = columns.first { $0.role == .id }?.index
        textColumns = columns.filter { $0.role == .text }
        segmentColumns = (
            columns.first { $0.role == .age }?.index, columns.first { $0.role == .gender }?.index,
            columns.first { $0.role == .district }?.index
        )
        var maps: [Int: [String: String]] = [:]
        for (reference, map) in options.labels {
            maps[try SurveyTable.resolve(reference, in: columns, file: file, what: "labels", from: options.referencedFrom)] = map
        }
        labelMaps = maps
        var references: [String] = []
        var indexes: [Int] = []
        for reference in options.ratingColumns {
            let index = try SurveyTable.resolve(reference, in: columns, file: file, what: "ratings", from: options.referencedFrom)
            // A reference listed twice (one column in two areas) is one answer.
            if !references.contains(reference) {
                references.append(reference)
                indexes.append(index)
            }
        }
        ratingReferences = references
        ratingIndexes = indexes
        weightColumn = try options.weightColumn.map {
            try SurveyTable.resolve($0, in: columns, file: file, what: "weights", from: options.referencedFrom)
        }
        if case .csv = table.source { isCSV = true } else { isCSV = false }
        stem = OpinionID.stem(table.displayPath)
        moderatedColumn = options.skipModerated ? table.moderatedColumn : nil
        if textColumns.isEmpty && !columns.isEmpty {
            let considered = columns.filter { $0.role != .id && $0.role != .other || $0.reason.contains("文章") }
            let listed = (considered.isEmpty ? columns : considered).prefix(12).map {
                "\($0.letter)「\(SurveyColumn.oneLine($0.label, 20))」\($0.role.japaneseName)"
            }
            diagnostics.report(
                Diagnostic(
                    .warning, code: "no-free-text",
                    message:
                        "自由記述の列が見つからないため、このファイルから意見は取り込みません（見た列: \(listed.joined(separator: "、"))\(columns.count > 12 ? "…ほか \(columns.count - 12) 列" : "")）",
                    hint: "自由記述の列があるなら --text 列名（パイプラインでは columns: {列名: text}）で指定してください。koe inspect で各列の判定と理由を確認できます",
                    location: SourceLocation(file: table.displayPath, sheet: table.sheet)))
        }
    }

    private func location(row: Int, column: Int? = nil) -> SourceLocation {
        var loc = SourceLocation(file: table.displayPath, sheet: table.sheet, row: row)
        if let column {
            loc.columnLetter = ExcelColumn.letter(column)
            loc.column = column < table.columns.count ? table.columns[column].label : "\(ExcelColumn.letter(column))列"
        }
        return loc
    }

    mutating func handle(_ record: CSVRecord) throws {
        if record.isBlank { return }
        if let problem = record.problem {
            var reason = problem.text
            if case .invalidBytes = problem { reason = invalidText() }
            try reject(record, code: problem.code, reason: reason, hint: hint(problem), column: problem.column)
            return
        }
        var fields = record.fields
        if isCSV && fields.count != table.width {
            let extrasEmpty = fields.count > table.width && fields[table.width...].allSatisfy(\.isEmpty)
            if extrasEmpty {
                fields.removeSubrange(table.width...)
            } else {
                let column = min(fields.count, table.width)
                try reject(
                    record, code: "field-count",
                    reason: "列の数が見出しと違います（見出し \(table.width) 列、この行 \(fields.count) 列）",
                    hint: "区切り文字（\(DelimiterSniffer.name(delimiter))）を含むセルが引用符（\"）で囲まれているか、列が欠けていないか確認してください",
                    column: column)
                return
            }
        }
        try emit(row: record.excelRow, fields: fields)
    }

    private mutating func emit(row: Int, fields: [String]) throws {
        counts.records += 1
        func value(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let v = ColumnRoleDetector.trimmed(fields[index])
            return v.isEmpty ? nil : v
        }
        let respondentID = value(idColumn) ?? "\(stem)-\(row)"
        let repeated = idColumn != nil && !seenIDs.insert(WordKey(respondentID).hash).inserted
        if repeated && !table.idRepeats {
            diagnostics.report(
                Diagnostic(
                    .warning, code: "duplicate-respondent-id",
                    message: "回答者 ID「\(InertText.singleLine(String(respondentID.prefix(40))))」が前の行にもあります（同じ人の回答として、属性の少人数保護では 1 人と数えます）",
                    hint: "ID 列が正しいか、同じ回答が重複して書き出されていないか確認してください",
                    location: location(row: row, column: idColumn)))
        }
        let segments = RawSegments(
            age: mapped(segmentColumns.age, value(segmentColumns.age), row: row),
            gender: mapped(segmentColumns.gender, value(segmentColumns.gender), row: row),
            district: mapped(segmentColumns.district, value(segmentColumns.district), row: row))
        let ratings =
            ratingIndexes.isEmpty ? RatingAnswers() : RatingAnswers(columns: ratingReferences, values: ratingIndexes.map(value))
        var weight: Double?
        if let w = value(weightColumn) {
            weight = Double(ColumnRoleDetector.asciiDigits(w))
            if weight == nil {
                diagnostics.report(
                    Diagnostic(
                        .warning, code: "bad-weight", message: "ウェイトが数値ではありません（「\(w)」）",
                        hint: "ウェイト列には数値を入れてください。この回答者は加重集計（weighted_share）から除きます",
                        location: location(row: row, column: weightColumn)))
            }
        }
        // A person's later rows (Polis: one row per comment, the id names the author) add opinions, not respondents.
        if !(table.idRepeats && repeated) {
            try sink.receive(
                .respondent(
                    Respondent(
                        id: respondentID, location: location(row: row), segments: segments, ratings: ratings, weight: weight,
                        repeated: repeated)))
        }
        let moderatedOut = value(moderatedColumn) == "-1"
        for column in textColumns {
            let text = column.index < fields.count ? fields[column.index] : ""
            // location(row:column:) with the column's letter and label already worked out.
            let loc = SourceLocation(
                file: table.displayPath, sheet: table.sheet, row: row, column: column.label, columnLetter: column.letter)
            if NonAnswers.isEmpty(text) {
                counts.skipped += 1
                try sink.receive(.skipped(SkippedRecord(location: loc, code: "empty", reason: "空の回答")))
            } else if moderatedOut {
                counts.skipped += 1
                try sink.receive(.skipped(SkippedRecord(location: loc, code: "moderated", reason: "モデレーションで除外された意見（moderated = -1）")))
            } else if NonAnswers.isNonAnswer(text) {
                counts.skipped += 1
                try sink.receive(
                    .skipped(SkippedRecord(location: loc, code: "non-answer", reason: "「\(ColumnRoleDetector.trimmed(text))」は意見のない回答")))
            } else {
                counts.opinions += 1
                // OpinionID.survey's format with the file stem computed once per file.
                let id = Self.opinionID(stem: stem, row: row, letter: column.letter)
                try sink.receive(
                    .opinion(Opinion(id: id, kind: .survey, location: loc, respondent: respondentID, text: text, segments: segments)))
            }
        }
    }

    /// `"\(stem)-\(row)-\(letter)"` (`OpinionID.survey`'s text), written byte by byte: no interpolation.
    static func opinionID(stem: String, row: Int, letter: String) -> String {
        let capacity = stem.utf8.count + letter.utf8.count + 22
        return String(unsafeUninitializedCapacity: capacity) { out in
            var n = 0
            func put(_ byte: UInt8) {
                out[n] = byte
                n += 1
            }
            for b in stem.utf8 { put(b) }
            put(UInt8(ascii: "-"))
            if row < 0 { put(UInt8(ascii: "-")) }
            var m = row.magnitude
            let first = n
            repeat {
                put(UInt8(ascii: "0") + UInt8(m % 10))
                m /= 10
            } while m > 0
            out[first..<n].reverse()
            put(UInt8(ascii: "-"))
            for b in letter.utf8 { put(b) }
            return n
        }
    }

    /// Applies the `labels` mapping of `column`; an unmapped code is reported once per column and value.
    private mutating func mapped(_ column: Int?, _ value: String?, row: Int) -> String? {
        guard let column, let value, let map = labelMaps[column] else { return value }
        if let label = map[value] ?? map[ColumnRoleDetector.asciiDigits(value)] { return label }
        if map.values.contains(value) { return value }
        if reportedCodes.insert("\(column)\u{1}\(value)").inserted {
            diagnostics.report(
                Diagnostic(
                    .warning, code: "unmapped-code",
                    message: "コード「\(value)」に対応するラベルがありません",
                    hint: "パイプラインの labels にこのコードを追加してください（値はそのまま使います）",
                    location: location(row: row, column: column)))
        }
        return value
    }

    private mutating func reject(_ record: CSVRecord, code: String, reason: String, hint: String, column: Int?) throws {
        let loc = location(row: record.excelRow, column: column)
        let diagnostic = Diagnostic(.error, code: code, message: reason, hint: hint, location: loc)
        if options.strict { throw KoeError(diagnostic) }
        counts.records += 1
        counts.rejected += 1
        diagnostics.report(diagnostic)
        let raw = record.raw.isEmpty ? record.fields.joined(separator: String(UnicodeScalar(delimiter))) : record.raw
        try sink.receive(.rejected(RejectedRecord(location: loc, code: code, reason: reason, raw: raw)))
    }

    private var delimiter: UInt8 {
        if case .csv(let reader) = table.source { return reader.delimiter }
        return 0x09
    }

    private var encodingName: String {
        if case .csv(let reader) = table.source { return reader.detection.encoding.displayName }
        return "UTF-8"
    }

    private func hint(_ problem: CSVProblem) -> String {
        guard case .invalidBytes = problem, case .csv(let reader) = table.source else { return problem.hint }
        switch reader.detection.encoding {
        case .utf8: return "文字コードが UTF-8 ではない可能性があります: --encoding cp932 を指定してください（Excel で「CSV UTF-8」として保存し直しても直ります）"
        case .cp932: return "CP932（Shift_JIS）で表せないバイトです。ファイルが壊れているか別の文字コードです: --encoding utf-8 を試すか、Excel で開いて保存し直してください"
        case .utf16LE, .utf16BE: return "UTF-16 のファイルが途中で切れているか壊れています。元のファイルを書き出し直してください"
        case .windows1252, .macRoman, .latin1: return "文字コードの判定が違う可能性があります: --encoding cp932 か utf-8 を指定してください"
        }
    }

    /// The message for an undecodable record, naming the encoding.
    func invalidText() -> String { "文字コード \(encodingName) として読めないバイトがあります" }
}
