// CSV writer tests: BOM, quoting, formula neutralisation, number formatting, JSON escaping.
import Foundation
import XCTest

@testable import KoeRender

final class CSVWriterTests: XCTestCase {
    func testFormulaCellsAreNeutralised() {
        for dangerous in ["=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx"] {
            XCTAssertTrue(
                CSVWriter.render(.text(dangerous)).hasPrefix("'") || CSVWriter.render(.text(dangerous)).hasPrefix("\"'"),
                dangerous)
        }
        XCTAssertEqual(CSVWriter.render(.text("バス")), "バス")
        XCTAssertEqual(CSVWriter.render(.integer(-2)), "-2")
    }

    func testQuoting() {
        XCTAssertEqual(CSVWriter.render(.text("a,b")), "\"a,b\"")
        XCTAssertEqual(CSVWriter.render(.text("say \"hi\"")), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.render(.text("1行目\n2行目")), "\"1行目\n2行目\"")
    }

    func testFileStartsWithBOMAndUsesCRLF() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVWriter(file: OutputFile(url: url), header: ["area", "name"])
        try writer.writeRow([.text("A"), .text("子育て")])
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: url))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "area,name\r\nA,子育て\r\n")
    }

    func testFixedNumbers() {
        XCTAssertEqual(NumberText.fixed(0.125, digits: 2), "0.13")
        XCTAssertEqual(NumberText.fixed(-0.004, digits: 2), "0.00")
        XCTAssertEqual(NumberText.fixed(-1.5, digits: 0), "-2")
        XCTAssertEqual(NumberText.fixed(3, digits: 3), "3.000")
        XCTAssertEqual(NumberText.fixed(0.05, digits: 4), "0.0500")
    }

    func testJSONEscaping() {
        XCTAssertEqual(JSONText.quote("a\"b\\c\nd\u{01}"), "\"a\\\"b\\\\c\\nd\\u0001\"")
        var object = JSONObject()
        object.add("id", "x")
        object.add("n", 3)
        object.add("tags", strings: ["A", "1"])
        XCTAssertEqual(object.text, "{\"id\":\"x\",\"n\":3,\"tags\":[\"A\",\"1\"]}")
    }
}
