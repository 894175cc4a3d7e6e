// HeatMapChart — areas × segment values (年代, 性別, 地区): each cell's shade is the share of respondents with
// that value who mention the area, ▲▼ mark adjusted residuals beyond ±1.96, ※ marks tables with an expected
// count below 5; a legend explains all three.
import Foundation

enum HeatMapChart {
    /// |adjusted residual| at or above this is marked (5 % level).
    static let residualMark = 1.96

    /// Marker for a cell: ▲ more than the other values, ▼ fewer, "" otherwise.
    static func marker(_ residual: Double?) -> String {
        guard let r = residual else { return "" }
        return r >= residualMark ? "▲" : r <= -residualMark ? "▼" : ""
    }

    /// True when the table's χ² approximation is unreliable (an expected count below 5).
    static func isSmall(_ row: ReportModel.SegmentTable.Row) -> Bool {
        (row.minExpected ?? 0) < 5
    }

    static func svg(
        id: String, table: ReportModel.SegmentTable, rows: [(area: ReportModel.Area, row: ReportModel.SegmentTable.Row)]
    ) -> String {
        let labelWidth = 330.0
        let k = max(table.values.count, 1)
        let cellWidth = min(max((900 - labelWidth) / Double(k), 44), 90)
        let longest = table.values.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0
        let rotate = longest > cellWidth - 6
        let header = rotate ? min(longest * 0.75 + 34, 120) : 44
        let cellHeight = 22.0
        let width = labelWidth + cellWidth * Double(k) + 8
        let legendTop = header + cellHeight * Double(rows.count) + 14
        let height = legendTop + 70
        let maxShare = max(rows.flatMap { $0.row.cells.compactMap { $0?.share } }.max() ?? 0, 0.01)
        var marks = 0
        for r in rows { marks += r.row.cells.filter { !marker($0?.adjustedResidual).isEmpty }.count }
        let desc =
            "\(table.label)別に、各分野に触れた回答者の割合を色の濃さで示します（濃いほど多い、最大 \(percent(maxShare))）。"
            + "▲▼ は他の\(table.label)と比べて統計的に多い・少ないセル（\(marks)か所）。※は人数が少なく検定が参考値の表です。"
        var svg = SVG(id: id, width: width, height: height, title: "分野 × \(table.label)", desc: desc)
        let respondents = table.values.indices.map { j in rows.lazy.compactMap { $0.row.cells[safe: j]??.respondents }.first ?? 0 }
        for (j, value) in table.values.enumerated() {
            let cx = labelWidth + (Double(j) + 0.5) * cellWidth
            if rotate {
                svg.raw(
                    "<text x=\"\(num(cx))\" y=\"\(num(header - 18))\" font-size=\"12\" fill=\"#222222\" transform=\"rotate(-40 \(num(cx)) \(num(header - 18)))\">\(htmlEscape(value))</text>"
                )
            } else {
                svg.text(value, x: cx, y: header - 22, anchor: "middle", size: 12, bold: true)
            }
            svg.text("n=\(respondents[j])", x: cx, y: header - 6, anchor: "middle", size: 10, fill: "#555555")
        }
        for (i, item) in rows.enumerated() {
            let y = header + Double(i) * cellHeight
            let small = isSmall(item.row)
            let indent = Double(max(item.area.level - 1, 0)) * 12
            let prefix = item.area.code + " "
            let room = Int((labelWidth - indent - TextMetrics.width(prefix, fontSize: 12) - 24) / 12)
            svg.text(
                prefix + truncated(item.area.name, room) + (small ? " ※" : ""), x: 4 + indent, y: y + 15, size: 12,
                fill: small ? "#666666" : "#222222", bold: item.area.level == 1)
            for j in 0..<k {
                let x = labelWidth + Double(j) * cellWidth
                guard let cell = item.row.cells[safe: j] ?? nil else {
                    svg.rect(x: x + 1, y: y + 1, width: cellWidth - 2, height: cellHeight - 2, fill: "#FFFFFF", stroke: "#DDDDDD")
                    continue
                }
                let bin = min(Int(cell.share / maxShare * Double(Palette.blues.count)), Palette.blues.count - 1)
                let mark = marker(cell.adjustedResidual)
                let residual = cell.adjustedResidual.map { String(format: "%.2f", $0) } ?? "—"
                svg.rect(
                    x: x + 1, y: y + 1, width: cellWidth - 2, height: cellHeight - 2, fill: Palette.blues[bin],
                    tooltip:
                        "\(item.area.code) × \(table.values[safe: j] ?? ""): \(cell.mentioning)/\(cell.respondents)人 = \(percent(cell.share))、調整済み残差 \(residual)"
                )
                svg.text(
                    mark + String(format: "%.0f%%", cell.share * 100), x: x + cellWidth / 2, y: y + 15, anchor: "middle",
                    size: 11, fill: bin >= 4 ? "#FFFFFF" : "#222222", bold: !mark.isEmpty)
            }
        }
        // Legend: the shade bins, the markers and the small-table sign.
        var lx = 4.0
        svg.text("色：触れた人の割合", x: lx, y: legendTop + 12, size: 12, bold: true)
        lx += 130
        for (b, colour) in Palette.blues.enumerated() {
            let low = maxShare * Double(b) / Double(Palette.blues.count)
            let high = maxShare * Double(b + 1) / Double(Palette.blues.count)
            svg.rect(x: lx, y: legendTop + 1, width: 16, height: 14, fill: colour, stroke: "#BBBBBB")
            let label = String(format: "%.0f–%.0f%%", low * 100, high * 100)
            svg.text(label, x: lx + 20, y: legendTop + 12, size: 11)
            lx += 24 + TextMetrics.width(label, fontSize: 11) + 8
        }
        svg.text(
            "▲ 他の\(table.label)より多い　▼ 少ない（調整済み残差の絶対値が1.96以上＝5%水準）", x: 4, y: legendTop + 34, size: 12)
        svg.text("※ 期待度数が5未満の表：人数が少なく、差は偶然でも生じます（参考値）", x: 4, y: legendTop + 54, size: 12, fill: "#666666")
        return svg.finish()
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
