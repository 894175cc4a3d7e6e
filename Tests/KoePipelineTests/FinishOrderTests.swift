// FinishOrderTests — the writers' finishes start longest first (koe.sqlite, report.html), the rest in writer order.
import XCTest

@testable import KoePipeline

final class FinishOrderTests: XCTestCase {
    func testLongestFinishesStartFirst() {
        let all = OutputWriters.names()
        XCTAssertEqual(all.last, "run.json")
        let finishing = Array(all.dropLast())
        let order = PipelineRunner.finishOrder(names: finishing, count: finishing.count)
        XCTAssertEqual(order.map { finishing[$0] }.prefix(2), ["koe.sqlite", "report.html"])
        XCTAssertEqual(order.sorted(), Array(finishing.indices), "every writer once")
        let rest = order.dropFirst(2)
        XCTAssertEqual(Array(rest), rest.sorted(), "the others in writer order")
    }

    func testOrderWithoutTheLongWriters() throws {
        let selection = try OutputSelection.parse(only: "summary.csv,crosstab.csv")
        let names = Array(OutputWriters.names(selection).dropLast())
        XCTAssertEqual(names, ["summary.csv", "crosstab.csv"])
        XCTAssertEqual(PipelineRunner.finishOrder(names: names, count: names.count), [0, 1])
        let report = try OutputSelection.parse(only: "summary.csv,report.html")
        let withReport = Array(OutputWriters.names(report).dropLast())
        XCTAssertEqual(withReport.count, 2)
        XCTAssertEqual(PipelineRunner.finishOrder(names: withReport, count: 2).map { withReport[$0] }, ["report.html", "summary.csv"])
    }
}
