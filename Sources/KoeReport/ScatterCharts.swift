// ScatterCharts — the importance × satisfaction chart (CS portfolio: mean lines, quadrant names, area labels
// placed without overlaps) and the co-occurrence network (words as circles, Jaccard edges, communities).
import Foundation

enum ScatterCharts {
    /// Importance (y) against satisfaction (x); the mean lines split the chart into the four quadrants.
    static func portfolio(id: String, points: [ReportModel.PortfolioPoint]) -> String {
        let width = 900.0
        let height = 600.0
        let plot = LabelBox(x: 76, y: 20, width: width - 96, height: height - 80)
        let xs = points.map(\.satisfaction)
        let ys = points.map(\.importance)
        let (x0, x1) = domain(xs)
        let (y0, y1) = domain(ys)
        func px(_ v: Double) -> Double { plot.x + (v - x0) / (x1 - x0) * plot.width }
        func py(_ v: Double) -> Double { plot.y + plot.height - (v - y0) / (y1 - y0) * plot.height }
        let meanX = xs.isEmpty ? (x0 + x1) / 2 : xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.isEmpty ? (y0 + y1) / 2 : ys.reduce(0, +) / Double(ys.count)
        let urgent = points.filter { $0.quadrant == "重点改善分野" }.map { "\($0.code) \($0.name)" }
        let desc =
            "横軸は満足度、縦軸は重要度（いずれも高いほど右・上）。点線は全分野の平均。左上の重点改善分野は、重要なのに満足度が低い分野です。"
            + (urgent.isEmpty ? "" : "該当：" + urgent.joined(separator: "、") + "。")
        var svg = SVG(id: id, width: width, height: height, title: "重要度 × 満足度（CSポートフォリオ）", desc: desc)
        svg.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "#FFFFFF", stroke: "#999999")
        for t in ticks(x0, x1) {
            svg.line(x1: px(t), y1: plot.y + plot.height, x2: px(t), y2: plot.y + plot.height + 5, stroke: "#666666")
            svg.text(String(format: "%.2f", t), x: px(t), y: plot.y + plot.height + 19, anchor: "middle", size: 11)
        }
        for t in ticks(y0, y1) {
            svg.line(x1: plot.x - 5, y1: py(t), x2: plot.x, y2: py(t), stroke: "#666666")
            svg.text(String(format: "%.2f", t), x: plot.x - 8, y: py(t) + 4, anchor: "end", size: 11)
        }
        svg.text("満足度（右ほど満足）→", x: plot.x + plot.width / 2, y: height - 22, anchor: "middle", size: 13, bold: true)
        svg.raw(
            "<text x=\"18\" y=\"\(num(plot.y + plot.height / 2))\" font-size=\"13\" font-weight=\"bold\" fill=\"#222222\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(num(plot.y + plot.height / 2)))\">重要度（上ほど重要）→</text>"
        )
        svg.line(x1: px(meanX), y1: plot.y, x2: px(meanX), y2: plot.y + plot.height, stroke: "#777777", dash: "5 4")
        svg.line(x1: plot.x, y1: py(meanY), x2: plot.x + plot.width, y2: py(meanY), stroke: "#777777", dash: "5 4")
        // Quadrant names in the corners; they are obstacles for the area labels.
        var obstacles: [LabelBox] = []
        let corners: [(String, Double, Double, String)] = [
            ("重点改善分野", plot.x + 8, plot.y + 20, "start"), ("重点維持分野", plot.x + plot.width - 8, plot.y + 20, "end"),
            ("改善分野", plot.x + 8, plot.y + plot.height - 10, "start"),
            ("維持分野", plot.x + plot.width - 8, plot.y + plot.height - 10, "end"),
        ]
        for (name, x, y, anchor) in corners {
            let w = TextMetrics.width(name, fontSize: 15)
            svg.text(name, x: x, y: y, anchor: anchor, size: 15, fill: Palette.quadrant(name), bold: true)
            obstacles.append(LabelBox(x: anchor == "end" ? x - w - 2 : x - 2, y: y - 16, width: w + 4, height: 20))
        }
        // Labels: the most urgent (largest 改善度指数) first, so they get the nearest spots.
        let order = points.indices.sorted {
            points[$0].improvementIndex != points[$1].improvementIndex
                ? points[$0].improvementIndex > points[$1].improvementIndex : $0 < $1
        }
        let placer = LabelPlacer(fontSize: 12, bounds: plot, pointRadius: 6)
        let items = order.map { i in
            LabelPlacer.Item(
                x: px(points[i].satisfaction), y: py(points[i].importance),
                texts: [points[i].code + " " + truncated(points[i].name, 12), points[i].code])
        }
        let placements = placer.place(items, obstacles: obstacles)
        for n in order.indices {
            guard let p = placements[n] else { continue }
            if p.leader {
                let cx = min(max(items[n].x, p.box.x), p.box.x + p.box.width)
                let cy = min(max(items[n].y, p.box.y), p.box.y + p.box.height)
                svg.line(x1: items[n].x, y1: items[n].y, x2: cx, y2: cy, stroke: "#999999", width: 0.8)
            }
            svg.text(p.text, x: p.box.x + 2, y: p.box.y + p.box.height - 5, size: 12, fill: "#222222", halo: true)
        }
        for p in points {
            svg.circle(
                cx: px(p.satisfaction), cy: py(p.importance), r: 6, fill: Palette.quadrant(p.quadrant),
                tooltip:
                    "\(p.code) \(p.name): 重要度 \(String(format: "%.2f", p.importance))、満足度 \(String(format: "%.2f", p.satisfaction))、改善度指数 \(String(format: "%.1f", p.improvementIndex))（\(p.quadrant)）"
            )
        }
        return svg.finish()
    }

    /// The data range padded by 10 % on each side (at least 0.2 wide).
    static func domain(_ values: [Double]) -> (Double, Double) {
        guard let lo = values.min(), let hi = values.max() else { return (0, 1) }
        let span = max(hi - lo, 0.2)
        let mid = (lo + hi) / 2
        return (mid - span * 0.6, mid + span * 0.6)
    }

    /// About five round tick values inside [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + 1e-9 && out.count < 12 {
            out.append(t)
            t += step
        }
        return out
    }

    /// The network: edges (solid within a community, dashed between), circles sized by frequency and
    /// coloured by community, each word written on its circle.
    static func network(id: String, network: CooccurrenceNetwork, layout: NetworkLayout, title: String) -> String {
        let legend = 26.0
        var desc = "意見の中で一緒に使われることの多い語を線で結んだ図です（\(network.opinions)件の意見、語 \(network.words.count)、線 \(network.edges.count)本）。"
        if let top = network.edges.first {
            desc += "最も強い結びつきは「\(network.words[top.a].term)」と「\(network.words[top.b].term)」（\(top.count)件）。"
        }
        var svg = SVG(id: id, width: layout.width, height: layout.height + legend, title: title, desc: desc)
        let jaccards = network.edges.map(\.jaccard)
        let (jMin, jMax) = (jaccards.min() ?? 0, jaccards.max() ?? 1)
        for e in network.edges {
            let (a, b) = (layout.nodes[e.a], layout.nodes[e.b])
            let strength = jMax > jMin ? (e.jaccard - jMin) / (jMax - jMin) : 0.5
            let same = a.community == b.community
            svg.line(
                x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: same ? "#888888" : "#BBBBBB", width: 0.8 + 3.2 * strength,
                dash: same ? nil : "4 3")
        }
        for (i, node) in layout.nodes.enumerated() {
            let word = network.words[i]
            svg.circle(
                cx: node.x, cy: node.y, r: node.radius, fill: Palette.community(node.community), stroke: "#FFFFFF",
                tooltip: "\(word.term)：\(word.frequency)件（グループ \(node.community + 1)）")
        }
        for (i, node) in layout.nodes.enumerated() {
            svg.text(network.words[i].term, x: node.x, y: node.y + 4, anchor: "middle", size: 12, fill: "#111111", halo: true)
        }
        svg.text(
            "円の大きさ＝その語が出てくる意見の数／線の太さ＝結びつきの強さ（Jaccard係数）／色＝よく一緒に使われる語のグループ（点線はグループ間）",
            x: 4, y: layout.height + 18, size: 11, fill: "#444444")
        return svg.finish()
    }
}
