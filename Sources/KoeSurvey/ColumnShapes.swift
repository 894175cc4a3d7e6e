// ColumnShapes — what a column's header and values look like, beyond single words: a header whose subject is
// the respondent's age or gender (not one that merely contains the word), values that are ages, genders,
// quantities (counts, amounts, percentages), short attribute labels (Biology, Nursing), machine content (JSON),
// prose, Polis-style person ids and moderation columns.
import Foundation

enum ColumnShapes {
    /// English words that may stand around the subject of a segment question ("What is your age?",
    /// "Age group", "Gender identity") without changing what it asks.
    static let fillerWords: Set<String> = [
        "what", "is", "are", "your", "you", "please", "select", "enter", "indicate", "state", "give", "the", "in", "years",
        "year", "which", "of", "following", "best", "describes", "describe", "group", "range", "bracket", "band", "category",
        "respondent", "respondents", "do", "belong", "to", "current", "a", "my", "q", "identity", "self", "optional",
        "s", "yrs", "old", "how", "i", "am", "identify", "as",
    ]

    /// True when an ASCII header asks for `word` itself ("Age", "What is your age?", "Age group", "How old are you?"),
    /// not something else that contains it ("age cutoff at your kids' table", "interviewers' average age",
    /// "Question time: age").
    static func asksFor(_ word: String, header: String) -> Bool {
        let lowered = header.lowercased()
        if word == "age", lowered.contains("how old are you") { return true }
        let words = lowered.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
            .filter { !$0.allSatisfy(\.isNumber) }
        guard words.contains(word) else { return false }
        return words.allSatisfy { $0 == word || fillerWords.contains($0) }
    }

    /// True when a Japanese header names the respondent's own age/gender (年齢, あなたの年代), not an average or
    /// someone else's (平均年齢, 面接員の年齢).
    static func japaneseSubject(_ word: String, header: String) -> Bool {
        guard let range = header.range(of: word) else { return false }
        let before = header[..<range.lowerBound]
        for modifier in ["平均", "面接員", "調査員", "子どもの", "子供の", "お子さんの", "お子様の", "家族の", "世帯主の", "配偶者の"]
        where before.hasSuffix(modifier) {
            return false
        }
        return true
    }

    // MARK: values

    /// An age answer: 34, 34歳, 30代, 30～39歳, 18-24, 25 to 34, 65+, 65 or older, Under 18, or a declined answer.
    static func isAgeValue(_ s: String) -> Bool {
        if ColumnRoleDetector.isAge(s) || isDeclined(s) { return true }
        let t = ColumnRoleDetector.asciiDigits(s).lowercased()
        if let n = Int(t) { return (0...120).contains(n) }
        // `englishAge` matches at most 59 characters ("less than 120 years old – 130 years old"): a long free
        // answer is not run through the regex.
        return t.dropFirst(64).isEmpty && t.wholeMatch(of: ShapePatterns.englishAge) != nil
    }

    static let declinedAnswers: Set<String> = [
        "無回答", "回答しない", "回答しません", "答えたくない", "回答したくない", "未回答", "無記入", "prefer not to say",
        "prefer not to answer", "i prefer not to answer", "i prefer not to say", "decline to answer", "declined",
        "rather not say", "no answer",
    ]

    static func isDeclined(_ s: String) -> Bool { declinedAnswers.contains(s.lowercased().trimmingCharacters(in: .punctuationCharacters)) }

    static let genderAnswers: Set<String> = [
        "男性", "女性", "男", "女", "その他", "無回答", "回答しない", "答えたくない", "male", "female", "other", "m", "f", "man",
        "woman", "men", "women", "non-binary", "nonbinary", "non binary", "genderqueer", "transgender", "x", "ノンバイナリー",
        "どちらでもない",
    ]

    /// A gender answer, a declined one, or a one-digit code (性別 1 = 男性 in raw data, mapped by `labels`).
    static func isGenderValue(_ s: String) -> Bool {
        genderAnswers.contains(s.lowercased()) || isDeclined(s) || (s.count == 1 && s.first?.isNumber == true)
    }

    /// A count, amount or percentage: `3`, `1,200`, `$1,200.50`, `25%`, `¥3,000`, `3000円`, `2万円`, `5 hours`, `10-15`.
    static func isQuantity(_ s: String) -> Bool {
        guard s.utf8.count <= 40 else { return false }
        let t = ColumnRoleDetector.asciiDigits(s).lowercased()
        // The pattern needs a digit and holds no kana and no kanji but its units': a label or a word (30代, 女性)
        // is not run through the regex (≈ 180,000 instructions a value). (A kanji has no other canonically
        // equivalent kanji among the unified ones, and kana — composed or not — never match.)
        guard t.utf8.contains(where: { (0x30...0x39).contains($0) }),
            !t.unicodeScalars.contains(where: {
                (0x3040...0x30FF).contains($0.value) || (0x3400...0x9FFF).contains($0.value) && !quantityKanji.contains($0)
            })
        else { return false }
        return t.wholeMatch(of: ShapePatterns.quantity) != nil
    }

    /// The kanji of `ShapePatterns.quantity` (its units and 約).
    static let quantityKanji = Set("約円万千人件回時間分日年歳".unicodeScalars)

    /// Machine content, never an opinion: JSON objects/arrays (file uploads), ids and hashes without spaces.
    static func isMachineContent(_ s: String) -> Bool {
        guard let first = s.first else { return false }
        if first == "{" || first == "[", s.last == "}" || s.last == "]",
            (try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])) != nil
        {
            return true
        }
        return s.count >= 16 && s.wholeMatch(of: ShapePatterns.token) != nil && s.contains(where: \.isNumber)
    }

    /// A short label (a field of study, a job): at most three words and 30 characters, no sentence punctuation.
    static func isShortLabel(_ s: String) -> Bool {
        guard s.count <= 30, !s.contains(where: { ".!?。、！？,;".contains($0) }) else { return false }
        return s.split(separator: " ").count <= 3
    }

    /// Headers that ask for an attribute of the respondent, answered with a short label, not an opinion.
    static let attributeWords = [
        "field of study", "major", "occupation", "profession", "job title", "job", "department", "faculty", "school",
        "university", "college", "country", "nationality", "city", "state", "province", "zip", "postal code", "employer",
        "industry", "職業", "学部", "専攻", "所属", "勤務先", "学年", "国籍", "出身", "業種", "学校名",
    ]

    /// The attribute a header asks for, if any (ASCII words whole).
    static func attributeAsked(_ headers: [String]) -> String? {
        for h in headers {
            let lowered = h.lowercased()
            let padded = " " + lowered.map { $0.isLetter || $0.isNumber ? String($0) : " " }.joined() + " "
            for w in attributeWords {
                if w.allSatisfy(\.isASCII) ? padded.contains(" \(w) ") : lowered.contains(w) { return w }
            }
        }
        return nil
    }

    /// Prose: Latin text of two words or more, or Japanese with hiragana or katakana (a sentence, not a label).
    static func isProse(_ s: String) -> Bool {
        if s.unicodeScalars.contains(where: { (0x3041...0x30FF).contains($0.value) }) { return s.count >= 4 }
        return s.split(separator: " ").filter { $0.contains(where: \.isLetter) }.count >= 2
    }

    /// A timing column LimeSurvey adds for every question and group (`Question time: age`, `groupTime8020`, `M1Time`).
    static func isTimingHeader(_ header: String) -> Bool {
        let lowered = header.lowercased()
        if lowered.hasPrefix("question time:") || lowered.hasPrefix("group time:") || lowered == "total time" { return true }
        return header.wholeMatch(of: ShapePatterns.limeTime) != nil
    }

    /// A header naming a person (the author of a comment, a participant), whose id repeats over that person's rows.
    static func isPersonIDHeader(_ header: String) -> Bool {
        let s = ColumnRoleDetector.squeeze(header).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        return [
            "authorid", "participantid", "participant", "userid", "voterid", "memberid", "personid", "submitterid", "pid",
            "投稿者id", "参加者id", "投稿者番号", "参加者番号",
        ].contains(s)
    }

    /// A moderation column (Polis `moderated`: -1 moderated out, 0 not yet, 1 accepted).
    static func isModerationColumn(headers: [String], values: [String]) -> Bool {
        guard headers.contains(where: { ["moderated", "moderation", "モデレーション"].contains(ColumnRoleDetector.squeeze($0)) })
        else { return false }
        return values.allSatisfy { ["-1", "0", "1", ""].contains($0) }
    }
}

enum ShapePatterns {
    nonisolated(unsafe) static let englishAge =
        #/(under|below|over|above|less than|more than)? ?\d{1,3} ?(years?( old)?)? ?((-|–|to|~) ?\d{1,3}|\+|(and|or) (over|older|above|under|younger|up|below))? ?(years?( old)?)?/#
    nonisolated(unsafe) static let quantity =
        #/(about |approx\.? |ca\.? |約)?[$¥€£]?[+-]?\d{1,3}((,\d{3})+|\d*)(\.\d+)? ?(%|％|円|万円|千円|万|人|件|回|時間|分|日|年|歳|km|kg|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|times?|people|dollars?|usd|k)?( ?(-|–|to|~|～) ?[$¥€£]?\d[\d,]*(\.\d+)? ?(%|円|hours?|days?)?)?/#
    nonisolated(unsafe) static let token = #/[A-Za-z0-9_\-\.:\/=+]+/#
    nonisolated(unsafe) static let limeTime = #/groupTime\d+|[A-Za-z][A-Za-z0-9_]*Time/#
}
