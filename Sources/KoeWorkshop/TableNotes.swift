// TableNotes — one note per table data row (HTML, Markdown and Word tables): which column is the opinion,
// and how a row's cells become the note's text.
import Foundation

/// Turns table rows into note text. The rule (the same for every format):
/// - With a header row, if one column's label names an opinion (意見, ご意見, 発言, 付箋, コメント, 要望, 提案,
///   感想, 内容, 声, opinion, comment, note…) and is not the city's reply (考え方, 対応, 検討, 回答, 市の…),
///   the note is that column's cell alone (numbers, group names and replies stay out of the opinion).
/// - Otherwise each non-empty cell becomes `label: value` (just `value` under an empty label), one per line.
/// - Without a header row, the non-empty cells are joined one per line.
enum TableNotes {
    private static let opinionWords = [
        "意見", "発言", "付箋", "ふせん", "コメント", "要望", "提案", "感想", "内容", "声",
        "opinion", "comment", "note", "feedback", "text",
    ]
    private static let replyWords = ["考え方", "対応", "検討", "回答", "市の", "町の", "村の", "区の", "県の", "reply", "response"]

    /// True when a header label names the citizens' opinion column.
    static func isOpinionLabel(_ label: String) -> Bool {
        let text = label.precomposedStringWithCompatibilityMapping.lowercased()
        return opinionWords.contains { text.contains($0) } && !replyWords.contains { text.contains($0) }
    }

    /// The index of the opinion column among `labels`, if any.
    static func opinionColumn(_ labels: [String]) -> Int? {
        labels.firstIndex(where: isOpinionLabel)
    }

    /// The note text of a data row whose cells sit at grid positions (index = column).
    static func text(labels: [String]?, cells: [String]) -> String {
        let clean = cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let labels, !labels.isEmpty else {
            return clean.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        if let column = opinionColumn(labels) {
            return column < clean.count ? clean[column] : ""
        }
        var lines: [String] = []
        for (index, value) in clean.enumerated() where !value.isEmpty {
            let label = index < labels.count ? labels[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            lines.append(label.isEmpty ? value : "\(label): \(value)")
        }
        return lines.joined(separator: "\n")
    }

    /// Places cells with spans on a grid: a cell spanning n columns leaves n − 1 empty positions after it.
    static func grid(_ cells: [(text: String, span: Int)]) -> [String] {
        var out: [String] = []
        for cell in cells {
            out.append(cell.text)
            if cell.span > 1 { out.append(contentsOf: Array(repeating: "", count: min(cell.span, 1_000) - 1)) }
        }
        return out
    }

    /// Whether a Word table's first row looks like a header when the file does not mark one: two or more
    /// rows and columns, every first-row cell filled, short (≤ 20 characters) and not a sentence (no 。),
    /// or any first-row cell naming an opinion column.
    static func looksLikeHeader(_ cells: [String], rowCount: Int) -> Bool {
        let clean = cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if clean.contains(where: { !$0.isEmpty && $0.count <= 20 && isOpinionLabel($0) }) && rowCount >= 2 { return true }
        guard rowCount >= 2, clean.count >= 2 else { return false }
        return clean.allSatisfy { !$0.isEmpty && $0.count <= 20 && !$0.contains("。") }
    }
}
