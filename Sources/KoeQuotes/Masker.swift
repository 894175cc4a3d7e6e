// Masker — removes personal data from a quote: phone numbers, e-mail addresses, URLs, postal codes,
// street addresses and personal names with honorifics become ＊＊＊.
import Foundation

/// Masks personal data in verbatim text. Idempotent: masking a masked text changes nothing.
public struct Masker: Sendable {
    public static let mask = "＊＊＊"

    /// Role nouns that take さん/様/先生 but name nobody (お母さん, スタッフさん, 皆様…).
    static let roleNouns: Set<String> = [
        "母", "父", "兄", "姉", "奥", "皆", "娘", "孫", "嫁", "婆", "爺", "旦那", "息子", "大家", "店員", "職員",
        "市民", "住民", "先生", "医者", "患者", "利用者", "お客", "客", "皆さん", "保育士", "スタッフ", "ママ",
        "パパ", "親御", "御中", "業者", "農家", "生徒", "児童", "学生", "高齢者", "子ども", "子供", "地主", "隣",
        "近所", "運転手", "担当", "担当者", "大工", "魚屋", "八百屋", "米屋", "酒屋", "お医者", "看護師", "保護者",
        "議員", "市長", "町長", "村長", "区長", "会長", "校長", "園長", "館長", "担任", "神", "仏", "観光客",
    ]

    private let patterns: [NSRegularExpression]
    private let honorific: NSRegularExpression?

    public init() {
        let digit = "[0-9０-９]"
        let dash = "[-‐－―ー−]"
        let sources = [
            // e-mail addresses (ASCII and full-width @)
            "[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９]+[@＠][A-Za-z0-9.\\-Ａ-Ｚａ-ｚ０-９]+\\.[A-Za-zＡ-Ｚａ-ｚ]{2,}",
            // URLs
            "(?:https?|ｈｔｔｐｓ?)[:：][/／]{2}[^\\s　」』）)、。]+",
            "www\\.[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}[^\\s　」』）)、。]*",
            // postal codes
            "〒\\s*\(digit){3}\(dash)?\(digit){4}",
            "\(digit){3}\(dash)\(digit){4}(?!\(digit))",
            // phone numbers: 0X-XXXX-XXXX and 10–11 digit runs starting with 0
            "(?<!\(digit))0\(digit){1,4}\(dash)\(digit){1,4}\(dash)\(digit){3,4}(?!\(digit))",
            "(?<!\(digit))0\(digit){9,10}(?!\(digit))",
            "\\(0\(digit){1,4}\\)\(digit){1,4}\(dash)\(digit){4}",
            // street addresses: 〇〇町1-2-3, 1丁目2番3号, 123番地
            "\(digit)+丁目(?:\(digit)+番(?:地)?)?(?:\(digit)+号?)?",
            "\(digit)+番地(?:の?\(digit)+)?",
            "(?<!\(digit))\(digit){1,4}\(dash)\(digit){1,4}\(dash)\(digit){1,4}(?!\(digit))",
        ]
        patterns = sources.compactMap { try? NSRegularExpression(pattern: $0) }
        // A name: 1–4 kanji or 2–8 katakana before an honorific. The name part is group 1.
        honorific = try? NSRegularExpression(pattern: "([\\p{Han}々]{1,4}|[\\p{Katakana}ー]{2,8})(さん|様|さま|氏|先生|君|くん|ちゃん)")
    }

    /// `text` with personal data replaced by ＊＊＊.
    public func mask(_ text: String) -> String {
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result),
                withTemplate: Self.mask)
        }
        return maskNames(result)
    }

    private func maskNames(_ text: String) -> String {
        guard let honorific else { return text }
        let ns = text as NSString
        var replacements: [NSRange] = []
        for match in honorific.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let nameRange = match.range(at: 1)
            let name = ns.substring(with: nameRange)
            if Self.isRoleNoun(name) { continue }
            replacements.append(nameRange)
        }
        var result = text
        for range in replacements.reversed() {
            if let r = Range(range, in: result) { result.replaceSubrange(r, with: Self.mask) }
        }
        return result
    }

    /// Endings of job and role words (保健師, 保育士, 相談員, 利用者, 自治会長, 運転手, 農家…): a run ending
    /// with one of them names a role, not a person.
    static let roleEndings: Set<Character> = ["師", "士", "員", "者", "長", "官", "手", "家", "屋", "主", "医", "様"]

    /// True for a role noun (or a role noun ending a longer run, like 隣の → 隣, 市の職員 → 職員).
    static func isRoleNoun(_ name: String) -> Bool {
        if roleNouns.contains(name) { return true }
        if name.count >= 2, let last = name.last, roleEndings.contains(last) { return true }
        for noun in roleNouns where noun.count >= 2 && name.hasSuffix(noun) { return true }
        if let last = name.last, roleNouns.contains(String(last)), name.count <= 2 { return true }
        return false
    }
}
