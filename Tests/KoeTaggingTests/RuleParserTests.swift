// Rule grammar: precedence, every construct, and errors that name line and column and suggest the fix.
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class RuleParserTests: XCTestCase {
    let tokenizer = try! Tokenizer()

    func parse(_ text: String) throws -> RuleExpression {
        var parser = RuleParser(source: RuleSource(text, file: "r.cod", line: 7), keys: { [tokenizer] in tokenizer.keys($0) })
        return try parser.parse()
    }

    func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> KoeError? {
        do {
            _ = try parse(text)
            XCTFail("expected an error for \(text)", file: file, line: line)
            return nil
        } catch let e as KoeError {
            return e
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testPrecedenceNotAndOr() throws {
        XCTAssertEqual(try parse("A | B & C").canonical, "(A | (B & C))")
        XCTAssertEqual(try parse("A & B | C").canonical, "((A & B) | C)")
        XCTAssertEqual(try parse("!A & B").canonical, "(!A & B)")
        XCTAssertEqual(try parse("A or B and not C").canonical, "(A | (B & !C))")
        XCTAssertEqual(try parse("(A | B) & C").canonical, "((A | B) & C)")
        XCTAssertEqual(try parse("A &! B").canonical, "(A & !B)")
        XCTAssertEqual(try parse("A |! B").canonical, "(A | !B)")
        XCTAssertEqual(try parse("not A >= 2").canonical, "!(A >= 2)")
        XCTAssertEqual(try parse("A >= 2 & B").canonical, "((A >= 2) & B)")
        XCTAssertEqual(try parse("A | B | C").canonical, "((A | B) | C)")
    }

    func testSpecExampleWithGluedParenthesesAndBang() throws {
        XCTAssertEqual(try parse("(保育園 | 学童) & !観光").canonical, "((保育園 | 学童) & !観光)")
        XCTAssertEqual(try parse("（保育園｜学童）＆！観光").canonical, "((保育園 | 学童) & !観光)")
    }

    func testConstructs() throws {
        XCTAssertEqual(try parse("卒業+証書").canonical, "卒業+証書")
        if case .word(_, let keys) = try parse("卒業+証書") { XCTAssertEqual(keys, ["卒業", "証書"]) } else { XCTFail() }
        XCTAssertEqual(try parse("near(先生-奥さん)").canonical, "near(先生-奥さん)[10]")
        XCTAssertEqual(try parse("near(先生-奥さん)[8]").canonical, "near(先生-奥さん)[8]")
        XCTAssertEqual(try parse("seq(先生-奥さん)[b9]").canonical, "seq(先生-奥さん)[b9]")
        XCTAssertEqual(try parse("死ぬ == 2").canonical, "(死ぬ == 2)")
        XCTAssertEqual(try parse("'先生と奥さん'").canonical, "'先生と奥さん'")
        XCTAssertEqual(try parse("<＊見出し・上>").canonical, "<＊見出し・上>")
        XCTAssertEqual(try parse("lw <= 10").canonical, "(lw <= 10)")
        XCTAssertEqual(try parse("lc <= 15").canonical, "(lc <= 15)")
    }

    func testPOSFilterIsAClearError() {
        let e = failure("死ぬ->連用タ接続")
        XCTAssertEqual(e?.diagnostic.code, "rule-needs-morphology")
        XCTAssertEqual(e?.diagnostic.location?.row, 7)
        XCTAssertEqual(e?.diagnostic.location?.columnLetter, "3")
        XCTAssertTrue(e?.diagnostic.message.contains("ICU") ?? false)
        XCTAssertEqual(failure("ない-->形容詞B")?.diagnostic.code, "rule-needs-morphology")
    }

    func testMissingSpaceAroundOrSuggestsFix() {
        let e = failure("保育園 or学童")
        XCTAssertEqual(e?.diagnostic.code, "rule-missing-space")
        XCTAssertEqual(e?.diagnostic.location?.columnLetter, "7")
        XCTAssertTrue(e?.diagnostic.hint?.hasSuffix("直すと: 保育園 or 学童") ?? false, e?.diagnostic.hint ?? "")
        XCTAssertTrue(e?.diagnostic.message.contains("保育園 or学童\n") ?? false, "shows the rule")
        XCTAssertTrue(e?.diagnostic.message.hasSuffix("^") ?? false, "caret under the column")
        let e2 = failure("保育園or 学童")
        XCTAssertEqual(e2?.diagnostic.code, "rule-missing-space")
        XCTAssertTrue(e2?.diagnostic.hint?.hasSuffix("直すと: 保育園 or 学童") ?? false)
        XCTAssertEqual(failure("死ぬ>=2")?.diagnostic.code, "rule-missing-space")
    }

    func testMissingOperatorAndParens() {
        let e = failure("保育園 学童")
        XCTAssertEqual(e?.diagnostic.code, "rule-missing-operator")
        XCTAssertEqual(e?.diagnostic.location?.columnLetter, "5")
        XCTAssertTrue(e?.diagnostic.hint?.contains("保育園 | 学童") ?? false)
        XCTAssertEqual(failure("(保育園 | 学童")?.diagnostic.code, "rule-unclosed-paren")
        XCTAssertEqual(failure("保育園 | 学童)")?.diagnostic.code, "rule-syntax")
        XCTAssertEqual(failure("保育園 |")?.diagnostic.code, "rule-syntax")
        XCTAssertEqual(failure("& 保育園")?.diagnostic.code, "rule-syntax")
        XCTAssertEqual(failure("'先生")?.diagnostic.code, "rule-unclosed-string")
        XCTAssertEqual(failure("near(先生)")?.diagnostic.code, "rule-syntax")
    }

    func testUnsupportedConstructs() {
        XCTAssertEqual(failure("<>見出し1-->上＿先生と私")?.diagnostic.code, "rule-unsupported")
        XCTAssertEqual(failure("( No. >= 2 ) and ( No. <= 5 )")?.diagnostic.code, "rule-unsupported")
    }
}

extension RuleParserTests {
    func testHostileRulesFailFast() {
        let deep = String(repeating: "(", count: 5_000) + "A" + String(repeating: ")", count: 5_000)
        XCTAssertEqual(failure(deep)?.diagnostic.code, "rule-too-deep")
        XCTAssertEqual(failure(String(repeating: "! ", count: 500) + "A")?.diagnostic.code, "rule-too-deep")
        let long = (0..<3_000).map { "語\($0)" }.joined(separator: " | ")
        XCTAssertEqual(failure(long)?.diagnostic.code, "rule-too-long")
    }
}
