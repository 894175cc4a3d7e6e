// The text analyses through a whole run: the words table and opinions.words in koe.sqlite, the 抽出語 sheet, and
// `koe kwic` over the workspace (conjugated forms, masked context, filters, sort order).
import Foundation
import KoeCore
import KoeRender
import KoeWorkspace
import XCTest

@testable import KoePipeline

final class TextAnalysisRunTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = [
            "ID,年代,性別,地区,要望",
            "a1,30代,女性,広丘,ごみを減らして、道路を大きくしてほしい。",
            "a2,70代,男性,広丘,プラスチックごみを減らさない店が多い。",
            "a3,30代,女性,楢川,ごみを減らそうと田中さんの電話0263-52-1234に相談した。",
            "a4,40代,男性,広丘,バスで病院に回って暮らしやすい町にしたい。",
            "a5,30代,女性,広丘,ごみの量を減らす工夫がほしい。",
        ]
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let text = """
            sources:
              - path: s.csv
                columns: {ID: id, 年代: age, 性別: gender, 地区: district, 要望: text}
            codebook: \(Self.samples.path)/codebook.yml
            output: out
            """
        let config = try PipelineConfig.parse(text, file: folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        _ = try PipelineRunner(config: config, diagnostics: DiagnosticCollector()).run()
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var workspace: URL { folder.appendingPathComponent("out/koe.sqlite") }

    func testWordsTableAndOpinionWords() throws {
        let db = try SQLiteDatabase(url: workspace, readOnly: true)
        let statement = try db.prepare(
            "SELECT word, frequency, opinions FROM words WHERE area = '' AND segment = '' ORDER BY rowid LIMIT 2")
        var top: [String] = []
        while try statement.next() { top.append("\(statement.text(0) ?? "") \(statement.integer(1) ?? 0) \(statement.integer(2) ?? 0)") }
        XCTAssertEqual(top.first, "減らす 4 4")
        let age = try db.prepare("SELECT frequency FROM words WHERE segment = 'age' AND value = '30代' AND word = '減らす'")
        XCTAssertTrue(try age.next())
        XCTAssertEqual(age.integer(0), 3)
        // opinions.words: dictionary forms (大きく → 大きい, 回って → 回る), no function words.
        let words = try db.prepare("SELECT words FROM opinions ORDER BY opinion_rowid")
        var all: [String] = []
        while try words.next() { all.append(words.text(0) ?? "") }
        XCTAssertTrue(all[0].contains("大きい") && !all[0].contains("大く"), all[0])
        XCTAssertTrue(all[3].contains("回る") && !all[3].contains("回う") && all[3].contains("暮らす"), all[3])
    }

    func testKwicFindsEveryConjugatedFormInMaskedText() throws {
        let opened = try QuoteWorkspace(url: workspace)
        let concordance = try Concordance(word: "減らす", in: opened)
        var filter = QuoteFilter()
        filter.words = [concordance.key]
        let opinions = try opened.concordanceOpinions(filter, limit: 100)
        let lines = concordance.lines(opinions, attribution: try opened.attributionGuard(), order: .right)
        // 減らして, 減らさない, 減らそう, 減らす: four forms of one dictionary form, sorted by the right context.
        XCTAssertEqual(lines.map(\.word).sorted(), ["減らさない", "減らして", "減らす", "減らそう"])
        XCTAssertEqual(lines.map(\.right), lines.map(\.right).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let masked = try XCTUnwrap(lines.first { $0.word == "減らそう" })
        XCTAssertEqual(masked.left, "ごみを")
        XCTAssertFalse(masked.right.contains("田中") || masked.right.contains("1234"), masked.right)
        XCTAssertTrue(masked.right.contains("＊＊＊"), masked.right)
        // Filters as koe quotes: 70代 only.
        filter.age = "70代"
        let old = concordance.lines(
            try opened.concordanceOpinions(filter, limit: 100), attribution: try opened.attributionGuard(), order: .left)
        XCTAssertEqual(old.map(\.word), ["減らさない"])
        XCTAssertEqual(old.first?.left, "プラスチックごみを")
        // Left sort: by the context read backwards from the word.
        let left = concordance.lines(opinions, attribution: try opened.attributionGuard(), order: .left)
        let keys = left.map { String($0.left.reversed()) }
        XCTAssertEqual(keys, keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertThrowsError(try Concordance(word: "を", in: opened)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "kwic-no-word")
        }
    }
}
