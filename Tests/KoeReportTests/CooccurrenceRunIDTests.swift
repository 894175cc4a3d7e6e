// CooccurrenceRunIDTests — words passed with the run's word ids (the delivery thread's `TaggedOpinion.wordIDs`)
// give the same counts, networks, display forms and pruning as words passed alone.
import XCTest

@testable import KoeReport

final class CooccurrenceRunIDTests: XCTestCase {
    /// Run ids as the delivery thread hands them out: dense, in the order words are first met, equal words equal ids.
    private struct RunIDs {
        var ids: [String: Int32] = [:]
        mutating func of(_ words: [String]) -> [Int32] {
            words.map { word in
                if let id = ids[word] { return id }
                let id = Int32(ids.count)
                ids[word] = id
                return id
            }
        }
    }

    private func both(
        limits: CooccurrenceBuilder.Limits = CooccurrenceBuilder.Limits(), _ opinions: [([String], [String], String?)]
    ) -> (plain: CooccurrenceBuilder, byID: CooccurrenceBuilder) {
        var plain = CooccurrenceBuilder(trackedAreas: ["A"], limits: limits)
        var byID = CooccurrenceBuilder(trackedAreas: ["A"], limits: limits)
        var run = RunIDs()
        for (words, areas, text) in opinions {
            plain.add(words: words, areas: areas, text: text)
            byID.add(words: words, runIDs: run.of(words), areas: areas, text: text)
        }
        return (plain, byID)
    }

    func testSameNetworksKeywordsAndDisplayForms() throws {
        let opinions: [([String], [String], String?)] = [
            (["ばす", "本数", "ぼ", "本数"], ["A"], " バスの本数"), (["ばす", "駅", "公園"], [], "バスと駅と公園"),
            (["公園", "遊具", "ばす"], ["A"], "公園の遊具"), (["駅", "駐輪場"], [], nil), (["ばす", "本数"], ["A"], nil),
            (["公園", "遊具"], [], nil), (["ぼ"], [], nil),
        ]
        let (plain, byID) = both(opinions)
        let options = NetworkOptions(maxEdges: 20, minFrequency: 1)
        XCTAssertNotNil(plain.network(options: options))
        XCTAssertEqual(String(describing: byID.network(options: options)), String(describing: plain.network(options: options)))
        XCTAssertEqual(
            String(describing: byID.network(area: "A", options: options)),
            String(describing: plain.network(area: "A", options: options)))
        XCTAssertEqual(byID.untaggedKeywords(limit: 10).map(\.term), plain.untaggedKeywords(limit: 10).map(\.term))
        XCTAssertEqual(byID.display("ばす"), "バス", "the katakana spelling of the first text the word was met in")
        XCTAssertEqual(byID.vocabularyCount, plain.vocabularyCount, "lone kana fragments are never counted")
    }

    func testSameAfterPruningDropsAndBringsBackWords() throws {
        // A tail of rare words prunes the vocabulary again and again; rare words come back later (with a new
        // builder id) and must be counted as the string path counts them.
        var opinions: [([String], [String], String?)] = []
        for i in 0..<3_000 {
            var words = ["rare\(i % 700)", "tail\(i)"]
            if i % 3 == 0 { words += ["子育て", "支援"] }
            if i % 5 == 0 { words.append("公園") }
            opinions.append((words, i % 2 == 0 ? ["A"] : [], nil))
        }
        let (plain, byID) = both(limits: CooccurrenceBuilder.Limits(maxVocabulary: 64), opinions)
        XCTAssertGreaterThan(plain.prunedBelow, 0, "the fixture must prune")
        XCTAssertEqual(byID.prunedBelow, plain.prunedBelow)
        XCTAssertEqual(byID.vocabularyCount, plain.vocabularyCount)
        let options = NetworkOptions(maxEdges: 10, minFrequency: 3)
        XCTAssertNotNil(plain.network(options: options))
        XCTAssertEqual(String(describing: byID.network(options: options)), String(describing: plain.network(options: options)))
        XCTAssertEqual(byID.untaggedKeywords(limit: 10).map(\.term), plain.untaggedKeywords(limit: 10).map(\.term))
    }

    func testIDsNotParallelToWordsAreIgnored() throws {
        var plain = CooccurrenceBuilder(trackedAreas: [])
        var byID = CooccurrenceBuilder(trackedAreas: [])
        plain.add(words: ["バス", "本数"], areas: [])
        byID.add(words: ["バス", "本数"], runIDs: [0], areas: [])
        plain.add(words: ["バス", "本数"], areas: [])
        byID.add(words: ["バス", "本数"], runIDs: [], areas: [])
        let options = NetworkOptions(maxEdges: 5, minFrequency: 1)
        XCTAssertEqual(byID.network(options: options)?.edges.first?.count, 2)
        XCTAssertEqual(String(describing: byID.network(options: options)), String(describing: plain.network(options: options)))
    }
}
