// PersonNamesListTests — the name lists read by bytes equal the lists read by Characters (the reference below is
// the reading the byte path replaced): on the bundled file and on small lists with every kind of line end.
import Foundation
import XCTest

@testable import KoeQuotes

final class PersonNamesListTests: XCTestCase {
    /// The Character-based reading, kept as the independent reference.
    private func reference(_ list: String) -> (Set<String>, Set<String>) {
        var surnames: Set<String> = []
        var given: Set<String> = []
        for line in list.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            if fields[0] == "姓" { surnames.insert(String(fields[1])) }
            if fields[0] == "名" { given.insert(String(fields[1])) }
        }
        return (surnames, given)
    }

    func testBundledListEqualsCharacterReading() throws {
        let list = try MaskingResource.text("person-names")
        let (surnames, given) = PersonNames.lists(list)
        let (refSurnames, refGiven) = reference(list)
        XCTAssertEqual(surnames, refSurnames)
        XCTAssertEqual(given, refGiven)
        XCTAssertGreaterThan(surnames.count, 1000)
        XCTAssertGreaterThan(given.count, 1000)
    }

    func testSmallListsWithEveryLineEnd() {
        let lists = [
            "姓\t山田\n名\t太郎\n", "# 姓\t偽\n姓\t佐藤\n\n名\t花子", "姓\t\t田中\n名\t一郎\t余り\n姓\t鈴木", "姓\t山田\r\n名\t太郎\r\n",
            "姓\t山田\r名\t太郎", "姓\t山田\u{2028}名\t太郎\u{2029}姓\t佐藤\u{85}名\t次郎\u{0B}姓\t林\u{0C}名\t三郎",
            "姓\t山田—長い線\n名\t\u{3099}太郎\n\n", "姓 山田\n名\t\n\t\n", "",
        ]
        for list in lists {
            let (surnames, given) = PersonNames.lists(list)
            let (refSurnames, refGiven) = reference(list)
            XCTAssertEqual(surnames, refSurnames, list.debugDescription)
            XCTAssertEqual(given, refGiven, list.debugDescription)
        }
        XCTAssertEqual(PersonNames.lists("姓\t\t田中\n名\t一郎\t余り").surnames, ["田中"], "empty fields are left out")
    }
}
