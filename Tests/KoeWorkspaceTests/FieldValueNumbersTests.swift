// FieldValueNumbersTests — the field numbers the workspace's common-word counting hands out by a value's bytes:
// found by identity (remembered values), by the last value and by the bytes' hash alike, so a value spelled in
// fresh storage, one seen before and one past the remembered identities all get the number first given.
import Foundation
import XCTest

@testable import KoeWorkspace

final class FieldValueNumbersTests: XCTestCase {
    /// A String with `text`'s bytes in storage of its own (not the literal's, not a small string when long).
    private func fresh(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    /// Numbers handed out as QuoteCommonWords does: the known one, else the next, recorded.
    private func number(_ numbers: inout FieldValueNumbers, _ given: inout [String: Int32], _ slot: Int, _ value: String) -> Int32 {
        if let n = numbers.number(slot, value) { return n }
        let n = given[value] ?? Int32(given.count)
        given[value] = n
        numbers.add(slot, value, number: n)
        return n
    }

    func testEveryPathGivesTheFirstNumber() {
        var numbers = FieldValueNumbers()
        var given: [String: Int32] = [:]
        // More distinct values than identities are remembered; long (heap) and short (small) ones, each seen again
        // in fresh storage and interleaved with other values.
        let values = (0..<(FieldValueNumbers.identities + 9)).map { i in
            i.isMultiple(of: 2) ? "提案・ありたい姿の区分その\(i)" : "\(i)代"
        }
        var expected: [String: Int32] = [:]
        for round in 0..<4 {
            for (i, value) in values.enumerated() {
                let spelled = round == 0 ? value : fresh(value)
                let n = number(&numbers, &given, i % 5 == 0 ? 1 : 2, spelled)
                if let e = expected[value] {
                    XCTAssertEqual(n, e, "\(value) in round \(round)")
                } else {
                    expected[value] = n
                }
            }
        }
        XCTAssertEqual(Set(expected.values).count, values.count)
        // A value's bytes under another field are not that field's value.
        XCTAssertNil(numbers.number(3, values[0]))
    }
}
