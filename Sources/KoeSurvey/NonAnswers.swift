// NonAnswers — the data table of answers that say nothing (特になし, 無回答, N/A, -…): counted as skipped,
// never made into opinions.

/// Recognizes empty answers and non-answers in free-text cells.
public enum NonAnswers {
    /// Non-answers, compared after trimming spaces and trailing punctuation (see `key`). Keep sorted by kind.
    public static let table: [String] = [
        // Japanese "nothing in particular"
        "特になし", "特にない", "特に無し", "特に無い", "とくになし", "とくにない", "特にありません",
        "特に有りません", "とくにありません", "ありません", "特記事項なし", "特にございません", "ございません",
        "なし", "無し", "ない", "無い", "ナシ", "なしです", "無しです", "ないです", "特になしです", "特にないです",
        // no answer / not applicable
        "無回答", "未回答", "未記入", "回答なし", "記入なし", "該当なし", "不明", "わからない", "分からない", "わかりません", "分かりません",
        // latin ("No." answers a yes/no question, as いいえ does: both are kept as answers)
        "n/a", "na", "none", "nothing", "nil", "no comment", "prefer not to answer", "prefer not to say", "-",
        // dashes, dots, marks used as "nothing"
        "ー", "―", "‐", "－", "—", "–", "‑", "・", "･", "…", "。", "．", ".", "×", "✕", "/", "／", "?", "？", "無",
    ]

    private static let set: Set<String> = Set(table.map(key))

    /// The comparison form: lower-cased, spaces (incl. full-width) and trailing `。．.！!` removed,
    /// but a cell made only of punctuation is kept as it is.
    static func key(_ text: String) -> String {
        var scalars = text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" && $0 != "\u{FEFF}" }
        let trimmed = String(String.UnicodeScalarView(scalars))
        while let last = scalars.last, "。．.！!、，,".unicodeScalars.contains(last), scalars.count > 1 {
            scalars.removeLast()
        }
        let stripped = String(String.UnicodeScalarView(scalars))
        return stripped.isEmpty ? trimmed : stripped
    }

    /// True when `text` is empty or only whitespace.
    public static func isEmpty(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            // Printable ASCII, kana and CJK ideographs (most answers start with one) need no property lookup.
            if (0x21...0x7E).contains($0.value) || (0x3041...0x9FFF).contains($0.value) { return false }
            return $0.properties.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" || $0.properties.generalCategory == .control
        }
    }

    /// True when `text` is a non-answer such as 特になし, 無回答, N/A or a lone dash.
    public static func isNonAnswer(_ text: String) -> Bool {
        // Every entry is short: a long answer is never a non-answer (and is not normalized at all).
        guard text.utf8.count <= maxBytes, !cannotMatch(text) else { return false }
        // An answer written exactly as an entry's key (特になし) is its own key: no normalizing.
        return set.contains(text) || set.contains(key(text))
    }

    /// The scalars of the entries' keys.
    private static let keyScalars: Set<UInt32> = Set(set.flatMap { $0.unicodeScalars.map(\.value) })

    /// True when `text` has a scalar that `key` keeps as it is (not a space, not a mark it may strip, not
    /// changed by lowercasing) and that no entry's key contains: its key cannot be an entry, and the answer
    /// is not normalized at all.
    static func cannotMatch(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            var v = s.value
            if (0x41...0x5A).contains(v) { v += 0x20 }
            if keyScalars.contains(v) || strippable.contains(v) { continue }
            // Printable ASCII, kana and CJK ideographs: kept as they are.
            if (0x21...0x7E).contains(v) || (0x3041...0x9FFF).contains(v) { return true }
            if s.properties.isWhitespace || v == 0x3000 || v == 0xFEFF || s.properties.changesWhenLowercased { continue }
            return true
        }
        return false
    }

    /// The marks `key` strips from the end.
    private static let strippable: Set<UInt32> = Set("。．.！!、，,".unicodeScalars.map(\.value))

    /// The longest entry in UTF-8 bytes, plus room for surrounding spaces and punctuation.
    private static let maxBytes = (table.map(\.utf8.count).max() ?? 0) + 24
}
