// NumberTextTests — significant-digit numbers (p values): the text koe writes, and that a real spreadsheet
// (LibreOffice Calc, headless) reads every form back as a number.
import Foundation
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class NumberTextTests: XCTestCase {
    func testFourSignificantDigits() {
        let cases: [(Double, String)] = [
            (7.5e-6, "7.500e-06"),  // printed as 0.000008 by the old 6-decimal form
            (0.05514562983925021, "0.05515"),
            (0.0006519739168043296, "0.0006520"),
            (0.00012344, "0.0001234"),  // 10⁻⁴ is the last plain form, as C's %g
            (0.000099996, "0.0001000"),  // %g picks the form after rounding: 1.000e-04 is plain
            (0.000099994, "9.999e-05"),
            (2.5379295183482714e-23, "2.538e-23"),
            (1e-100, "1.000e-100"),
            (Double.leastNonzeroMagnitude, "4.941e-324"),
            (1, "1.000"),
            (0.99996, "1.000"),
            (0.5, "0.5000"),
            (0, "0.000"),
            (0.11069431537478286, "0.1107"),
            (-7.5e-6, "-7.500e-06"),
            (98.98989898989899, "98.99"),
            (12345.6, "1.235e+04"),
        ]
        for (x, text) in cases { XCTAssertEqual(NumberText.significant(x, digits: 4), text, "\(x)") }
        XCTAssertEqual(NumberText.significant(0.030969030969030965, digits: 2), "0.031")
        XCTAssertEqual(NumberText.significant(.nan, digits: 4), "")
        XCTAssertEqual(NumberText.significant(.infinity, digits: 4), "")
        XCTAssertEqual(CSVWriter.render(.significant(7.5e-6, digits: 4)), "7.500e-06")
    }

    /// Exact ties round to even on the double's exact value (0.125 is exact; 0.0001235 is not a tie).
    func testRoundingIsOnTheExactValue() {
        XCTAssertEqual(NumberText.significant(0.125, digits: 2), "0.12")
        XCTAssertEqual(NumberText.significant(0.375, digits: 2), "0.38")
        XCTAssertEqual(NumberText.significant(1.0005, digits: 4), "1.000")  // 1.000499999… in binary
    }

    /// Opens a CSV of the forms koe writes in LibreOffice Calc (headless, converted to flat ODS) and checks
    /// that every cell became a float with the right value. Skips when LibreOffice is not installed
    /// (`apt-get install libreoffice-calc`). Excel's parser accepts the same forms (decimal point, `e±NN`).
    func testLibreOfficeReadsThemAsNumbers() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("LibreOffice (soffice) is not installed") }
        let values: [Double] = [7.5e-6, 0.05514562983925021, 0.0006519739168043296, 2.5379295183482714e-23, 1, 0, 1e-100]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("koe-numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("p.csv")
        let writer = try CSVWriter(file: OutputFile(url: csv), header: ["p"])
        for x in values { try writer.writeRow([.significant(x, digits: 4)]) }
        try writer.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--infilter=CSV:44,34,76,1",
            "--convert-to", "fods", "--outdir", directory.path, csv.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let fods = try String(contentsOf: directory.appendingPathComponent("p.fods"), encoding: .utf8)
        // Every data cell: office:value-type="float" office:value="…".
        let pattern = try NSRegularExpression(pattern: "office:value-type=\"float\" office:value=\"([^\"]+)\"")
        let range = NSRange(fods.startIndex..., in: fods)
        let read = pattern.matches(in: fods, range: range).compactMap { match in
            Range(match.range(at: 1), in: fods).flatMap { Double(fods[$0]) }
        }
        XCTAssertEqual(read.count, values.count, "cells read as numbers")
        for (got, x) in zip(read, values) {
            let shown = Double(NumberText.significant(x, digits: 4)) ?? .nan
            XCTAssertEqual(got, shown, accuracy: abs(shown) * 1e-12, "\(x)")
        }
    }
}
