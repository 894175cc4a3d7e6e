// BundledResourceTests — a missing or empty bundled data file is the error `resource-missing` naming the file,
// never an empty text.
import Foundation
import XCTest

@testable import KoeCore

final class BundledResourceTests: XCTestCase {
    private func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-resource-\(UUID().uuidString).tsv")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func code(_ url: URL?) -> String? {
        do {
            _ = try BundledResource.text(url, name: "variants.tsv")
            return nil
        } catch let error as KoeError {
            XCTAssertTrue(error.diagnostic.message.contains("variants.tsv"), error.diagnostic.message)
            return error.diagnostic.code
        } catch {
            return "\(error)"
        }
    }

    func testMissingURLIsAnError() {
        XCTAssertEqual(code(nil), "resource-missing")
    }

    func testAbsentFileIsAnError() {
        XCTAssertEqual(code(URL(fileURLWithPath: "/nonexistent/koe/variants.tsv")), "resource-missing")
    }

    func testFileWithOnlyCommentsIsAnError() throws {
        XCTAssertEqual(code(try file("# header only\n\n   \n")), "resource-missing")
    }

    func testFileWithEntriesIsRead() throws {
        let url = try file("# comment\n子ども\t子供\n")
        XCTAssertEqual(try BundledResource.text(url, name: "variants.tsv"), "# comment\n子ども\t子供\n")
        XCTAssertNoThrow(try BundledResource.check([("variants.tsv", url)]))
        XCTAssertThrowsError(try BundledResource.check([("variants.tsv", url), ("x.tsv", nil)]))
    }

    /// The early-stopping line scan agrees with splitting the whole text into lines (what it replaced).
    func testEntryScanAgreesWithSplittingEveryLine() {
        let texts = [
            "", "\n\n", "# header\n  \n", "# c\r\n\u{3000}\n", "x", "\r\n#a\r\nb", " \t\n#\n", "\u{2028}a", "#only",
            "\n\n\n子ども\t子供", "# a\u{85}# b\u{0C}\u{0B}  ", "#\r\n \r\n\r\n 名前",
        ]
        for text in texts {
            let reference = text.split(whereSeparator: \.isNewline).contains { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            XCTAssertEqual(BundledResource.hasEntry(text), reference, text.debugDescription)
        }
    }
}
