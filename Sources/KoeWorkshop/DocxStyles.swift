// DocxStyles — which Word paragraph styles are headings, and at what level, from word/styles.xml.
import Foundation
import KoeCore
import KoeXML

/// Heading levels of a document's paragraph styles. A style is a heading when:
/// 1. its name is `heading N` / `見出し N` (any spacing or width; Japanese Word stores styleId `1` with the
///    name `heading 1`) → level N; `Title` / `表題` → level 0 (above every heading);
/// 2. otherwise it (or a style it is based on) sets an outline level 0–8 → level + 1.
/// Without styles.xml, styleIds `Heading1`…`Heading9` are headings.
struct DocxStyles {
    private var levels: [String: Int] = [:]

    init() {}

    init(data: Data, location: SourceLocation, maxDepth: Int) throws {
        let reader = try XMLStreamReader(data: data, location: location, limits: XMLLimits(maxDepth: maxDepth))
        var names: [String: String] = [:]
        var outline: [String: Int] = [:]
        var basedOn: [String: String] = [:]
        var current: String?
        while try reader.read() {
            guard reader.nodeType == .element else {
                if reader.nodeType == .endElement && reader.localName == "style" { current = nil }
                continue
            }
            switch reader.localName {
            case "style":
                current = reader.attribute("type") == "paragraph" ? reader.attribute("styleId") : nil
                if reader.isEmptyElement { current = nil }
            case "name": if let id = current, let value = reader.attribute("val") { names[id] = value }
            case "basedOn": if let id = current, let value = reader.attribute("val") { basedOn[id] = value }
            case "outlineLvl": if let id = current, let value = reader.attribute("val").flatMap({ Int($0) }) { outline[id] = value }
            default: break
            }
        }
        for id in Set(names.keys).union(outline.keys) {
            if let name = names[id], let level = Self.levelFromName(name) {
                levels[id] = level
                continue
            }
            // Outline level, inherited through basedOn (bounded, cycle-safe).
            var cursor: String? = id
            var hops = 0
            while let style = cursor, hops < 20 {
                if let value = outline[style] {
                    if (0...8).contains(value) { levels[id] = value + 1 }
                    break
                }
                cursor = basedOn[style]
                hops += 1
            }
        }
    }

    /// The heading level of a paragraph with style `styleId` and its own outline level, or nil for body text.
    func headingLevel(styleId: String?, outlineLevel: Int?) -> Int? {
        if let outlineLevel { return (0...8).contains(outlineLevel) ? outlineLevel + 1 : nil }
        guard let styleId else { return nil }
        if let level = levels[styleId] { return level }
        if levels.isEmpty, styleId.lowercased().hasPrefix("heading"), let n = Int(styleId.dropFirst(7)), (1...9).contains(n) {
            return n
        }
        return nil
    }

    static func levelFromName(_ name: String) -> Int? {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased().filter { $0 != " " }
        if folded == "title" || folded == "表題" { return 0 }
        for prefix in ["heading", "見出し"] where folded.hasPrefix(prefix) {
            if let n = Int(folded.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }
}
