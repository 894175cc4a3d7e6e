// OOXMLPackage — an Open Packaging Conventions zip (xlsx, docx) written deterministically.
import Foundation
import KoeCore
import ZIPFoundation

/// The relationships of one package part (or of the package itself), rendered as a `.rels` part.
public struct OOXMLRelationships: Sendable {
    /// One relationship: `rId`, its type URI and the target relative to the source part's folder.
    public struct Relationship: Sendable, Equatable {
        public var id: String
        public var type: String
        public var target: String
    }

    /// The relationships in the order added.
    public private(set) var items: [Relationship] = []

    public init() {}

    /// Adds a relationship and returns its id (`rId1`, `rId2`, … in order).
    @discardableResult
    public mutating func add(type: String, target: String) -> String {
        let id = "rId\(items.count + 1)"
        items.append(Relationship(id: id, type: type, target: target))
        return id
    }

    /// The `.rels` part.
    public var xml: [UInt8] {
        var xml = XMLBuilder()
        xml.open("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        for item in items {
            xml.empty("Relationship", ["Id": item.id, "Type": item.type, "Target": item.target])
        }
        xml.closeAll()
        return xml.bytes
    }
}

/// Relationship type and content type URIs shared by the xlsx and docx builders.
public enum OOXMLType {
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    static let extendedProperties =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let coreContent = "application/vnd.openxmlformats-package.core-properties+xml"
    static let appContent = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
}

/// A package being assembled: parts are written to the zip in the order added, after
/// `[Content_Types].xml` and `_rels/.rels`; every entry has the same fixed timestamp (1980-01-01) and is
/// deflated, so the same parts always give the same bytes.
public struct OOXMLPackage: OOXMLArchive {
    private struct Part {
        var path: String
        var contentType: String
        var bytes: [UInt8]
    }

    private var parts: [Part] = []
    /// The package-level relationships (`_rels/.rels`).
    public var relationships = OOXMLRelationships()

    /// The timestamp every zip entry carries: 1980-01-01 00:00:00 UTC, the earliest DOS date.
    public static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    public init() {}

    /// Adds a part (path without a leading slash, e.g. `xl/workbook.xml`) with its content type.
    /// Parts that are themselves relationships (`…/_rels/….rels`) pass an empty content type: the
    /// `rels` extension default covers them.
    public mutating func add(_ path: String, contentType: String, bytes: [UInt8]) {
        parts.append(Part(path: path, contentType: contentType, bytes: bytes))
    }

    /// Adds the relationships part of the part at `source` (e.g. `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    public mutating func add(relationships: OOXMLRelationships, of source: String) {
        let slash = source.lastIndex(of: "/")
        let folder = slash.map { String(source[...$0]) } ?? ""
        let name = slash.map { String(source[source.index(after: $0)...]) } ?? source
        add("\(folder)_rels/\(name).rels", contentType: "", bytes: relationships.xml)
    }

    /// Adds `docProps/core.xml` and `docProps/app.xml` with a fixed creation date (no clock is read).
    public mutating func addDocumentProperties(title: String, creator: String, application: String) {
        var core = XMLBuilder()
        core.open(
            "cp:coreProperties",
            [
                "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/",
                "xmlns:dcmitype": "http://purl.org/dc/dcmitype/",
                "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            ])
        core.element("dc:title", text: title)
        core.element("dc:creator", text: creator)
        core.element("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: "1980-01-01T00:00:00Z")
        core.element("dcterms:modified", ["xsi:type": "dcterms:W3CDTF"], text: "1980-01-01T00:00:00Z")
        core.closeAll()
        add("docProps/core.xml", contentType: OOXMLType.coreContent, bytes: core.bytes)
        relationships.add(type: OOXMLType.coreProperties, target: "docProps/core.xml")

        var app = XMLBuilder()
        app.open(
            "Properties",
            [
                "xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
                "xmlns:vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ])
        app.element("Application", text: application)
        app.closeAll()
        add("docProps/app.xml", contentType: OOXMLType.appContent, bytes: app.bytes)
        relationships.add(type: OOXMLType.extendedProperties, target: "docProps/app.xml")
    }

    /// `[Content_Types].xml`: defaults for `rels` and `xml`, an override for every other part.
    var contentTypes: [UInt8] {
        var xml = XMLBuilder()
        xml.open("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        xml.empty(
            "Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        xml.empty("Default", ["Extension": "xml", "ContentType": "application/xml"])
        for part in parts where !part.contentType.isEmpty {
            xml.empty("Override", ["PartName": "/" + part.path, "ContentType": part.contentType])
        }
        xml.closeAll()
        return xml.bytes
    }

    /// The zip file's bytes.
    public func archive() throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            let entries = [("[Content_Types].xml", contentTypes), ("_rels/.rels", relationships.xml)]
            for (path, bytes) in entries + parts.map({ ($0.path, $0.bytes) }) {
                let data = Data(bytes)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw OOXMLPackageError() }
            return data
        } catch let error as KoeError {
            throw error
        } catch {
            throw KoeError(
                code: "output-zip-failed", message: "Office ファイルの ZIP を作れませんでした（\(error)）",
                hint: "メモリとディスクの空きを確認し、もう一度実行してください")
        }
    }

}

private struct OOXMLPackageError: Error {}

/// Anything that makes an Office zip (the package, a workbook, a document): `write(to:)` for all of them.
public protocol OOXMLArchive {
    /// The zip's bytes.
    func archive() throws -> Data
}

extension OOXMLArchive {
    /// Writes the zip to `url` (replacing it).
    public func write(to url: URL) throws {
        let file = try OutputFile(url: url)
        try file.write(bytes: [UInt8](try archive()))
        try file.close()
    }
}
