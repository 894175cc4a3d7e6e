// CorrespondenceChart — the report's 対応分析 biplots: rows (areas or words) as blue circles and columns
// (segment values) as orange squares on the first two dimensions (one scale on both axes), axes labelled with
// their inertia shares.
import Foundation

extension ReportModel.TextSections {
    /// One correspondence analysis as the report shows it (labels already display text).
    public struct Biplot: Sendable, Hashable {
        /// `area_age`, `area_district` or `word_age` (the chart's id).
        public var analysis: String
        /// The heading: 分野 × 年代 …
        public var title: String
        /// What the rows and the columns are (凡例): 分野, 年代 …
        public var rowKind: String
        public var columnKind: String
        public var rows: [Point]
        public var columns: [Point]
        /// Inertia shares of dimension 1 and 2 (0 when there is one dimension).
        public var share1: Double
        public var share2: Double

        public init(
            analysis: String, title: String, rowKind: String, columnKind: String, rows: [Point], columns: [Point],
            share1: Double, share2: Double
        ) {
            self.analysis = analysis
            self.title = title
            self.rowKind = rowKind
            self.columnKind = columnKind
            self.rows = rows
            self.columns = columns
            self.share1 = share1
            self.share2 = share2
        }

        /// A labelled point.
        public struct Point: Sendable, Hashable {
            public var label: String
            public var x: Double
            public var y: Double

            public init(label: String, x: Double, y: Double) {
                self.label = label
                self.x = x
                self.y = y
            }
        }
    }
}

/// A biplot as the template places it.
struct BiplotView {
    var title: String
    var svg: String
}

enum CorrespondenceChart {
    static let rowColour = "#0072B2"
    static let columnColour = "#D55E00"

    /// The biplot: symmetric axes through the origin, labels placed without overlaps.
    static func svg(_ b: ReportModel.TextSections.Biplot) -> String {
        let width = 900.0
        let height = 640.0
        let plot = LabelBox(x: 60, y: 40, width: width - 90, height: height - 100)
        let all = b.rows + b.columns
        let xs: [Double] = all.map(\.x) + [0]
        let ys: [Double] = all.map(\.y) + [0]
        let (x0, x1) = ScatterCharts.domain(xs)
        let (y0, y1) = ScatterCharts.domain(ys)
        // One scale on both axes, so that distances on the map mean the same in every direction.
        let scale = min(plot.width / (x1 - x0), plot.height / (y1 - y0))
        let midX = (x0 + x1) / 2
        let midY = (y0 + y1) / 2
        func px(_ v: Double) -> Double { plot.x + plot.width / 2 + (v - midX) * scale }
        func py(_ v: Double) -> Double { plot.y + plot.height / 2 - (v - midY) * scale }
        let axis1 = "第1軸 (\(percent(b.share1)))"
        let axis2 = "第2軸 (\(percent(b.share2)))"
        let desc =
            "対応分析（\(b.title)）。青い丸は\(b.rowKind)、橙の四角は\(b.columnKind)。横軸は\(axis1)、縦軸は\(axis2)で、括弧内はその軸が表す情報（慣性）の割合。"
        var svg = SVG(id: "ca-" + b.analysis, width: width, height: height, title: "対応分析：" + b.title, desc: desc)
        svg.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "#FFFFFF", stroke: "#999999")
        svg.line(x1: px(0), y1: plot.y, x2: px(0), y2: plot.y + plot.height, stroke: "#777777", dash: "5 4")
        svg.line(x1: plot.x, y1: py(0), x2: plot.x + plot.width, y2: py(0), stroke: "#777777", dash: "5 4")
        svg.text(axis1 + " →", x: plot.x + plot.width / 2, y: height - 22, anchor: "middle", size: 13, bold: true)
        let mid = num(plot.y + plot.height / 2)
        svg.raw(
            "<text x=\"18\" y=\"\(mid)\" font-size=\"13\" font-weight=\"bold\" fill=\"#222222\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(mid))\">\(htmlEscape(axis2)) →</text>"
        )
        legend(&svg, b, x: plot.x, y: 24)
        typealias Point = ReportModel.TextSections.Biplot.Point
        let points: [(Point, Bool)] = b.columns.map { ($0, true) } + b.rows.map { ($0, false) }
        let placer = LabelPlacer(fontSize: 12, bounds: plot, pointRadius: 5)
        let items: [LabelPlacer.Item] = points.map { (p: Point, _: Bool) -> LabelPlacer.Item in
            LabelPlacer.Item(x: px(p.x), y: py(p.y), texts: [truncated(p.label, 14), truncated(p.label, 6)])
        }
        let placements = placer.place(items, obstacles: [])
        for (n, (p, isColumn)) in points.enumerated() {
            let x = px(p.x)
            let y = py(p.y)
            let tip = "\(p.label): 第1軸 \(String(format: "%.3f", p.x))、第2軸 \(String(format: "%.3f", p.y))"
            if isColumn {
                svg.rect(x: x - 5, y: y - 5, width: 10, height: 10, fill: columnColour, stroke: "#FFFFFF", tooltip: tip)
            } else {
                svg.circle(cx: x, cy: y, r: 5, fill: rowColour, tooltip: tip)
            }
            guard let placed = placements[n] else { continue }
            if placed.leader {
                let cx = min(max(x, placed.box.x), placed.box.x + placed.box.width)
                let cy = min(max(y, placed.box.y), placed.box.y + placed.box.height)
                svg.line(x1: x, y1: y, x2: cx, y2: cy, stroke: "#999999", width: 0.8)
            }
            svg.text(
                placed.text, x: placed.box.x + 2, y: placed.box.y + placed.box.height - 5, size: 12,
                fill: isColumn ? columnColour : "#222222", bold: isColumn, halo: true)
        }
        return svg.finish()
    }

    private static func legend(_ svg: inout SVG, _ b: ReportModel.TextSections.Biplot, x: Double, y: Double) {
        svg.circle(cx: x + 6, cy: y - 4, r: 5, fill: rowColour)
        svg.text(b.rowKind, x: x + 16, y: y, size: 12)
        let next = x + 28 + TextMetrics.width(b.rowKind, fontSize: 12)
        svg.rect(x: next, y: y - 9, width: 10, height: 10, fill: columnColour)
        svg.text(b.columnKind, x: next + 16, y: y, size: 12)
    }
}

extension PageView {
    mutating func fillCorrespondence(_ sections: ReportModel.TextSections) {
        biplots = sections.correspondence.map { BiplotView(title: $0.title, svg: CorrespondenceChart.svg($0)) }
        correspondenceSkipped = sections.correspondenceSkipped.joined(separator: "、")
        hasCorrespondenceSkipped = !correspondenceSkipped.isEmpty
        hasCorrespondence = !biplots.isEmpty || hasCorrespondenceSkipped
    }
}
