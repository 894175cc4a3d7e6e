// OOXML test support — reopens a written package with ZIPFoundation and parses its parts with KoeXML's reader.
import Foundation
import KoeCore
import KoeXML
import XCTest
import ZIPFoundation

/// The parts of a zip package, inflated, by path, in archive order.
struct UnzippedPackage {
    let paths: [String]
    let parts: [String: Data]
    let entries: [(path: String, method: UInt16, modified: Date)]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var paths: [String] = []
        var parts: [String: Data] = [:]
        var entries: [(String, UInt16, Date)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            paths.append(entry.path)
            parts[entry.path] = bytes
            entries.append((entry.path, entry.isCompressed ? 8 : 0, entry.fileAttributes[.modificationDate] as? Date ?? .distantPast))
        }
        self.paths = paths
        self.parts = parts
        self.entries = entries
    }

    /// The elements of part `path` (parsed with the safe libxml2 reader; fails on malformed XML).
    func elements(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [XMLElementRecord] {
        guard let data = parts[path] else {
            XCTFail("no part \(path) in \(paths)", file: file, line: line)
            return []
        }
        return try XMLElementRecord.parse(data, name: path)
    }

    func text(_ path: String) -> String { parts[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }
}

/// One element as read: local name, depth, the attributes the tests look at, and its direct text.
struct XMLElementRecord {
    let name: String
    let depth: Int
    var attributes: [String: String]
    var text: String

    static let interesting = [
        "r", "s", "t", "outlineLevel", "outlineLevelRow", "summaryBelow", "ySplit", "state", "topLeftCell", "ref",
        "numFmtId", "formatCode", "name", "localSheetId", "hidden", "val", "fldCharType", "width", "rgb",
        "orientation", "paperSize", "fitToWidth", "fitToHeight", "fitToPage", "styleId", "w", "h", "count",
        "uniqueCount", "applyFill", "fillId", "fontId", "PartName", "Target", "Type", "sheetId", "type", "space",
        "wrapText", "Id", "id", "indent",
    ]

    static func parse(_ data: Data, name: String) throws -> [XMLElementRecord] {
        let reader = try XMLStreamReader(data: data, location: SourceLocation(file: "test", column: name))
        var records: [XMLElementRecord] = []
        var open: [Int] = []
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                var attributes: [String: String] = [:]
                for key in interesting {
                    if let value = reader.attribute(key) { attributes[key] = value }
                }
                records.append(XMLElementRecord(name: reader.localName, depth: reader.depth, attributes: attributes, text: ""))
                if reader.isEmptyElement { continue }
                open.append(records.count - 1)
            case .endElement:
                _ = open.popLast()
            case .text, .whitespace:
                if let index = open.last { records[index].text += reader.value ?? "" }
            default:
                break
            }
        }
        return records
    }
}

extension Array where Element == XMLElementRecord {
    func named(_ name: String) -> [XMLElementRecord] { filter { $0.name == name } }
}
