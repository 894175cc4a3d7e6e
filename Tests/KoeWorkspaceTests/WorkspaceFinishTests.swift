// WorkspaceFinishTests — the end of a workspace's build: near-duplicate rows go in in the ids' byte order.
import Foundation
import XCTest

@testable import KoeWorkspace

final class WorkspaceFinishTests: XCTestCase {
    func testIdsInByteOrder() {
        let lists = [
            ["f-10-E", "f-100-E", "f-2-F"], ["f-1-E", "f-1000000000-E", "f-100000000-F"], [], ["f-9", "f-é", "f-e\u{301}", "f-"],
            ["f-10000000000000-A", "f-10000000000000-"],
        ]
        let got = WorkspaceBuilder.byteOrder(lists).map { lists[Int($0.list)][Int($0.place)] }
        let want = lists.flatMap { $0 }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(got.map { Array($0.utf8) }, want.map { Array($0.utf8) })
        XCTAssertTrue(WorkspaceBuilder.byteOrder([]).isEmpty)
        XCTAssertEqual(WorkspaceBuilder.byteOrder([["x"]]).count, 1)
    }
}
