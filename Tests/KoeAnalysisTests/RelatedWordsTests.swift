// Related words (関連語): G² and p checked against scipy, Jaccard over opinions, keywords marked.
import KoeCore
import XCTest

@testable import KoeAnalysis

final class RelatedWordsTests: XCTestCase {
    /// Reference values from scipy 1.17.1, run once: `scipy.stats.chi2_contingency(obs, correction=False,
    /// lambda_='log-likelihood')` → (G², p) for each 2 × 2 table [[a, b], [c, d]].
    func testG2AndPMatchScipy() {
        let cases: [([Int], Double, Double)] = [
            ([8, 4, 12, 76], 14.702092638832037, 0.00012590660780790992),
            ([3, 1, 2, 94], 15.761522539399996, 7.184898466834928e-05),
            ([20, 30, 15, 935], 81.91353644804343, 1.4217222381645795e-19),
        ]
        for (t, g2, p) in cases {
            let value = RelatedWords.g2(t[0], t[1], t[2], t[3])
            XCTAssertEqual(value, g2, accuracy: 1e-9 * g2)
            XCTAssertEqual(ChiSquareDistribution.upperTail(value, df: 1) ?? -1, p, accuracy: 1e-9 * p)
        }
    }

    func testJaccardOverOpinionsAndKeywordsMarked() {
        let counter = WordCounter(areas: ["4"])
        // 4 opinions tagged 4, 6 not; バス in 3 tagged and 1 untagged; 駅 in 2 tagged.
        for i in 0..<10 {
            var keys: [String] = []
            if i < 3 || i == 9 { keys.append("ばす") }
            if i == 0 || i == 1 { keys.append("駅") }
            counter.add(keys: keys, display: keys.map { $0 == "ばす" ? "バス" : $0 }, areas: i < 4 ? ["4"] : [], segments: Segments())
        }
        let related = RelatedWords.compute(counter, areas: ["4"], keywordKeys: [["ばす"]])
        XCTAssertEqual(related.map(\.word), ["バス", "駅"])
        // バス: 3 with both / (4 with the word + 4 tagged − 3) = 3/5; 駅: 2 / (2 + 4 − 2) = 1/2.
        XCTAssertEqual(related[0].jaccard, 0.6, accuracy: 1e-12)
        XCTAssertEqual(related[1].jaccard, 0.5, accuracy: 1e-12)
        XCTAssertEqual(related[0].g2, RelatedWords.g2(3, 1, 1, 5), accuracy: 1e-12)
        XCTAssertEqual(related.map(\.isKeyword), [true, false])
    }
}
