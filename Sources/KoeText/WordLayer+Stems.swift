// WordLayer+Stems — a kanji stem joined with its okurigana and inflection (減|ら|そう → 減らそう), in named steps:
// how far the kana may reach, the readings past and inside ICU's segment, the choice among them, compound verbs.

extension WordLayer {
    /// A word that holds a kanji and may end in hiragana: joined with the following kana that inflect it,
    /// then with a following verb (compound verb). Nil when segment `i` is not such a word.
    /// With `suruNoun` nil, a segment that ends in two or more kanji is a noun before する (解消|して).
    mutating func stemWord(_ units: UnsafeBufferPointer<UInt16>, _ i: inout Int, suruNoun: Bool? = nil) -> RawWord? {
        let s = segments[i]
        var lastKanji = -1
        for k in s.start..<s.end where Conjugation.isKanji(units[k]) { lastKanji = k }
        guard lastKanji >= 0, Self.isHiragana(units, lastKanji + 1, s.end) || lastKanji + 1 == s.end else { return nil }
        if units[lastKanji] >= 0xD800 && units[lastKanji] <= 0xDBFF { lastKanji += 1 }  // a surrogate pair's end
        let minStem = lastKanji + 1 - s.start
        let noun =
            suruNoun ?? (lastKanji + 1 == s.end && lastKanji > s.start && Conjugation.isKanji(units[lastKanji - 1]))
        let limit = kanaLimit(units, i, endsInKanji: lastKanji + 1 == s.end)
        if limit == s.end && lastKanji + 1 == s.end {
            // A kanji word with no kana after it (a noun): nothing to join or inflect.
            i += 1
            return RawWord(start: s.start, end: s.end, status: s.status, forms: FormSet(), lexicon: s.lexicon)
        }
        let word = UnsafeBufferPointer(rebasing: units[s.start..<limit])
        let alone = analyze(UnsafeBufferPointer(rebasing: word[0..<(s.end - s.start)]), minStem: minStem, suruNoun: noun)
        // A segment that already reads as a word (早く) only takes inflection on the same stem: 早く|して is
        // not one word.
        // A noun ICU found (two or more kanji, no kana) takes no okurigana: 見守|る, 目指|す, but 統合|ありき
        // is a noun and a word.
        let stemLimit =
            alone.inflects
            ? Int(alone.stemKana) + (parser.isIOrEColumn(units[s.end - 1]) ? 1 : 0) : (noun && suruNoun == nil ? 0 : 2)
        if !readings.isEmpty { readings.removeAll(keepingCapacity: true) }
        if alone.inflects { readings.append((s.end, alone)) }
        let settled = addReadingsPast(units, word, s, limit: limit, minStem: minStem, noun: noun, stemLimit: stemLimit)
        if !settled && (alone.stemKana >= 2 || (!alone.inflects && readings.isEmpty)) {
            // ICU glued more kana than one word holds (見てくれる): shorter readings inside the segment count too.
            addReadingsInside(units, word, s, lastKanji: lastKanji, minStem: minStem, noun: noun)
        }
        let (end, forms) = chosenReading(or: (s.end, alone))
        if end < s.end {
            // A cut inside the segment: the rest is a segment of its own.
            segments.insert(Segment(start: end, end: s.end, status: s.status), at: i + 1)
            segments[i].end = end
        }
        consume(&i, upTo: end)
        let result = RawWord(start: s.start, end: end, status: s.status, forms: forms, lexicon: s.lexicon)
        return compoundVerb(units, &i, first: result, lastKanji: lastKanji) ?? result
    }

    /// How far the kana after segment `i` may join it: the hiragana stretch, or the segment's end when a particle
    /// follows a word ending in kanji (市の, 車を, 雪で; 待とう, 読もう aside).
    private func kanaLimit(_ units: UnsafeBufferPointer<UInt16>, _ i: Int, endsInKanji: Bool) -> Int {
        let end = segments[i].end
        let limit = hiraganaStretch(units, after: i, from: end)
        if limit > end && endsInKanji && parser.particleKana.contains(units[end])
            && !(limit > end + 1 && units[end + 1] == 0x3046)
        {
            return end
        }
        return limit
    }

    /// Adds the readings that take kana past segment `s` (up to `limit`, longest first) to `readings`; true when
    /// the shorter ones cannot change the choice (`chosenReading`), so they were not tried.
    private mutating func addReadingsPast(
        _ units: UnsafeBufferPointer<UInt16>, _ word: UnsafeBufferPointer<UInt16>, _ s: Segment, limit: Int,
        minStem: Int, noun: Bool, stemLimit: Int
    ) -> Bool {
        var candidate = limit
        var longerKana = Int.max  // fewest okurigana kana among the readings found so far past the segment
        while candidate > s.end {
            guard parser.canEnd(units[candidate - 1]) else {
                candidate -= 1
                continue
            }
            let f = analyze(
                UnsafeBufferPointer(rebasing: word[0..<(candidate - s.start)]), minStem: minStem, suruNoun: noun,
                maxStemKana: stemLimit)
            if f.inflects {
                readings.append((candidate, f))
                // Shorter readings cannot change the choice when this one is the longest reading with at most one
                // okurigana kana, or has none and the longer ones found have two or more.
                let kana = Int(f.stemKana)
                if (kana <= 1 && longerKana == Int.max) || (kana == 0 && longerKana >= 2) { return true }
                longerKana = min(longerKana, kana)
            }
            candidate -= 1
        }
        return false
    }

    /// Adds the readings that end inside segment `s`, after its last kanji, to `readings`.
    private mutating func addReadingsInside(
        _ units: UnsafeBufferPointer<UInt16>, _ word: UnsafeBufferPointer<UInt16>, _ s: Segment, lastKanji: Int,
        minStem: Int, noun: Bool
    ) {
        var candidate = s.end - 1
        while candidate > lastKanji + 1 {
            guard parser.canEnd(units[candidate - 1]) else {
                candidate -= 1
                continue
            }
            let f = analyze(UnsafeBufferPointer(rebasing: word[0..<(candidate - s.start)]), minStem: minStem, suruNoun: noun)
            if f.inflects { readings.append((candidate, f)) }
            candidate -= 1
        }
    }

    /// The longest word among `readings` with the fewest okurigana kana, or one more (`fallback` when there are
    /// none): 働い|て|いる is 働いて (働く), not 働いてい read on a stem 働いて; 新|しく is 新しく (新しい), not 新し.
    private func chosenReading(or fallback: (end: Int, forms: FormSet)) -> (end: Int, forms: FormSet) {
        guard !readings.isEmpty else { return fallback }
        // (Ends are distinct, so the longest is one reading.)
        var fewest = Int.max
        for r in readings { fewest = min(fewest, Int(r.forms.stemKana)) }
        var best = -1
        for (k, r) in readings.enumerated() where Int(r.forms.stemKana) <= fewest + 1 {
            if best < 0 || readings[best].end < r.end { best = k }
        }
        return readings[best]
    }

    /// Compound verb: `first`, a 連用形 ending in kana (支え, 住み, 取り), directly followed at segment `i` by a verb
    /// (合う, 慣れた, 組む) is one word with the parts' and the compound's readings. Nil (segments untouched) otherwise.
    private mutating func compoundVerb(
        _ units: UnsafeBufferPointer<UInt16>, _ i: inout Int, first: RawWord, lastKanji: Int
    ) -> RawWord? {
        let forms = first.forms, start = first.start, end = first.end
        guard forms.count > 0, !first.lexicon, end > lastKanji + 1,
            parser.isIOrEColumn(units[end - 1]), units[end - 1] != 0x3066, units[end - 1] != 0x3067,
            i < segments.count, segments[i].start == end,
            !segments[i].lexicon, Conjugation.isKanji(units[end])
        else { return nil }
        var j = i
        let snapshot = save(from: i)
        guard let second = stemWord(units, &j), second.forms.inflects, end < second.end,
            Conjugation.isHiragana(units[second.end - 1])
        else {
            restore(snapshot)
            return nil
        }
        var lastKanji2 = second.start
        for k in second.start..<second.end where Conjugation.isKanji(units[k]) { lastKanji2 = k }
        let whole = analyze(UnsafeBufferPointer(rebasing: units[start..<second.end]), minStem: lastKanji2 + 1 - start)
        // The parts first (支え合う: 支える, 合う), then the compound's own readings.
        var combined = FormSet()
        combined.inflects = true
        let compound = UnsafeBufferPointer(rebasing: units[start...])
        if forms.count > 0 { parser.add(forms[0], to: &combined, word: compound) }
        if whole.count > 0 { parser.add(whole[0], to: &combined, word: compound) }
        let offset = second.start - start
        if second.forms.isDictionaryForm, let own = selfForm(units, second.start, second.end, offset: offset) {
            parser.add(own, to: &combined, word: compound)
        }
        let moved = second.forms.shifted(by: offset)
        for k in 0..<moved.count { parser.add(moved[k], to: &combined, word: compound) }
        for k in 0..<whole.count { parser.add(whole[k], to: &combined, word: compound) }
        i = j
        drop(snapshot)
        return RawWord(start: start, end: second.end, status: first.status, forms: combined, lexicon: false)
    }
}
