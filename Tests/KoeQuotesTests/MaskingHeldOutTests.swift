// Held-out masking set scorer: parses ⟦KIND:span⟧ gold markup, masks each answer and prints recall and precision per kind,
// over-masking on decoy answers and every leaked span. The set itself stays outside the repository until the rules freeze.
import Foundation
import XCTest

@testable import KoeQuotes

/// One piece of personal data marked in the set: its kind and its UTF-16 offsets in the text without markup.
struct HeldOutGold: Equatable {
    let kind: String
    let range: Range<Int>
}

/// One answer of the set: its class (`kind-variant`, or `decoy-…` for a clean answer), text and gold spans.
struct HeldOutAnswer {
    let line: Int
    let answerClass: String
    let text: String
    let gold: [HeldOutGold]

    /// The part of the class before the first `-`: a kind of personal data, or `decoy`.
    var classKind: String { String(answerClass.prefix { $0 != "-" }) }
    var isDecoy: Bool { classKind == "decoy" }
}

/// What the masker left of one gold span.
enum HeldOutOutcome: String {
    case caught, partial, missed
}

/// Counts for one kind or class: gold spans by outcome, predicted spans that hit gold and those that hit nothing.
struct HeldOutTally {
    var gold = 0
    var caught = 0
    var partial = 0
    var missed = 0
    var predictedOnGold = 0
    var predictedElsewhere = 0

    mutating func add(_ outcome: HeldOutOutcome) {
        gold += 1
        switch outcome {
        case .caught: caught += 1
        case .partial: partial += 1
        case .missed: missed += 1
        }
    }

    var recall: Double? { gold == 0 ? nil : Double(caught) / Double(gold) }
    var precision: Double? {
        let predicted = predictedOnGold + predictedElsewhere
        return predicted == 0 ? nil : Double(predictedOnGold) / Double(predicted)
    }
}

/// A gold span the masker did not fully hide; `shown` has its masked units as ＊.
struct HeldOutLeak {
    let line: Int
    let kind: String
    let answerClass: String
    let outcome: HeldOutOutcome
    let shown: String
    /// The review reasons the answer's printed quote carries (empty: the leak would print unflagged).
    var review: [String] = []
}

/// The figures of one run over the set.
struct HeldOutScore {
    var byKind: [String: HeldOutTally] = [:]
    var byClass: [String: HeldOutTally] = [:]
    var overall = HeldOutTally()
    var decoyLines = 0
    var decoyLinesMasked = 0
    var overMasked: [(line: Int, answerClass: String, span: String)] = []
    var leaks: [HeldOutLeak] = []
    /// Decoy answers whose printed quote carries a review reason (false alarms), with the reasons.
    var decoysFlagged: [(line: Int, answerClass: String, review: [String])] = []

    /// Leaked spans whose answer carries at least one review reason.
    var leaksFlagged: Int { leaks.filter { !$0.review.isEmpty }.count }
}

/// Parsing and scoring of the held-out set (`class<TAB>text`, `#` comments and blank lines skipped).
enum HeldOutSet {
    static let kinds = ["phone", "email", "url", "sns", "postal", "address", "name", "birthdate", "idnumber", "plate"]

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "masking set line \(line): \(reason)" }
    }

    static func parse(_ contents: String) throws -> [HeldOutAnswer] {
        var answers: [HeldOutAnswer] = []
        // "\r\n" is one Character, a newline like "\n".
        for (index, line) in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else { throw ParseError(line: index + 1, reason: "no tab after the class") }
            let (text, gold) = try markup(String(line[line.index(after: tab)...]), line: index + 1)
            answers.append(HeldOutAnswer(line: index + 1, answerClass: String(line[..<tab]), text: text, gold: gold))
        }
        return answers
    }

    /// Strips `⟦KIND:span⟧` markup, returning the plain text and the gold spans in its UTF-16 offsets.
    static func markup(_ marked: String, line: Int) throws -> (String, [HeldOutGold]) {
        var text = String.UnicodeScalarView()
        var offset = 0
        var gold: [HeldOutGold] = []
        var kind: String?  // non-nil while reading a kind
        var spanStart: Int?  // non-nil inside a span
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "⟦":
                guard kind == nil, spanStart == nil else { throw ParseError(line: line, reason: "⟦ inside a span") }
                kind = ""
            case ":" where kind != nil && spanStart == nil:
                guard let name = kind, kinds.contains(name) else {
                    throw ParseError(line: line, reason: "unknown kind \(kind ?? "")")
                }
                spanStart = offset
            case "⟧":
                guard let name = kind, let start = spanStart else { throw ParseError(line: line, reason: "⟧ without ⟦KIND:") }
                guard start < offset else { throw ParseError(line: line, reason: "empty \(name) span") }
                gold.append(HeldOutGold(kind: name, range: start..<offset))
                kind = nil
                spanStart = nil
            default:
                if let name = kind, spanStart == nil {
                    guard name.count < 12 else { throw ParseError(line: line, reason: "⟦ without KIND:") }
                    kind = name + String(scalar)
                } else {
                    text.append(scalar)
                    offset += scalar.utf16.count
                }
            }
        }
        guard kind == nil else { throw ParseError(line: line, reason: "⟦ without its ⟧") }
        return (String(text), gold)
    }

    /// For each UTF-16 unit: true when it belongs to a letter or digit (kana, kanji and 〇 included), the units a
    /// reader could use; spaces and punctuation left visible between masked parts do not count as a leak.
    static func significance(_ text: String) -> [Bool] {
        var flags: [Bool] = []
        for scalar in text.unicodeScalars {
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            flags.append(contentsOf: repeatElement(keep, count: scalar.utf16.count))
        }
        return flags
    }

    /// Caught when the predicted spans together cover every letter and digit of the gold span.
    static func outcome(of gold: Range<Int>, predicted: [Range<Int>], significant: [Bool]) -> HeldOutOutcome {
        let overlapping = predicted.filter { $0.overlaps(gold) }
        if overlapping.isEmpty { return .missed }
        let visible = gold.contains { unit in significant[unit] && !overlapping.contains { $0.contains(unit) } }
        return visible ? .partial : .caught
    }

    /// Scores `answers`: `predict` gives the masked spans of a text, `review` the review reasons its printed
    /// quote carries (the masker's, on the masked text).
    static func score(
        _ answers: [HeldOutAnswer], predict: (String) -> [Range<Int>], review: (String) -> [String] = { _ in [] }
    ) -> HeldOutScore {
        var score = HeldOutScore()
        for answer in answers {
            let predicted = predict(answer.text)
            let reasons = review(answer.text)
            if answer.isDecoy, !reasons.isEmpty { score.decoysFlagged.append((answer.line, answer.answerClass, reasons)) }
            let significant = significance(answer.text)
            for gold in answer.gold {
                let result = outcome(of: gold.range, predicted: predicted, significant: significant)
                score.byKind[gold.kind, default: HeldOutTally()].add(result)
                score.byClass[answer.answerClass, default: HeldOutTally()].add(result)
                score.overall.add(result)
                if result != .caught {
                    let shown = render(answer.text, gold.range, predicted)
                    score.leaks.append(
                        HeldOutLeak(
                            line: answer.line, kind: gold.kind, answerClass: answer.answerClass, outcome: result, shown: shown,
                            review: reasons))
                }
            }
            count(predicted, in: answer, into: &score)
        }
        return score
    }

    private static func count(_ predicted: [Range<Int>], in answer: HeldOutAnswer, into score: inout HeldOutScore) {
        if answer.isDecoy {
            score.decoyLines += 1
            if !predicted.isEmpty { score.decoyLinesMasked += 1 }
        }
        for span in predicted {
            let hit = Set(answer.gold.filter { $0.range.overlaps(span) }.map(\.kind))
            if hit.isEmpty {
                score.overall.predictedElsewhere += 1
                score.byClass[answer.answerClass, default: HeldOutTally()].predictedElsewhere += 1
                if answer.isDecoy {
                    score.overMasked.append((answer.line, answer.answerClass, substring(answer.text, span)))
                } else {
                    score.byKind[answer.classKind, default: HeldOutTally()].predictedElsewhere += 1
                }
            } else {
                score.overall.predictedOnGold += 1
                score.byClass[answer.answerClass, default: HeldOutTally()].predictedOnGold += 1
                for kind in hit { score.byKind[kind, default: HeldOutTally()].predictedOnGold += 1 }
            }
        }
    }

    static func substring(_ text: String, _ range: Range<Int>) -> String {
        let units = Array(text.utf16)
        let clamped = range.clamped(to: 0..<units.count)
        return String(decoding: units[clamped], as: UTF16.self)
    }

    /// The gold span as a reader would see it: units covered by a predicted span shown as ＊.
    static func render(_ text: String, _ gold: Range<Int>, _ predicted: [Range<Int>]) -> String {
        var shown = ""
        var offset = 0
        for scalar in text.unicodeScalars {
            defer { offset += scalar.utf16.count }
            guard gold.contains(offset) else { continue }
            shown += predicted.contains { $0.contains(offset) } ? "＊" : String(scalar)
        }
        return shown
    }

    static func report(_ score: HeldOutScore) -> String {
        var out = ["kind       gold caught partial missed recall  onGold other precision"]
        func row(_ name: String, _ tally: HeldOutTally, width: Int = 10) -> String {
            func column(_ value: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - value.count)) + value }
            let recall = tally.recall.map { String(format: "%.3f", $0) } ?? "-"
            let precision = tally.precision.map { String(format: "%.3f", $0) } ?? "-"
            let counts = [tally.gold, tally.caught, tally.partial, tally.missed].map(String.init)
            return name.padding(toLength: max(name.count, width), withPad: " ", startingAt: 0)
                + zip(counts, [5, 7, 8, 7]).map { column($0, $1) }.joined() + column(recall, 7)
                + column(String(tally.predictedOnGold), 8) + column(String(tally.predictedElsewhere), 6) + column(precision, 10)
        }
        for kind in kinds { out.append(row(kind, score.byKind[kind] ?? HeldOutTally())) }
        out.append(row("all", score.overall))
        let share = score.decoyLines == 0 ? 0 : Double(score.decoyLinesMasked) / Double(score.decoyLines)
        out.append(
            String(format: "decoy lines %d, with any mask %d (%.3f)", score.decoyLines, score.decoyLinesMasked, share))
        out.append("over-masked spans on decoy lines:")
        for span in score.overMasked { out.append("  line \(span.line)  \(span.answerClass)  「\(span.span)」") }
        out.append("per class:\n  class             gold caught partial missed recall  onGold other precision")
        for (name, tally) in score.byClass.sorted(by: { $0.key < $1.key }) where tally.gold > 0 {
            out.append("  " + row(name, tally, width: 18))
        }
        out.append("leaked gold spans (partial: masked units shown as ＊; review= the reasons its quote carries, - for none):")
        for leak in score.leaks {
            let review = leak.review.isEmpty ? "-" : leak.review.joined(separator: "・")
            out.append(
                "  line \(leak.line)  \(leak.kind)  \(leak.answerClass)  \(leak.outcome.rawValue)  「\(leak.shown)」  review=\(review)")
        }
        out.append(shareLine("leaked spans flagged for review", score.leaksFlagged, score.leaks.count))
        out.append(shareLine("decoy lines flagged for review (false alarms)", score.decoysFlagged.count, score.decoyLines))
        for decoy in score.decoysFlagged {
            out.append("  line \(decoy.line)  \(decoy.answerClass)  review=\(decoy.review.joined(separator: "・"))")
        }
        return out.joined(separator: "\n")
    }

    /// `label N/M (share)`, the share with three decimals (0.000 when M is 0).
    static func shareLine(_ label: String, _ count: Int, _ total: Int) -> String {
        String(format: "%@ %d/%d (%.3f)", label, count, total, total == 0 ? 0 : Double(count) / Double(total))
    }
}

final class MaskingHeldOutTests: XCTestCase {
    func testMarkupBecomesUTF16OffsetsOfTheStrippedText() throws {
        let (text, gold) = try HeldOutSet.markup("😀電話は⟦phone:０９０　1234⟧、⟦name:岡田⟧です", line: 1)
        XCTAssertEqual(text, "😀電話は０９０　1234、岡田です")
        XCTAssertEqual(gold, [HeldOutGold(kind: "phone", range: 5..<13), HeldOutGold(kind: "name", range: 14..<16)])
        XCTAssertEqual(HeldOutSet.substring(text, gold[0].range), "０９０　1234")
        let answers = try HeldOutSet.parse("# comment\n\nname-self\t⟦name:岡田⟧です\r\ndecoy-role\tヘルパーさん\n")
        XCTAssertEqual(answers.map(\.line), [3, 4])
        XCTAssertEqual(answers.map(\.classKind), ["name", "decoy"])
        XCTAssertEqual(answers.last?.text, "ヘルパーさん")
    }

    func testMalformedMarkupIsRefusedWithItsLine() {
        for bad in ["⟦phone:090", "090⟧", "⟦phone:⟦name:x⟧⟧", "⟦cat:x⟧", "⟦phone:⟧", "⟦岡田さん⟧ではない文章です"] {
            XCTAssertThrowsError(try HeldOutSet.parse("phone-x\t\(bad)"), bad) { error in
                XCTAssertEqual((error as? HeldOutSet.ParseError)?.line, 1)
            }
        }
        XCTAssertThrowsError(try HeldOutSet.parse("no tab here"))
    }

    func testOutcomesIgnoreVisibleSpacesAndPunctuationOnly() {
        let text = "連絡は090 - 1234 - 5678まで"
        let significant = HeldOutSet.significance(text)
        let gold = 3..<20
        XCTAssertEqual(HeldOutSet.outcome(of: gold, predicted: [0..<25], significant: significant), .caught)
        // Separate masks leaving only " - " visible: nothing readable leaks.
        XCTAssertEqual(HeldOutSet.outcome(of: gold, predicted: [3..<6, 9..<13, 16..<20], significant: significant), .caught)
        XCTAssertEqual(HeldOutSet.outcome(of: gold, predicted: [3..<13], significant: significant), .partial)
        XCTAssertEqual(HeldOutSet.outcome(of: gold, predicted: [20..<22], significant: significant), .missed)
        XCTAssertEqual(HeldOutSet.render(text, gold, [3..<13]), "＊＊＊＊＊＊＊＊＊＊ - 5678")
    }

    func testScoreCountsRecallPrecisionAndDecoys() throws {
        let answers = try HeldOutSet.parse(
            "phone-a\t電話⟦phone:52の1234⟧と⟦name:岡田⟧\nphone-b\t⟦phone:090-1111-2222⟧です\n"
                + "decoy-role\tヘルパーさんが来ない\ndecoy-count\t3人です\n")
        let predictions: [String: [Range<Int>]] = [
            "電話52の1234と岡田": [2..<9, 10..<12], "090-1111-2222です": [0..<8, 14..<15], "ヘルパーさんが来ない": [0..<4],
        ]
        let score = HeldOutSet.score(answers) { predictions[$0] ?? [] }
        let phone = try XCTUnwrap(score.byKind["phone"])
        XCTAssertEqual([phone.gold, phone.caught, phone.partial, phone.missed], [2, 1, 1, 0])
        XCTAssertEqual([phone.predictedOnGold, phone.predictedElsewhere], [2, 1])
        XCTAssertEqual(score.byKind["name"]?.caught, 1)
        XCTAssertEqual([score.overall.predictedOnGold, score.overall.predictedElsewhere], [3, 2])
        XCTAssertEqual([score.decoyLines, score.decoyLinesMasked], [2, 1])
        XCTAssertEqual(score.overMasked.map(\.span), ["ヘルパー"])
        XCTAssertEqual(score.leaks.map(\.shown), ["＊＊＊＊＊＊＊＊-2222"])
        XCTAssertTrue(HeldOutSet.report(score).contains("decoy lines 2, with any mask 1 (0.500)"))
    }

    func testLeaksAndDecoysCarryTheirReviewReasons() throws {
        let answers = try HeldOutSet.parse("phone-a\t電話⟦phone:52の1234⟧です\nname-a\t⟦name:岡田⟧です\ndecoy-count\t3人です\ndecoy-x\tid 123456\n")
        let review: [String: [String]] = ["電話52の1234です": ["番号らしき数字"], "id 123456": ["番号らしき数字"]]
        let score = HeldOutSet.score(answers, predict: { _ in [] }, review: { review[$0] ?? [] })
        XCTAssertEqual(score.leaks.map(\.review), [["番号らしき数字"], []])
        XCTAssertEqual(score.leaksFlagged, 1)
        XCTAssertEqual(score.decoysFlagged.map(\.line), [4])
        let report = HeldOutSet.report(score)
        XCTAssertTrue(report.contains("「52の1234」  review=番号らしき数字"), report)
        XCTAssertTrue(report.contains("「岡田」  review=-"), report)
        XCTAssertTrue(report.contains("leaked spans flagged for review 1/2 (0.500)"), report)
        XCTAssertTrue(report.contains("decoy lines flagged for review (false alarms) 1/2 (0.500)"), report)
        XCTAssertTrue(report.contains("  line 4  decoy-x  review=番号らしき数字"), report)
    }

    func testHeldOutSet() throws {
        let url = try heldOutURL()
        let answers = try HeldOutSet.parse(String(contentsOf: url, encoding: .utf8))
        XCTAssertGreaterThanOrEqual(answers.count, 330, "the set needs at least 330 answers")
        XCTAssertGreaterThanOrEqual(answers.filter(\.isDecoy).count, 80, "the set needs at least 80 decoy answers")
        for answer in answers {
            let known = answer.isDecoy || HeldOutSet.kinds.contains(answer.classKind)
            XCTAssertTrue(known, "line \(answer.line): class \(answer.answerClass) is neither a kind nor decoy-…")
            XCTAssertEqual(answer.isDecoy, answer.gold.isEmpty, "line \(answer.line): decoys carry no markup, others do")
        }
        let golds = answers.flatMap(\.gold)
        for kind in HeldOutSet.kinds {
            XCTAssertGreaterThanOrEqual(golds.filter { $0.kind == kind }.count, 20, "fewer than 20 \(kind) spans")
        }
        let masker = Masker()
        let score = HeldOutSet.score(
            answers, predict: { text in Masker.merged(masker.spans(in: text)).map(\.range) },
            review: { text in masker.reviewReasons(in: masker.mask(text)) })
        let report = HeldOutSet.report(score)
        print("=== held-out masking set: \(url.path)\n\(report)\n=== end held-out masking set")
        if let out = ProcessInfo.processInfo.environment["KOE_MASK_HELDOUT_REPORT"] {
            try Data((report + "\n").utf8).write(to: URL(fileURLWithPath: out))
        }
    }

    private func heldOutURL() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["KOE_MASK_HELDOUT"], !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("KOE_MASK_HELDOUT names no file: \(path)") }
            return URL(fileURLWithPath: path)
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/masking-heldout/masking-set.tsv")
        guard FileManager.default.fileExists(atPath: fixture.path) else {
            throw XCTSkip(
                "held-out masking set absent: set KOE_MASK_HELDOUT=/path/masking-set.tsv (kept outside the repo until "
                    + "the rules freeze) or place it at Tests/Fixtures/masking-heldout/masking-set.tsv")
        }
        return fixture
    }
}
