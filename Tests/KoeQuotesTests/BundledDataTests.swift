// BundledDataTests — every data file koe ships (person names, variants, cue lexicons, question types) is found
// and not empty, and the built-in values are made from them (the command line checks the same list at start).
import KoeCore
import KoeQuotes
import KoeTagging
import KoeText
import XCTest

final class BundledDataTests: XCTestCase {
    func testEveryBundledResourceLoads() throws {
        let all = PersonNames.resources + Normalizer.resources + QuestionTypes.resources
        XCTAssertEqual(all.map(\.name), ["person-names.txt", "variants.tsv", "question-types.tsv", "type-cues.tsv", "horizon-cues.tsv"])
        XCTAssertNoThrow(try BundledResource.check(all))
    }

    func testBuiltInValuesAreNotEmpty() {
        XCTAssertGreaterThan(PersonNames.standard.surnames.count, 1000)
        XCTAssertGreaterThan(PersonNames.standard.givenNames.count, 1000)
        XCTAssertEqual(Normalizer.standard.normalize("子供").normalizedString, "子ども")
        XCTAssertGreaterThan(OpinionClassifier.standard.cueCounts.type, 10)
        XCTAssertGreaterThan(OpinionClassifier.standard.cueCounts.horizon, 5)
        XCTAssertGreaterThan(QuestionTypes.standard.wordCounts.type, 5)
    }
}
