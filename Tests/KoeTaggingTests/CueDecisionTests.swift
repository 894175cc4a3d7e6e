// CueDecisionTests — the decision-only classification a run uses (`decide`) agrees with the full classification
// (`classify`) on type, horizon, deciding cues and sources, for every cue of the lexicons in sentences and
// under the question priors a survey and a workshop give.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class CueDecisionTests: XCTestCase {
    let tokenizer = try! Tokenizer()
    let classifier = OpinionClassifier.standard
    let questions = QuestionTypes.standard

    /// Every cue of a bundled lexicon as written (`{n}` as a number, `$` dropped).
    private func cues(_ name: String) throws -> [String] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "tsv"))
        let tsv = try String(contentsOf: url, encoding: .utf8)
        return tsv.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[1].isEmpty else { return nil }
            return fields[1].replacingOccurrences(of: "{n}", with: "3").replacingOccurrences(of: "{year}", with: "2040")
                .replacingOccurrences(of: "$", with: "")
        }
    }

    private func texts() throws -> [String] {
        let type = try cues("type-cues")
        let horizon = try cues("horizon-cues")
        XCTAssertGreaterThan(type.count, 100)
        var texts = [
            "公園をもっと増やしてほしい", "バスが少なくて不便なので、本数を増やしてほしい。", "自動運転が当たり前の街になってほしい",
            "駐車場が不足している", "世界中のグルメが集まってる", "あいうえお", "", "１０年後には駅前が賑やかになっていてほしい。",
            "すぐに信号を直してください", "2040年には誰もが安心して暮らせる社会", "ＡＩ　で学習した結果の利用の制限を早急に議論する必要がある",
        ]
        for (i, cue) in type.enumerated() {
            texts.append("市の" + cue)
            texts.append(cue + "。" + horizon[i % horizon.count] + "のうちに")
            texts.append(horizon[(i * 7) % horizon.count] + "、道路が" + cue + "。まちが" + type[(i * 13) % type.count])
        }
        for cue in horizon { texts.append(cue + "に駅を整備してほしい") }
        return texts
    }

    func testDecisionAgreesWithTheFullClassification() throws {
        let priors = [
            QuestionPrior(), questions.prior(question: "まちの課題・市への要望（自由記述）"), questions.prior(question: "まちの良いところ（自由記述）"),
            questions.prior(question: "10年後のありたい姿（自由記述）"), questions.prior(headingPath: "第1部 > グループA > 良いところ"),
        ]
        var decided = 0
        for text in try texts() {
            let tokenized = tokenizer.tokenize(text)
            for prior in priors {
                let full = classifier.classify(tokenized, prior: prior)
                let d = classifier.decide(tokenized, prior: prior)
                XCTAssertEqual(d.type, full.type, text)
                XCTAssertEqual(d.horizon, full.horizon, text)
                XCTAssertEqual(d.typeCue, full.typeCue?.cue, text)
                XCTAssertEqual(d.horizonCue, full.horizonCue?.cue, text)
                XCTAssertEqual(d.typeSource, full.typeSource, text)
                XCTAssertEqual(d.horizonSource, full.horizonSource, text)
                XCTAssertEqual(TypeDecision(d), TypeDecision(full), text)
                // What a run records: the same decision, made without copying the prior.
                let r = classifier.record(tokenized, prior: prior)
                XCTAssertEqual(r.type, d.type, text)
                XCTAssertEqual(r.horizon, d.horizon, text)
                XCTAssertEqual(r.typeCue, d.typeCue, text)
                XCTAssertEqual(r.horizonCue, d.horizonCue, text)
                XCTAssertEqual(r.decision(prior), TypeDecision(d), text)
                if d.typeCue != nil { decided += 1 }
            }
        }
        XCTAssertGreaterThan(decided, 500, "the texts exercise the cues")
    }

    /// Katakana fold to hiragana as the haystack is read: a text and its hiragana spelling find the same cues
    /// at the same places, with and without digit runs (which fold into a copy).
    func testKatakanaFoldsWhenRead() throws {
        let lexicon = CueLexicon(
            "要望\tてほしい\n課題\tバス\n課題\tたりない$\n要望\t{n}本\n", rank: ["要望", "課題"], normalizer: .standard)
        let normalizer = Normalizer.standard
        for text in ["バスをフやしテホシイ", "ばすをふやしてほしい", "バスが3本タリナイ。", "ばすが3ほんたりない。", "タリナイ"] {
            let hiragana = String(
                text.unicodeScalars.map { s in
                    (0x30A1...0x30F6).contains(s.value) ? Character(Unicode.Scalar(s.value - 0x60)!) : Character(s)
                })
            let a = lexicon.hits(in: CueHaystack(normalizer.normalize(text)))
            let b = lexicon.hits(in: CueHaystack(normalizer.normalize(hiragana)))
            XCTAssertEqual(a, b, text)
            XCTAssertFalse(a.isEmpty, text)
        }
    }
}
