// Issue 12, classes 9 and 10 at the pipeline's edge: one encoding name parsed where it enters (pipeline file),
// honoured by workshop sources, the gazetteer and the codebook (CP932 as Excel saves them); messages that point at
// what the user wrote (pipeline line for an unknown column, every column listed, one-line labels, unknown extension);
// the pipeline file and the codebook fail in one YAML error shape.
import Foundation
import KoeCore
import KoeSegments
import KoeSurvey
import KoeTagging
import KoeText
import XCTest

@testable import KoePipeline

final class ImportMessagesTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ data: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    private func sjis(_ text: String) throws -> Data {
        guard let data = text.data(using: .shiftJIS) else { throw XCTSkip("no Shift_JIS encoder") }
        return data
    }

    /// Class 9: the pipeline's `encoding:` becomes a `TextEncoding`; an unknown name is an error at its line.
    func testEncodingIsParsedWhereTheNameEnters() throws {
        let yml = "sources:\n  - path: a.md\n    kind: workshop\n    encoding: Shift_JIS\n"
        let config = try PipelineConfig.parse(yml, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        XCTAssertEqual(config.sources.first?.encoding, .cp932)
        XCTAssertThrowsError(
            try PipelineConfig.parse(
                "sources:\n  - path: a.md\n    encoding: euc-kr\n", file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        ) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "unknown-encoding")
            XCTAssertEqual(d?.location?.file, "p.yml")
            XCTAssertEqual(d?.location?.row, 3)
        }
        // The workshop reader honours it: a CP932 note read through the importer the pipeline builds.
        let md = try write("a.md", try sjis("# 交通\n- バス停が遠い\n"))
        let sink = CollectingSink()
        try Stages.importer(for: config.sources[0]).read(
            url: md, displayPath: "a.md", kind: .workshop, into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.map(\.text), ["バス停が遠い"])
    }

    /// Class 9: the gazetteer and the codebook saved from Excel / Notepad as CP932 load; a bad byte names its line.
    func testGazetteerAndCodebookAcceptCP932() throws {
        let gazetteer = try Gazetteer.load(
            url: try write("d.csv", try sjis("name,district\n広丘野村,広丘小学校区\n吉田,吉田小学校区\n")), displayPath: "d.csv")
        XCTAssertEqual(gazetteer.district(for: "広丘野村"), "広丘小学校区")
        XCTAssertEqual(gazetteer.districts.sorted(), ["吉田小学校区", "広丘小学校区"])
        let yaml = "- code: A\n  name: 交通\n  keywords: [バス, 駅]\n"
        let codebook = try Codebook.load(url: try write("c.yml", try sjis(yaml)), displayPath: "c.yml", tokenizer: try Tokenizer())
        XCTAssertEqual(codebook.areas.map(\.name), ["交通"])
        var bad = Array("name,district\n広丘,広丘小学校区\n".utf8)
        bad += [0x82, 0x0A]
        XCTAssertThrowsError(try Gazetteer.load(url: try write("bad.csv", Data(bad)), displayPath: "bad.csv", encoding: .utf8)) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "invalid-bytes")
            XCTAssertEqual(d?.location?.row, 3)
            XCTAssertTrue(d?.message.contains("\\x82") ?? false, d?.message ?? "")
        }
    }

    /// Class 10: a `ratings` column not in the file names the pipeline file and line and lists every column, with
    /// labels on one line.
    func testUnknownColumnPointsAtThePipelineLine() throws {
        let csv = try write("s.csv", Data("ID,\"満足度\n（子育て）\",ご意見\n1,3,駅が遠い\n".utf8))
        var source = SourceConfig(path: "s.csv", line: 7)
        source.ratings = [
            {
                var pair = RatingPair(area: "A"); pair.satisfaction = "満足度_子育て"; return pair
            }()
        ]
        XCTAssertThrowsError(
            try Stages.importer(for: source, pipeline: "Pipelines/city.yml").read(
                url: csv, displayPath: "s.csv", kind: .survey, into: CollectingSink(), diagnostics: DiagnosticCollector())
        ) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "unknown-column")
            XCTAssertEqual(d?.location?.file, "Pipelines/city.yml")
            XCTAssertEqual(d?.location?.row, 7)
            XCTAssertTrue(d?.message.contains("s.csv") ?? false)
            XCTAssertTrue(d?.hint?.contains("A=ID、B=満足度⏎（子育て）、C=ご意見") ?? false, d?.hint ?? "")
            XCTAssertFalse(d?.description.contains("\n（子育て）") ?? true)
        }
    }

    /// Class 10: an unknown extension is a clear error, not a silent 0; with `kind` it is read as told.
    func testUnknownExtensionIsAnError() throws {
        let xml = try write("export.xml", Data("<comments><c>駅が遠い</c></comments>\n".utf8))
        XCTAssertThrowsError(try SourceImporter().format(of: xml, displayPath: "export.xml", kind: nil)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "unsupported-format")
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.file, "export.xml")
        }
        XCTAssertEqual(try SourceImporter().format(of: xml, displayPath: "export.xml", kind: .workshop), .workshop)
    }

    // The YAML files people write (the pipeline file and the codebook) fail in one shape: the same code, message
    // structure (what, file, line), hint and `file:line:column` location; a file that is not UTF-8 is the one
    // `invalid-bytes` naming its line, for the pipeline file and the word list alike.

    private func pipelineError(_ text: String) throws -> Diagnostic? {
        let url = try write("p.yml", Data(text.utf8))
        do {
            _ = try PipelineConfig.load(url, displayPath: "p.yml")
        } catch let e as KoeError { return e.diagnostic }
        return nil
    }

    private func codebookError(_ text: String) throws -> Diagnostic? {
        let url = try write("c.yml", Data(text.utf8))
        do {
            _ = try Codebook.load(url: url, displayPath: "c.yml", tokenizer: try Tokenizer())
        } catch let e as KoeError { return e.diagnostic }
        return nil
    }

    /// The same broken line (an unclosed flow list on line 2) in both files gives the same diagnostic but for the
    /// file's name.
    func testSyntaxErrorHasOneShapeInBothReaders() throws {
        let pipeline = try XCTUnwrap(try pipelineError("name: x\nsources: [a.csv\n"))
        let codebook = try XCTUnwrap(try codebookError("- code: A\n  name: [x\n"))
        for (d, what, file) in [(pipeline, "パイプラインファイル", "p.yml"), (codebook, "コードブック", "c.yml")] {
            XCTAssertEqual(d.code, "yaml-syntax")
            let row = try XCTUnwrap(d.location?.row)
            XCTAssertTrue(d.message.hasPrefix("\(what)（\(file)）の \(row) 行目が YAML として読めません: "), d.message)
            XCTAssertEqual(d.hint, "インデント（半角スペース）、「:」の後の空白、引用符の閉じ忘れを確かめてください")
            XCTAssertEqual(d.location?.file, file)
            XCTAssertNotNil(d.location?.columnLetter)
            XCTAssertNil(d.location?.column)
            XCTAssertTrue(d.description.hasPrefix("\(file):\(row):\(d.location?.columnLetter ?? ""): "), d.description)
        }
    }

    /// A bad value is located the same way in both readers: line and character column, rendered `file:line:col`.
    func testNodeErrorsAreLocatedAlike() throws {
        let pipeline = try XCTUnwrap(try pipelineError("name: x\nsources:\n  - path: a.csv\n    kind: poll\n"))
        let codebook = try XCTUnwrap(try codebookError("- code: A\n  name: x\n  keywords: 保育園\n"))
        XCTAssertEqual([pipeline.code, codebook.code], ["bad-value", "wrong-type"])
        XCTAssertEqual(pipeline.location, .text("p.yml", line: 4, column: 11))
        XCTAssertEqual(codebook.location, .text("c.yml", line: 3, column: 13))
        XCTAssertEqual(pipeline.location?.rendered, "p.yml:4:11")
    }

    /// Not UTF-8: the pipeline file and the word list both throw `invalid-bytes` naming the line and showing the
    /// bytes (they used to say only 「UTF-8 ではありません」 for the whole file).
    func testInvalidBytesNameTheLine() throws {
        let pipeline = try write("bad.yml", Data(Array("name: x\nsources:\n  - path: ".utf8) + [0x8C, 0xF6] + Array(".csv\n".utf8)))
        XCTAssertThrowsError(try PipelineConfig.load(pipeline, displayPath: "bad.yml")) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "invalid-bytes")
            XCTAssertEqual(d?.location?.row, 3)
            XCTAssertTrue(d?.message.hasPrefix("パイプラインファイルに文字コード UTF-8 として読めないバイトがあります（") ?? false, d?.message ?? "")
            XCTAssertTrue(d?.message.contains("\\x8C") ?? false, d?.message ?? "")
        }
        let words = try write("words.txt", Data(Array("保育園\n".utf8) + [0x8C, 0xF6, 0x0A]))
        XCTAssertThrowsError(try WordList.read(words, displayPath: "words.txt")) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "invalid-bytes")
            XCTAssertEqual(d?.location?.row, 2)
            XCTAssertTrue(d?.message.hasPrefix("語のリスト（words）に文字コード UTF-8 として") ?? false, d?.message ?? "")
        }
        // A UTF-8 BOM is still read past.
        let bom = try write("bom.txt", Data([0xEF, 0xBB, 0xBF] + Array("保育園\n学童\n".utf8)))
        XCTAssertEqual(try WordList.read(bom, displayPath: "bom.txt"), ["保育園", "学童"])
    }
}
