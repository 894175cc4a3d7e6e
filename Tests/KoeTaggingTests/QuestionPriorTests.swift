// Opinion type and horizon from the question answered (column label, sticky-note header, heading, setting),
// refined by cues: a strong cue overrides the question, other cues only choose among its types.
import KoeCore
import KoeText
import XCTest

@testable import KoeTagging

final class QuestionPriorTests: XCTestCase {
    let tokenizer = try! Tokenizer()
    let classifier = OpinionClassifier.standard
    let questions = QuestionTypes.standard

    func classify(_ text: String, question: String) -> Classification {
        classifier.classify(tokenizer.tokenize(text), prior: questions.prior(question: question))
    }

    func testWordListLoadsFromTheBundle() {
        XCTAssertGreaterThan(questions.wordCounts.type, 40)
        XCTAssertGreaterThan(questions.wordCounts.horizon, 5)
    }

    func testColumnLabels() {
        let praise = questions.prior(question: "まちの良いところ（自由記述）")
        XCTAssertEqual(praise.types, [.praise])
        XCTAssertEqual(praise.typeWord, "良いところ")
        XCTAssertEqual(praise.typeSource, .question)
        XCTAssertEqual(praise.question, "まちの良いところ（自由記述）")
        XCTAssertNil(praise.horizon)
        XCTAssertEqual(questions.prior(question: "まちの課題・市への要望（自由記述）").types, [.problem, .request])
        XCTAssertEqual(questions.prior(question: "市への要望・まちの課題").types, [.request, .problem], "the type named first is the default")
        let vision = questions.prior(question: "10年後のありたい姿（自由記述）")
        XCTAssertEqual(vision.types, [.vision])
        XCTAssertEqual(vision.horizon, .long)
        XCTAssertEqual(vision.horizonWord, "10年後")
        XCTAssertTrue(questions.prior(question: "その他、ご自由にお書きください").isEmpty)
        XCTAssertTrue(questions.prior(question: "回答ID").isEmpty)
    }

    func testStickyNoteQuestionHeaders() {
        XCTAssertEqual(questions.prior(question: "Q1. 自分だけが知っている東京の良いところ").types, [.praise])
        XCTAssertEqual(questions.prior(question: "Q2. 自分だけが知っている東京の伸びしろ！").types, [.problem, .request])
        let q5 = questions.prior(question: "Q5. 2050年、こうなってほしい！ #シン東京2050")
        XCTAssertEqual(q5.types, [.vision])
        XCTAssertEqual(q5.horizon, .long, "a year 2030–2199 in the question is a long horizon")
    }

    func testHeadingPathReadsTheDeepestHeadingFirst() {
        let prior = questions.prior(headingPath: "第2部 10年後の塩尻 > グループA > 現状の課題")
        XCTAssertEqual(prior.types, [.problem])
        XCTAssertEqual(prior.question, "現状の課題")
        XCTAssertEqual(prior.horizon, .long, "the horizon comes from a shallower heading")
        XCTAssertEqual(questions.prior(headingPath: "ありたい姿 > 良いところ").types, [.praise])
        XCTAssertTrue(questions.prior(headingPath: "第1部 > グループA").isEmpty)
    }

    /// The byte-keyed memo in front of the question cache answers what reading afresh answers, a question and
    /// the same text as a heading path apart; a canonically equal spelling still gets the cache's first answer.
    func testRememberedPriorsEqualFreshReadings() {
        XCTAssertFalse(Self.wordList.isEmpty)
        let shared = QuestionTypes(Self.wordList)
        let texts = [
            "まちの良いところ（自由記述）", "市への要望・まちの課題", "10年後のありたい姿", "回答ID", "第2部 10年後の塩尻 > グループA > 現状の課題",
        ]
        for _ in 0..<3 {
            for text in texts {
                XCTAssertEqual(shared.prior(question: text), QuestionTypes(Self.wordList).prior(question: text), text)
                XCTAssertEqual(shared.prior(headingPath: text), QuestionTypes(Self.wordList).prior(headingPath: text), text)
            }
        }
        XCTAssertNotEqual(shared.prior(question: texts[4]), shared.prior(headingPath: texts[4]))
        let composed = "まちの良いところ（ガイド）"
        let decomposed = "まちの良いところ（カ\u{3099}イド）"
        XCTAssertEqual(shared.prior(question: composed).question, composed)
        XCTAssertEqual(shared.prior(question: decomposed).question, composed, "String keys: canonically equal")
        XCTAssertEqual(shared.prior(question: decomposed).question, composed)
        XCTAssertEqual(QuestionTypes(Self.wordList).prior(question: decomposed).question, decomposed)
    }

    /// Resources/question-types.tsv, read from the source tree (each test builds its own uncached instances).
    private static let wordList: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/KoeTagging/Resources/question-types.tsv")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    func testTheQuestionTypesShortNotesAndNounPhrases() {
        for text in ["夜景", "美", "電車正確"] {
            let c = classify(text, question: "まちの良いところ")
            XCTAssertEqual(c.type, .praise, text)
            XCTAssertEqual(c.typeSource, .question, text)
            XCTAssertNil(c.typeCue, text)
        }
        XCTAssertEqual(classify("満員電車", question: "まちの課題・市への要望").type, .problem)
        XCTAssertEqual(classify("ベーシックインカム", question: "10年後のありたい姿").type, .vision)
        XCTAssertEqual(classify("夜景", question: "自由記述").type, .unknown, "no question type and no cue")
        XCTAssertNil(classify("夜景", question: "自由記述").typeSource)
    }

    func testWeakAndOffQuestionCuesDoNotOverride() {
        let c = classify("特にないけど、嫌いではない", question: "まちの良いところ")
        XCTAssertEqual(c.type, .praise, "ない$ is a weak 課題 cue")
        XCTAssertEqual(c.typeSource, .question)
        XCTAssertEqual(classify("特にないけど、嫌いではない", question: "自由記述").type, .problem, "without a question the cue decides")
        XCTAssertEqual(classify("最賃が高い", question: "東京の良いところ").type, .praise, "高い is an ordinary cue")
        XCTAssertEqual(classify("みんなが安心して暮らせる", question: "10年後のありたい姿").type, .vision)
    }

    func testStrongCueOverridesTheQuestion() throws {
        let c = classify("ペットの生体販売禁止を実現してほしい", question: "まちの良いところ")
        XCTAssertEqual(c.type, .request)
        XCTAssertEqual(c.typeSource, .cue)
        XCTAssertEqual(try XCTUnwrap(c.typeCue).cue, "してほしい")
        XCTAssertEqual(classify("駅前が暗くて不安", question: "まちの良いところ").type, .problem)
        XCTAssertEqual(classify("子育て支援が充実していて本当に助かる", question: "まちの課題").type, .praise)
    }

    func testStrongCueInsideAPhraseDoesNotOverride() {
        let c = classify("医療と介護の心配がないまち", question: "10年後のありたい姿")
        XCTAssertEqual(c.type, .vision, "心配 is strong but まち$ ends the text")
        XCTAssertEqual(c.typeSource, .question)
        XCTAssertEqual(classify("困ったときに声をかけてくれる人が多い", question: "まちの良いところ").type, .praise)
        XCTAssertEqual(
            classify("市民の声が届く市役所になっていてほしい", question: "10年後のありたい姿").type, .vision,
            "ていてほしい (a state wished for) is a vision cue, longer than the request cue てほしい")
    }

    func testOrdinaryCueChoosesAmongTheQuestionsTypes() {
        let c = classify("バスがもっとあるといい", question: "まちの課題・市への要望")
        XCTAssertEqual(c.type, .request, "といい is an ordinary 要望 cue and 要望 is asked for")
        XCTAssertEqual(c.typeSource, .cue)
        XCTAssertEqual(classify("バスがもっとあるといい", question: "まちの良いところ").type, .praise)
        let agreeing = classify("バスが少ない", question: "まちの課題・市への要望")
        XCTAssertEqual(agreeing.type, .problem)
        XCTAssertEqual(agreeing.typeSource, .question, "a cue that agrees keeps the question as the source")
        XCTAssertEqual(agreeing.typeCue?.cue, "少ない", "and is kept as evidence")
    }

    func testHorizonFromTheQuestionAndCueOverride() {
        let c = classify("自動運転のバス", question: "10年後のありたい姿")
        XCTAssertEqual(c.horizon, .long)
        XCTAssertEqual(c.horizonSource, .question)
        let urgent = classify("今すぐ信号を付けてほしい", question: "10年後のありたい姿")
        XCTAssertEqual(urgent.horizon, .short)
        XCTAssertEqual(urgent.horizonSource, .cue)
        XCTAssertEqual(urgent.type, .request, "てほしい is strong")
    }

    func testPipelineSettingWinsOverTheLabel() {
        var opinion = Opinion(
            id: "s-2-F", kind: .survey, location: SourceLocation(file: "s.csv", row: 2, column: "自由記述", columnLetter: "F"),
            respondent: "1", text: "夜景", segments: RawSegments())
        XCTAssertTrue(questions.prior(for: opinion).isEmpty)
        opinion.question = AnsweredQuestion(type: "評価", horizon: "long", settingKey: "F")
        let prior = questions.prior(for: opinion)
        XCTAssertEqual(prior.types, [.praise])
        XCTAssertEqual(prior.typeSource, .setting)
        XCTAssertEqual(prior.horizonSource, .setting)
        XCTAssertEqual(prior.question, "F")
        let c = classifier.classify(tokenizer.tokenize(opinion.text), prior: prior)
        XCTAssertEqual(c.type, .praise)
        XCTAssertEqual(c.typeSource, .setting)
        XCTAssertEqual(c.horizon, .long)
    }

    func testOpinionPriorBySourceOfTheQuestion() {
        let survey = Opinion(
            id: "s-2-G", kind: .survey, location: SourceLocation(file: "s.csv", row: 2, column: "まちの課題（自由記述）", columnLetter: "G"),
            respondent: "1", text: "満員電車", segments: RawSegments())
        XCTAssertEqual(questions.prior(for: survey).types, [.problem])
        let note = Opinion(
            id: "w-L9", kind: .workshop, location: SourceLocation(file: "w.md", row: 9, column: "第1部 > グループA > 良いところ"),
            respondent: nil, text: "夜景", segments: RawSegments())
        XCTAssertEqual(questions.prior(for: note).types, [.praise])
        let sticky = Opinion(
            id: "m-L3", kind: .workshop, location: SourceLocation(file: "m.csv", row: 3, columnLetter: "A"), respondent: nil,
            text: "夜景", segments: RawSegments(), question: AnsweredQuestion(text: "Q1. 東京の良いところ"))
        XCTAssertEqual(questions.prior(for: sticky).types, [.praise])
        XCTAssertEqual(questions.prior(for: sticky).question, "Q1. 東京の良いところ")
    }
}
