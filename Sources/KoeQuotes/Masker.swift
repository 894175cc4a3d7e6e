// Masker — removes personal data from a quote: phone numbers, e-mail addresses, URLs, postal codes,
// street addresses and personal names with honorifics become ＊＊＊.
import Foundation

/// Masks personal data in verbatim text. Idempotent: masking a masked text changes nothing.
///
/// Order matters: e-mail addresses and URLs first (they contain digits and dots), then phone numbers
/// (before postal codes, whose 3-4 digit shape appears inside them), postal codes, street addresses,
/// and last names before an honorific. Words that take さん/様/先生 but name nobody (お母さん,
/// 保健師さん, 自治会長さん, 多様, ご苦労様) are kept; a name before a job title (鈴木校長先生) is masked
/// and the title kept.
public struct Masker: Sendable {
    public static let mask = "＊＊＊"

    /// Role and kinship words that take an honorific but name nobody; also the job titles that may
    /// follow a name (the longest one ending a run is kept, the name before it masked).
    static let roleNouns: Set<String> = [
        "母", "父", "兄", "姉", "奥", "皆", "娘", "孫", "嫁", "婆", "爺", "旦那", "息子", "大家", "店員", "職員",
        "市民", "住民", "先生", "医者", "患者", "利用者", "お客", "客", "保育士", "スタッフ", "ママ", "パパ", "親御",
        "御中", "業者", "農家", "生徒", "児童", "学生", "高齢者", "子ども", "子供", "子", "赤", "坊", "嬢", "地主", "隣",
        "近所", "運転手", "担当", "担当者", "大工", "屋", "魚屋", "八百屋", "米屋", "酒屋", "看護師", "保健師", "保護者",
        "議員", "市長", "町長", "村長", "区長", "会長", "校長", "教頭", "園長", "館長", "院長", "所長", "駅長", "社長",
        "店長", "部長", "課長", "係長", "班長", "組長", "学長", "議長", "理事長", "委員長", "団長", "隊長", "副会長",
        "自治会長", "町内会長", "担任", "神", "仏", "王", "殿", "観光客", "相談員", "駅員", "民生委員", "医師", "助産師",
        "薬剤師", "栄養士", "司書", "苦労", "馳走", "世話", "他人", "貴方", "女将", "ヘルパー", "ケアマネ", "ケアマネージャー",
        "ボランティア", "ドライバー", "ドクター", "コーチ", "オーナー", "マスター", "ガイド", "シェフ", "サポーター",
    ]

    /// Endings of job and role words not listed above (栄養士, 相談員, 利用者, 運転手, 農家…).
    static let roleEndings: Set<Character> = ["師", "士", "員", "者", "長", "官", "手", "家", "屋", "主", "医"]

    /// Hiragana words before さん/ちゃん/さま that are not names (a run starting with お or ご is never a name).
    static let kanaRoles: Set<String> = ["みな", "あか", "かみ", "ぼっ", "ぼう", "ばあ", "じい", "ねえ", "にい", "たく", "たくさ"]

    private let patterns: [NSRegularExpression]
    private let names: NSRegularExpression?

    public init() {
        let digit = "[0-9０-９]"
        let dash = "[-‐‑－―ー−ｰ]"
        let separator = "(?:\(dash)|[ 　.．])"
        let stop = "[^\\s　」』）)、。，,]"
        let sources = [
            // e-mail addresses (ASCII and full-width)
            "[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９．＿－]+[@＠][A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９－]+(?:[.．][A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９－]+)*[.．][A-Za-zＡ-Ｚａ-ｚ]{2,}",
            // URLs, with a scheme, starting www, or a bare domain of a common top-level domain
            "(?:https?|ｈｔｔｐｓ?)[:：][/／]{2}\(stop)+",
            "(?:www|ｗｗｗ)[.．]\(stop)+",
            "(?<![A-Za-z0-9@＠._\\-])[A-Za-z0-9][A-Za-z0-9\\-]*(?:\\.[A-Za-z0-9\\-]+)*\\.(?:com|net|org|info|biz|jp|io)(?![A-Za-z0-9])(?:/\(stop)*)?",
            // phone numbers: 0X-XXXX-XXXX (dashes, spaces or dots), (0X)XXXX-XXXX, 10–11 digit runs
            "(?<!\(digit))0\(digit){1,4}\(separator)\(digit){1,4}\(separator)\(digit){3,4}(?!\(digit))",
            "[(（]0\(digit){1,4}[)）]\\s?\(digit){1,4}\(dash)\(digit){4}(?!\(digit))",
            "(?<!\(digit))0\(digit){9,10}(?!\(digit))",
            // postal codes
            "〒\\s*\(digit){3}\(dash)?\(digit){4}",
            "(?<!\(digit))\(digit){3}\(dash)\(digit){4}(?!\(digit))",
            // street addresses: 1丁目2番3号, 123番地, 1-2-3 (not a date), 町名1234-5
            "\(digit)+丁目(?:\(digit)+番(?:地)?)?(?:\(digit)+号?)?",
            "\(digit)+番地(?:の?\(digit)+)?",
            "(?<!\(digit))(?!(?:19|20|１９|２０)\(digit){2}\(dash)\(digit){1,2}\(dash)\(digit){1,2}(?!\(digit)))"
                + "\(digit){1,4}\(dash)\(digit){1,4}\(dash)\(digit){1,4}(?!\(digit))",
            "(?<=[\\p{Han}々])\(digit){1,4}\(dash)\(digit){1,4}(?!\(digit))(?![円年人件歳代%％時分月日回倍割点])",
        ]
        patterns = sources.compactMap { try? NSRegularExpression(pattern: $0) }
        // A name before an honorific (group 1), in one of four shapes: kanji or katakana runs (two parts may
        // be joined by a space or ・), kanji + hiragana (田中まさこ), or hiragana alone (さとう) — the last only
        // at the start of the text or after punctuation or a space, so たくさん in 観光客がたくさん is never a name.
        let kanjiOrKana = "(?:[\\p{Han}々]{1,6}|[\\p{Katakana}ー]{2,10})"
        let name =
            "(\(kanjiOrKana)(?:[ 　・]\(kanjiOrKana))?|[\\p{Han}々]{1,4}[ぁ-ゖ]{2,4}|(?<![\\p{Han}々\\p{Katakana}ー\\p{Hiragana}A-Za-z0-9])[ぁ-ゖ]{2,5})"
        names = try? NSRegularExpression(
            pattern: name + "(さん|さま|様(?![なにのだでと式子相々])|氏(?!名)|先生|君|くん|ちゃん)")
    }

    /// `text` with personal data replaced by ＊＊＊.
    public func mask(_ text: String) -> String {
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.mask)
        }
        return maskNames(result)
    }

    private func maskNames(_ text: String) -> String {
        guard let names else { return text }
        let ns = text as NSString
        var replacements: [NSRange] = []
        for match in names.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let nameRange = match.range(at: 1)
            let name = ns.substring(with: nameRange)
            let honorific = ns.substring(with: match.range(at: 2))
            guard let kept = Self.nameLength(name, honorific: honorific) else { continue }
            replacements.append(NSRange(location: nameRange.location, length: (name.prefix(kept) as Substring).utf16.count))
        }
        var result = text
        for range in replacements.reversed() {
            if let r = Range(range, in: result) { result.replaceSubrange(r, with: Self.mask) }
        }
        return result
    }

    /// How many leading characters of `run` are a personal name (nil when none): the whole run, or the part
    /// before a job title that ends it (鈴木校長 → 鈴木).
    static func nameLength(_ run: String, honorific: String) -> Int? {
        let chars = Array(run)
        if let first = chars.first, first == "お" || first == "ご" { return nil }
        if chars.allSatisfy({ ("ぁ"..."ゖ").contains($0) }) {
            return kanaRoles.contains(run) ? nil : chars.count
        }
        // 様 and 氏 after a single character are words (多様, 同様, 彼氏), not names.
        if chars.count == 1, ["様", "さま", "氏"].contains(honorific) { return nil }
        if roleNouns.contains(run) { return nil }
        for length in stride(from: min(chars.count, 5), through: 2, by: -1) {
            let suffix = String(chars.suffix(length))
            if roleNouns.contains(suffix) {
                let rest = chars.count - length
                return rest >= 2 ? rest : nil
            }
        }
        if chars.count >= 2, let last = chars.last, roleEndings.contains(last) { return nil }
        return chars.count
    }

    /// True for a role or kinship word (kept before an honorific).
    static func isRoleNoun(_ name: String) -> Bool { nameLength(name, honorific: "さん") == nil }
}
