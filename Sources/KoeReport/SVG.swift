// SVG — a small builder for the report's inline SVG charts: every text and attribute value is escaped,
// coordinates are printed with one decimal (so output bytes never depend on float noise), and each chart
// carries a <title> and <desc> for screen readers.
import Foundation

/// HTML/XML escaping for text and attribute values (`&`, `<`, `>`, `"`, `'`).
public func htmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// A coordinate or size with one decimal ("12.5", "-3", never "-0").
func num(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let rounded = (x * 10).rounded() / 10
    if rounded == 0 { return "0" }
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
}

/// A percentage with one decimal: 0.3214 → "32.1%".
func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

/// The report's colours: Okabe–Ito (distinguishable with the common colour-vision deficiencies).
enum Palette {
    static let categorical = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255"]
    static let other = "#999999"
    /// 要望, 課題, 評価, 提案・ありたい姿, 不明.
    static let types = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#BBBBBB"]
    static let typeNames = ["要望", "課題", "評価", "提案・ありたい姿", "不明"]
    /// Sequential blues (ColorBrewer Blues, 6 steps) for the heat map.
    static let blues = ["#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]
    /// Quadrant colours in the order 重点改善分野, 重点維持分野, 改善分野, 維持分野.
    static let quadrants = ["#D55E00", "#0072B2", "#E69F00", "#009E73"]
    static let quadrantNames = ["重点改善分野", "重点維持分野", "改善分野", "維持分野"]

    static func community(_ i: Int) -> String { i < categorical.count ? categorical[i] : other }

    static func quadrant(_ name: String) -> String {
        quadrantNames.firstIndex(of: name).map { quadrants[$0] } ?? other
    }
}

/// Builds one `<svg>` element.
struct SVG {
    private(set) var body = ""
    let id: String
    let width: Double
    let height: Double
    let title: String
    let desc: String

    init(id: String, width: Double, height: Double, title: String, desc: String) {
        self.id = id
        self.width = width
        self.height = height
        self.title = title
        self.desc = desc
    }

    /// Appends markup built from this builder's helpers (values already escaped).
    mutating func raw(_ markup: String) { body += markup }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil
    ) {
        body += "<rect x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(max(width, 0)))\" height=\"\(num(max(height, 0)))\""
        body += " fill=\"\(htmlEscape(fill))\""
        if let stroke { body += " stroke=\"\(htmlEscape(stroke))\"" }
        if let tooltip {
            body += "><title>\(htmlEscape(tooltip))</title></rect>"
        } else {
            body += "/>"
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(num(x1))\" y1=\"\(num(y1))\" x2=\"\(num(x2))\" y2=\"\(num(y2))\" stroke=\"\(htmlEscape(stroke))\""
        body += " stroke-width=\"\(num(width))\""
        if let dash { body += " stroke-dasharray=\"\(htmlEscape(dash))\"" }
        body += "/>"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String = "#FFFFFF", tooltip: String? = nil) {
        body += "<circle cx=\"\(num(cx))\" cy=\"\(num(cy))\" r=\"\(num(r))\" fill=\"\(htmlEscape(fill))\" stroke=\"\(htmlEscape(stroke))\""
        if let tooltip {
            body += "><title>\(htmlEscape(tooltip))</title></circle>"
        } else {
            body += "/>"
        }
    }

    /// Text; `anchor` start|middle|end; `halo` draws a white outline behind the letters.
    mutating func text(
        _ string: String, x: Double, y: Double, anchor: String = "start", size: Double = 12, fill: String = "#222222",
        bold: Bool = false, halo: Bool = false, italic: Bool = false
    ) {
        body += "<text x=\"\(num(x))\" y=\"\(num(y))\" font-size=\"\(num(size))\" fill=\"\(htmlEscape(fill))\""
        if anchor != "start" { body += " text-anchor=\"\(htmlEscape(anchor))\"" }
        if bold { body += " font-weight=\"bold\"" }
        if italic { body += " font-style=\"italic\"" }
        if halo { body += " class=\"halo\"" }
        body += ">\(htmlEscape(string))</text>"
    }

    /// The finished element: sized by its viewBox, scaled down by CSS on narrow screens and paper.
    func finish() -> String {
        let w = num(width)
        let h = num(height)
        return "<svg id=\"\(htmlEscape(id))\" class=\"chart\" role=\"img\""
            + " viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
            + " aria-labelledby=\"\(htmlEscape(id))-title \(htmlEscape(id))-desc\">"
            + "<title id=\"\(htmlEscape(id))-title\">\(htmlEscape(title))</title>"
            + "<desc id=\"\(htmlEscape(id))-desc\">\(htmlEscape(desc))</desc>" + body + "</svg>"
    }
}

/// Shortens `text` to at most `limit` characters, ending with "…" when cut.
func truncated(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(max(limit - 1, 1))) + "…"
}
