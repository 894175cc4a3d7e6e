// Issue 12 class 7: a problem repeated a million times is printed once, then once more as a count with its
// first rows; every occurrence still reaches the collector behind the sink (run.json, rejected.csv).
import Foundation
import XCTest

@testable import KoeCore

final class RepeatedDiagnosticTests: XCTestCase {
    private final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    func testRepeatedDiagnosticIsPrintedOnceWithACount() {
        let lines = Lines()
        let collector = DiagnosticCollector()
        let sink = StandardErrorSink(forwardingTo: collector, write: { lines.append($0) })
        for row in 2...1_001 {
            sink.report(Diagnostic(.error, code: "field-count", message: "列の数が違います", location: SourceLocation(file: "a.csv", row: row)))
        }
        sink.report(Diagnostic(.error, code: "field-count", message: "列の数が違います", location: SourceLocation(file: "b.csv", row: 5)))
        sink.report(
            Diagnostic(.warning, code: "bad-weight", message: "ウェイト", location: SourceLocation(file: "a.csv", row: 3, column: "重み\n（数値）")))
        sink.finish()
        XCTAssertEqual(collector.diagnostics.count, 1_002)
        XCTAssertEqual(
            lines.all,
            [
                "a.csv:2: error[field-count]: 列の数が違います\n", "b.csv:5: error[field-count]: 列の数が違います\n",
                "a.csv:3: warning[bad-weight]: ウェイト（列: 重み⏎（数値））\n",
                "a.csv: error[field-count]: 同じ問題がほかに 999 件あります（行 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 …）\n",
            ])
    }
}
