// ReviewShapes — review-flag shapes the first scans miss: numbers after a number label, kanji and kana digit runs,
// plates, dates near a birth word, handles with _ or # or after an account label, names in signatures, lists and before 殿 or くん/ちゃん,
// lower-case or "Surname, Given" romaji (SPEC §7).
import Foundation

/// Regular-expression shapes behind the later review reasons; each pattern is compiled once.
enum ReviewShapes {
    private static let kanjiDigit = "[〇一二三四五六七八九零]"
    private static let digit = "[0-9０-９]"
    private static let kanaDigit = "(?:ゼロ|レイ|マル|イチ|ニー|サン|ヨン|ゴー|ロク|ナナ|ハチ|キュウ|キュー|ニ|ゴ|ク)"
    private static let notCount = "(?![0-9０-９]|[円年月日時分秒人名件歳才代%％個台本枚回倍割点万億])"

    /// Digits after a number label (〒, 番号, 記号, 証 第, 手帳 第): ID numbers, postal codes with any mark.
    static let labelled = regex("(?:〒|番号|記号|証[ 　]?第|帳[ 　]?第)[ 　]*[はが：:]?[ 　]*\(digit){3,12}(?:[-－‐〜~.．]\(digit){2,})*\(notCount)")
    /// A number after a label with a separator inside (記号12-34).
    static let labelledPair = regex("(?:番号|記号)[ 　]*[はが：:]?[ 　]*\(digit){2,}[-－‐]\(digit){2,}\(notCount)")
    /// Kanji digits in two groups joined by a dash (七七‐〇一), or three before a kana (五〇〇 ね): plates, numbers.
    static let kanjiDigits = regex("\(kanjiDigit){2,4}[‐－\\-―—]\(kanjiDigit){2,4}|\(kanjiDigit){3}[ 　]?[ぁ-ん][ 　]")
    /// A plate's kana then its serial (あ 12-34, ね 七七‐〇一).
    static let plate = regex("(?<![ぁ-ん])[ぁ-ん][ 　][0-9０-９〇一二三四五六七八九]{1,2}[‐－\\-―—][0-9０-９〇一二三四五六七八九]{2}(?![0-9０-９〇一二三四五六七八九])")
    /// What a mask left beside it: a room after a dash (＊＊＊-405), letters ending an ID (＊＊＊CD), a block after a
    /// housing word (市営住宅の3棟).
    static let remainder = regex("＊＊＊[-－‐][0-9０-９]{2,4}|＊＊＊[A-Z]{1,3}(?![A-Za-z])|(?:住宅|団地|アパート|マンション|コーポ)の?[0-9０-９A-Za-z]{1,2}号?棟")
    /// A hiragana name of five to nine after a particle, before an honorific (近所のおかもとゆきこさん).
    static let kanaAfterParticle = regex("(?<=[のはがとも])([ぁ-ゖ]{5,9})(?:さん|さま|様(?![々式子相態]))")
    /// Kana digit words in three groups (ゼロサンの、ゴーゴー…): a phone number read aloud.
    static let kanaPhone = regex("\(kanaDigit){2,5}(?:の、|、|の|・)\(kanaDigit){2,5}(?:の、|、|の|・)\(kanaDigit){3,5}")
    /// A date written with digits (1990-12-01, 12/03/1985, 62年4月7日, 1956年（昭和31年）4月2日).
    static let date = regex(
        "\(digit){1,4}[-/／.]\(digit){1,2}[-/／.]\(digit){1,4}|[0-9０-９元]{1,4}年(?:[（(][^）)]{1,8}[）)])?\(digit){1,2}月\(digit){1,2}日")
    /// Words that make a nearby date a birth date.
    static let birthWord = regex("生まれ|生年月日|誕生日|[Bb]irth|[Bb]orn|DOB|D\\.O\\.B")
    /// A Latin word with _ or # inside (gomi_watch_2023, nekomaru#4821): an account name.
    static let handle = regex(
        "(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9_.]*#[0-9]{4}(?![0-9])")
    /// A name given after an account label or a service's name label (IDは tanuki, インスタは hana.gram, mixiの名前は
    /// ぽんた): lower-case Latin or a kana nickname, which the masker leaves when it holds no digit, _ or dot.
    static let labelledAccount = regex(
        "(?:ID|アカウント名?|ユーザー?名|ハンドルネーム|ニックネーム)[ 　]?(?:は|:|：|=)[ 　]*[A-Za-z][A-Za-z0-9_.\\-]{2,}"
            + "|(?:インスタ|Instagram|Twitter|ツイッター|TikTok|note|Threads|mixi|ミクシィ|LINE|ライン)(?:の(?:アカウント|名前|ID))?"
            + "(?:は|:|：)[ 　]*(?:[a-z][a-z0-9_.\\-]{2,}(?![A-Za-z])|(?<=名前は|名前は )[ぁ-んァ-ヶー]{2,8}(?=[で。、）)]|$))")

    /// A short name at the end after a signing mark (―西村あゆみ, ／吉岡, 記入者 吉岡　誠, 以上 岡田).
    static let signature = regex("(?:[―—／/]|記入者[：: 　]?|以上[、。 　]*)[ 　]*([一-龥々]{2,3})[ 　]?[一-龥々ぁ-んァ-ヶ]{0,4}[ 　]*[）)]?[ 　。]*$")
    /// A surname before 殿 (佐野殿).
    static let tono = regex("(?<![一-龥々])([一-龥々]{2,3})殿")
    /// Three or more short kanji words listed with 、 or ・ then an honorific or a head count (井上・木下・荒井さん).
    static let list = regex(
        "([一-龥々]{2,3})[、・]([一-龥々]{2,3})[、・]([一-龥々]{2,3})(?:[、・][一-龥々]{2,3})*(?:さん|氏|様|君|先生|の[0-9０-９一二三四五六七八九十]+[名人])")
    /// くん/ちゃん that are an honorific: not ちゃんと (properly) nor a verb's くんです/くんだ (していくんです).
    static let kanaKun = regex("(?:くん(?![でだじ])|ちゃん(?!と))")
    /// Lower-case romaji after a name label (名前は kimura haruto).
    static let labelledRomaji = regex("(?:名前|氏名|なまえ)(?:は|：|:)?[ 　]*([a-z]{3,})[ 　]([a-z]{3,})")
    /// A romaji surname, a comma, a given name (Tanaka, Emi; OKADA, Yuko).
    static let commaName = regex("(?<![A-Za-z])([A-Z][A-Za-z]{2,}),[ 　]?([A-Z][a-z]{1,}|[A-Z]{2,})(?![A-Za-z])")

    /// Kana runs before くん/ちゃん that are family words (おにい, ばあば), not names.
    static let familyKana = ["ばあ", "じい", "ねえ", "にい", "かあ", "とう", "ぼっ", "あか"]

    static func regex(_ source: String) -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: source, options: [.anchorsMatchLines]) } catch {
            preconditionFailure("review shape \(source): \(error)")
        }
    }

    /// The matches of `re` in `text` as UTF-16 ranges with their groups' texts.
    static func matches(_ re: NSRegularExpression, _ text: String) -> [(range: Range<Int>, groups: [String])] {
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            let groups = (1..<max(1, m.numberOfRanges)).compactMap { g -> String? in
                let r = m.range(at: g)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
            return (m.range.location..<(m.range.location + m.range.length), groups)
        }
    }

    /// A number shape the digit-run scan skips: labelled, kanji digits, plate serials, kana phone digits.
    static func number(_ text: String) -> (ReviewReason, Range<Int>)? {
        if let m = matches(kanaPhone, text).first { return (.phoneDigits, m.range) }
        for re in [labelled, labelledPair, kanjiDigits, plate, remainder] {
            if let m = matches(re, text).first { return (.digits, m.range) }
        }
        return nil
    }

    /// A hiragana full name after a particle that holds no honorific, の or shop word (not のおさかなやさん).
    static func kanaName(_ text: String) -> Range<Int>? {
        matches(kanaAfterParticle, text).first { m in
            let run = m.groups.first ?? ""
            let words = ["さん", "ちゃん", "くん", "さま", "の", "みな", "たく", "おとな", "おとしより", "おとなり"]
            return !"やてでにをがは".contains(run.last ?? "や") && !words.contains(where: run.contains)
        }?.range
    }

    /// A date within 24 units of a birth word.
    static func birthDate(_ text: String) -> Range<Int>? {
        let words = matches(birthWord, text).map(\.range)
        guard !words.isEmpty else { return nil }
        return matches(date, text).map(\.range).first { d in words.contains { near(d, $0) } }
    }

    /// Whether two ranges lie within 24 units of each other.
    static func near(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let gap = a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : b.lowerBound - a.upperBound
        return gap <= 24
    }

    /// An account name with _ or # holding a digit (snake_case words are no account), or a name after an account label.
    static func accountName(_ text: String) -> Range<Int>? {
        let numbered = matches(handle, text).first { m in
            (text as NSString).substring(with: NSRange(location: m.range.lowerBound, length: m.range.count)).contains(where: \.isNumber)
        }?.range
        return numbered ?? matches(labelledAccount, text).first?.range
    }

    /// A name in a signature, before 殿, in a list of surnames or in hiragana before くん/ちゃん.
    static func personName(_ text: String, names: PersonNames) -> Range<Int>? {
        let isSurname = { (w: String) in names.surnames.contains(w) }
        if let m = matches(signature, text).first(where: { isSurname($0.groups.first ?? "") }) { return m.range }
        if let m = matches(tono, text).first(where: { isSurname($0.groups.first ?? "") }) { return m.range }
        if let m = matches(list, text).first(where: { $0.groups.filter(isSurname).count >= 2 }) { return m.range }
        let units = Array(text.utf16)
        for m in matches(kanaKun, text) {
            if let range = kanaRun(units, before: m.range.lowerBound) { return range }
        }
        return nil
    }

    /// Three or four hiragana before `end` that start after a particle or a non-hiragana and are no family word
    /// (クラスのゆうと, はるき; not おにい, ばあば).
    static func kanaRun(_ s: [UInt16], before end: Int) -> Range<Int>? {
        let hiragana = { (u: UInt16) in (0x3041...0x3096).contains(u) }
        for length in 3...4 where end - length >= 0 {
            let start = end - length
            guard s[start..<end].allSatisfy(hiragana) else { return nil }
            let ok = start == 0 || !hiragana(s[start - 1]) || particles.contains(s[start - 1])
            let run = String(decoding: s[start..<end], as: UTF16.self)
            if ok, !run.hasPrefix("お"), !familyKana.contains(where: run.contains), !run.contains("の") { return start..<end }
        }
        return nil
    }

    private static let particles: Set<UInt16> = Set("のはがともをた".utf16)

    /// Romaji names the capitalised-pair scan skips: lower case after a name label, "Surname, Given".
    static func romaji(_ text: String) -> Range<Int>? {
        let kept = { (w: String) in Romaji.kept.contains(w.lowercased()) }
        let romaji = { (w: String) in Romaji.isRomaji(w.lowercased()) && !kept(w) }
        for re in [labelledRomaji, commaName] {
            if let m = matches(re, text).first(where: { $0.groups.count == 2 && $0.groups.allSatisfy(romaji) }) { return m.range }
        }
        return nil
    }
}
