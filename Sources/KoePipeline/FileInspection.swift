// FileInspection — the text `koe inspect` prints: the survey inspection for exports, and for workshop
// records and sticky notes what was read (notes, skipped by reason, session segments).
import Foundation
import KoeCore
import KoeSurvey

public enum FileInspection {
    public static func describe(url: URL, displayPath: String, kind: SourceKind?, importer: SourceImporter) throws -> String {
        let format = try importer.format(of: url, displayPath: displayPath, kind: kind)
        if format == .survey {
            let inspection = try SurveyInspector.inspect(url: url, displayPath: displayPath, options: importer.surveyOptions)
            return ([inspection.rendered] + QuestionInspection.surveyLines(inspection.columns)).joined(separator: "\n")
        }
        var notes = 0
        var skipped: [String: Int] = [:]
        var rejected = 0
        var headings: Set<String> = []
        var segments: Set<String> = []
        var example: String?
        var questions: [(text: String, isHeadingPath: Bool)] = []
        var seenQuestions: Set<String> = []
        let sink = ClosureSink { event in
            switch event {
            case .opinion(let o):
                notes += 1
                if example == nil { example = o.text }
                if let heading = o.location.column { headings.insert(heading) }
                if let question = o.question.text ?? o.location.column, seenQuestions.insert(question).inserted {
                    questions.append((question, o.question.text == nil))
                }
                segments.insert(Segments(age: o.segments.age, gender: o.segments.gender, district: o.segments.district).attribution)
            case .skipped(let s): skipped[s.code, default: 0] += 1
            case .rejected: rejected += 1
            case .respondent: break
            }
        }
        let diagnostics = DiagnosticCollector()
        try importer.read(url: url, displayPath: displayPath, kind: kind, into: sink, diagnostics: diagnostics)
        var lines = [
            "ファイル        \(displayPath)",
            "種類            \(format == .stickyNotes ? "付箋のエクスポート（1 行 1 枚）" : "ワークショップ記録（\(url.pathExtension)）")",
            "意見            \(notes) 件",
        ]
        let skippedText = SkipReasons.describe(skipped)
        lines.append("除外            \(skipped.values.reduce(0, +)) 件" + (skippedText.isEmpty ? "" : "（\(skippedText)）"))
        if rejected > 0 { lines.append("読めない記録    \(rejected) 件") }
        if !headings.isEmpty { lines.append("見出し          \(headings.count) 種類（例: \(headings.sorted().first ?? "")）") }
        let known = segments.filter { !$0.isEmpty }.sorted()
        lines.append("属性            " + (known.isEmpty ? "なし（パイプラインの segments か --session-age で指定できます）" : known.joined(separator: " ")))
        if let example { lines.append("最初の意見      「\(example.replacingOccurrences(of: "\n", with: "⏎"))」") }
        lines += QuestionInspection.workshopLines(questions)
        for d in diagnostics.diagnostics { lines.append(d.description) }
        return lines.joined(separator: "\n")
    }
}
