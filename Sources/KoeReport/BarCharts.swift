// BarCharts — the priority ranking (horizontal bars in plan order) and the gap view (opinion types per
// area as 100 % stacked bars), drawn as SVG.

enum BarCharts {
    static let width = 900.0
    static let labelWidth = 430.0
    static let rowHeight = 22.0

    /// Bars in plan order: share of respondents when there are survey respondents, otherwise opinions.
    static func ranking(id: String, areas: [ReportModel.Area], bySurvey: Bool, title: String) -> String {
        let top = 28.0
        let barX = labelWidth + 10
        let barWidth = 290.0
        let height = top + Double(areas.count) * rowHeight + 10
        let values = areas.map { bySurvey ? $0.share : Double($0.opinions) }
        let maxValue = max(values.max() ?? 0, bySurvey ? 0.01 : 1)
        var desc = "計画の体系順に、各分野の" + (bySurvey ? "意見を書いた回答者の割合" : "意見の件数") + "を横棒で示します。"
        if let best = areas.indices.max(by: { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }) {
            desc += "最も多いのは \(areas[best].code) \(areas[best].name)（\(valueText(areas[best], bySurvey: bySurvey))）。"
        }
        var svg = SVG(id: id, width: width, height: height, title: title, desc: desc)
        svg.text("分野（コード・名称）", x: 4, y: 18, size: 12, fill: "#555555", bold: true)
        svg.text(bySurvey ? "回答者の割合（人数・意見件数・同じ階層での順位）" : "意見の件数", x: barX, y: 18, size: 12, fill: "#555555", bold: true)
        for (i, area) in areas.enumerated() {
            let y = top + Double(i) * rowHeight
            if area.level == 1 && i > 0 { svg.line(x1: 0, y1: y, x2: width, y2: y, stroke: "#CCCCCC") }
            let indent = Double(max(area.level - 1, 0)) * 14
            let codeText = area.code
            let codeWidth = TextMetrics.width(codeText, fontSize: 13) + 6
            let room = Int((labelWidth - indent - codeWidth) / 13)
            svg.text(codeText, x: 4 + indent, y: y + 15, size: 13, bold: true)
            svg.text(truncated(area.name, room), x: 4 + indent + codeWidth, y: y + 15, size: 13, bold: area.level == 1)
            let w = values[i] / maxValue * barWidth
            let fill = area.level == 1 ? "#0072B2" : area.level == 2 ? "#56B4E9" : "#A9D3EE"
            svg.rect(
                x: barX, y: y + 4, width: w, height: rowHeight - 8, fill: fill,
                tooltip: "\(area.code) \(area.name): \(valueText(area, bySurvey: bySurvey))")
            svg.text(valueText(area, bySurvey: bySurvey), x: barX + w + 6, y: y + 15, size: 12, fill: "#333333")
        }
        svg.line(x1: barX, y1: top, x2: barX, y2: height - 10, stroke: "#666666")
        return svg.finish()
    }

    static func valueText(_ area: ReportModel.Area, bySurvey: Bool) -> String {
        bySurvey
            ? "\(percent(area.share))・\(area.respondents)人・\(area.opinions)件（\(area.rank)位）"
            : "\(area.opinions)件（\(area.rank)位）"
    }

    /// 100 % stacked bars of 要望 / 課題 / 評価 / 提案・ありたい姿 / 不明 per area, with the count at the right.
    static func gap(id: String, rows: [(area: ReportModel.Area, counts: ReportModel.TypeCounts)], title: String) -> String {
        let top = 52.0
        let barX = labelWidth + 10
        let barWidth = 380.0
        let height = top + Double(rows.count) * rowHeight + 10
        var desc = "分野ごとに、意見を要望・課題・評価・提案（ありたい姿）・不明に分け、その内訳を100%の横棒で示します。"
        if let most = rows.max(by: { share($0.counts, 1) < share($1.counts, 1) }), most.counts.problem > 0 {
            desc += "課題の割合が最も高いのは \(most.area.code) \(most.area.name)（\(percent(share(most.counts, 1)))）。"
        }
        var svg = SVG(id: id, width: width, height: height, title: title, desc: desc)
        var lx = 4.0
        for (i, name) in Palette.typeNames.enumerated() {
            svg.rect(x: lx, y: 8, width: 14, height: 14, fill: Palette.types[i])
            svg.text(name, x: lx + 18, y: 20, size: 12)
            lx += 18 + TextMetrics.width(name, fontSize: 12) + 18
        }
        svg.text("分野", x: 4, y: 44, size: 12, fill: "#555555", bold: true)
        svg.text("内訳（%）", x: barX, y: 44, size: 12, fill: "#555555", bold: true)
        svg.text("件数", x: barX + barWidth + 8, y: 44, size: 12, fill: "#555555", bold: true)
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let indent = Double(max(row.area.level - 1, 0)) * 14
            let codeWidth = TextMetrics.width(row.area.code, fontSize: 13) + 6
            let room = Int((labelWidth - indent - codeWidth) / 13)
            svg.text(row.area.code, x: 4 + indent, y: y + 15, size: 13, bold: true)
            svg.text(truncated(row.area.name, room), x: 4 + indent + codeWidth, y: y + 15, size: 13, bold: row.area.level == 1)
            let total = row.counts.total
            var x = barX
            for (k, count) in row.counts.ordered.enumerated() where count > 0 && total > 0 {
                let w = Double(count) / Double(total) * barWidth
                svg.rect(
                    x: x, y: y + 3, width: w, height: rowHeight - 6, fill: Palette.types[k],
                    tooltip: "\(row.area.code) \(Palette.typeNames[k]): \(count)件（\(percent(Double(count) / Double(total)))）")
                let label = String(format: "%.0f%%", Double(count) / Double(total) * 100)
                if w >= TextMetrics.width(label, fontSize: 11) + 4 {
                    svg.text(label, x: x + w / 2, y: y + 15, anchor: "middle", size: 11, fill: k == 4 ? "#222222" : "#FFFFFF")
                }
                x += w
            }
            svg.text("\(total)件", x: barX + barWidth + 8, y: y + 15, size: 12, fill: "#333333")
        }
        return svg.finish()
    }

    private static func share(_ c: ReportModel.TypeCounts, _ k: Int) -> Double {
        c.total > 0 ? Double(c.ordered[k]) / Double(c.total) : 0
    }
}
