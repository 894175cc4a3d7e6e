// HTMLDocument — libxml2's tolerant HTML parser with safe settings (no network, errors silenced, recover),
// owning the parsed tree, and an iterative, depth-bounded walk over it that never expands entities.
import CLibXML2
import Foundation
import KoeCore

/// Limits for HTML parsing.
public struct HTMLLimits: Sendable {
    /// Deepest element nesting walked; deeper pages are refused (`html-too-deep`).
    public var maxDepth: Int
    /// Largest page accepted, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 200, maxBytes: Int = 64 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}

/// An element met during a walk: lower-cased name, attributes and the line it starts on.
public struct HTMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var line: Int
}

/// A parsed HTML page. The text given must be UTF-8: the page's own charset declaration is ignored
/// (decode first, e.g. from CP932). Broken markup is repaired the way libxml2 repairs it (HTML_PARSE_RECOVER).
public final class HTMLDocument {
    /// What the walk reports, in document order.
    public enum Event {
        case start(HTMLElement)
        /// Text (entities already decoded by the HTML parser; unknown `&name;` stays literal) and its line.
        case text(String, line: Int)
        case end(name: String)
    }

    /// What the visitor wants after `.start`.
    public enum Visit: Sendable {
        case descend, skipChildren
    }

    private let doc: htmlDocPtr
    /// libxml2's global tables are set up once, before any thread parses (readers may run in parallel).
    private static let parserReady: Void = xmlInitParser()
    private let location: SourceLocation
    private let limits: HTMLLimits

    /// Parses `utf8` (UTF-8 bytes). `location` names the file for messages.
    public init(utf8 data: Data, location: SourceLocation, limits: HTMLLimits = HTMLLimits()) throws {
        self.location = location
        self.limits = limits
        Self.parserReady
        guard data.count <= limits.maxBytes, data.count < Int(Int32.max) else {
            throw KoeError(
                code: "file-too-large", message: "HTML が大きすぎます（\(limits.maxBytes >> 20) MB まで）",
                hint: "ページを分けて保存してください", location: location)
        }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let parsed: htmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, "UTF-8", options)
        }
        guard let parsed else {
            throw KoeError(
                code: "html-unreadable", message: "HTML として読めません（空か、HTML ではありません）",
                hint: "ブラウザで開けるか確認してください", location: location)
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// Walks the tree depth-first without recursion. Entity-reference, comment and processing-instruction
    /// nodes are skipped. Throws `html-too-deep` when nesting exceeds the limit.
    public func walk(_ visit: (Event) throws -> Visit) throws {
        var node: xmlNodePtr? = doc.pointee.children
        var depth = 0
        while let current = node {
            var descended = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                let element = HTMLElement(name: name, attributes: Self.attributes(of: current), line: Int(xmlGetLineNo(current)))
                if try visit(.start(element)) == .descend, let child = current.pointee.children {
                    depth += 1
                    if depth > limits.maxDepth {
                        throw KoeError(
                            code: "html-too-deep", message: "HTML の入れ子が深すぎます（\(limits.maxDepth) 段を超えています）",
                            hint: "通常のページではない可能性があります。作成元に確認してください",
                            location: SourceLocation(file: location.file, row: element.line))
                    }
                    node = child
                    descended = true
                } else {
                    _ = try visit(.end(name: name))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    _ = try visit(.text(String(cString: content), line: Int(xmlGetLineNo(current))))
                }
            default:
                break
            }
            if descended { continue }
            var cursor = current
            node = nil
            while true {
                if let next = cursor.pointee.next {
                    node = next
                    break
                }
                guard depth > 0, let parent = cursor.pointee.parent else { break }
                depth -= 1
                _ = try visit(.end(name: parent.pointee.name.map { String(cString: $0).lowercased() } ?? ""))
                cursor = parent
            }
        }
    }

    /// Attribute values from their text children (entity references skipped).
    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attr = node.pointee.properties
        while let current = attr {
            if let name = current.pointee.name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                        value += String(cString: content)
                    }
                    child = text.pointee.next
                }
                result[String(cString: name).lowercased()] = value
            }
            attr = current.pointee.next
        }
        return result
    }
}
