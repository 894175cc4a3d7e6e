// The pipeline's `type:`/`horizon:` keys (per source and per column) and the sticky-note question that
// travels with each note, even when the board's header note comes after the notes.
import Foundation
import KoeCore
import KoeTagging
import KoeText
import XCTest

@testable import KoePipeline

final class QuestionSettingsTests: XCTestCase {
    private func parse(_ text: String) throws -> PipelineConfig {
        try PipelineConfig.parse(text, file: URL(fileURLWithPath: "/tmp/p/Pipelines/t.yml"), displayPath: "Pipelines/t.yml")
    }

    private func opinion(column: String?, letter: String?, kind: SourceKind = .survey, question: String? = nil) -> Opinion {
        Opinion(
            id: "x", kind: kind, location: SourceLocation(file: "a.csv", row: 2, column: column, columnLetter: letter),
            respondent: nil, text: "夜景", segments: RawSegments(), question: AnsweredQuestion(text: question))
    }

    func testPerColumnAndPerSourceValues() throws {
        let config = try parse(
            """
            sources:
              - path: a.csv
                type: {まちの良いところ: 評価, H: ありたい姿}
                horizon: {H: long}
              - path: notes/*.md
                type: 課題
                horizon: short
            """)
        let perColumn = config.sources[0].questions
        XCTAssertEqual(perColumn.types.map(\.key), ["まちの良いところ", "H"])
        XCTAssertEqual(perColumn.types.map(\.value), ["評価", "提案・ありたい姿"], "aliases are stored as the type's label")
        let byLabel = perColumn.apply(to: opinion(column: "まちの良いところ", letter: "F")).question
        XCTAssertEqual(byLabel.type, "評価")
        XCTAssertEqual(byLabel.settingKey, "まちの良いところ")
        XCTAssertNil(byLabel.horizon)
        let byLetter = perColumn.apply(to: opinion(column: "10年後", letter: "H")).question
        XCTAssertEqual(byLetter.type, "提案・ありたい姿")
        XCTAssertEqual(byLetter.horizon, "long")
        XCTAssertNil(perColumn.apply(to: opinion(column: "自由記述", letter: "G")).question.type)
        let whole = config.sources[1].questions
        XCTAssertEqual(whole.apply(to: opinion(column: "会 > グループA", letter: nil, kind: .workshop)).question.type, "課題")
        XCTAssertEqual(whole.apply(to: opinion(column: nil, letter: nil, kind: .workshop)).question.horizon, "short")
    }

    func testHeadingAndStickyQuestionKeys() throws {
        let config = try parse("sources:\n  - path: n.md\n    type: {良い点: 評価, Q1. 東京: 課題}\n")
        let settings = config.sources[0].questions
        XCTAssertEqual(settings.apply(to: opinion(column: "第1部 > 良い点", letter: nil, kind: .workshop)).question.type, "評価")
        XCTAssertEqual(
            settings.apply(to: opinion(column: nil, letter: "A", kind: .workshop, question: "Q1. 東京")).question.type, "課題")
        XCTAssertNil(settings.apply(to: opinion(column: "第1部 > 良い点ではない", letter: nil, kind: .workshop)).question.type)
    }

    func testBadValuesNameTheLine() {
        for text in ["sources:\n  - path: a.csv\n    type: 意見\n", "sources:\n  - path: a.csv\n    horizon: {F: 中期}\n"] {
            do {
                _ = try parse(text)
                XCTFail("expected an error for \(text)")
            } catch let error as KoeError {
                XCTAssertEqual(error.diagnostic.code, "bad-value")
                XCTAssertEqual(error.diagnostic.location?.row, 3)
                XCTAssertTrue(error.diagnostic.hint?.contains("使える値") ?? false, error.description)
            } catch {
                XCTFail("\(error)")
            }
        }
    }

    func testStickyNotesCarryTheBoardQuestionEvenWhenItComesLast() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-qt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("board.csv")
        try Data("\u{FEFF}\"夜景\"\n\"フレーム 1\"\n\"電車正確\"\n\"Q1. 東京の良いところ\"\n".utf8).write(to: url)
        let sink = CollectingSink()
        try SourceImporter().read(url: url, displayPath: "board.csv", kind: .workshop, into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.map(\.text), ["夜景", "電車正確"])
        XCTAssertEqual(sink.opinions.map(\.question.text), ["Q1. 東京の良いところ", "Q1. 東京の良いところ"])
        XCTAssertEqual(sink.skipped.map(\.code), ["frame-title", "question-header"])
    }
}

/// The real Miro board (three questions whose intent is known): the question header as the prior.
final class MiroQuestionTypeTests: XCTestCase {
    func testAgreementWithTheBoardsQuestions() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora/shin-tokyo-2050-miro")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw XCTSkip("../shared/corpora is absent: the Miro sticky-note types cannot be checked")
        }
        let tokenizer = try Tokenizer()
        let expected: [String: Set<OpinionType>] = ["q1": [.praise], "q2": [.problem, .request], "q5": [.vision]]
        var agree = 0, total = 0, cueOnlyAgree = 0
        for (question, types) in expected.sorted(by: { $0.key < $1.key }) {
            let sink = CollectingSink()
            try SourceImporter().read(
                url: folder.appendingPathComponent("anno-miro-\(question).csv"), displayPath: "\(question).csv", kind: .workshop,
                into: sink, diagnostics: DiagnosticCollector())
            var questionAgree = 0
            for opinion in sink.opinions {
                XCTAssertNotNil(opinion.question.text, "every note carries the board's question")
                let text = tokenizer.tokenize(opinion.text)
                let c = OpinionClassifier.standard.classify(text, prior: QuestionTypes.standard.prior(for: opinion))
                if types.contains(c.type) { questionAgree += 1 }
                if types.contains(OpinionClassifier.standard.classify(text).type) { cueOnlyAgree += 1 }
            }
            XCTAssertGreaterThanOrEqual(Double(questionAgree) / Double(sink.opinions.count), 0.85, question)
            agree += questionAgree
            total += sink.opinions.count
        }
        XCTAssertEqual(total, 290)
        XCTAssertGreaterThanOrEqual(Double(agree) / Double(total), 0.95, "\(agree)/\(total)")
        XCTAssertLessThan(Double(cueOnlyAgree) / Double(total), 0.4, "cues alone agree far less (0.31 before issue 15)")
    }
}
