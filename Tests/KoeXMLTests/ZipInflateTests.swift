// ZipInflateTests — koe reads zip entries with its own bounded inflate: a deflate stream cut short ends in
// `zip-corrupt` at once (ZIPFoundation 0.9 looped forever on Linux: found by the fuzz script), a flipped byte
// fails the CRC, and a good entry reads back exactly.
import Foundation
import KoeCore
import XCTest
import ZIPFoundation

@testable import KoeXML

final class ZipInflateTests: XCTestCase {
    private func makeZip(_ text: String) throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("koe-inflate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("doc.docx")
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data(text.utf8)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, length in data.subdata(in: Int(position)..<Int(position) + length) })
        return (dir, url)
    }

    /// Patches the central directory's compressed size of the (only) entry.
    private func patchCompressedSize(_ url: URL, _ change: (UInt32) -> UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        guard
            let i = (0..<(bytes.count - 4)).last(where: {
                bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 1 && bytes[$0 + 3] == 2
            })
        else { return XCTFail("no central directory") }
        let old = UInt32(bytes[i + 20]) | UInt32(bytes[i + 21]) << 8 | UInt32(bytes[i + 22]) << 16 | UInt32(bytes[i + 23]) << 24
        let new = change(old)
        for k in 0..<4 { bytes[i + 20 + k] = UInt8((new >> (8 * UInt32(k))) & 0xFF) }
        try Data(bytes).write(to: url)
    }

    private let text = String(repeating: "<w:p><w:r><w:t>子育て支援を充実してほしい</w:t></w:r></w:p>", count: 400)

    func testGoodEntryReadsBack() throws {
        let (dir, url) = try makeZip(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try ZipPackage(url: url, displayPath: "doc.docx")
        XCTAssertEqual(try package.data("word/document.xml").map { String(decoding: $0, as: UTF8.self) }, text)
    }

    func testStreamCutShortFailsFastInsteadOfHanging() throws {
        let (dir, url) = try makeZip(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        try patchCompressedSize(url) { $0 / 2 }
        let started = Date()
        let package = try ZipPackage(url: url, displayPath: "doc.docx")
        XCTAssertThrowsError(try package.data("word/document.xml")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "zip-corrupt")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testFlippedByteFailsTheCheck() throws {
        let (dir, url) = try makeZip(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = [UInt8](try Data(contentsOf: url))
        // The first bytes of the entry's data follow the 30-byte local header and the name.
        let dataStart = 30 + "word/document.xml".utf8.count
        bytes[dataStart + 40] ^= 0x55
        try Data(bytes).write(to: url)
        let package = try ZipPackage(url: url, displayPath: "doc.docx")
        XCTAssertThrowsError(try package.data("word/document.xml")) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "zip-corrupt")
        }
    }
}
