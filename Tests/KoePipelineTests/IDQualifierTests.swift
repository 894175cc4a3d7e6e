// Opinion ids stay unique when two inputs share a file name (found in review).
import KoeCore
import XCTest

@testable import KoePipeline

final class IDQualifierTests: XCTestCase {
    private func opinion(_ file: String) -> Opinion {
        Opinion(
            id: OpinionID.survey(file: file, row: 2, columnLetter: "B"), kind: .survey,
            location: SourceLocation(file: file, row: 2, columnLetter: "B"), respondent: nil, text: "x", segments: RawSegments())
    }

    func testSharedNamesAreQualifiedWithTheirPath() {
        let ids = IDQualifier(paths: ["../data/y2024/survey.csv", "../data/y2025/survey.csv", "notes.md"])
        XCTAssertEqual(ids.qualify(opinion("../data/y2024/survey.csv")).id, "data/y2024/survey-2-B")
        XCTAssertEqual(ids.qualify(opinion("../data/y2025/survey.csv")).id, "data/y2025/survey-2-B")
        XCTAssertEqual(ids.qualify(opinion("notes.md")).id, "notes-2-B")
    }

    func testUniqueNamesKeepTheShortId() {
        let ids = IDQualifier(paths: ["a/survey.csv", "b/other.csv"])
        XCTAssertEqual(ids.qualify(opinion("a/survey.csv")).id, "survey-2-B")
    }
}
