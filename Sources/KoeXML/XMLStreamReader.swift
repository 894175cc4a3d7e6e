// XMLStreamReader — libxml2's streaming reader with safe settings: no network, no DTD loading, no entity
// substitution, no HUGE; a DOCTYPE can be refused outright and nesting depth is bounded.
import CLibXML2
import Foundation
import KoeCore

/// Limits for XML parsing.
public struct XMLLimits: Sendable {
    /// Deepest element nesting accepted.
    public var maxDepth: Int
    /// Refuse any document that declares a DOCTYPE (OOXML parts never do).
    public var rejectDoctype: Bool

    public init(maxDepth: Int = 200, rejectDoctype: Bool = true) {
        self.maxDepth = maxDepth
        self.rejectDoctype = rejectDoctype
    }
}

/// A forward-only XML reader over a document in memory. Entity references are never expanded (only the
/// five predefined entities and character references are), so external or recursive entities cannot leak
/// or blow up. Every parse error is thrown as a `KoeError` naming the file, part and line.
public final class XMLStreamReader {
    public enum NodeType: Sendable, Equatable {
        case element, endElement, text, whitespace, entityReference, doctype, other
    }

    private let reader: xmlTextReaderPtr
    private let buffer: UnsafeMutableRawPointer
    private let location: SourceLocation
    private let limits: XMLLimits
    private let errorRef = ErrorBoxRef()

    /// `location` names the file (and the part, in `column`) for messages.
    public init(data: Data, location: SourceLocation, limits: XMLLimits = XMLLimits()) throws {
        self.location = location
        self.limits = limits
        // libxml2 keeps a pointer to the buffer: own a copy for the reader's lifetime.
        buffer = UnsafeMutableRawPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        data.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), count: data.count)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let reader = xmlReaderForMemory(buffer.assumingMemoryBound(to: CChar.self), Int32(data.count), nil, nil, options) else {
            buffer.deallocate()
            throw KoeError(code: "xml-malformed", message: "XML を読み始められません", location: location)
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let box = Unmanaged<ErrorBoxRef>.fromOpaque(context).takeUnretainedValue()
                if error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, box.message == nil {
                    let text = error.pointee.message.map { String(cString: $0) } ?? "不明なエラー"
                    box.message = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    box.line = Int(error.pointee.line)
                }
            }, Unmanaged.passUnretained(errorRef).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Moves to the next node; false at the end of the document.
    public func read() throws -> Bool {
        let result = xmlTextReaderRead(reader)
        if result < 0 || errorRef.message != nil {
            throw failure(errorRef.message ?? "XML の構文エラー")
        }
        if result == 0 { return false }
        let type = nodeType
        if type == .doctype && limits.rejectDoctype {
            throw KoeError(
                code: "xml-doctype",
                message: "XML に DOCTYPE 宣言があります（Excel / Word の正規のファイルには含まれません）",
                hint: "外部実体や実体展開を使った攻撃の可能性があるため読み込みません。作成元に確認してください",
                location: location)
        }
        if depth > limits.maxDepth {
            throw KoeError(
                code: "xml-too-deep", message: "XML の入れ子が深すぎます（\(limits.maxDepth) 段を超えています）",
                hint: "通常の文書ではない可能性があります。作成元に確認してください", location: location)
        }
        return true
    }

    private func failure(_ message: String) -> KoeError {
        var loc = location
        if let line = errorRef.line, line > 0, loc.row == nil { loc.row = line }
        return KoeError(
            code: "xml-malformed", message: "XML を読めません: \(message)",
            hint: "ファイルが壊れているか、安全でない内容（外部実体・実体の多重展開など）を含んでいます",
            location: loc)
    }

    public var nodeType: NodeType {
        switch xmlTextReaderNodeType(reader) {
        case 1: return .element
        case 15: return .endElement
        case 3, 4: return .text
        case 13, 14: return .whitespace
        case 5: return .entityReference
        case 10: return .doctype
        default: return .other
        }
    }

    /// The local name (without prefix) of the current node.
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    /// The namespace URI of the current node, if any.
    public var namespaceURI: String? {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
    }

    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The text of a text/whitespace node (entities are never substituted).
    public var value: String? {
        xmlTextReaderConstValue(reader).map { String(cString: $0) }
    }

    /// An attribute of the current element by local name (any namespace when `namespace` is nil).
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        if let namespace {
            guard let raw = xmlTextReaderGetAttributeNs(reader, localName, namespace) else { return nil }
            defer { free(raw) }
            return String(cString: raw)
        }
        if let raw = xmlTextReaderGetAttribute(reader, localName) {
            defer { free(raw) }
            return String(cString: raw)
        }
        // Prefixed attribute (e.g. w:val): walk the attributes and compare local names.
        var found: String?
        if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
            repeat {
                if let name = xmlTextReaderConstLocalName(reader), String(cString: name) == localName {
                    found = xmlTextReaderConstValue(reader).map { String(cString: $0) }
                    break
                }
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            xmlTextReaderMoveToElement(reader)
        }
        return found
    }

    /// The line of the current node in the document (1-based; 0 when unknown).
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
}

private final class ErrorBoxRef {
    var message: String?
    var line: Int?
}
