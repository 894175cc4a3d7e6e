// BundledResourceTests — a missing or empty bundled data file is the error `resource-missing` naming the file,
// never an empty text.
import Foundation
import KoeCore
import XCTest

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
}
