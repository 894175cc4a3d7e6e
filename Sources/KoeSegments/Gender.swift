// Gender — reads gender answers (男/男性/M/male …) into 男性 / 女性 / その他 / 無回答.
import Foundation

/// Normalizes gender answers.
public enum Gender {
    private static let table: [String: String] = {
        var t: [String: String] = [:]
        for s in ["男", "男性", "m", "male", "man", "男子", "おとこ", "男の人"] { t[s] = "男性" }
        for s in ["女", "女性", "f", "female", "woman", "女子", "おんな", "女の人"] { t[s] = "女性" }
        for s in ["その他", "他", "other", "x", "ノンバイナリー", "どちらでもない", "non-binary", "nonbinary"] { t[s] = "その他" }
        for s in [
            "無回答", "回答しない", "回答しません", "答えたくない", "回答したくない", "未回答", "不明", "無記入",
        ] { t[s] = "無回答" }
        for s in Declined.english { t[s] = "無回答" }
        return t
    }()

    /// `男性`, `女性`, `その他` or `無回答`; nil when the answer is not recognised.
    public static func normalize(_ raw: String) -> String? {
        let key = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return table[key] ?? table[key.trimmingCharacters(in: .punctuationCharacters)]
    }
}

/// Answers that decline to say, in English as survey tools write them (→ 無回答 for age, gender and district).
public enum Declined {
    public static let english: Set<String> = [
        "prefer not to say", "prefer not to answer", "i prefer not to say", "i prefer not to answer", "no answer",
        "decline to answer", "decline to state", "declined", "rather not say", "i'd rather not say", "not stated",
    ]

    /// True when `raw` (any case, trailing punctuation ignored) declines to answer in English.
    public static func isEnglish(_ raw: String) -> Bool {
        let key = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return english.contains(key) || english.contains(key.trimmingCharacters(in: .punctuationCharacters))
    }
}
