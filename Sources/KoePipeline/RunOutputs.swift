// RunOutputs — the files `koe run` writes: streamed ones (opinions.jsonl, untagged.csv, rejected.csv)
// and the ones written at the end (summary.csv, quotes.md).
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRender

/// Streamed outputs, open for the whole run.
final class StreamedOutputs {
    private let opinions: OutputFile
    private let untagged: CSVWriter
    private let rejected: CSVWriter

    init(directory: URL) throws {
        opinions = try OutputFile(url: directory.appendingPathComponent("opinions.jsonl"))
        untagged = try CSVWriter(
            file: OutputFile(url: directory.appendingPathComponent("untagged.csv")),
            header: ["id", "source", "row", "column", "respondent", "age", "gender", "district", "type", "text"])
        rejected = try CSVWriter(
            file: OutputFile(url: directory.appendingPathComponent("rejected.csv")),
            header: ["source", "sheet", "row", "column", "code", "reason", "raw"])
    }

    func write(_ p: ProcessedOpinion) throws {
        try opinions.write(p.jsonLine + "\n")
        if p.areas.isEmpty {
            let o = p.opinion
            try untagged.writeRow([
                .text(o.id), .text(o.location.file), o.location.row.map { .integer($0) } ?? .empty,
                CSVCell(o.location.column), CSVCell(o.respondent), CSVCell(p.segments.age),
                CSVCell(p.segments.gender), CSVCell(p.segments.district), CSVCell(p.type), .text(o.text),
            ])
        }
    }

    func write(_ r: RejectedRecord) throws {
        try rejected.writeRow([
            .text(r.location.file), CSVCell(r.location.sheet), r.location.row.map { .integer($0) } ?? .empty,
            CSVCell(r.location.column ?? r.location.columnLetter), .text(r.code), .text(r.reason), .text(r.raw),
        ])
    }

    func close() throws {
        try opinions.close()
        try untagged.close()
        try rejected.close()
    }
}

enum SummaryOutput {
    static let header = [
        "area", "name", "level", "opinions", "respondents", "share", "rank", "importance", "importance_n",
        "satisfaction", "satisfaction_n", "improvement_index", "quadrant", "workshop_notes",
    ]

    static func write(_ rows: [SummaryRow], to url: URL) throws {
        let writer = try CSVWriter(file: OutputFile(url: url), header: header)
        for row in rows {
            try writer.writeRow([
                .text(row.area.code), .text(row.area.name), .integer(row.area.level), .integer(row.opinions),
                .integer(row.respondents), .number(row.share, digits: 4), .integer(row.rank),
                row.importance.map { .number($0, digits: 3) } ?? .empty, .integer(row.importanceN),
                row.satisfaction.map { .number($0, digits: 3) } ?? .empty, .integer(row.satisfactionN),
                row.improvementIndex.map { .number($0, digits: 2) } ?? .empty, CSVCell(row.quadrant), .integer(row.workshopNotes),
            ])
        }
        try writer.close()
    }
}

enum QuotesOutput {
    /// quotes.md: per area in plan order, masked quotes with safe attribution and their provenance id.
    static func write(
        title: String, areas: [AreaDescriptor], rows: [SummaryRow], quotes: [String: [QuoteCandidate]],
        attribution: AttributionGuard, to url: URL
    ) throws {
        let masker = Masker()
        let file = try OutputFile(url: url)
        try file.write("# 市民の声（生の意見）— \(title)\n\n")
        try file.write(
            "各分野（計画の体系順）に、市民の意見を原文のまま掲載しています。個人が特定されうる情報（電話番号・メールアドレス・URL・住所・敬称付きの人名）は「＊＊＊」に置き換え、回答者の属性は該当者が少ない組み合わせでは一部を省いています。末尾の記号は出典（koe の意見 ID）です。\n\n"
        )
        let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.area.code, $0) })
        for area in areas {
            let heading = String(repeating: "#", count: min(area.level + 1, 6))
            let row = counts[area.code]
            try file.write("\(heading) \(area.code) \(area.name)\n\n")
            let notes = row?.workshopNotes ?? 0
            try file.write(
                "意見 \(row?.opinions ?? 0) 件" + (notes > 0 ? "（うちワークショップ \(notes) 件）" : "")
                    + "・アンケート回答者 \(row?.respondents ?? 0) 人\n\n")
            for quote in quotes[area.code] ?? [] {
                let text = masker.mask(quote.text)
                    .replacingOccurrences(of: "\r\n", with: "\n")
                    .split(separator: "\n", omittingEmptySubsequences: true)
                    .joined(separator: " ")
                try file.write("- 「\(text)」\(attribution.attribution(quote.segments)) `\(quote.id)`\n")
            }
            if !(quotes[area.code] ?? []).isEmpty { try file.write("\n") }
        }
        try file.close()
    }
}
