// Content words and their counted dictionary forms: what the word list, co-occurrence and word search count.
import XCTest

@testable import KoeText

final class ContentWordTests: XCTestCase {
    private func words(_ text: String) throws -> [String] {
        try Tokenizer().tokenize(text).contentWords(display: true)
    }

    func testCountedDictionaryForms() throws {
        // Each line of the issue: 大きく→大きい (not 大く), 回って→回る (not 回う), 聞こう→聞く, 暮らす.
        XCTAssertEqual(try words("道路が大きく、バスで回って話を聞こう。"), ["道路", "大きい", "バス", "回る", "話", "聞く"])
        XCTAssertEqual(try words("暮らしやすい町で暮らす"), ["暮らす", "町", "暮らす"])
        // Ichidan beats a godan potential; っ- and ん-forms by the kanji lists.
        XCTAssertEqual(try words("考えています。受けて進めて"), ["考える", "受ける", "進める"])
        XCTAssertEqual(try words("言って持って守って選んで読んで"), ["言う", "持つ", "守る", "選ぶ", "読む"])
        // A word written in dictionary form counts as written; a bare 連用形 before a particle is a noun.
        XCTAssertEqual(try words("働けるように取り組みを続ける"), ["働ける", "取り組み", "続ける"])
        XCTAssertEqual(try words("減らそうと減らして減らさない"), ["減らす", "減らす", "減らす"])
    }

    func testFunctionWordsAreNotContent() throws {
        XCTAssertEqual(try words("せめて公園を増やしてほしいでしょう"), ["公園", "増やす"])
        XCTAssertEqual(try words("そもそも県に対して私は何もしょう"), ["県"])
        XCTAssertEqual(try words("例えば及び場合によって今後"), [])
    }

    func testLoneKanjiNounsAndKatakanaPieces() throws {
        // A lone kanji between particles is a noun; one ICU cut off a longer word is not (周|南市, 見|守り).
        XCTAssertEqual(try words("町の人が県に"), ["町", "人", "県"])
        XCTAssertEqual(try words("2024年に"), [])
        // Katakana pieces ICU cut short join into one word; longer katakana words stay apart.
        XCTAssertEqual(try words("クリエイターとハザードマップ"), ["クリエイター", "ハザード", "マップ"])
    }

    func testFunctionKanjiLookupEqualsTheStringSet() {
        // Every listed word of two or more units is a function word, and the same word with one kanji more or one
        // unit less is looked up as what it is in the String set (the reference the unit table replaced).
        let roles = WordRoles()
        var checked = 0
        for word in WordRoles.functionKanji where word.utf16.count >= 2 {
            for candidate in [word, word + "所", "市" + word, String(word.dropLast())] {
                let units = Array(candidate.utf16)
                let kanji = units.filter(Conjugation.isKanji).count
                let hiragana = units.filter(Conjugation.isHiragana).count
                guard kanji > 0, kanji + hiragana == units.count, !(kanji == 1 && hiragana == 0) else { continue }
                let expected: Token.Role = WordRoles.functionKanji.contains(candidate) ? .function : .content
                let role = units.withUnsafeBufferPointer { u in
                    roles.role(
                        u, RawWord(start: 0, end: u.count, status: 400, forms: FormSet(), lexicon: false), kind: .ideograph,
                        hash: HashedWords.hash(units[...]))
                }
                XCTAssertEqual(role, expected, candidate)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 150)
    }

    func testKeysAndDisplayFormsAtOnceEqualEachAlone() throws {
        // Words with katakana or capitals fold in their key (バス → ばす, AI → ai); the others share one String.
        let tokenizer = try Tokenizer()
        var allKeys: Set<String> = []
        for text in [
            "AIでバスのクリエイターが減らそうとしたBook、子どもたちの公園を守って", "ＵＲＬとＷｉ－Ｆｉを見直して、ゲームセンターへ行こう",
            "大きく強く考えています",
        ] {
            let t = tokenizer.tokenize(text)
            let forms = t.contentWordForms()
            XCTAssertEqual(forms.keys, t.contentWords(display: false), text)
            XCTAssertEqual(forms.display, t.contentWords(display: true), text)
            allKeys.formUnion(forms.keys)
        }
        XCTAssertTrue(allKeys.isSuperset(of: ["ばす", "ai", "url", "大きい", "考える"]), "folded and unfolded keys are checked")
    }
}
