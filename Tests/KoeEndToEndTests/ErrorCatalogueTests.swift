// ErrorCatalogueTests — every diagnostic code written in Sources/ has its row in docs/errors.md (what it means,
// what the user does), and every documented code still exists: the catalogue cannot fall behind the code.
import Foundation
import XCTest

final class ErrorCatalogueTests: XCTestCase {
    /// Kebab-case codes (and one-word skip reasons such as `empty`) as written in Swift string literals; a code
    /// family made by interpolation (`"unmapped-\(segment)"`) is kept as its prefix with a trailing `*`.
    static let literal = #""([a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:-\\\()?)"#

    /// The places a code is written in koe's sources: a `code:` argument (a literal, or literals in a ternary),
    /// the codebook reader's `fail(node, "code", …)`, a `static let …Code = "…"` constant, and the cases of a
    /// `var code: String { switch … }` (CSVProblem).
    static let patterns = [
        #"\bcode:\s*((?:[^,"()\n]|"[^"\n]*")*)"#,
        #"\bfail\(\s*\w+,\s*("[a-z][a-z0-9-]*")"#,
        #"static let \w*Code = ("[a-z][a-z0-9-]*")"#,
        #"var code: String \{((?:[^{}]|\{[^{}]*\})*)\}"#,
    ]

    /// Codes in Sources/, each with the files that write it.
    static func codesInSources() throws -> [String: Set<String>] {
        var codes: [String: Set<String>] = [:]
        let sources = SampleRunTests.root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { return [:] }
        let regexes = try patterns.map { try NSRegularExpression(pattern: $0) }
        let literal = try NSRegularExpression(pattern: Self.literal)
        for case let path as String in walker where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for regex in regexes {
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range(at: 1), in: text) else { continue }
                    let argument = String(text[range])
                    // A tuple labelled `code:` in QuoteQuery (`(code: "q", level: 1)`) is an area, not a diagnostic.
                    if let end = Range(match.range, in: text), text[end.upperBound...].hasPrefix(", level:") { continue }
                    for found in literal.matches(in: argument, range: NSRange(argument.startIndex..., in: argument)) {
                        guard let r = Range(found.range(at: 1), in: argument) else { continue }
                        var code = String(argument[r])
                        if code.hasSuffix("\\(") {
                            code = String(code.dropLast(2)) + "*"
                        } else if argument[r.upperBound...].first != "\"" {
                            continue
                        }
                        codes[code, default: []].insert(path)
                    }
                }
            }
        }
        return codes
    }

    /// Codes documented in docs/errors.md: the first cell of every table row, in backticks.
    static func documentedCodes() throws -> Set<String> {
        let doc = try String(contentsOf: SampleRunTests.root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        var codes = Set<String>()
        for line in doc.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            codes.insert(String(cell))
        }
        return codes
    }

    func testEveryCodeInSourcesIsDocumented() throws {
        let codes = try Self.codesInSources()
        XCTAssertGreaterThan(codes.count, 80, "the code scan found too few codes: its patterns no longer match Sources")
        let documented = try Self.documentedCodes()
        let missing = codes.keys.filter { code in
            code.hasSuffix("*") ? !documented.contains { $0.hasPrefix(code.dropLast()) } : !documented.contains(code)
        }.sorted().map {
            "\($0) (\(codes[$0]!.sorted().joined(separator: ", ")))"
        }
        XCTAssertEqual(missing, [], "codes written in Sources/ but missing from docs/errors.md")
    }

    func testEveryDocumentedCodeExists() throws {
        let codes = try Self.codesInSources()
        let families = codes.keys.filter { $0.hasSuffix("*") }.map { $0.dropLast() }
        let stale = try Self.documentedCodes().subtracting(codes.keys).filter { code in !families.contains { code.hasPrefix($0) } }
            .sorted()
        XCTAssertEqual(stale, [], "codes documented in docs/errors.md that no source writes any more")
    }

    /// The scan sees every way a code is written (so a green catalogue test means something).
    func testScanFindsEachWayOfWritingACode() throws {
        let codes = try Self.codesInSources()
        for code in ["file-not-found", "is-a-directory", "wrong-type", "record-too-long", "invalid-bytes", "empty-keywords", "unmapped-*"] {
            XCTAssertNotNil(codes[code], "\(code) not found by the scan")
        }
        XCTAssertNil(codes["q"])
    }
}
