// Safety and basic reading tests for the libxml2 stream reader and the bounded zip reader.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeXML

final class XMLStreamReaderTests: XCTestCase {
    private func texts(_ xml: String, limits: XMLLimits = XMLLimits()) throws -> [String] {
        let reader = try XMLStreamReader(data: Data(xml.utf8), location: SourceLocation(file: "t.xml"), limits: limits)
        var out: [String] = []
        while try reader.read() {
            if reader.nodeType == .text, let v = reader.value { out.append(v) }
        }
        return out
    }

    func testReadsTextAndPredefinedEntities() throws {
        XCTAssertEqual(try texts("<a><b>x &amp; y</b><c>日本語</c></a>"), ["x & y", "日本語"])
    }

    func testAttributesByLocalName() throws {
        let xml = #"<w:p xmlns:w="http://x"><w:pStyle w:val="Heading1"/></w:p>"#
        let reader = try XMLStreamReader(data: Data(xml.utf8), location: SourceLocation(file: "t.xml"))
        var value: String?
        while try reader.read() { if reader.localName == "pStyle" { value = reader.attribute("val") } }
        XCTAssertEqual(value, "Heading1")
    }

    func testBillionLaughsFailsFast() throws {
        var xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for i in 1...9 {
            let prev = i == 1 ? "lol" : "lol\(i - 1)"
            xml += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
        }
        xml += "]><lolz>&lol9;</lolz>"
        let start = Date()
        XCTAssertThrowsError(try texts(xml)) { error in
            let code = (error as? KoeError)?.diagnostic.code ?? ""
            XCTAssertTrue(["xml-doctype", "xml-malformed"].contains(code), code)
        }
        // Even when DOCTYPEs are allowed, the entities are never expanded.
        let allowed = try? texts(xml, limits: XMLLimits(rejectDoctype: false))
        XCTAssertFalse((allowed ?? []).joined().contains("lollol"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testExternalEntityNeverReadsTheFile() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>"#
        let allowed = (try? texts(xml, limits: XMLLimits(rejectDoctype: false))) ?? []
        XCTAssertFalse(allowed.joined().contains("root:"))
        XCTAssertThrowsError(try texts(xml))
    }

    func testDeepNestingIsRefused() throws {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let start = Date()
        XCTAssertThrowsError(try texts(xml)) { error in
            let code = (error as? KoeError)?.diagnostic.code
            XCTAssertTrue(code == "xml-too-deep" || code == "xml-malformed", "\(String(describing: code))")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testMalformedNamesLine() throws {
        XCTAssertThrowsError(try texts("<a>\n<b></a>")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "xml-malformed")
        }
    }

    func testZipBombStopsAtLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bomb.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let size = 8 << 20
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size),
            compressionMethod: .deflate,
            provider: { position, length in
                Data(count: length)
            })
        let package = try ZipPackage(
            url: url, displayPath: "bomb.xlsx",
            limits: ZipLimits(maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 2 << 20))
        XCTAssertThrowsError(try package.data("xl/worksheets/sheet1.xml")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "zip-too-large")
        }
        XCTAssertNil(try package.data("missing"))
    }
}
