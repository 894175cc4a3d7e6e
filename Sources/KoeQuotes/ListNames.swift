// ListNames — surnames in a list of people, found by the word that introduces or closes the list
// (参加者：伊藤、大和田、宮下 / 井上、木下、荒井の3名 / 担当→桐山), not by an honorific.

enum ListNames {
    /// Words that introduce a list of people.
    static let cues: [[UInt16]] = [
        "参加者", "出席者", "欠席者", "参加メンバー", "メンバー", "委員", "班員", "担当者", "担当", "発言者", "記入者", "回答者", "世話人",
        "役員", "当番", "幹事", "講師", "話者", "発表者", "司会", "記録", "書記", "同席者", "立会人", "連絡先", "作成者", "報告者",
    ].map { Array($0.utf16) }

    /// What may stand between a cue and the list: particles, colons, arrows, brackets and spaces; a colon or an
    /// arrow lets a single name count. Unit sets tested at every kanji run are bits per unit (`AnchorSet` of
    /// one-unit strings), not hashed.
    private static let cueGlue = AnchorSet("はがも:：→＝=「 　".utf16.map { [$0] })
    private static let strongGlue: Set<UInt16> = Set(":：→＝=".utf16)

    /// The writer after a list (私, 僕, 俺).
    private static let writer: Set<UInt16> = Set("私僕俺".utf16)

    /// What separates the names of a list.
    private static let separators = AnchorSet("、，,・と 　/／".utf16.map { [$0] })

    /// Words after a list that count people or add the writer (の3名, 4人, さん, 各氏, と私).
    private static let countUnits: Set<UInt16> = Set("名人".utf16)
    private static let closers: [[UInt16]] = ["さん", "様", "氏", "先生", "の各氏", "各氏", "の皆さん", "の皆様", "と私", "とわたし", "と僕", "とぼく"].map {
        Array($0.utf16)
    }

    /// Spans of the names in lists of people: two or more kanji words, each a listed surname (or a surname and a
    /// given name), separated by 、・と or spaces, with a cue word before them or a count of people after them;
    /// or one such word after a cue and a colon or arrow, ending the clause.
    static func spans(in u: [UInt16], names: PersonNames) -> [MaskedSpan] {
        var result: [MaskedSpan] = []
        var i = 0
        while i < u.count {
            guard PersonNames.isKanji(u[i]), i == 0 || !PersonNames.isKanji(u[i - 1]) else {
                i += 1
                continue
            }
            let start = i
            var end = i
            while end < u.count, PersonNames.isKanji(u[end]) { end += 1 }
            // The cheap context first: most kanji runs have no cue before them and no count after them. Most are
            // one run, not a list: no array for them.
            guard continuesList(u, at: end) else {
                i = end
                guard cueBefore(u, at: start) == true, endsClause(u, at: end), isListedName(u, start..<end, names: names) else {
                    continue
                }
                result.append(MaskedSpan(kind: .contextName, range: start..<end))
                continue
            }
            var items = [start..<end]
            while continuesList(u, at: end) {
                let j = end + 1
                end = j
                while end < u.count, PersonNames.isKanji(u[end]) { end += 1 }
                items.append(j..<end)
            }
            i = end
            let listed = cueBefore(u, at: start) != nil || countAfter(u, at: i)
            guard listed, items.allSatisfy({ isListedName(u, $0, names: names) }) else { continue }
            result += items.map { MaskedSpan(kind: .contextName, range: $0) }
        }
        return result
    }

    /// Whether the list goes on after a kanji run ending at `end`: a separator, then a kanji that is not the writer
    /// (と私 ends the list: the writer is no listed name).
    private static func continuesList(_ u: [UInt16], at end: Int) -> Bool {
        end + 1 < u.count && separators.mayStart(u[end]) && PersonNames.isKanji(u[end + 1]) && !writer.contains(u[end + 1])
    }

    /// A surname of two or three kanji, or a surname and a given name, that is no kept or role word.
    private static func isListedName(_ u: [UInt16], _ r: Range<Int>, names: PersonNames) -> Bool {
        guard (2...6).contains(r.count) else { return false }
        let word = String(decoding: u[r], as: UTF16.self)
        return !KeptWords.standard.contains(word) && !NameWords.roleNouns.contains(word) && ContextNames.isKanjiName(word, names: names)
    }

    /// Whether a cue word ends just before `start` (glue allowed): nil when none, true when a colon or an arrow
    /// joins them.
    private static func cueBefore(_ u: [UInt16], at start: Int) -> Bool? {
        var p = start
        var strong = false
        while p > 0, start - p < 3, cueGlue.mayStart(u[p - 1]) {
            strong = strong || strongGlue.contains(u[p - 1])
            p -= 1
        }
        // Most kanji runs follow a unit no cue ends with: no cue is compared there.
        guard p > 0, cueLastUnits.mayStart(u[p - 1]) else { return nil }
        let found = u.withUnsafeBufferPointer { u in
            cues.contains { cue in
                guard cue.count <= p else { return false }
                for k in cue.indices where u[p - cue.count + k] != cue[k] { return false }
                return true
            }
        }
        return found ? strong : nil
    }

    /// The last unit of each cue.
    private static let cueLastUnits = AnchorSet(cues.compactMap(\.last).map { [$0] })

    /// Whether a count of people or an honorific follows the list (の3名, 4人, さん, の各氏).
    private static func countAfter(_ u: [UInt16], at end: Int) -> Bool {
        if closers.contains(where: { end + $0.count <= u.count && u[end..<(end + $0.count)].elementsEqual($0) }) { return true }
        var p = end
        if p < u.count, u[p] == 0x306E { p += 1 }  // の
        let digits = p
        while p < u.count, p - digits < 3, PhoneNumbers.digit(u[p]) != nil || MatchingView.kanjiDigit(u[p]) != nil { p += 1 }
        return p > digits && p < u.count && countUnits.contains(u[p])
    }

    /// Whether the text ends a clause at `end` (punctuation, a bracket, a line end or the end).
    private static func endsClause(_ u: [UInt16], at end: Int) -> Bool {
        end == u.count || "、。，．,.!！?？）)」\n 　（(".utf16.contains(u[end])
    }
}
