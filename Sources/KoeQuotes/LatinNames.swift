// LatinNames — names written in Latin letters: romaji pairs (Yuko Okada, OKADA Yuko), a title before a name
// (Mr. Okada, Dr Tanaka) and a romaji name with -san; plus the top-level domains that make a word a domain.

/// A Latin word in UTF-16 units.
struct LatinWord {
    var start: Int
    var end: Int
    var text: String

    /// Upper-case first letter, then letters (Okada, OKADA).
    var capitalised: Bool { text.first.map { $0.isUppercase } == true && text.count >= 2 }
}

enum LatinWords {
    /// Runs of ASCII letters in `s`.
    static func words(_ s: [UInt16]) -> [LatinWord] {
        var result: [LatinWord] = []
        var i = 0
        while i < s.count {
            guard PhoneNumbers.isLetter(s[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < s.count, PhoneNumbers.isLetter(s[j]) { j += 1 }
            result.append(LatinWord(start: i, end: j, text: String(decoding: s[i..<j], as: UTF16.self)))
            i = j
        }
        return result
    }

    /// Titles written before a name (Mr. Okada, Dr Sato).
    static let titles: Set<String> = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof"]

    /// Spans of Latin-script names in the normalized units `s`: a title and the capitalised word after it; two
    /// capitalised words that both read as romaji and are not kept words (Yuko Okada, OKADA Yuko); a romaji word
    /// before -san/-sama/-kun/-chan.
    static func nameSpans(_ s: [UInt16]) -> [Range<Int>] {
        let words = words(s)
        var spans: [Range<Int>] = []
        for (k, a) in words.enumerated() {
            let b = k + 1 < words.count ? words[k + 1] : nil
            let gap = b.map { $0.start - a.end } ?? 0
            let joined =
                b != nil && (gap == 1 && s[a.end] == 0x20 || gap == 2 && s[a.end] == 0x2E && s[a.end + 1] == 0x20)
                || (b != nil && gap == 1 && s[a.end] == 0x2E)
            if let b, joined, titles.contains(a.text), b.capitalised {
                spans.append(b.start..<b.end)
            } else if let b, joined, gap <= 2, s[a.end] == 0x2E, a.text.count == 1, a.text != a.text.lowercased(), b.capitalised,
                b.text.count >= 3, Romaji.isRomaji(b.text), !Romaji.kept.contains(b.text.lowercased())
            {
                spans.append(a.start..<b.end)  // T. Okabe
            } else if let b, joined, gap == 1, s[a.end] == 0x20, a.capitalised, b.capitalised, Romaji.isRomaji(a.text),
                Romaji.isRomaji(b.text), a.text.count >= 3, b.text.count >= 3, !Romaji.kept.contains(a.text.lowercased()),
                !Romaji.kept.contains(b.text.lowercased())
            {
                spans.append(a.start..<b.end)
            } else if let b, gap == 1 || gap == 2 && s[a.end] == 0x2C, s[a.end + gap - 1] == 0x20, a.text.count >= 2,
                b.text.count >= 2, isPersonPair(a, b, in: s)
            {
                spans.append(a.start..<b.end)  // Ana Lopez さん, kenta sugiura です, by Tanaka, Emi
            } else if let b, gap == 1, s[a.end] == 0x2D, a.capitalised, Romaji.isRomaji(a.text),
                ["san", "sama", "kun", "chan", "sensei"].contains(b.text)
            {
                spans.append(a.start..<a.end)
            }
        }
        return spans
    }
}

extension LatinWords {
    /// Japanese words after a name that say it is a person's (Ana Lopez さん, Michael Brown先生, kenta sugiura です).
    static let personAfter: [[UInt16]] = ["さん", "様", "さま", "氏", "先生", "くん", "君", "ちゃん", "です", "と申します", "といいます"].map {
        Array($0.utf16)
    }

    /// Words that make a Latin pair a business or a place, not a person (Aeon Mall さん, Green Farm さん).
    static let businessWords: Set<String> = [
        "mall", "store", "shop", "company", "cafe", "bank", "center", "centre", "hotel", "station", "park", "japan", "inc", "co",
        "ltd", "club", "team", "school", "hall", "market", "mart", "group", "farm", "clinic", "salon", "studio", "bakery",
        "restaurant", "kitchen", "books", "foods", "service", "services", "systems", "design", "works", "lab", "academy", "house",
        "home", "world", "city", "town", "hello", "map", "office", "net", "online", "system", "bus", "taxi", "garden", "village",
    ]

    /// Words before a name that say it is one (名前は kimura haruto, Submitted by Tanaka, Emi).
    static let personBefore: [[UInt16]] = ["名前は", "名前：", "名前:", "氏名：", "氏名:", "by", "By", "From", "from", "Name:"].map {
        Array($0.utf16)
    }

    /// Two Latin words that name a person by what surrounds them: a Japanese honorific or self-introduction right
    /// after (a space allowed), or a name word before; with です or a word before, both words must read as romaji
    /// (so `so cute です` stays), with an honorific any capitalised pair or a romaji pair counts. Kept words never do.
    static func isPersonPair(_ a: LatinWord, _ b: LatinWord, in s: [UInt16]) -> Bool {
        let kept = Romaji.kept.contains(a.text.lowercased()) || Romaji.kept.contains(b.text.lowercased())
        let joinedByComma = s[a.end] == 0x2C
        let business = businessWords.contains(a.text.lowercased()) || businessWords.contains(b.text.lowercased())
        guard !kept, !business, !titles.contains(a.text) else { return false }
        let romaji = Romaji.isRomaji(a.text) && Romaji.isRomaji(b.text) && a.text.count >= 3 && b.text.count >= 3
        var p = b.end
        if p < s.count, s[p] == 0x20 { p += 1 }
        if let after = personAfter.first(where: { p + $0.count <= s.count && s[p..<(p + $0.count)].elementsEqual($0) }) {
            let honorific = after.first != 0x3067 && after.first != 0x3068  // not です / と…
            return !joinedByComma && (romaji || honorific && a.capitalised && b.capitalised)
        }
        var q = a.start
        if q > 0, s[q - 1] == 0x20 { q -= 1 }
        let cue = personBefore.contains { q >= $0.count && s[(q - $0.count)..<q].elementsEqual($0) }
        return cue && (romaji || a.capitalised && b.capitalised && joinedByComma)
    }
}

/// Whether a Latin word reads as Japanese romaji (Hepburn or kunrei; long vowels as ou/oh/uu).
enum Romaji {
    static let vowels: Set<Character> = ["a", "i", "u", "e", "o"]
    static let consonants: Set<Character> = Set("kgsztdnhbpmyrwfjcv")

    /// True when `word` splits into romaji syllables (ka, shi, tsu, kyo, n, a doubled consonant, oh). A
    /// deterministic scan, linear in the word.
    static func isRomaji(_ word: String) -> Bool {
        let c = Array(word.lowercased())
        guard c.count >= 2, c.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        var i = 0
        while i < c.count {
            let x = c[i]
            if vowels.contains(x) {
                i += 1
                // A long o written oh (Ohno, Satoh) before a consonant or at the end.
                if x == "o", i < c.count, c[i] == "h", i + 1 == c.count || !vowels.contains(c[i + 1]) { i += 1 }
                continue
            }
            guard consonants.contains(x) else { return false }
            if x == "n", i + 1 == c.count || (!vowels.contains(c[i + 1]) && c[i + 1] != "y") {
                i += 1
                continue
            }
            var j = i + 1
            // Doubled consonant (Hattori, Nakka), then sh/ch/ts, then y (kyo, ryu), then the vowel.
            if j < c.count, c[j] == x, x != "n" { j += 1 }
            if j < c.count, (x == "s" || x == "c") && c[j] == "h" || x == "t" && c[j] == "s" { j += 1 }
            if j < c.count, c[j] == "y", x != "y" { j += 1 }
            guard j < c.count, vowels.contains(c[j]) else { return false }
            if x == "c", c[i + 1] != "h", c[i + 1] != "c" { return false }
            i = j
        }
        return true
    }

    /// Capitalised romaji-shaped words that are places, brands or common words, not names.
    static let kept: Set<String> = [
        "tokyo", "osaka", "kyoto", "japan", "nippon", "nihon", "shiojiri", "hokkaido", "okinawa", "kanagawa",
        "saitama", "kobe", "nagoya", "fukuoka", "sapporo", "sendai", "hiroshima", "yokohama", "kawasaki",
        "nara", "kamakura", "tokai", "kanto", "kansai", "kyushu", "shikoku", "honshu", "ginza", "shibuya", "shinjuku",
        "sony", "nikon", "nintendo", "uniqlo", "muji", "yahoo", "line",
        "anime", "manga", "sushi", "ramen", "kawaii", "sake", "wasabi", "karaoke", "otaku", "emoji", "tsunami", "kaizen",
        "omotenashi", "mottainai", "sumo", "judo", "karate", "ninja", "samurai", "geisha", "shinkansen", "onsen",
        "miso", "tofu", "bento", "kimono", "yukata", "matcha", "zen", "hanami", "matsuri", "koban", "banana", "piano",
        "camera", "data", "area", "agenda", "media", "radio", "video", "menu", "taxi", "pizza", "tempo", "sonata", "opera",
        "drama", "panorama", "idea", "zero", "ok", "no", "to", "so", "go", "be", "me", "we", "he", "do", "up",
        "the", "are", "one", "more", "some", "home", "time", "made", "take", "make", "come", "name", "same", "game", "note",
        "use", "site", "page", "type", "base", "case", "mode", "code", "rate", "date", "size", "zone", "tube", "guide",
        "side", "wide", "wise", "nature", "future", "culture", "picture", "sure", "pure", "care", "share", "rare",
        "more", "tokyoto", "kagoshima", "niigata",
        "fukui", "gifu", "shizuoka", "aichi", "mie", "shiga", "hyogo", "wakayama", "tottori", "shimane", "tokushima",
        "kagawa", "ehime", "kochi", "saga", "oita", "aomori", "iwate", "miyagi", "akita", "yamagata",
        "ibaraki", "tochigi", "gunma", "yamanashi", "azumino", "suwa", "ina",
    ]
}

enum Domains {
    /// Top-level domains (and the second-level labels of .jp) that end a bare domain.
    static let topLevel: Set<String> = [
        "com", "net", "org", "info", "biz", "jp", "io", "me", "co", "ne", "or", "ac", "go", "lg", "ed", "gr", "edu", "gov",
        "uk", "us", "app", "dev", "xyz", "tokyo", "site", "online", "tv", "cc", "ly", "gl", "gd", "to", "be", "ws", "link",
    ]
}
