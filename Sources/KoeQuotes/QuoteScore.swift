// QuoteScore — why a quote ranks where it does, in visible parts: specificity (informative words, not
// 特になし/よろしくお願いします), a readable length, representativeness of its area's common words, the opinion
// type, and the diversity factor applied while picking across segments.

/// The parts of a quote's score, each in 0…1, kept for koe.sqlite and `koe quotes --format jsonl`.
public struct QuoteScore: Sendable, Hashable, Codable {
    /// Distinct informative words (generic words and stock phrases do not count), saturating at 8.
    public var specificity: Double
    /// How well the (trimmed) length fits the readable band of 25–160 characters.
    public var length: Double
    /// Share of the area's most common words the quote contains (0 until the area's words are known).
    public var representativeness: Double
    /// 要望 and 提案・ありたい姿 1.0, 課題 0.9, 評価 0.7, unknown 0.6 (the plan quotes what citizens ask for).
    public var type: Double
    /// 1 for the first quote of its segment in a section; lower for each earlier pick sharing its age band,
    /// gender or district.
    public var diversity: Double

    /// Weights of the parts in `base`.
    public static let weights = (specificity: 0.35, length: 0.25, representativeness: 0.25, type: 0.15)

    /// The weighted sum of the parts before diversity.
    public var base: Double {
        let w = Self.weights
        return w.specificity * specificity + w.length * length + w.representativeness * representativeness + w.type * type
    }

    /// `base × diversity`: the number quotes are ranked by.
    public var total: Double { base * diversity }

    public init(specificity: Double, length: Double, representativeness: Double, type: Double, diversity: Double = 1) {
        self.specificity = specificity
        self.length = length
        self.representativeness = representativeness
        self.type = type
        self.diversity = diversity
    }

    /// The parts that do not depend on other opinions.
    public init(text: String, words: [String], type: String?) {
        self.init(
            specificity: Self.specificity(text: text, words: words),
            length: Self.length(QuoteText.printable(text).text.count),
            representativeness: 0, type: Self.type(type))
    }

    static func type(_ type: String?) -> Double {
        switch type {
        case "要望", "提案・ありたい姿", "提案", "ありたい姿": return 1.0
        case "課題": return 0.9
        case "評価": return 0.7
        default: return 0.6
        }
    }

    /// 1 inside 25…160 characters, falling off linearly to 0.1 at 5 and at 400.
    static func length(_ count: Int) -> Double {
        switch count {
        case ..<5: return 0.1
        case 5..<25: return 0.1 + 0.9 * Double(count - 5) / 20
        case 25...160: return 1
        case 161..<400: return 1 - 0.9 * Double(count - 160) / 240
        default: return 0.1
        }
    }

    /// Distinct informative words / 8, capped at 1; 0 for a stock phrase (特になし, よろしくお願いします).
    static func specificity(text: String, words: [String]) -> Double {
        // Stock phrases are short: longer texts skip the check.
        if text.utf8.count <= 96 {
            let stripped = String(text.unicodeScalars.filter { !$0.properties.isWhitespace && !QuoteWords.isPunctuation($0) })
            if QuoteWords.stockPhrases.contains(stripped) { return 0 }
        }
        let informative = Set(words.filter(QuoteWords.isInformative))
        return min(1, Double(informative.count) / 8)
    }
}

/// Words for scoring: content runs of a text when koe's tokens are not at hand, the generic words that carry
/// no information, and the stock phrases that are not opinions.
public enum QuoteWords {
    /// Whole answers that say nothing quotable (after removing spaces and punctuation).
    static let stockPhrases: Set<String> = [
        "特になし", "特にない", "特にありません", "とくになし", "なし", "ない", "ありません", "よろしくお願いします", "よろしくお願いいたします",
        "宜しくお願いします", "ありがとうございます", "ありがとうございました", "頑張ってください", "がんばってください", "期待しています",
        "わからない", "分からない", "わかりません", "分かりません", "特に思いつかない", "特になしです", "以上", "同上", "同じ",
    ]

    /// Words that appear in any answer and say nothing about the subject.
    static let generic: Set<String> = [
        "特に", "なし", "こと", "もの", "ため", "よう", "など", "思う", "思い", "お願い", "願い", "よろしく", "宜しく", "する", "ある",
        "いる", "なる", "できる", "ほしい", "欲しい", "いい", "良い", "よい", "市", "町", "今後", "意見", "自分", "感じ", "気",
        "方", "人", "今", "これから", "もっと", "とても", "すごく", "大変", "必要", "是非", "ぜひ", "感謝", "ありがとう", "頑張る",
        "がんばる", "期待", "以上", "同上", "特にない", "わからない", "分からない", "場合", "部分", "問題", "考え", "本当",
    ]

    /// Punctuation and symbols, including the Japanese marks people end answers with (。！？〜♪).
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol, .modifierSymbol:
            return true
        default: return false
        }
    }

    /// True for a word that tells what the opinion is about.
    public static func isInformative(_ word: String) -> Bool {
        guard !generic.contains(word), let first = word.unicodeScalars.first,
            !word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil })
        else { return false }
        // A lone hiragana or a single kana/Latin character is a fragment, not a word.
        if word.unicodeScalars.count == 1 { return first.properties.isIdeographic }
        return !word.unicodeScalars.allSatisfy { (0x3041...0x309F).contains($0.value) } || word.unicodeScalars.count >= 3
    }

    /// Content runs of `text` — runs of kanji, of katakana and of Latin letters/digits — a stand-in for koe's
    /// content-word keys where they are not at hand (NFKC is not applied; callers pass normalized text).
    public static func contentRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        var currentClass = 0
        func flush() {
            if !current.isEmpty, current.count >= 2 || currentClass == 1 { runs.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for s in text.unicodeScalars {
            let cls: Int
            if s.properties.isIdeographic || s == "々" || s == "ヶ" {
                cls = 1
            } else if (0x30A1...0x30FA).contains(s.value) || s == "ー" {
                cls = 2
            } else if s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) {
                cls = 3
            } else {
                cls = 0
            }
            if cls != currentClass { flush() }
            currentClass = cls
            if cls != 0 { current.append(s) }
        }
        flush()
        return runs
    }
}
