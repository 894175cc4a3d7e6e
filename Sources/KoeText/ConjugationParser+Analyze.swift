// ConjugationParser+Analyze — `analyze`, the reading of a kanji stem with okurigana, in named steps: where a stem
// may end, then its godan (with euphonic te/ta forms), ichidan, adjective and する readings.

extension ConjugationParser {
    /// `Conjugation.analyze` (see there) on `word`: each stem from the last kanji to at most `limit` okurigana
    /// kana is read as godan, ichidan, adjective and する, until a reading is found and one kana more was tried.
    func analyze(_ word: Units, minStem: Int, suruNoun: Bool = false, maxStemKana limit: Int = 2) -> FormSet {
        var acc = Readings()
        let n = word.count
        guard minStem > 0, minStem <= n else { return acc.forms }
        if n > minStem {
            let next = word[minStem]
            if kaParticle.contains(word[minStem - 1]) && next == 0x304B { return acc.forms }  // 何か
            if suruNoun && suruKana.contains(next) { return acc.forms }  // 解消|して
        }
        let maxStemKana = min(limit, n - minStem)
        var firstKana = -1
        var godanAt = -1  // stem end of a godan 連用形 reading (for the ichidan い-column rule)
        var stemKana = 0
        while stemKana <= max(0, maxStemKana) && maxStemKana >= 0 {
            defer { stemKana += 1 }
            if firstKana >= 0 && stemKana > firstKana + 1 { break }
            guard canEndStem(word, minStem: minStem, stemKana: stemKana) else { break }
            let stemEnd = minStem + stemKana
            let lastIsInflection = stemKana >= 1 && inflectionKana.contains(word[stemEnd - 1])
            let before = acc.found
            if !lastIsInflection, let at = addGodanReadings(&acc, word, stemEnd: stemEnd, minStem: minStem, suruNoun: suruNoun) {
                godanAt = at
            }
            addIchidanReading(&acc, word, minStem: minStem, stemEnd: stemEnd, godanAt: godanAt)
            let adjective = addAdjectiveReading(
                &acc, word, minStem: minStem, stemEnd: stemEnd, firstKana: firstKana, lastIsInflection: lastIsInflection)
            if stemKana == 0 && stemEnd == 1 && accepts(.suru, Units(rebasing: word[stemEnd...])) {
                add(&acc, word, stemEnd, Conjugation.suruEnding)
            }
            if !before && acc.found { firstKana = stemKana }
            if adjective { break }
        }
        if acc.adjectiveSelf {
            acc.forms.removeAll()
            acc.forms.isDictionaryForm = true
        }
        acc.forms.inflects = acc.found
        acc.forms.stemKana = Int8(max(firstKana, 0))
        return acc.forms
    }

    /// Whether a stem may take `stemKana` okurigana kana: not past a particle kana or an inflection kana, and が
    /// only before ら行 (上が-る, 繋が-る).
    @inline(__always) private func canEndStem(_ word: Units, minStem: Int, stemKana: Int) -> Bool {
        let stemEnd = minStem + stemKana
        if stemKana >= 1 && particleKana.contains(word[minStem]) { return false }
        if stemKana >= 2 && inflectionKana.contains(word[stemEnd - 2]) { return false }
        if stemKana >= 1 && word[minStem] == 0x304C {
            guard stemKana == 1, stemEnd < word.count else { return false }
            let f = word[stemEnd]
            return f == 0x3063 || position(f)?.row == 7
        }
        return true
    }

    /// Adds the godan readings of the stem `word[0..<stemEnd]`: by the column of the kana after it, then the
    /// euphonic te/ta forms. Returns the stem end of a 連用形 reading when one was added.
    @inline(__always) private func addGodanReadings(
        _ acc: inout Readings, _ word: Units, stemEnd: Int, minStem: Int, suruNoun: Bool
    ) -> Int? {
        guard stemEnd < word.count else { return nil }
        let first = word[stemEnd]
        let rest1 = Units(rebasing: word[(stemEnd + 1)...])
        let last = word[stemEnd - 1]
        let directlyAfterKanji = stemEnd == minStem
        var renyouAt: Int?
        if let (r, c) = position(first), r < rowCount {
            let excluded =
                (r == 4 && !(stemEnd == 1 && word[0] == 0x6B7B))  // な行: 死ぬ only
                || (directlyAfterKanji && suruNoun && r == 2)
                || (directlyAfterKanji && c == 0 && r == 1 && !gaStems.contains(last))
            let ok: Bool
            switch c {
            case _ where excluded: ok = false
            case 0: ok = accepts(.godanMizen, rest1)
            case 1:
                ok =
                    (accepts(.renyou, rest1) && !(r == 8 && rest1.isEmpty && last == 0x306A))
                    || (r == 2 && accepts(.teUnvoiced, rest1))
            case 2: ok = rest1.isEmpty
            case 3: ok = !rest1.isEmpty && accepts(.godanE, rest1)
            default: ok = rest1.count == 1 && rest1[0] == 0x3046  // う
            }
            if ok {
                add(&acc, word, stemEnd, rowEnding[r])
                if c == 1 { renyouAt = stemEnd + 1 }
            }
        }
        addEuphonicReadings(&acc, word, stemEnd: stemEnd, first: first, rest1: rest1)
        return renyouAt
    }

    /// Euphonic te/ta forms after the stem `word[0..<stemEnd]`, whose next kana is `first`: 書いて 泳いで 待って 読んで.
    @inline(__always) private func addEuphonicReadings(
        _ acc: inout Readings, _ word: Units, stemEnd: Int, first: UInt16, rest1: Units
    ) {
        switch first {
        case 0x3044:  // い
            if accepts(.teUnvoiced, rest1) { add(&acc, word, stemEnd, 0) }
            if accepts(.teVoiced, rest1) { add(&acc, word, stemEnd, 1) }
        case 0x3063:  // っ
            if accepts(.teUnvoiced, rest1) {
                if word[stemEnd - 1] == 0x884C { add(&acc, word, stemEnd, 0) }  // 行って
                add(&acc, word, stemEnd, 8)
                add(&acc, word, stemEnd, 7)
                add(&acc, word, stemEnd, 3)
            }
        case 0x3093:  // ん
            if accepts(.teVoiced, rest1) {
                add(&acc, word, stemEnd, 6)
                add(&acc, word, stemEnd, 5)
                if stemEnd == 1 && word[0] == 0x6B7B { add(&acc, word, stemEnd, 4) }
            }
        default: break
        }
    }

    /// Adds the ichidan reading (見|る, 考え|る) of the stem `word[0..<stemEnd]` when it can be one; `godanAt` is the
    /// stem end of a godan 連用形 reading, which an い-column kana then is not.
    @inline(__always) private func addIchidanReading(
        _ acc: inout Readings, _ word: Units, minStem: Int, stemEnd: Int, godanAt: Int
    ) {
        let last = word[stemEnd - 1]
        let directlyAfterKanji = stemEnd == minStem
        let rest = Units(rebasing: word[stemEnd...])
        let ichidanStem: Bool
        if directlyAfterKanji {
            ichidanStem = ichidanKanji.contains(last)
        } else if last == 0x3044 {
            ichidanStem = ichidanIKanji.contains(word[minStem - 1])
        } else if let p = position(last), p.column == 1 {
            ichidanStem = godanAt != stemEnd
        } else {
            ichidanStem = isIOrEColumn(last)
        }
        let bare = rest.isEmpty && (directlyAfterKanji || stemEnd - minStem >= 2 || last == 0x3066 || last == 0x3067)
        if ichidanStem && !bare && accepts(.ichidan, rest) { add(&acc, word, stemEnd, Conjugation.ichidanEnding) }
    }

    /// Adds the adjective reading (早|く, 新し|い) of the stem `word[0..<stemEnd]`; true when added (no longer stem
    /// is tried then).
    @inline(__always) private func addAdjectiveReading(
        _ acc: inout Readings, _ word: Units, minStem: Int, stemEnd: Int, firstKana: Int, lastIsInflection: Bool
    ) -> Bool {
        let last = word[stemEnd - 1]
        let directlyAfterKanji = stemEnd == minStem
        let rest = Units(rebasing: word[stemEnd...])
        let adjectiveStem =
            directlyAfterKanji || (word[minStem] != 0x304C && adjectiveStemKana.contains(last) && firstKana < 0)
        let bareKu = rest.count == 1 && rest[0] == 0x304F
        guard
            adjectiveStem && !lastIsInflection && !bareKu && accepts(.adjective, rest)
                && !(directlyAfterKanji && rest.first == 0x3055)
        else { return false }
        add(&acc, word, stemEnd, Conjugation.adjectiveEnding)
        return true
    }
}
