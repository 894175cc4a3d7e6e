// MapChart — report.html's 小学校区 maps: per charted area a choropleth of the share of each district's
// respondents who mention the area (equal classes from 0 % to the largest share, ColorBrewer Blues), ▲▼ where
// the district cross-tab's adjusted residual is beyond ±1.96, districts under `min_cell` respondents hatched
// grey (`data-small="true"`), every district a `<path data-district="NAME">`; a north arrow, a scale bar, a
// legend with the class breaks, the data credit, and a table beside every map.
import Foundation

enum MapChart {
    static let width = 460.0
    static let classes = 5

    /// The section's inner HTML (maps of the charted areas, in plan order).
    static func html(_ m: MapReport, areas: [ReportModel.Area], chartLevel: Int) -> String {
        let projected = ProjectedMap(m.map, width: width, maxHeight: 420)
        let names = Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "<p class=\"aid\">小学校区ごとに、その校区の回答者のうち各分野に触れた人の割合を色の濃さで示します。"
        out += "▲▼は他の校区と比べて統計的に多い・少ない校区（調整済み残差、5%水準）、灰色の斜線は回答者が\(m.minCell)人未満で割合が当てにならない校区です。"
        out += "地図は横メルカトル図法（市の中心の経線が基準、上が北）で、形と向きを保っています。</p>"
        if !m.missingOnMap.isEmpty {
            out += "<p class=\"caution\">地図に見つからない地区（集計には含まれています）: \(m.missingOnMap.map(htmlEscape).joined(separator: "、"))</p>"
        }
        if !m.missingInData.isEmpty {
            out += "<p class=\"caution\">回答のない校区（地図のみ）: \(m.missingInData.map(htmlEscape).joined(separator: "、"))</p>"
        }
        for (i, area) in m.areas.enumerated() {
            guard let info = names[area.code], info.level <= chartLevel else { continue }
            out += "<h3>\(htmlEscape(area.code)) \(htmlEscape(info.name))</h3><div class=\"mapview\">"
            out += svg(m, area: area, name: info.name, projected: projected, id: "chart-map-\(i + 1)")
            out += table(m, area: area) + "</div>"
        }
        out += "<p class=\"aid\">地図の出典: \(htmlEscape(m.map.attribution))。境界は表示のために簡略化しています"
        out += "（頂点 \(projected.positionsIn) → \(projected.positionsOut)）。</p>"
        return out
    }

    /// Class breaks: `classes` equal steps from 0 to the largest share rounded up to 5 %.
    static func breaks(_ maxShare: Double) -> [Double] {
        let top = max((maxShare * 20).rounded(.up) / 20, 0.05)
        return (0...classes).map { top * Double($0) / Double(classes) }
    }

    static func classIndex(_ share: Double, _ breaks: [Double]) -> Int {
        for k in 1..<breaks.count where share <= breaks[k] { return k - 1 }
        return classes - 1
    }

    static func isSmall(_ cell: MapReport.Cell?, minCell: Int) -> Bool { (cell?.respondents ?? 0) < minCell }

    static func svg(_ m: MapReport, area: MapReport.Area, name: String, projected p: ProjectedMap, id: String) -> String {
        let legendHeight = 64.0
        let height = p.height + legendHeight
        let reliable = area.cells.values.filter { !isSmall($0, minCell: m.minCell) }
        let b = breaks(reliable.map(\.share).max() ?? 0)
        let marked = m.map.districts.filter { d in
            !isSmall(area.cells[d.name], minCell: m.minCell) && !HeatMapChart.marker(area.cells[d.name]?.adjustedResidual).isEmpty
        }
        var svg = SVG(
            id: id, width: width, height: height, title: "小学校区別：\(name)",
            desc: "校区ごとに、\(name)に触れた回答者の割合を色の濃さで示す地図（\(m.map.districts.count)校区）。"
                + "統計的に多い・少ない校区: \(marked.isEmpty ? "なし" : marked.map(\.name).joined(separator: "、"))。")
        svg.raw(
            "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#E6E6E6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9A9A9A\" stroke-width=\"2\"/></pattern></defs>"
        )
        for (i, d) in m.map.districts.enumerated() {
            let cell = area.cells[d.name]
            let small = isSmall(cell, minCell: m.minCell)
            let fill = small ? "url(#\(id)-hatch)" : Palette.blues[min(classIndex(cell?.share ?? 0, b) + 1, Palette.blues.count - 1)]
            let tip =
                cell.map { "\(d.name)：\(percent($0.share))（\($0.mentioning)/\($0.respondents)人）" + (small ? "　回答者が少ないため参考値" : "") }
                ?? "\(d.name)：回答なし"
            svg.raw(
                "<path d=\"\(p.pathData(i))\" fill=\"\(htmlEscape(fill))\" fill-rule=\"evenodd\" stroke=\"#FFFFFF\" stroke-width=\"1.2\""
                    + " stroke-linejoin=\"round\" data-district=\"\(htmlEscape(d.name))\"\(small ? " data-small=\"true\"" : "")>"
                    + "<title>\(htmlEscape(tip))</title></path>")
        }
        for (i, d) in m.map.districts.enumerated() {
            guard let at = p.labelPoint(i) else { continue }
            let cell = area.cells[d.name]
            let small = isSmall(cell, minCell: m.minCell)
            let mark = small ? "" : HeatMapChart.marker(cell?.adjustedResidual)
            svg.text(d.name, x: at.x, y: at.y - 2, anchor: "middle", size: 11, bold: true, halo: true)
            let value = cell.map { small ? "n=\($0.respondents)" : percent($0.share) } ?? "—"
            svg.text(
                mark + value, x: at.x, y: at.y + 11, anchor: "middle", size: 10.5, fill: mark.isEmpty ? "#333333" : "#D55E00", halo: true)
        }
        drawNorthAndScale(&svg, p, scaleY: p.height + 52)
        drawLegend(&svg, breaks: b, top: p.height + 8, minCell: m.minCell, id: id)
        return svg.finish()
    }

    private static func drawNorthAndScale(_ svg: inout SVG, _ p: ProjectedMap, scaleY y: Double) {
        let x = width - 22
        svg.raw("<path d=\"M\(num(x)) 10L\(num(x - 7)) 30L\(num(x)) 25L\(num(x + 7)) 30Z\" fill=\"#333333\"/>")
        svg.text("N", x: x, y: 43, anchor: "middle", size: 11, bold: true)
        // A scale bar of a round length near 80 px.
        let metres = p.metresPerPixel * 80
        let magnitude = pow(10, floor(log10(max(metres, 1))))
        let nice = [1.0, 2, 5, 10].map { $0 * magnitude }.last { $0 <= metres } ?? magnitude
        let px = nice / p.metresPerPixel
        // Under the map, at the right of the legend's last line.
        let x0 = width - 60 - px
        svg.line(x1: x0, y1: y, x2: x0 + px, y2: y, stroke: "#333333", width: 2)
        svg.line(x1: x0, y1: y - 4, x2: x0, y2: y, stroke: "#333333", width: 2)
        svg.line(x1: x0 + px, y1: y - 4, x2: x0 + px, y2: y, stroke: "#333333", width: 2)
        let label =
            nice >= 1000
            ? String(format: nice.truncatingRemainder(dividingBy: 1000) == 0 ? "%.0f km" : "%.1f km", nice / 1000) : "\(Int(nice)) m"
        svg.text(label, x: x0 + px + 4, y: y + 4, size: 10.5, fill: "#333333")
    }

    private static func drawLegend(_ svg: inout SVG, breaks b: [Double], top: Double, minCell: Int, id: String) {
        let box = 40.0
        for k in 0..<classes {
            let x = 22 + Double(k) * box
            svg.rect(x: x, y: top, width: box, height: 12, fill: Palette.blues[k + 1], stroke: "#FFFFFF")
            svg.text(percent(b[k]), x: x, y: top + 25, anchor: "middle", size: 9.5, fill: "#555555")
        }
        svg.text(percent(b[classes]), x: 22 + Double(classes) * box, y: top + 25, anchor: "middle", size: 9.5, fill: "#555555")
        let hx = 22 + Double(classes) * box + 26
        svg.raw("<rect x=\"\(num(hx))\" y=\"\(num(top))\" width=\"24\" height=\"12\" fill=\"url(#\(id)-hatch)\"/>")
        svg.text("回答者\(minCell)人未満", x: hx + 30, y: top + 10, size: 10.5, fill: "#555555")
        svg.text("▲▼ 他の校区より多い・少ない（5%水準）", x: 10, y: top + 46, size: 10.5, fill: "#555555")
    }

    /// The numbers of one map, beside it.
    private static func table(_ m: MapReport, area: MapReport.Area) -> String {
        var out = "<table class=\"maptable\"><thead><tr><th>校区</th><th>割合</th><th>人数</th></tr></thead><tbody>"
        for d in m.map.districts {
            let cell = area.cells[d.name]
            let small = isSmall(cell, minCell: m.minCell)
            let mark = small ? "" : HeatMapChart.marker(cell?.adjustedResidual)
            out += "<tr\(small ? " class=\"small\"" : "")><td>\(htmlEscape(d.name))\(small ? " ※" : "")</td>"
            out += "<td class=\"n\(mark.isEmpty ? "" : " mark")\">\(cell.map { mark + percent($0.share) } ?? "—")</td>"
            out += "<td class=\"n\">\(cell.map { "\($0.mentioning)/\($0.respondents)" } ?? "0")</td></tr>"
        }
        return out + "</tbody></table>"
    }
}
