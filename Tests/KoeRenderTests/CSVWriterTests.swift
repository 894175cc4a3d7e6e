// CSV writer tests: BOM, quoting, formula neutralisation, number formatting, JSON escaping.
import Foundation
import XCTest

@testable import KoeFormats
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

    /// The byte-buffer builder writes exactly what concatenating `JSONText.quote` results would.
    func testJSONObjectMatchesQuotedConcatenation() {
        let values = [
            "", "plain", "バスの本数", "a\"b", "back\\slash", "line\nbreak", "\u{01}ctl", "sep\u{2028}ara\u{2029}",
            "…と—", "𠮷野家", "e\u{301}", String(repeating: "長い意見。", count: 300),
        ]
        var object = JSONObject()
        var expected = "{"
        for (i, value) in values.enumerated() {
            object.add(value, value)
            expected += (i > 0 ? "," : "") + JSONText.quote(value) + ":" + JSONText.quote(value)
        }
        object.add("none", nil as String?)
        object.add("list", strings: values)
        object.add("raw", raw: "[1,2]")
        object.add("x", 1.25, digits: 1)
        object.add("t", true)
        expected += ",\"none\":null,\"list\":[" + values.map(JSONText.quote).joined(separator: ",") + "]"
        expected += ",\"raw\":[1,2],\"x\":" + NumberText.fixed(1.25, digits: 1) + ",\"t\":true}"
        XCTAssertEqual(object.text, expected)
        XCTAssertTrue(object.text.contains("\\u2028"), "U+2028 escaped")
    }

    /// Nested objects added as objects give the bytes of adding their text raw.
    func testNestedObjectsMatchRawText() {
        var inner = JSONObject()
        inner.add("k", "v\"")
        inner.add("n", 2)
        let empty = JSONObject()
        var direct = JSONObject()
        var viaText = JSONObject()
        direct.add("a", object: inner)
        viaText.add("a", raw: inner.text)
        direct.add("b", object: empty)
        viaText.add("b", raw: empty.text)
        direct.add("c", objects: [inner, empty, inner])
        viaText.add("c", raw: JSONText.array([inner.text, empty.text, inner.text]))
        direct.add("d", objects: [])
        viaText.add("d", raw: JSONText.array([]))
        XCTAssertEqual(direct.text, viaText.text)
        XCTAssertEqual(direct.text, #"{"a":{"k":"v\"","n":2},"b":{},"c":[{"k":"v\"","n":2},{},{"k":"v\"","n":2}],"d":[]}"#)
    }
}
