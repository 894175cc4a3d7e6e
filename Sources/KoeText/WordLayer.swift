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
    /// Readings of words met before (a class that frees its table when the layer goes).
    let cache = ReadingCache()
    let kanaStarts: KanaSet
    /// ICU's segments of the text at hand (filled by `WordBreaker.segments(_:minStatus:into:)`), then the
    /// layer's working list.
    var segments: [Segment] = []
    /// Scratch: segments with lexicon words merged, trial-join snapshots (a stack), a stem's readings,
    /// lexicon match ends, and a kana tail.
    private var merged: [Segment] = []
    private var saved: [Segment] = []
    var readings: [(end: Int, forms: FormSet)] = []
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
        if !tail.isEmpty { tail.removeAll(keepingCapacity: true) }
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
