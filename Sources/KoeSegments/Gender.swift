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
            "prefer not to say", "no answer",
        ] { t[s] = "無回答" }
        return t
    }()

    /// `男性`, `女性`, `その他` or `無回答`; nil when the answer is not recognised.
    public static func normalize(_ raw: String) -> String? {
        let key = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return table[key]
    }
}
