// BaselineSection — report.html's 前回調査との比較: a dumbbell chart of each charted area's share before (grey)
// and now (blue) with ▲▼ where the pooled z-test gives p < 0.05 (※ where an expected count is below 5), the
// rating means with Welch's p, the areas added, removed or renamed, and every segment row in a table.
import Foundation

enum BaselineSection {
    /// ▲ rose / ▼ fell significantly (p < 0.05), "" otherwise.
    static func marker(diff: Double, p: Double?) -> String {
        guard let p, p < 0.05 else { return "" }
        return diff > 0 ? "▲" : diff < 0 ? "▼" : ""
    }

    /// A number cell, orange and bold when it carries ▲▼.
    static func markClass(_ mark: String) -> String { mark.isEmpty ? "n" : "n mark" }

    static func pText(_ p: Double?) -> String {
        guard let p else { return "—" }
        return p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }

    static func points(_ diff: Double) -> String {
        String(format: "%+.1f", diff * 100) + "pt"
    }

    /// The section's inner HTML.
    static func html(_ b: BaselineReport, areas: [ReportModel.Area], chartLevel: Int) -> String {
        let names = Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "<p class=\"aid\">前回調査（\(htmlEscape(b.titleBefore))、<span class=\"qid\">\(htmlEscape(b.label))</span>）と比べて、"
        out += "各分野に触れた回答者の割合がどう変わったかを示します。灰色の点が前回、青い点が今回です。▲▼は差が統計的に意味のある（2標本の比率の差の検定、5%水準）分野、※は人数が少なく検定が参考値の分野です。</p>"
        for note in b.notes { out += "<p class=\"caution\">\(htmlEscape(note))</p>" }
        let whole = b.shares.filter { $0.segment == nil && (names[$0.area]?.level ?? 99) <= chartLevel }
        if !whole.isEmpty { out += dumbbell(whole, names: names) }
        out +=
            "<details><summary>分野別の数表（全体、全階層）</summary>" + shareTable(b.shares.filter { $0.segment == nil }, names: names, segment: false)
        out += "</details>"
        let bySegment = b.shares.filter { $0.segment != nil && (names[$0.area]?.level ?? 99) <= chartLevel }
        if !bySegment.isEmpty {
            out += "<details><summary>属性別（年代・性別・地区）の数表（基本戦略・プロジェクト）</summary>"
            out += shareTable(bySegment, names: names, segment: true) + "</details>"
        }
        if !b.means.isEmpty {
            out += "<h3>重要度・満足度の平均の変化</h3><p class=\"aid\">アンケートの重要度・満足度（高いほど重要・満足）の平均です。▲▼は差が統計的に意味のあるもの（Welch の t 検定、5%水準）。</p>"
            out +=
                "<table class=\"sortable\"><thead><tr><th>コード</th><th>分野</th><th>項目</th><th>今回</th><th>前回</th><th>差</th><th>p値</th></tr></thead><tbody>"
            for m in b.means {
                let diff = m.meanNow - m.meanBefore
                out += "<tr><td>\(htmlEscape(m.area))</td><td>\(htmlEscape(names[m.area]?.name ?? ""))</td><td>\(htmlEscape(m.kind))</td>"
                out +=
                    "<td class=\"n\">\(String(format: "%.2f", m.meanNow))（n=\(m.nNow)）</td><td class=\"n\">\(String(format: "%.2f", m.meanBefore))（n=\(m.nBefore)）</td>"
                let mark = marker(diff: diff, p: m.p)
                out +=
                    "<td class=\"\(markClass(mark))\">\(mark)\(String(format: "%+.2f", diff))</td><td class=\"n\">\(pText(m.p))</td></tr>"
            }
            out += "</tbody></table>"
        }
        if !b.words.isEmpty { out += wordTables(b.words) }
        out += "<h3>分野の追加・削除・名称変更</h3>"
        if b.changes.isEmpty {
            out += "<p>前回と今回のコードブックで、分野のコードと名称は同じです。</p>"
        } else {
            out += "<p class=\"aid\">分野はコードで対応づけています。追加・削除された分野は比較に含まれません。</p>"
            out += "<table><thead><tr><th>変更</th><th>コード</th><th>今回の名称</th><th>前回の名称</th></tr></thead><tbody>"
            for c in b.changes {
                out +=
                    "<tr><td>\(htmlEscape(c.kind))</td><td>\(htmlEscape(c.code))</td><td>\(htmlEscape(c.nameNow))</td><td>\(htmlEscape(c.nameBefore))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }

    /// The words that rose and fell most, side by side.
    private static func wordTables(_ words: [BaselineReport.Word]) -> String {
        var out = "<h3>増えた語・減った語</h3><p class=\"aid\">アンケートの自由記述で、その語を含む意見の割合が前回から大きく変わった語です"
        out += "（対数尤度比 G²、値が大きいほど変化がはっきりしています。5件以上の語）。新しい関心や、解決に向かった課題の手がかりになります。</p>"
        out += "<div class=\"mapview\">"
        for (title, rose) in [("増えた語", true), ("減った語", false)] {
            let list = words.filter { $0.rose == rose }
            guard !list.isEmpty else { continue }
            out += "<table class=\"maptable\"><thead><tr><th>\(title)</th><th>今回</th><th>前回</th><th>G²</th><th>p値</th></tr></thead><tbody>"
            for w in list {
                let now = w.opinionsNow == 0 ? 0 : Double(w.now) / Double(w.opinionsNow)
                let before = w.opinionsBefore == 0 ? 0 : Double(w.before) / Double(w.opinionsBefore)
                out += "<tr><td>\(htmlEscape(w.word))</td><td class=\"n\">\(percent(now))（\(w.now)件）</td>"
                out += "<td class=\"n\">\(percent(before))（\(w.before)件）</td><td class=\"n\">\(String(format: "%.2f", w.g2))</td>"
                out += "<td class=\"n\">\(pText(w.p))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</div>"
    }

    private static func shareTable(_ rows: [BaselineReport.Share], names: [String: ReportModel.Area], segment: Bool) -> String {
        var out = "<table class=\"sortable\"><thead><tr><th>コード</th><th>分野</th>"
        if segment { out += "<th>属性</th><th>区分</th>" }
        out += "<th>今回</th><th>前回</th><th>差</th><th>p値</th></tr></thead><tbody>"
        for r in rows {
            let diff = r.shareNow - r.shareBefore
            out +=
                "<tr\(r.small ? " class=\"small\"" : "")><td>\(htmlEscape(r.area))\(r.small ? " ※" : "")</td><td>\(htmlEscape(names[r.area]?.name ?? ""))</td>"
            if segment { out += "<td>\(htmlEscape(r.segment ?? ""))</td><td>\(htmlEscape(r.value ?? ""))</td>" }
            out +=
                "<td class=\"n\" data-v=\"\(String(format: "%.4f", r.shareNow))\">\(percent(r.shareNow))（\(r.mentioningNow)/\(r.respondentsNow)）</td>"
            out +=
                "<td class=\"n\" data-v=\"\(String(format: "%.4f", r.shareBefore))\">\(percent(r.shareBefore))（\(r.mentioningBefore)/\(r.respondentsBefore)）</td>"
            let mark = marker(diff: diff, p: r.p)
            out += "<td class=\"\(markClass(mark))\" data-v=\"\(String(format: "%.4f", diff))\">\(mark)\(points(diff))</td>"
            out += "<td class=\"n\">\(pText(r.p))</td></tr>"
        }
        return out + "</tbody></table><p class=\"aid\">※ 期待度数が5未満で、検定は参考値です（網掛けの行）。</p>"
    }

    /// Before (grey) → now (blue) per area, on a common percentage axis.
    private static func dumbbell(_ rows: [BaselineReport.Share], names: [String: ReportModel.Area]) -> String {
        let labelWidth = 330.0
        let plotWidth = 440.0
        let rowHeight = 22.0
        let top = 40.0
        let maxShare = max(rows.map { max($0.shareNow, $0.shareBefore) }.max() ?? 0, 0.01)
        let step = maxShare > 0.3 ? 0.1 : 0.05
        let ticks = max(Int((maxShare / step).rounded(.up)), 1)
        let axisMax = Double(ticks) * step
        let height = top + rowHeight * Double(rows.count) + 44
        let width = labelWidth + plotWidth + 110
        let marked = rows.filter { !marker(diff: $0.shareNow - $0.shareBefore, p: $0.p).isEmpty }.count
        var svg = SVG(
            id: "chart-baseline", width: width, height: height, title: "前回調査との比較：分野に触れた回答者の割合",
            desc: "分野ごとに、前回（灰色）と今回（青）の割合を線で結んで示します。統計的に意味のある増減は\(marked)分野（▲増加、▼減少）。")
        let x = { (s: Double) in labelWidth + s / axisMax * plotWidth }
        for k in 0...ticks {
            let s = step * Double(k)
            svg.line(x1: x(s), y1: top - 6, x2: x(s), y2: top + rowHeight * Double(rows.count), stroke: "#E0E0E0")
            svg.text(percent(s), x: x(s), y: top - 10, anchor: "middle", size: 11, fill: "#555555")
        }
        for (i, r) in rows.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            let area = names[r.area]
            let indent = Double(max((area?.level ?? 1) - 1, 0)) * 12
            let room = Int((labelWidth - indent - 60) / 12)
            svg.text(
                r.area + " " + truncated(area?.name ?? "", room) + (r.small ? " ※" : ""), x: 4 + indent, y: y + 4, size: 12,
                fill: r.small ? "#777777" : "#222222", bold: area?.level == 1)
            let tip = "\(r.area)：前回 \(percent(r.shareBefore)) → 今回 \(percent(r.shareNow))（p=\(pText(r.p))）"
            svg.line(x1: x(r.shareBefore), y1: y, x2: x(r.shareNow), y2: y, stroke: "#9ECAE1", width: 3)
            svg.circle(cx: x(r.shareBefore), cy: y, r: 5, fill: "#999999", tooltip: tip)
            svg.circle(cx: x(r.shareNow), cy: y, r: 5, fill: "#0072B2", tooltip: tip)
            let diff = r.shareNow - r.shareBefore
            let mark = marker(diff: diff, p: r.p)
            svg.text(
                mark + points(diff), x: labelWidth + plotWidth + 12, y: y + 4, size: 12, fill: mark.isEmpty ? "#555555" : "#D55E00",
                bold: !mark.isEmpty)
        }
        let ly = top + rowHeight * Double(rows.count) + 26
        svg.circle(cx: labelWidth, cy: ly - 4, r: 5, fill: "#999999")
        svg.text("前回", x: labelWidth + 10, y: ly, size: 12)
        svg.circle(cx: labelWidth + 60, cy: ly - 4, r: 5, fill: "#0072B2")
        svg.text("今回", x: labelWidth + 70, y: ly, size: 12)
        svg.text("▲▼ 5%水準で有意な増減　※ 期待度数5未満（参考値）", x: labelWidth + 120, y: ly, size: 12, fill: "#555555")
        return svg.finish()
    }
}
