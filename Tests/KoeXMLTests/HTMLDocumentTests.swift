// HTMLDocument: tolerant parsing, walk order and lines, skipped subtrees, depth bound, no entity expansion.
import Foundation
import KoeCore
import XCTest

@testable import KoeXML

final class HTMLDocumentTests: XCTestCase {
    private func events(_ html: String, skip: Set<String> = [], limits: HTMLLimits = HTMLLimits()) throws -> [String] {
        let document = try HTMLDocument(utf8: Data(html.utf8), location: SourceLocation(file: "t.html"), limits: limits)
        var out: [String] = []
        try document.walk { event in
            switch event {
            case .start(let element):
                out.append("<\(element.name)@\(element.line)\(element.attributes.isEmpty ? "" : " \(element.attributes)")>")
                return skip.contains(element.name) ? .skipChildren : .descend
            case .text(let text, _):
                out.append(text)
            case .end(let name):
                out.append("</\(name)>")
            }
            return .descend
        }
        return out
    }

    func testWalkOrderLinesAndAttributes() throws {
        let result = try events("<ul>\n<li class=\"a\">一</li>\n<li>二 &amp; 三</li></ul>")
        XCTAssertEqual(result, ["<ul@1>", "\n", "<li@2 [\"class\": \"a\"]>", "一", "</li>", "\n", "<li@3>", "二 & 三", "</li>", "</ul>"])
    }

    func testBrokenMarkupIsRepaired() throws {
        let result = try events("<p>一<p>二<b>太<i>斜</b>終")
        XCTAssertEqual(result.filter { !$0.hasPrefix("<") }, ["一", "二", "太", "斜", "終"])
        XCTAssertEqual(result.filter { $0.hasPrefix("<p") }.count, 2)
    }

    func testSkipChildren() throws {
        let result = try events("<div><script>var s = 1;</script><p>本文</p></div>", skip: ["script"])
        XCTAssertFalse(result.contains { $0.contains("var s") })
        XCTAssertTrue(result.contains("本文"))
        XCTAssertTrue(result.contains("</script>"))
    }

    func testDepthLimit() throws {
        let html = String(repeating: "<div>", count: 10_000) + "x" + String(repeating: "</div>", count: 10_000)
        let start = Date()
        XCTAssertThrowsError(try events(html)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "html-too-deep")
            XCTAssertEqual((error as? KoeError)?.diagnostic.location?.file, "t.html")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
        XCTAssertNoThrow(try events(String(repeating: "<div>", count: 50) + "x", limits: HTMLLimits(maxDepth: 60)))
    }

    func testEntitiesFromAnInternalSubsetAreNeverExpanded() throws {
        let html = #"<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "AAAA">]><p>&xxe;&a;</p>"#
        let result = try events(html)
        // libxml2's HTML parser does not parse an internal subset: it ends up as literal text, and the
        // references stay literal — nothing is read from the file system, nothing is expanded.
        XCTAssertFalse(result.joined().contains("root:"))
        XCTAssertEqual(result.suffix(2), ["&xxe;&a;", "</p>"])
    }

    func testEmptyInputIsAnError() {
        XCTAssertThrowsError(try HTMLDocument(utf8: Data(), location: SourceLocation(file: "e.html"))) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "html-unreadable")
        }
    }
}
