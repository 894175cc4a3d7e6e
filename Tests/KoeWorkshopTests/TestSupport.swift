// Test support: temporary folders, fixture and corpus paths, a .docx built from its XML parts, event summaries.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeWorkshop

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// A .docx (zip) holding `parts` (path → XML text), plus a minimal [Content_Types].xml.
    func docx(_ name: String, parts: [String: String]) throws -> URL {
        var all = parts
        if all["[Content_Types].xml"] == nil {
            all["[Content_Types].xml"] =
                #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#
        }
        let file = url.appendingPathComponent(name)
        let archive = try Archive(url: file, accessMode: .create)
        for path in all.keys.sorted() {
            let data = Data(all[path, default: ""].utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return file
    }
}

enum Paths {
    /// Tests/Fixtures/workshop/<name>.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/workshop/\(name)")
    }

    /// ../shared/corpora/<path> from the package root; skips the test when absent.
    static func corpus(_ path: String) throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpora/\(path)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus file not found: \(url.path)")
        }
        return url
    }
}

/// WordprocessingML namespace declarations for hand-written parts.
let wordNamespaces =
    #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

func documentXML(_ body: String) -> String {
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document "# + wordNamespaces + "><w:body>" + body + "</w:body></w:document>"
}

/// (row, heading path, text) of each opinion, for compact assertions.
func noteTriples(_ sink: CollectingSink) -> [(Int, String?, String)] {
    sink.opinions.map { ($0.location.row ?? -1, $0.location.column, $0.text) }
}

/// (row, code) of each skipped record.
func skippedPairs(_ sink: CollectingSink) -> [String] {
    sink.skipped.map { "\($0.location.row ?? -1):\($0.code)" }
}

/// Every string an import produced (texts, locations, reasons), to check that nothing leaked in.
func everything(_ sink: CollectingSink) -> String {
    var out: [String] = []
    for event in sink.events {
        switch event {
        case .opinion(let o): out += [o.id, o.text, o.location.column ?? ""]
        case .skipped(let s): out += [s.reason, s.location.column ?? ""]
        case .rejected(let r): out += [r.reason, r.raw]
        case .respondent(let r): out.append(r.id)
        }
    }
    return out.joined(separator: "\n")
}

func assertTriples(
    _ actual: [(Int, String?, String)], _ expected: [(Int, String?, String)],
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "\(actual)", file: file, line: line)
    for (a, e) in zip(actual, expected) {
        XCTAssertEqual(a.0, e.0, "row of \(a.2)", file: file, line: line)
        XCTAssertEqual(a.1, e.1, "path of \(a.2)", file: file, line: line)
        XCTAssertEqual(a.2, e.2, file: file, line: line)
    }
}
