// SurveySourceDraft — one survey source of the pipeline `koe init` drafts: encoding and header rows when not
// obvious, each column's role with koe's reason, importance/satisfaction pairs matched to the plan's areas by name
// (character bigrams of the pair's topic against each area's name and keywords), the scale seen, question types.
import Foundation
import KoeCore
import KoeSurvey
import KoeTagging
import KoeText

/// An importance/satisfaction pair found in a survey, and the area it was given.
struct RatingPairDraft {
    var topic: String
    var importance: String
    var satisfaction: String
    var area: String
    /// True when `area` is an area of the plan matched by name; false when it is a starter area of its own.
    var matched: Bool
    var note: String
}

struct SurveySourceDraft {
    var lines: [String] = []
    var pairs: [RatingPairDraft] = []

    static let importanceWords = ["重要度", "優先度", "importance", "priority", "重要"]
    static let satisfactionWords = ["満足度", "satisfaction", "満足"]
    /// The roles written as settings; the others are listed as comments.
    static let keyRoles: [ColumnRole] = [.id, .age, .gender, .district, .text]

    init(inspection: SurveyInspection, areas: [PlanNode]) {
        let columns = inspection.columns
        lines.append("    kind: survey")
        lines.append(
            "    # 形式: \(inspection.tool.displayName)（\(inspection.layoutReason)）、見出し \(inspection.headerRows) 行、回答 \(inspection.records) 件"
        )
        if let e = inspection.encoding {
            let measured = "確信度 \(String(format: "%.2f", e.confidence))、\(e.reason)"
            if e.encoding != .utf8 || e.confidence < 0.9 {
                lines.append("    encoding: \(e.encoding.rawValue)   # 判定: \(e.encoding.displayName)（\(measured)）")
            } else {
                lines.append("    # encoding: auto   # 判定: \(e.encoding.displayName)（\(measured)）")
            }
        }
        if let sheet = inspection.sheet { lines.append("    sheet: \(YAMLText.quoted(sheet))") }
        if inspection.headerRows != 1 { lines.append("    header_rows: \(inspection.headerRows)   # \(inspection.tool.displayName) の見出し") }
        let labelCounts = Dictionary(grouping: columns, by: \.label).mapValues(\.count)
        func reference(_ c: SurveyColumn) -> String {
            labelCounts[c.label] == 1 && c.label != "\(c.letter)列" ? YAMLText.quoted(c.label) : c.letter
        }
        pairs = Self.pairs(columns, areas: areas, reference: reference)
        let paired = Set(pairs.flatMap { [$0.importance, $0.satisfaction] })
        lines.append("    columns:   # 列 → 役割（id text age gender district rating choice other）。# の行は自動判定のまま")
        var commented = 0
        for c in columns where !paired.contains(reference(c)) {
            let why = "\(c.letter)列: \(SurveyColumn.oneLine(c.reason, 120))"
            if Self.keyRoles.contains(c.role) {
                lines.append("      \(reference(c)): \(c.role.rawValue)   # \(why)")
            } else if commented < 60 {
                commented += 1
                lines.append("      # \(reference(c)): \(c.role.rawValue)   # \(why)")
            }
        }
        if commented == 60 { lines.append("      # …ほかの列は koe inspect で確認できます") }
        if !pairs.isEmpty {
            lines.append("    ratings:   # 重要度・満足度の組（area はコードブックの分野コード）")
            for p in pairs {
                let entry = "{area: \(YAMLText.quoted(p.area)), importance: \(p.importance), satisfaction: \(p.satisfaction)}"
                lines.append((p.area.isEmpty ? "      # - " : "      - ") + entry + "   # \(p.note)")
            }
            let ranges = columns.filter { paired.contains(reference($0)) }.compactMap(\.numericRange)
            if let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max() {
                lines.append(
                    "    scale: {min: \(Self.number(low)), max: \(Self.number(high))}   # 見本の値の範囲。1 が「重要・満足」の向きなら high_is: bad を、"
                        + "「わからない」などのコードは missing: [..] を足してください")
            }
        }
        let types = columns.filter { $0.role == .text }.compactMap { c -> String? in
            let prior = QuestionTypes.standard.prior(question: c.label)
            guard let type = prior.types.first else { return nil }
            return "      \(reference(c)): \(type.rawValue)   # 問いの「\(prior.typeWord ?? "")」から"
        }
        if !types.isEmpty { lines += ["    type:   # 問いの種類（回答の既定。本文の手がかり語が優先）"] + types }
        if let m = columns.first(where: { $0.reason.hasPrefix("モデレーション") }) {
            lines.append("    # skip_moderated: true   # \(m.letter)列: \(m.reason)")
        }
    }

    static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    /// Importance and satisfaction columns paired by the rest of their labels (重要度_子育て ↔ 満足度_子育て), each
    /// pair given the plan's area whose name and keywords share most of the topic's character bigrams (at least
    /// half); without a plan, each pair is its own starter area.
    static func pairs(_ columns: [SurveyColumn], areas: [PlanNode], reference: (SurveyColumn) -> String) -> [RatingPairDraft] {
        var importance: [(topic: String, key: String, column: SurveyColumn)] = []
        var satisfaction: [String: SurveyColumn] = [:]
        for c in columns where c.role == .rating || (c.role == .choice && c.numericRange != nil) {
            let lowered = c.label.lowercased()
            if let w = importanceWords.first(where: lowered.contains) {
                let topic = topicOf(c.label, removing: w)
                importance.append((topic, squeeze(topic), c))
            } else if let w = satisfactionWords.first(where: lowered.contains) {
                satisfaction[squeeze(topicOf(c.label, removing: w))] = c
            }
        }
        var out: [RatingPairDraft] = []
        for (topic, key, column) in importance {
            guard let other = satisfaction[key] else { continue }
            var pair = RatingPairDraft(
                topic: topic, importance: reference(column), satisfaction: reference(other), area: "", matched: false, note: "")
            if areas.isEmpty {
                pair.area = String(out.count + 1)
                pair.note = "「\(topic)」→ 仮のコードブックの分野 \(pair.area)"
            } else if let (area, score) = bestArea(topic, areas), score >= 0.5 {
                pair.area = area.code
                pair.matched = true
                pair.note =
                    "「\(topic)」→ \(area.code) \(SurveyColumn.oneLine(area.name, 30))（名前の一致 \(Int((score * 100).rounded()))%。違えば直してください）"
            } else {
                pair.note = "「\(topic)」に合う分野が計画にありません。area を書いて # を外してください"
            }
            out.append(pair)
        }
        return out
    }

    /// The label without the kind word and the separators around it: `重要度_子育て` → `子育て`.
    static func topicOf(_ label: String, removing word: String) -> String {
        let parts = label.components(separatedBy: " / ")
        let part = parts.last(where: { !$0.lowercased().contains(word) }) ?? label
        var rest = part.lowercased().contains(word) ? part.replacingOccurrences(of: word, with: "", options: .caseInsensitive) : part
        rest = rest.trimmingCharacters(in: CharacterSet(charactersIn: " 　_-:：・／/()（）[]【】").union(.whitespaces))
        return rest.isEmpty ? label : rest
    }

    static func squeeze(_ text: String) -> String { text.lowercased().filter { !$0.isWhitespace && !"_-:：・／/".contains($0) } }

    static func bigrams(_ text: String) -> Set<String> {
        let chars = Array(squeeze(text))
        if chars.count < 2 { return Set(chars.map(String.init)) }
        return Set((0..<(chars.count - 1)).map { String(chars[$0...$0 + 1]) })
    }

    /// The area sharing most of the topic's bigrams with its name and keywords. On a tie, a project (level 2, where
    /// rating questions usually sit) before a measure (3), a strategy (1) or a deeper level; then plan order.
    static func bestArea(_ topic: String, _ areas: [PlanNode]) -> (PlanNode, Double)? {
        let wanted = bigrams(topic)
        guard !wanted.isEmpty else { return nil }
        let index = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.code, $0) })
        func level(_ area: PlanNode) -> Int {
            var depth = 1
            var parent = area.parent
            while let p = parent, let k = index[p], depth < 20 { depth += 1; parent = areas[k].parent }
            return depth
        }
        let preference = [2: 0, 3: 1, 1: 2]
        var best: (area: PlanNode, score: Double, rank: Int)?
        for area in areas {
            let have = bigrams(area.name).union(area.keywords.flatMap(bigrams))
            let score = Double(wanted.intersection(have).count) / Double(wanted.count)
            let rank = preference[level(area)] ?? 3
            if score > (best?.score ?? 0) + 1e-9 || (best.map { abs(score - $0.score) < 1e-9 && rank < $0.rank } ?? false) {
                best = (area, score, rank)
            }
        }
        return best.map { ($0.area, $0.score) }
    }
}
