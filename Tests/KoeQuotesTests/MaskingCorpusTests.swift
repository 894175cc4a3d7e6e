// Masking on real texts nobody here wrote (the shared corpora): prints every span masked as a name so a
// reviewer can judge over-masking, and bounds how many there are.
import Foundation
import XCTest

@testable import KoeQuotes

final class MaskingCorpusTests: XCTestCase {
    private func corpus(_ path: String) throws -> String {
        let url = Corpora.url(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("../shared/corpora/\(path) is absent") }
        return text
    }

    /// Every name span found in the public comments, the Miro stickies and the Yamaguchi comments is written
    /// to a file for review. Reviewed 2026-11-30: the 9 bare full names are all real people (手塚治虫, 葛飾北斎,
    /// 伊藤若冲, 安野貴博); of 17 honorific names 12 are real people (赤松健さん, 岸田さん, 柿沼氏…) and 5 are
    /// words (以下さん, ツイ氏, アニメーションさん, アカウントさん, ドローンちゃん).
    func testNameSpansOnRealTexts() throws {
        let masker = Masker()
        var texts: [String] = []
        texts += CorpusCSV.rows(try corpus("aipubcom-bunkacho-2024/combined_list.csv")).dropFirst().compactMap {
            $0.count > 1 ? $0[1] : nil
        }
        for q in ["q1", "q2", "q5"] {
            texts += CorpusCSV.rows(try corpus("shin-tokyo-2050-miro/anno-miro-\(q).csv")).compactMap(\.first)
        }
        texts += CorpusCSV.rows(try corpus("yamaguchi-koukou-pubcom/opinions_flat.csv")).dropFirst().compactMap {
            $0.count > 7 ? $0[7] : nil
        }
        var counts: [PersonalDataKind: Int] = [:]
        var report = ""
        let start = Date()
        for text in texts {
            for span in Masker.merged(masker.spans(in: text)) {
                counts[span.kind, default: 0] += 1
                let units = Array(text.utf16)
                let lower = max(0, span.range.lowerBound - 6)
                let upper = min(units.count, span.range.upperBound + 4)
                let context = String(decoding: units[lower..<upper], as: UTF16.self)
                let word = String(decoding: units[span.range], as: UTF16.self)
                report += "\(span.kind.rawValue)\t\(word)\t…\(QuoteText.singleLine(context))…\n"
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("koe-masked-spans.tsv")
        try report.write(to: file, atomically: true, encoding: .utf8)
        let summary = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        print("Masked spans in \(texts.count) real texts (\(String(format: "%.2f", seconds)) s): \(summary); every span: \(file.path)")
        XCTAssertGreaterThan(texts.count, 2000)
        XCTAssertLessThanOrEqual(counts[.fullName, default: 0], 10)
        XCTAssertLessThanOrEqual(counts[.honorificName, default: 0], 20)
    }
}
