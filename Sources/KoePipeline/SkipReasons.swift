// SkipReasons — the Japanese names of the codes of skipped answers and notes, for messages staff read.

public enum SkipReasons {
    static let names: [String: String] = [
        "empty": "空欄",
        "non-answer": "「特になし」などの無回答",
        "frame-title": "ボードのフレーム名",
        "question-header": "問いの見出しの付箋",
        "code-block": "コードブロック",
        "markup": "文書の書式部分",
        "moderated": "モデレーションで除外された意見",
    ]

    /// `空欄 2 件、問いの見出しの付箋 1 件` for counts by code, in code order.
    public static func describe(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key) \($0.value) 件" }.joined(separator: "、")
    }
}
