// Dispatch tests: which reader a file goes to, by declared kind, extension and content.
import Foundation
import KoeCore
import XCTest

@testable import KoePipeline

final class SourceImporterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ data: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    private func format(_ url: URL, kind: SourceKind? = nil) throws -> ImportFormat {
        try SourceImporter().format(of: url, displayPath: url.lastPathComponent, kind: kind)
    }

    func testTextFilesAreTablesOrMinutesByContent() throws {
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("ID\t意見\r\n1\tバス\r\n".data(using: .utf16LittleEndian) ?? Data())
        XCTAssertEqual(try format(write("unicode.txt", utf16)), .survey)
        XCTAssertEqual(try format(write("tabs.txt", Data("ID\t年代\t意見\n1\t30代\tバス\n2\t40代\t公園\n".utf8))), .survey)
        let minutes = "【第1回 地区懇談会】\n・バスの本数を増やしてほしい\n・公民館の駐車場が狭い\n"
        XCTAssertEqual(try format(write("minutes.txt", Data(minutes.utf8))), .workshop)
    }

    func testExtensionsAndDeclaredKind() throws {
        let md = try write("notes.md", Data("# 会\n- 意見\n".utf8))
        XCTAssertEqual(try format(md), .workshop)
        let csv = try write("survey.csv", Data("ID,意見\n1,バスを増やして\n2,公園がほしい\n".utf8))
        XCTAssertEqual(try format(csv), .survey)
        XCTAssertEqual(try format(csv, kind: .workshop), .stickyNotes)
        XCTAssertEqual(try format(md, kind: .survey), .survey)
    }

    func testMiroExportIsStickyNotes() throws {
        let miro = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/corpora/shin-tokyo-2050-miro/anno-miro-q2.csv")
        guard FileManager.default.fileExists(atPath: miro.path) else {
            throw XCTSkip("../shared/corpora is absent: the Miro sticky-note export cannot be checked")
        }
        XCTAssertEqual(try format(miro), .stickyNotes)
        let sink = CollectingSink()
        try SourceImporter().read(url: miro, displayPath: "anno-miro-q2.csv", kind: nil, into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.count, 88)
        XCTAssertEqual(sink.skipped.map(\.code), ["question-header"])
        XCTAssertEqual(sink.skipped.first?.location.row, 2)
    }
}
