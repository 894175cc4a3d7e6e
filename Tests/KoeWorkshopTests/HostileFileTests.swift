// Hostile workshop files (SPEC §7): XXE, billion laughs, zip bomb, 10,000-deep nesting — each fails fast with an
// error naming the file, leaks nothing from outside the file, and the next good file in the same loop is read.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeWorkshop

final class HostileFileTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var good: URL!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        good = try folder.write("good.md", "# 交通\n- バスを増やしてほしい\n")
    }

    override func tearDown() { folder = nil }

    /// Reads `hostile` then the good file, as `koe import` does: errors are collected, the loop goes on.
    private func importLoop(_ hostile: URL, options: WorkshopOptions = WorkshopOptions())
        -> (errors: [KoeError], sink: CollectingSink, seconds: TimeInterval)
    {
        let sink = CollectingSink()
        var errors: [KoeError] = []
        let start = Date()
        for url in [hostile, good!] {
            do {
                try WorkshopReader(options: options).read(
                    url: url, displayPath: url.lastPathComponent, into: sink,
                    diagnostics: DiagnosticCollector())
            } catch let error as KoeError {
                errors.append(error)
            } catch {
                XCTFail("not a KoeError: \(error)")
            }
        }
        return (errors, sink, Date().timeIntervalSince(start))
    }

    /// Lines of /etc/passwd that must never show up in any output.
    private func assertNothingLeaked(
        _ result: (errors: [KoeError], sink: CollectingSink, seconds: TimeInterval),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let output = everything(result.sink) + result.errors.map(\.description).joined(separator: "\n")
        XCTAssertFalse(output.contains("root:"), file: file, line: line)
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        for entry in passwd.split(separator: "\n").prefix(5) where entry.count > 8 {
            XCTAssertFalse(output.contains(entry), String(entry), file: file, line: line)
        }
        XCTAssertFalse(output.contains("lollol"), file: file, line: line)
        // The good file after the hostile one is still read.
        XCTAssertEqual(result.sink.opinions.last?.text, "バスを増やしてほしい", file: file, line: line)
        XCTAssertEqual(result.sink.opinions.last?.location.column, "交通", file: file, line: line)
        XCTAssertLessThan(result.seconds, 1.0, file: file, line: line)
    }

    private func assertError(
        _ result: (errors: [KoeError], sink: CollectingSink, seconds: TimeInterval), codes: Set<String>,
        file name: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(result.errors.count, 1, "\(result.errors)", file: file, line: line)
        guard let error = result.errors.first else { return }
        XCTAssertTrue(codes.contains(error.diagnostic.code), error.diagnostic.code, file: file, line: line)
        XCTAssertEqual(error.diagnostic.location?.file, name, file: file, line: line)
        XCTAssertTrue(error.description.hasPrefix(name), error.description, file: file, line: line)
    }

    static let xxeDoctype = #"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#

    static var billionLaughs: String {
        var dtd = #"<!DOCTYPE w:document [<!ENTITY lol "lol">"#
        for i in 1...9 {
            dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">"
        }
        return dtd + "]>"
    }

    private func docxWithDoctype(_ name: String, doctype: String, entity: String) throws -> URL {
        let xml =
            #"<?xml version="1.0" encoding="UTF-8"?>"# + doctype + "<w:document " + wordNamespaces
            + "><w:body><w:p><w:r><w:t>&\(entity);</w:t></w:r></w:p></w:body></w:document>"
        return try folder.docx(name, parts: ["word/document.xml": xml])
    }

    func testXXEInDocx() throws {
        let result = importLoop(try docxWithDoctype("xxe.docx", doctype: Self.xxeDoctype, entity: "xxe"))
        assertError(result, codes: ["xml-doctype"], file: "xxe.docx")
        assertNothingLeaked(result)
    }

    func testXXEInHTML() throws {
        let page = "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><p>&xxe;</p><p>意見</p></body></html>"
        let result = importLoop(try folder.write("xxe.html", page))
        // The HTML parser never reads an internal subset: the page is read, the entity stays unexpanded.
        XCTAssertEqual(result.errors.count, 0)
        XCTAssertTrue(result.sink.opinions.contains { $0.text == "意見" })
        XCTAssertEqual(result.sink.skipped.map(\.code), ["markup"])
        assertNothingLeaked(result)
    }

    func testBillionLaughsInDocx() throws {
        let result = importLoop(try docxWithDoctype("lol.docx", doctype: Self.billionLaughs, entity: "lol9"))
        assertError(result, codes: ["xml-doctype", "xml-malformed"], file: "lol.docx")
        print("billion laughs: \(result.errors.first?.description ?? "")")
        assertNothingLeaked(result)
    }

    func testBillionLaughsInHTML() throws {
        let page =
            "<!DOCTYPE html " + Self.billionLaughs.dropFirst("<!DOCTYPE w:document ".count) + "<html><body><p>&lol9;</p></body></html>"
        let result = importLoop(try folder.write("lol.html", page))
        XCTAssertEqual(result.errors.count, 0)
        assertNothingLeaked(result)
    }

    func testZipBombDocx() throws {
        let url = folder.url.appendingPathComponent("bomb.docx")
        let archive = try Archive(url: url, accessMode: .create)
        let size = 16 << 20
        let prefix = Data(("<w:document " + wordNamespaces + "><w:body><w:p><w:r><w:t>").utf8)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
            provider: { position, length in
                var chunk = Data(repeating: 0x61, count: length)
                if position == 0 { chunk.replaceSubrange(0..<min(prefix.count, length), with: prefix.prefix(length)) }
                return chunk
            })
        let packed = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        XCTAssertLessThan(packed, 100_000)
        let options = WorkshopOptions(zipLimits: .init(maxEntries: 100, maxEntryBytes: 1 << 20, maxTotalBytes: 2 << 20))
        let result = importLoop(url, options: options)
        assertError(result, codes: ["zip-too-large"], file: "bomb.docx")
        assertNothingLeaked(result)
    }

    func testDeepNestingInDocx() throws {
        let body =
            String(repeating: "<w:sdt><w:sdtContent>", count: 10_000) + "<w:p><w:r><w:t>深い</w:t></w:r></w:p>"
            + String(repeating: "</w:sdtContent></w:sdt>", count: 10_000)
        let result = importLoop(try folder.docx("deep.docx", parts: ["word/document.xml": documentXML(body)]))
        assertError(result, codes: ["xml-too-deep", "xml-malformed"], file: "deep.docx")
        assertNothingLeaked(result)
        XCTAssertFalse(result.sink.opinions.contains { $0.text == "深い" })
    }

    func testDeepNestingInHTML() throws {
        let page =
            "<html><body>" + String(repeating: "<div>", count: 10_000) + "深い" + String(repeating: "</div>", count: 10_000)
            + "</body></html>"
        let result = importLoop(try folder.write("deep.html", page))
        assertError(result, codes: ["html-too-deep"], file: "deep.html")
        assertNothingLeaked(result)
    }

    func testNotAZipNamedDocx() throws {
        let result = importLoop(try folder.write("fake.docx", "これは zip ではない"))
        assertError(result, codes: ["not-a-zip"], file: "fake.docx")
        assertNothingLeaked(result)
    }

    /// Pathological but well-formed inputs stay linear: 200,000 `>` on one line, a paragraph of 50,000 inline
    /// elements, a Word cell of 20,000 paragraphs.
    func testPathologicalShapesStayFast() throws {
        let quotes = try folder.write("quotes.md", String(repeating: ">", count: 200_000) + " 引用\n")
        let inline = try folder.write("inline.html", "<p>" + String(repeating: "<b>字</b>", count: 50_000) + "</p>")
        let cell = "<w:tbl><w:tr><w:tc>" + String(repeating: DocxNotesTests.p("行"), count: 20_000) + "</w:tc></w:tr></w:tbl>"
        let word = try folder.docx("cell.docx", parts: ["word/document.xml": documentXML(cell)])
        for (url, length) in [(quotes, 2), (inline, 50_000), (word, 20_000 * 2 - 1)] {
            let sink = CollectingSink()
            let start = Date()
            try WorkshopReader().read(url: url, displayPath: url.lastPathComponent, into: sink, diagnostics: DiagnosticCollector())
            XCTAssertLessThan(Date().timeIntervalSince(start), 2.0, url.lastPathComponent)
            XCTAssertEqual(sink.opinions.count, 1, url.lastPathComponent)
            XCTAssertEqual(sink.opinions.first?.text.count, length, url.lastPathComponent)
        }
    }
}
