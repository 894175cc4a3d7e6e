// Masker — removes personal data from a quote: phone numbers, e-mail addresses, URLs, postal codes,
// street addresses and personal names (with an honorific, or a bare full name) become ＊＊＊.
import Foundation
import KoeCore

/// The kinds of personal data the masker finds (SPEC §7).
public enum PersonalDataKind: String, Sendable, Hashable, CaseIterable, Codable {
    case phone, email, url, postalCode = "postal", address
    /// A name before an honorific (田中さん, 佐藤様に, ゆうちゃん).
    case honorificName = "name"
    /// A full name with no honorific (山田太郎が), found by a surname list and a given-name list.
    case fullName = "full-name"
    /// A name found by its context: after a relation or role word (義父の斎藤), in a self-introduction or
    /// signature (岡田と申します, 記入者：岡田), before a job title (岡田医師) or 方 (岡田方), a katakana name pair
    /// (アンナ・ロペス), a kana name with お before an honorific (おかだゆうこさん).
    case contextName = "context-name"
    /// A name in Latin letters (Yuko Okada, OKADA Yuko, Mr. Okada).
    case romajiName = "romaji-name"
    /// SNS handles and IDs (@koe_city, LINE ID: taro123).
    case sns
    /// A date of birth (平成元年5月5日生まれ, H1.5.5).
    case birthDate = "birth-date"
    /// ID numbers (a 12-digit number, 会員番号 12345678).
    case idNumber = "id-number"
    /// A car number plate (松本 500 あ 12-34).
    case carPlate = "car-plate"
}

/// A stretch of text the masker replaces, in UTF-16 offsets of the input.
public struct MaskedSpan: Sendable, Hashable {
    public var kind: PersonalDataKind
    public var range: Range<Int>

    public init(kind: PersonalDataKind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// Masks personal data in verbatim text. Idempotent: masking a masked text changes nothing.
///
/// Every detector looks at the original text and reports spans; overlapping or touching spans are merged and
/// each merged span becomes one ＊＊＊, so no detector can leave half of a number behind (`+81 ＊＊＊`).
/// Words that take さん/様/先生 but name nobody (お母さん, 保健師さん, 自治会長さん, 多様, ご苦労様) are kept; a name
/// before a job title (鈴木校長先生) is masked and the title kept. A town block (1丁目) alone is a place, not
/// an address: only 1丁目2番, 1丁目2-3 and the like are masked. Linear in the text's length (regular
/// expressions without nested repetition, and scanners that visit each unit a bounded number of times).
public struct Masker: Sendable {
    public static let mask = "＊＊＊"

    /// Patterns read on the matching view, and the kind and group of each.
    let patterns: PatternSet
    let patternRoles: [(kind: PersonalDataKind, group: Int)]
    /// Patterns read on the text whose names `ContextNames.accepts` checks.
    let contextPatterns: PatternSet
    let contextRoles: [(kind: PersonalDataKind, group: Int)]
    let names: PersonNames

    /// A masker with koe's built-in name lists (Resources/person-names.txt).
    public init() { self.init(names: PersonNames.standard) }

    /// A masker with the given name lists (tests).
    public init(names: PersonNames) {
        self.names = names
        (patterns, patternRoles) = Self.shared.view
        (contextPatterns, contextRoles) = Self.shared.context
    }

    /// The compiled patterns, built once per process (they do not depend on the name lists); matching borrows
    /// matchers per thread, so every masker shares them.
    private static let shared:
        (
            view: (PatternSet, [(kind: PersonalDataKind, group: Int)]),
            context: (PatternSet, [(kind: PersonalDataKind, group: Int)])
        ) = {
            let digit = "[0-9０-９]"
            let dash = "[-‐‑–－―ー−ｰ]"
            // URL characters (ASCII and full-width); brackets, parentheses and commas end a URL (Markdown links,
            // 「…」) and so does any Japanese text after it.
            let stop = "[A-Za-z0-9\\-._~:/?#@!$&'*+;=%Ａ-Ｚａ-ｚ０-９－．＿～：／？＃＠！＄＆＊＋；＝％]"
            let unit = "(?![円年人件歳代%％時分秒月日回倍割点万億台本枚個号線番ｍmkKＫ㎞])"
            let sources: [(PersonalDataKind, Int, String)] = [
                // e-mail addresses (ASCII and full-width)
                (
                    .email, 0,
                    "[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９．＿－]+[@＠][A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９－]+(?:[.．][A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９－]+)*[.．][A-Za-zＡ-Ｚａ-ｚ]{2,}"
                ),
                // URLs, with a scheme, starting www, or a bare domain of a common top-level domain
                (.url, 0, "(?:https?|ｈｔｔｐｓ?)[:：][/／]{2}\(stop)+"),
                (.url, 0, "(?:www|ｗｗｗ)[.．]\(stop)+"),
                (
                    .url, 0,
                    "(?<![A-Za-z0-9@＠._\\-])[A-Za-z0-9][A-Za-z0-9\\-]*(?:\\.[A-Za-z0-9\\-]+)*\\.(?:com|net|org|info|biz|jp|io)(?![A-Za-z0-9])(?:/\(stop)*)?"
                ),
                // postal codes: with 〒, or a 7-digit number where the words before it say 郵便番号
                (.postalCode, 0, "〒[ 　]?\(digit){3}(?:[ 　]?\(dash)[ 　]?|[ 　])?\(digit){4}(?!\(digit))"),
                (.postalCode, 1, "郵便番号[^0-9０-９\\n]{0,6}?(\(digit){3}(?:\(dash)|[ 　])?\(digit){4})(?!\(digit))"),
                (.postalCode, 0, "(?<!\(digit)|\(dash))\(digit){3}\(dash)\(digit){4}(?!\(digit)|\(dash))\(unit)"),
                // street addresses: 1丁目2番3号, 1丁目2-3, 2番3号, 123番地, 1-2-3 (not a date), 町名1234-5
                (
                    .address, 0,
                    "[0-9０-９一二三四五六七八九十]+丁目[ 　]?(?:\(digit)+(?:番地?|\(dash))(?:[ 　]?\(digit)+(?:号|\(dash)\(digit)+)?)?|\(digit)+(?!\(digit)))"
                ),
                (.address, 0, "(?<!\(digit))\(digit)+番\(digit)+号"),
                (.address, 0, "\(digit)+番地(?:の?\(digit)+)?"),
                (
                    .address, 0,
                    "(?<!\(digit))(?!(?:19|20|１９|２０)\(digit){2}\(dash)\(digit){1,2}\(dash)\(digit){1,2}(?!\(digit)))"
                        + "\(digit){1,4}\(dash)\(digit){1,4}\(dash)\(digit){1,4}(?:\(dash)\(digit){1,4})?(?!\(digit))"
                ),
                (.address, 0, "(?<=[\\p{Han}々])\(digit){1,4}\(dash)\(digit){1,4}(?!\(digit))\(unit)"),
            ]
            let all = sources + MaskPatterns.sources + NumberPatterns.sources
            return (
                (PatternSet(all.map(\.2), groups: 1 + (all.map(\.1).max() ?? 0), hints: MaskPatterns.hints), all.map { ($0.0, $0.1) }),
                (
                    PatternSet(
                        ContextNames.sources.map(\.2), groups: 1 + (ContextNames.sources.map(\.1).max() ?? 0),
                        hints: ContextNames.hints),
                    ContextNames.sources.map { ($0.0, $0.1) }
                )
            )
        }()

    /// `text` with personal data replaced by ＊＊＊.
    ///
    /// A mask can take away what kept a neighbour from matching (マンション500万円 上杉謙信さん: once 万円 is masked,
    /// マンション500 reads as a room), so masking repeats until a pass finds nothing new: idempotent by
    /// construction. Each further pass shortens the unmasked text, so it ends; most texts need one pass.
    public func mask(_ text: String) -> String { mask(text, spans: Self.merged(spans(in: text))) }

    /// `mask(text)` when the first pass's spans are known: `spans` is `Masker.merged(spans(in: text))` (a caller
    /// that looked for spans already saves the first pass's search).
    func mask(_ text: String, spans: [MaskedSpan]) -> String {
        var current = text
        for pass in 0..<8 {
            let next = pass == 0 ? Self.replacing(spans, in: current) : maskOnce(current)
            if next == current { return current }
            current = next
        }
        return current
    }

    /// One pass: every span found in `text` replaced by ＊＊＊.
    func maskOnce(_ text: String) -> String { Self.replacing(Self.merged(spans(in: text)), in: text) }

    /// `text` with each of `spans` (merged, in text order) replaced by ＊＊＊.
    private static func replacing(_ spans: [MaskedSpan], in text: String) -> String {
        if spans.isEmpty { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var cursor = 0
        let maskUnits = Array(Self.mask.utf16)
        for span in spans {
            out.append(contentsOf: units[cursor..<span.range.lowerBound])
            out.append(contentsOf: maskUnits)
            cursor = span.range.upperBound
        }
        out.append(contentsOf: units[cursor...])
        return String(decoding: out, as: UTF16.self)
    }

    /// Every span a detector found, in text order (overlaps not yet merged).
    ///
    /// Numbers, addresses, links and Latin names are found on the matching view (full-width folded, kana and
    /// kanji digits and spelled-out @ written as symbols) and mapped back; names in Japanese script on the text.
    public func spans(in text: String) -> [MaskedSpan] {
        let units = UTF16Units.of(text)
        let view = MatchingView(units: units)
        var found: [MaskedSpan] = []
        for (kind, range) in Self.matches(patterns, patternRoles, in: view.units) {
            found.append(MaskedSpan(kind: kind, range: view.original(range)))
        }
        for span in PhoneNumbers.spans(in: view.units) {
            found.append(MaskedSpan(kind: .phone, range: view.original(span.range)))
        }
        for range in PhoneNumbers.splitMobiles(in: view.units) {
            found.append(MaskedSpan(kind: .phone, range: view.original(range)))
        }
        for range in LatinWords.nameSpans(view.units) {
            found.append(MaskedSpan(kind: .romajiName, range: view.original(range)))
        }
        found += names.honorificSpans(in: units)
        found += names.fullNameSpans(in: units)
        for (kind, range) in Self.matches(contextPatterns, contextRoles, in: units) where ContextNames.accepts(units, range, names: names) {
            found.append(MaskedSpan(kind: kind, range: range))
        }
        found += ContextNames.spans(in: units, names: names)
        found += ListNames.spans(in: units, names: names)
        let contacts = Self.merged(
            found.filter { [.phone, .email, .sns].contains($0.kind) }.sorted { $0.range.lowerBound < $1.range.lowerBound })
        found += ContextNames.contactNames(units, after: contacts.map(\.range), names: names)
        found = Self.keepingKeptWords(found, in: text)
        return found.sorted { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            return Self.order[a.kind, default: 0] < Self.order[b.kind, default: 0]
        }
    }

    /// `spans` without the name spans that lie inside a kept word (松尾芭蕉, ドラえもん, コープ: kept-words.txt): each
    /// name span's neighbourhood is searched for kept words, so the cost grows with the names, not the text.
    private static func keepingKeptWords(_ spans: [MaskedSpan], in text: String) -> [MaskedSpan] {
        let nameKinds: Set<PersonalDataKind> = [.honorificName, .fullName, .contextName, .romajiName]
        guard spans.contains(where: { nameKinds.contains($0.kind) }) else { return spans }
        let units = Array(text.utf16)
        return spans.filter { span in
            guard nameKinds.contains(span.kind) else { return true }
            let reach = KeptWords.standard.longest
            let lower = max(0, span.range.lowerBound - reach)
            let upper = min(units.count, span.range.upperBound + reach)
            for start in lower...span.range.lowerBound {
                for end in span.range.upperBound...upper where end - start <= reach {
                    if KeptWords.standard.contains(String(decoding: units[start..<end], as: UTF16.self)) { return false }
                }
            }
            return true
        }
    }

    /// Every match of `patterns` in `text` as (kind, UTF-16 range of the pattern's group), pattern by pattern.
    private static func matches(
        _ patterns: PatternSet, _ roles: [(kind: PersonalDataKind, group: Int)], in text: [UInt16]
    ) -> [(PersonalDataKind, Range<Int>)] {
        patterns.withMatchers { matchers in
            matchers.withPresence(of: text) { present in
                var found: [(PersonalDataKind, Range<Int>)] = []
                for (index, role) in roles.enumerated() {
                    for match in matchers.matches(index, in: text, present: present) {
                        guard let range = match[role.group], !range.isEmpty else { continue }
                        found.append((role.kind, range))
                    }
                }
                return found
            }
        }
    }

    private static let order = Dictionary(uniqueKeysWithValues: PersonalDataKind.allCases.enumerated().map { ($1, $0) })

    /// Overlapping or touching spans (in the order `spans(in:)` gives) merged into one; the merged span keeps
    /// the kind of its longest part.
    public static func merged(_ spans: [MaskedSpan]) -> [MaskedSpan] {
        var result: [MaskedSpan] = []
        var longest = 0
        for span in spans {
            if let last = result.last, span.range.lowerBound <= last.range.upperBound {
                let upper = max(last.range.upperBound, span.range.upperBound)
                let kind = span.range.count > longest ? span.kind : last.kind
                longest = max(longest, span.range.count)
                result[result.count - 1] = MaskedSpan(kind: kind, range: last.range.lowerBound..<upper)
            } else {
                result.append(span)
                longest = span.range.count
            }
        }
        return result
    }

    /// True for a role or kinship word (kept before an honorific).
    static func isRoleNoun(_ name: String) -> Bool { PersonNames.nameLength(name, honorific: "さん", surnames: []) == nil }
}
