// DictionaryForm.possibleStems is what the tagger's precheck trusts: every dictionary form the tokenizer gives a
// word on real text has a stem that the function lists for the form's key.
import Foundation
import XCTest

@testable import KoeText

final class DictionaryFormStemTests: XCTestCase {
    func testPossibleStems() {
        func stems(_ key: String) -> [String] {
            DictionaryForm.possibleStems(of: Array(key.utf16)).map { String(decoding: Array($0), as: UTF16.self) }
        }
        XCTAssertEqual(stems("働く"), ["働"])
        XCTAssertEqual(stems("見直す"), ["見直"])
        XCTAssertEqual(stems("勉強する"), ["勉強す", "勉強"], "a godan す reading and a する reading")
        XCTAssertEqual(stems("する"), [""], "する's kana lemma")
        XCTAssertEqual(stems("なる"), ["な"])
        XCTAssertEqual(stems("ばす"), [], "no kanji, no kana lemma")
        XCTAssertEqual(stems("保育園"), [])
    }

    /// `DictionaryForms` keeps its forms packed (hashes apart, stems and endings three bytes each): every field reads
    /// back as added, at the extremes too, a repeated hash is not added twice, and a fifth form is dropped.
    func testPackedFormsReadBackAsAdded() {
        let added = [
            DictionaryForm(stemStart: 0, stemEnd: 255, ending: 10, hash: 1),
            DictionaryForm(stemStart: 255, stemEnd: 0, ending: 255, hash: .max),
            DictionaryForm(stemStart: 7, stemEnd: 9, ending: 0, hash: 0x8000_0000_0000_0000),
            DictionaryForm(stemStart: 1, stemEnd: 2, ending: 3, hash: 42),
        ]
        var forms = DictionaryForms()
        XCTAssertEqual(forms.count, 0)
        for (i, form) in added.enumerated() {
            forms.add(form)
            forms.add(DictionaryForm(stemStart: 9, stemEnd: 9, ending: 9, hash: form.hash))  // same hash: not added
            XCTAssertEqual(forms.count, i + 1)
            for k in 0...i { XCTAssertEqual(forms[k], added[k]) }
        }
        forms.add(DictionaryForm(stemStart: 3, stemEnd: 4, ending: 5, hash: 7))
        XCTAssertEqual(forms.count, DictionaryForms.capacity)
        XCTAssertEqual(forms[3], added[3])
        XCTAssertEqual(forms[7], added[3], "an index past the last reads form 3")
    }

    /// Every form of every word of the sample answers and the shared corpora (when present) has a listed stem.
    func testEveryFormOnRealTextHasAListedStem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = [root.appendingPathComponent("Samples/survey/citizen-survey.csv")]
        files += try FileManager.default.contentsOfDirectory(
            at: root.appendingPathComponent("Samples/workshops"), includingPropertiesForKeys: nil)
        for path in ["aipubcom-bunkacho-2024/combined_list.csv", "yamaguchi-koukou-pubcom/opinions_flat.csv"] {
            files.append(root.appendingPathComponent("../shared/corpora/" + path).standardizedFileURL)
        }
        let tokenizer = try Tokenizer()
        var forms = 0
        for url in files where FileManager.default.fileExists(atPath: url.path) {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let text = tokenizer.tokenize(String(line))
                let units = text.normalized.units
                for token in text.tokens {
                    for i in 0..<token.forms.count {
                        let f = token.forms[i]
                        let start = token.normalizedRange.lowerBound
                        let stem = units[(start + Int(f.stemStart))..<(start + Int(f.stemEnd))].map(WordHash.fold)
                        let key = stem + DictionaryForm.endings[Int(f.ending)]
                        let listed = DictionaryForm.possibleStems(of: key).contains { $0.elementsEqual(stem) }
                        XCTAssertTrue(listed, "\(text.surface(of: token)): stem \(String(decoding: stem, as: UTF16.self))")
                        forms += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(forms, 1000)
    }
}
