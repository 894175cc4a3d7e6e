// LabelPlacer — deterministic label placement for scatter charts: each label tries positions around its
// point on widening rings and takes the first that overlaps no placed label, no point and stays inside;
// a label that fits nowhere is shortened, and left out (the table still lists it) only as a last resort.

/// An axis-aligned box in SVG coordinates.
public struct LabelBox: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// True when the boxes share interior area.
    public func overlaps(_ other: LabelBox) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
}

/// Rough text widths for layout (no font files are read): CJK full width, ASCII and half-width kana narrower.
public enum TextMetrics {
    /// The width of `text` at `fontSize` px in a typical Japanese UI font.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E: em += 0.6
            case 0xFF61...0xFF9F: em += 0.5
            default: em += 1.0
            }
        }
        return em * fontSize
    }
}

/// Places labels next to points without overlaps.
public struct LabelPlacer: Sendable {
    /// A point to label; `texts` are the label's variants, longest first (e.g. "1 子育て…", "1").
    public struct Item: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var texts: [String]

        public init(x: Double, y: Double, texts: [String]) {
            self.x = x
            self.y = y
            self.texts = texts
        }
    }

    /// Where a label went: the box, the text variant used and whether a leader line should be drawn.
    public struct Placement: Sendable, Hashable {
        public var box: LabelBox
        public var text: String
        public var leader: Bool
    }

    public var fontSize: Double
    /// The drawing area labels must stay inside.
    public var bounds: LabelBox
    /// Radius kept clear around every point.
    public var pointRadius: Double

    public init(fontSize: Double, bounds: LabelBox, pointRadius: Double = 4) {
        self.fontSize = fontSize
        self.bounds = bounds
        self.pointRadius = pointRadius
    }

    /// Places labels in the order given (put the most important first), clear of `obstacles` (e.g. other
    /// text on the chart). nil = no room for any variant.
    public func place(_ items: [Item], obstacles: [LabelBox] = []) -> [Placement?] {
        var placed: [LabelBox] = obstacles
        let points = items.map {
            LabelBox(x: $0.x - pointRadius, y: $0.y - pointRadius, width: 2 * pointRadius, height: 2 * pointRadius)
        }
        var result: [Placement?] = []
        for item in items {
            var found: Placement?
            variants: for text in item.texts {
                let w = TextMetrics.width(text, fontSize: fontSize) + 4
                let h = fontSize + 4
                for (ring, candidate) in candidates(x: item.x, y: item.y, width: w, height: h) {
                    guard inside(candidate),
                        !placed.contains(where: { $0.overlaps(candidate) }),
                        !points.contains(where: { $0.overlaps(candidate) })
                    else { continue }
                    found = Placement(box: candidate, text: text, leader: ring > 0)
                    break variants
                }
            }
            if let found { placed.append(found.box) }
            result.append(found)
        }
        return result
    }

    private func inside(_ b: LabelBox) -> Bool {
        b.x >= bounds.x && b.y >= bounds.y && b.x + b.width <= bounds.x + bounds.width
            && b.y + b.height <= bounds.y + bounds.height
    }

    /// Candidate boxes: right, left, above, below and the diagonals of the point, then the same on wider
    /// rings (ring number given so far-away labels get a leader line).
    private func candidates(x: Double, y: Double, width w: Double, height h: Double) -> [(Int, LabelBox)] {
        var out: [(Int, LabelBox)] = []
        let gap = pointRadius + 2
        for ring in 0..<8 {
            let r = Double(ring) * (h + 2)
            let spots: [(Double, Double)] = [
                (x + gap + r, y - h / 2),  // right
                (x - gap - r - w, y - h / 2),  // left
                (x - w / 2, y - gap - r - h),  // above
                (x - w / 2, y + gap + r),  // below
                (x + gap + r * 0.7, y - gap - r * 0.7 - h),  // upper right
                (x - gap - r * 0.7 - w, y - gap - r * 0.7 - h),  // upper left
                (x + gap + r * 0.7, y + gap + r * 0.7),  // lower right
                (x - gap - r * 0.7 - w, y + gap + r * 0.7),  // lower left
            ]
            for (bx, by) in spots { out.append((ring, LabelBox(x: bx, y: by, width: w, height: h))) }
        }
        return out
    }
}
