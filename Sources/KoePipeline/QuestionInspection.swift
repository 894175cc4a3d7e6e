// QuestionInspection — the lines `koe inspect` adds for opinion types: the type and horizon koe infers from
// each free-text column label, sticky-note question or workshop heading, and the question word that says so.
import KoeCore
import KoeSurvey
import KoeTagging

enum QuestionInspection {
    /// One line per free-text column of a survey.
    static func surveyLines(_ columns: [SurveyColumn], questions: QuestionTypes = .standard) -> [String] {
        let text = columns.filter { $0.role == .text }
        guard !text.isEmpty else { return [] }
        return ["意見の種類（問いから推定）:"]
            + text.map { "  \($0.letter)  \($0.label) → " + describe(questions.prior(question: $0.label)) }
    }

    /// One line per question of a workshop record: the sticky-note header, or each heading path (at most
    /// `limit`, in first-seen order).
    static func workshopLines(_ questions: [(text: String, isHeadingPath: Bool)], limit: Int = 12, types: QuestionTypes = .standard)
        -> [String]
    {
        guard !questions.isEmpty else { return [] }
        var lines = ["意見の種類（問いから推定）:"]
        for q in questions.prefix(limit) {
            let prior = q.isHeadingPath ? types.prior(headingPath: q.text) : types.prior(question: q.text)
            lines.append("  \(q.text) → " + describe(prior))
        }
        if questions.count > limit { lines.append("  …ほか \(questions.count - limit) 件") }
        return lines
    }

    /// `評価（問いの「良いところ」から）`, or what happens when the question names no type.
    static func describe(_ prior: QuestionPrior) -> String {
        var parts: [String] = []
        if let first = prior.types.first {
            var text = first.rawValue
            let others = prior.types.dropFirst().map(\.rawValue)
            if !others.isEmpty { text += "（本文の手がかり語で \(others.joined(separator: "・")) にも）" }
            parts.append(text + "（問いの「\(prior.typeWord ?? "")」から）")
        } else {
            parts.append("種類は問いからは決まりません（本文の手がかり語で判定。パイプラインの type: で指定できます）")
        }
        if let horizon = prior.horizon {
            let name = horizon == .long ? "長期" : "短期"
            parts.append("時間軸 \(name)（問いの「\(prior.horizonWord ?? "")」から）")
        }
        return parts.joined(separator: "、")
    }
}
