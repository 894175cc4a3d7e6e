// WordLayer — words from ICU's segments: lexicon words kept whole, a stem joined with its okurigana and
// inflection (減|ら|そう → 減らそう), compound verbs joined (支え|合う), each word with its dictionary forms.

/// A word before it becomes a `Token`: normalized offsets, ICU's rule status, forms and role.
struct RawWord {
    var start: Int
    var end: Int
    var status: Int
    var forms: FormSet
    var lexicon: Bool
}

/// The word layer of one tokenizer: its scratch buffers are reused from text to text (one per thread).
struct WordLayer {
    struct Segment {
        var start: Int
        var end: Int
        var status: Int
        var lexicon = false
    }

    /// The longest hiragana stretch looked at after a stem (させられなかった is eight kana).
    static let maxTail = 8

    let parser: ConjugationParser
    /// Readings of words met before (freed by the owner with `cache.deallocate()`).
    let cache = ReadingCache()
    let kanaStarts: KanaSet
    /// ICU's segments of the text at hand (filled by `WordBreaker.segments(_:minStatus:into:)`), then the
    /// layer's working list.
    var segments: [Segment] = []
    /// Scratch: segments with lexicon words merged, trial-join snapshots (a stack), a stem's readings,
    /// lexicon match ends, and a kana tail.
    private var merged: [Segment] = []
    private var saved: [Segment] = []
    private var readings: [(end: Int, forms: FormSet)] = []
    private var ends: [Int] = []
    private var tail: [UInt16] = []

    init(parser: ConjugationParser = Conjugation.parser) {
        self.parser = parser
        kanaStarts = Conjugation.kanaStarts
    }

    /// Words over `units` (normalized UTF-16) from the ICU segments in `segments`, with `lexicon` words
    /// recognised first; `out` is emptied first.
    mutating func words(_ units: UnsafeBufferPointer<UInt16>, lexicon: WordLexicon, into out: inout [RawWord]) {
        out.removeAll(keepingCapacity: true)
        saved.removeAll(keepingCapacity: true)
        if !lexicon.isEmpty { applyLexicon(units, lexicon) }
        var i = 0
        while i < segments.count {
            let s = segments[i]
            if s.status < 300 || s.end - s.start == 0 {
                out.append(RawWord(start: s.start, end: s.end, status: s.status, forms: FormSet(), lexicon: s.lexicon))
                i += 1
                continue
            }
            let kanji = Self.firstKanji(units, s.start, s.end)
            let hiraganaFirst = Conjugation.isHiragana(units[s.start])
            if hiraganaFirst, let k = kanji {
                // ICU glues particles to a kanji word (に対して): the kana before the kanji are a word of their own.
                segments.insert(Segment(start: k, end: s.end, status: s.status), at: i + 1)
                segments[i].end = k
                continue
            }
            // Only a segment with a kanji can be a fragment or a stem (both check it again).
            if kanji != nil, s.end - s.start == 1, i + 1 < segments.count, let merged = fragmentWord(units, &i) {
                out.append(merged)
            } else if kanji != nil, let word = stemWord(units, &i) {
                out.append(word)
            } else if hiraganaFirst && Self.isHiragana(units, s.start, s.end) {
                out.append(kanaWord(units, &i))
            } else {
                out.append(RawWord(start: s.start, end: s.end, status: s.status, forms: FormSet(), lexicon: s.lexicon))
                i += 1
            }
        }
    }

    static func firstKanji(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> Int? {
        for k in start..<end where Conjugation.isKanji(units[k]) { return k }
        return nil
    }

    static func isHiragana(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> Bool {
        for k in start..<end where !Conjugation.isHiragana(units[k]) { return false }
        return end > start
    }

    /// End of the run of adjacent hiragana segments after segment `i` (at most `maxTail` units past `from`).
    func hiraganaStretch(_ units: UnsafeBufferPointer<UInt16>, after i: Int, from: Int) -> Int {
        var end = from
        var j = i + 1
        while j < segments.count, segments[j].start == end, !segments[j].lexicon,
            Self.isHiragana(units, segments[j].start, segments[j].end)
        {
            end = segments[j].end
            j += 1
            if end - from >= Self.maxTail { break }
        }
        return min(end, from + Self.maxTail)
    }

    /// Consumes the segments that lie before `end`; a segment straddling `end` keeps its remainder.
    mutating func consume(_ i: inout Int, upTo end: Int) {
        i += 1
        while i < segments.count && segments[i].end <= end { i += 1 }
        if i < segments.count && segments[i].start < end { segments[i].start = end }
    }

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
        var limit = hiraganaStretch(units, after: i, from: s.end)
        if limit > s.end && lastKanji + 1 == s.end && parser.particleKana.contains(units[s.end])
            && !(limit > s.end + 1 && units[s.end + 1] == 0x3046)
        {
            // A particle after the kanji (市の, 車を, 雪で): nothing to join (待とう, 読もう aside).
            limit = s.end
        }
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
        readings.removeAll(keepingCapacity: true)
        if alone.inflects { readings.append((s.end, alone)) }
        var candidate = limit
        var longerKana = Int.max  // fewest okurigana kana among the readings found so far past the segment
        var settled = false
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
                // Shorter readings cannot change the choice below when this one is the longest reading with at
                // most one okurigana kana, or has none and the longer ones found have two or more.
                let kana = Int(f.stemKana)
                if (kana <= 1 && longerKana == Int.max) || (kana == 0 && longerKana >= 2) {
                    settled = true
                    break
                }
                longerKana = min(longerKana, kana)
            }
            candidate -= 1
        }
        if !settled && (alone.stemKana >= 2 || (!alone.inflects && readings.isEmpty)) {
            // ICU glued more kana than one word holds (見てくれる): shorter readings inside the segment count too.
            candidate = s.end - 1
            while candidate > lastKanji + 1 {
                guard parser.canEnd(units[candidate - 1]) else {
                    candidate -= 1
                    continue
                }
                let f = analyze(
                    UnsafeBufferPointer(rebasing: word[0..<(candidate - s.start)]), minStem: minStem, suruNoun: noun)
                if f.inflects { readings.append((candidate, f)) }
                candidate -= 1
            }
        }
        // The longest word among the readings with the fewest okurigana kana, or one more: 働い|て|いる is
        // 働いて (働く), not 働いてい read on a stem 働いて; 新|しく is 新しく (新しい), not 新し.
        var end = s.end
        var forms = alone
        if !readings.isEmpty {
            // (Ends are distinct, so the longest is one reading.)
            var fewest = Int.max
            for r in readings { fewest = min(fewest, Int(r.forms.stemKana)) }
            var best = -1
            for (k, r) in readings.enumerated() where Int(r.forms.stemKana) <= fewest + 1 {
                if best < 0 || readings[best].end < r.end { best = k }
            }
            end = readings[best].end
            forms = readings[best].forms
        }
        if end < s.end {
            // A cut inside the segment: the rest is a segment of its own.
            segments.insert(Segment(start: end, end: s.end, status: s.status), at: i + 1)
            segments[i].end = end
        }
        consume(&i, upTo: end)
        var result = RawWord(start: s.start, end: end, status: s.status, forms: forms, lexicon: s.lexicon)
        // Compound verb: a 連用形 ending in kana (支え, 住み, 取り) directly followed by a verb (合う, 慣れた, 組む).
        if forms.count > 0, !s.lexicon, end > lastKanji + 1,
            parser.isIOrEColumn(units[end - 1]), units[end - 1] != 0x3066, units[end - 1] != 0x3067,
            i < segments.count, segments[i].start == end,
            !segments[i].lexicon, Conjugation.isKanji(units[end])
        {
            var j = i
            let snapshot = save(from: i)
            if let second = stemWord(units, &j), second.forms.inflects, end < second.end,
                Conjugation.isHiragana(units[second.end - 1])
            {
                var lastKanji2 = second.start
                for k in second.start..<second.end where Conjugation.isKanji(units[k]) { lastKanji2 = k }
                let whole = analyze(
                    UnsafeBufferPointer(rebasing: units[s.start..<second.end]), minStem: lastKanji2 + 1 - s.start)
                // The parts first (支え合う: 支える, 合う), then the compound's own readings.
                var combined = FormSet()
                combined.inflects = true
                let compound = UnsafeBufferPointer(rebasing: units[s.start...])
                if forms.count > 0 { parser.add(forms[0], to: &combined, word: compound) }
                if whole.count > 0 { parser.add(whole[0], to: &combined, word: compound) }
                let offset = second.start - s.start
                if second.forms.isDictionaryForm, let own = selfForm(units, second.start, second.end, offset: offset) {
                    parser.add(own, to: &combined, word: compound)
                }
                let moved = second.forms.shifted(by: offset)
                for k in 0..<moved.count { parser.add(moved[k], to: &combined, word: compound) }
                for k in 0..<whole.count { parser.add(whole[k], to: &combined, word: compound) }
                i = j
                result = RawWord(start: s.start, end: second.end, status: s.status, forms: combined, lexicon: false)
                drop(snapshot)
            } else {
                restore(snapshot)
            }
        }
        return result
    }

    /// A lone kanji ICU cut off before a verb is joined with it (見|守り → 見守り, 気|付く → 気付く); before a
    /// する form the kanji pair is a noun (安|心して → 安心 して). Nil when segment `i` is not such a lone kanji.
    mutating func fragmentWord(_ units: UnsafeBufferPointer<UInt16>, _ i: inout Int) -> RawWord? {
        let s = segments[i]
        guard s.end - s.start == 1, !s.lexicon, Conjugation.isKanji(units[s.start]), i + 1 < segments.count else { return nil }
        let next = segments[i + 1]
        guard next.start == s.end, !next.lexicon, Conjugation.isKanji(units[next.start]) else { return nil }
        var kanjiEnd = next.start
        while kanjiEnd < next.end && Conjugation.isKanji(units[kanjiEnd]) { kanjiEnd += 1 }
        let snapshot = save(from: i + 1)
        segments[i + 1].start = s.start
        var j = i + 1
        if let word = stemWord(units, &j, suruNoun: true), word.forms.inflects,
            Conjugation.isHiragana(units[word.end - 1])
        {
            i = j
            drop(snapshot)
            return word
        }
        restore(snapshot)
        guard kanjiEnd < next.end, Self.isHiragana(units, kanjiEnd, next.end) else { return nil }
        tail.removeAll(keepingCapacity: true)
        tail.append(contentsOf: UnsafeBufferPointer(rebasing: units[kanjiEnd..<next.end]))
        tail.append(0x3066)
        let accepted = tail.withUnsafeBufferPointer { t in
            parser.accepts(.suru, UnsafeBufferPointer(rebasing: t.dropLast())) || parser.accepts(.suru, t)
        }
        guard accepted else { return nil }
        segments[i + 1].start = kanjiEnd
        i += 1
        return RawWord(start: s.start, end: kanjiEnd, status: s.status, forms: FormSet(), lexicon: false)
    }

    /// The segments from one index on, kept on the `saved` stack to undo a trial join (a join moves a start or
    /// cuts a segment, within the next few segments). Every `save` is followed by one `restore` or `drop`, in
    /// stack order.
    struct Snapshot {
        let from: Int
        let window: Int
        let count: Int
        let stack: Int
    }

    mutating func save(from: Int) -> Snapshot {
        let window = min(segments.count, from + 32) - from
        let snapshot = Snapshot(from: from, window: window, count: segments.count, stack: saved.count)
        saved.append(contentsOf: segments[from..<(from + window)])
        return snapshot
    }

    /// Puts the window back (a trial may also have cut a segment in two).
    mutating func restore(_ s: Snapshot) {
        segments.replaceSubrange(
            s.from..<(s.from + s.window + segments.count - s.count), with: saved[s.stack..<(s.stack + s.window)])
        drop(s)
    }

    mutating func drop(_ s: Snapshot) { saved.removeSubrange(s.stack...) }

    /// The dictionary form a word in dictionary form stands for (合う inside 支え合う), offset into the compound.
    func selfForm(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, offset: Int) -> FormSet.Form? {
        guard end - start >= 2, let ending = parser.singleUnitEnding(units[end - 1]) else { return nil }
        return FormSet.Form(
            stemStart: UInt8(clamping: offset), stemEnd: UInt8(clamping: offset + end - 1 - start), ending: UInt8(ending))
    }

    /// A hiragana word: a light verb or adjective joined with its inflection (な|って → なって, し|て → して), or
    /// the segment as ICU gave it (particles, kana nouns).
    mutating func kanaWord(_ units: UnsafeBufferPointer<UInt16>, _ i: inout Int) -> RawWord {
        let s = segments[i]
        guard kanaStarts.contains(units[s.start]) else {
            // No light verb or adjective starts with this kana (を, が, の, に …).
            i += 1
            return RawWord(start: s.start, end: s.end, status: s.status, forms: FormSet(), lexicon: false)
        }
        let limit = min(hiraganaStretch(units, after: i, from: s.end), s.start + 7)
        var end = s.end
        var forms = analyzeKana(UnsafeBufferPointer(rebasing: units[s.start..<s.end]))
        var candidate = limit
        while candidate > s.end {
            guard parser.canEnd(units[candidate - 1]) else {
                candidate -= 1
                continue
            }
            let f = analyzeKana(UnsafeBufferPointer(rebasing: units[s.start..<candidate]))
            if f.inflects {
                end = candidate
                forms = f
                break
            }
            candidate -= 1
        }
        consume(&i, upTo: end)
        return RawWord(start: s.start, end: end, status: s.status, forms: forms, lexicon: false)
    }

    /// Segments with lexicon words merged: a word starts where an ICU segment starts and ends where one ends,
    /// or between two kanji (周南市|役所); never inside a katakana, Latin, digit or kana run (バス ∉ バスケット).
    mutating func applyLexicon(_ units: UnsafeBufferPointer<UInt16>, _ lexicon: WordLexicon) {
        merged.removeAll(keepingCapacity: true)
        var i = 0
        var pending = segments.first
        while let s = pending {
            var matched = false
            lexicon.matches(in: units, at: s.start, into: &ends)
            for end in ends where end > s.start {
                // Find the segment holding `end - 1`.
                var j = i
                var segmentEnd = s.end
                while segmentEnd < end && j + 1 < segments.count {
                    j += 1
                    segmentEnd = segments[j].end
                }
                if segmentEnd < end { continue }
                let atBoundary = segmentEnd == end
                let betweenKanji =
                    end < units.count && Conjugation.isKanji(units[end - 1]) && Conjugation.isKanji(units[end])
                guard atBoundary || betweenKanji else { continue }
                merged.append(Segment(start: s.start, end: end, status: 400, lexicon: true))
                i = j
                if atBoundary {
                    i += 1
                    pending = i < segments.count ? segments[i] : nil
                } else {
                    pending = Segment(start: end, end: segments[j].end, status: segments[j].status)
                }
                matched = true
                break
            }
            if matched { continue }
            merged.append(s)
            i += 1
            pending = i < segments.count ? segments[i] : nil
        }
        swap(&segments, &merged)
    }
}
