// ProofDocuments — a plan-shaped workbook, its summary.csv and a quotes document for scripts/proof/office.
import Foundation

@testable import KoeFormats
@testable import KoeRender

/// Documents written only when KOE_PROOF_DIR is set, for LibreOffice conversion and openpyxl checks.
enum ProofDocuments {
    /// (code, name, level, opinions, share, importance, p) — a small plan tree.
    static let rows: [(String, String, Int, Int, Double, Double?, Double)] = [
        ("A", "子育て世代に選ばれる地域の創造", 1, 412, 0.2874, 3.4152, 0.000_007_5),
        ("1", "子どもを産み育てる環境が整い、親子と周囲が笑顔になっている", 2, 301, 0.2099, 3.5021, 0.0123),
        ("1-1", "出産・子育てのサポートの体制が充実し、親の不安感と負担感を抑えている", 3, 188, 0.1311, 3.6, 0.4),
        ("1-2", "=子どもの居場所（フォーミュラに見える名前）", 3, 97, 0.0676, nil, 0.9),
        ("2", "学力と生きる力を高める教育が、子どもの成長を加速させている", 2, 120, 0.0837, 3.1, 0.05),
        ("B", "住みよい持続可能な地域の創造", 1, 655, 0.4568, 2.95, 0.2),
        ("3", "公共交通が便利で、だれもが移動しやすい", 2, 402, 0.2803, 2.75, 0.001),
        ("3-1", "地域振興バス・コミュニティバスの利便性向上", 3, 350, 0.2441, 2.5, 0.0001),
    ]

    static func workbook() -> XLSXWorkbook {
        var book = XLSXWorkbook(title: "集計（試験用）")
        var sheet = XLSXSheet(name: "集計")
        sheet.append(["area", "name", "level", "opinions", "share", "importance", "p"].map { .text($0, .header) })
        for (code, name, level, opinions, share, importance, p) in rows {
            let bold = level == 1 ? XLSXStyle(bold: true) : .plain
            sheet.append(
                [
                    .text(code, bold), .text(name, bold.indented(level - 1)), .integer(level, bold), .integer(opinions, bold),
                    .number(share, .percent1, bold), .number(importance, .decimal2, bold), .number(p, .pValue, bold),
                ], outlineLevel: level - 1)
        }
        book.add(sheet)
        var segment = XLSXSheet(name: "年代")
        segment.append(["area", "name", "10代", "30代", "70代"].map { .text($0, .header) })
        segment.append([
            .text("1-1"), .text("出産・子育てのサポート"), .text("12.0% ▼", XLSXStyle().with(fill: .blue)),
            .text("31.5% ▲", XLSXStyle().with(fill: .orange)), .text("8.0%", .unreliable),
        ])
        segment.append([.text("注"), .text("灰色の斜体: 期待度数が 5 未満で χ² 検定は参考値（min_expected < 5）", .unreliable)])
        book.add(segment)
        return book
    }

    /// The summary.csv the workbook's 集計 sheet must agree with (CSV digits as koe prints them).
    static func summaryCSV(to url: URL) throws {
        let writer = try CSVWriter(file: OutputFile(url: url), header: ["area", "name", "level", "opinions", "share", "importance", "p"])
        for (code, name, level, opinions, share, importance, p) in rows {
            try writer.writeRow([
                .text(code), .text(name), .integer(level), .integer(opinions), .number(share, digits: 4),
                importance.map { .number($0, digits: 2) } ?? .empty, .number(p, digits: 8),
            ])
        }
        try writer.close()
    }

    static func document() -> DOCXDocument {
        var doc = DOCXDocument(title: "市民の声 引用集（試験用）")
        doc.paragraph("市民の声 引用集", style: .title)
        doc.paragraph("第六次総合計画 市民アンケート・ワークショップ", style: .caption)
        doc.tableOfContents()
        for (code, name, level, opinions, _, _, _) in rows {
            if level == 1 { doc.pageBreak() }
            doc.heading("\(code) \(name)" + (level == 3 ? "【短期集中】" : ""), level: level)
            guard level >= 2 else { continue }
            doc.paragraph("意見 \(opinions) 件から選んだ声", style: .caption)
            for i in 1...4 {
                doc.paragraph(
                    "保育園の送り迎えが大変です。\t駅の近くに**一時預かり**があると助かります。<b>本当に</b>\n同様の意見 \(i)件",
                    style: .quote)
                doc.paragraph("（30代・女性・広丘）s\(i)-r\(opinions)-c3", style: .attribution)
            }
        }
        return doc
    }
}
