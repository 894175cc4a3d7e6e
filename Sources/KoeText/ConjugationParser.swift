// ConjugationParser — the conjugation parser over a word's UTF-16 units, with `Conjugation`'s tables copied once
// into plain values and immortal pointers: the hot path touches no global and retains nothing.

/// A short list of UTF-16 units in immortal storage (a few kanji), behind two 64-bit filters (a bit per low
/// six bits and per next six bits of each unit) that turn most non-members away without the scan.
struct UnitList: @unchecked Sendable {
    let units: UnsafePointer<UInt16>
    let count: Int
    let low: UInt64
    let high: UInt64

    init(_ values: [UInt16]) {
        units = Grammar.Flat.immortal(values)
        count = values.count
        low = values.reduce(0) { $0 | 1 << UInt64($1 & 63) }
        high = values.reduce(0) { $0 | 1 << UInt64(($1 >> 6) & 63) }
    }

    @inline(__always) func contains(_ u: UInt16) -> Bool {
        guard low & (1 << UInt64(u & 63)) != 0 && high & (1 << UInt64((u >> 6) & 63)) != 0 else { return false }
        for k in 0..<count where units[k] == u { return true }
        return false
    }
}

/// `Conjugation.analyze` and `analyzeKana` over unsafe buffers. Build once (`Conjugation.parser`) and pass by
/// value: it is one pointer to tables that are built once and never freed, so a call copies nothing and
/// retains nothing.
struct ConjugationParser: @unchecked Sendable {
    typealias Units = UnsafeBufferPointer<UInt16>

    /// The tables as plain values and immortal pointers.
    struct Tables {
        let grammar: Grammar.Flat
        /// row × 5 + column per hiragana U+3040…U+309F (`Conjugation.kanaTable`).
        let kanaTable: UnsafePointer<Int8>
        /// Ending e is `endingUnits[2e..<2e + endingCount[e]]`.
        let endingUnits: UnsafePointer<UInt16>
        let endingCount: UnsafePointer<Int>
        /// Each godan row's index into the endings.
        let rowEnding: UnsafePointer<UInt8>
        let rowCount: Int
        let endingTotal: Int
        let ichidanKanji: UnitList
        let ichidanIKanji: UnitList
        let gaStems: UnitList
        let kaParticle: UnitList
        let particleKana: KanaSet
        let inflectionKana: KanaSet
        let suruKana: KanaSet
        let adjectiveStemKana: KanaSet
        /// Lemma l's stem is `lemmaUnits[lemmaStart[l]..<lemmaStart[l + 1]]`, its kind `lemmaKind[l]`.
        let lemmaUnits: UnsafePointer<UInt16>
        let lemmaStart: UnsafePointer<Int>
        let lemmaKind: UnsafePointer<UInt8>
        let lemmaCount: Int
        /// Per first kana (U+3040…U+309F; entry 96 for any other unit), a bit per lemma whose stem starts with it
        /// or is empty.
        let lemmasByHead: UnsafePointer<UInt32>
        /// Kana a word with a reading can end in: the last kana of a grammar literal, an い-, う- or え-column
        /// kana (a bare 連用形, dictionary form, ichidan stem or potential stem), and い.
        let endKana: KanaSet

        init() {
            grammar = Grammar.flat
            kanaTable = Grammar.Flat.immortal(Conjugation.kanaTable)
            var units: [UInt16] = []
            for e in Conjugation.endings { units += e + [UInt16](repeating: 0, count: 2 - e.count) }
            endingUnits = Grammar.Flat.immortal(units)
            endingCount = Grammar.Flat.immortal(Conjugation.endings.map(\.count))
            rowEnding = Grammar.Flat.immortal(Conjugation.rows.map(\.ending))
            rowCount = Conjugation.rows.count
            endingTotal = Conjugation.endings.count
            ichidanKanji = UnitList(Conjugation.ichidanKanji)
            ichidanIKanji = UnitList(Conjugation.ichidanIKanji)
            gaStems = UnitList(Conjugation.gaStems)
            kaParticle = UnitList(Conjugation.kaParticle)
            particleKana = Conjugation.particleKana
            inflectionKana = Conjugation.inflectionKana
            suruKana = Conjugation.suruKana
            adjectiveStemKana = Conjugation.adjectiveStemKana
            lemmaUnits = Grammar.Flat.immortal(Conjugation.kanaLemmas.flatMap(\.stem))
            var starts = [0]
            for lemma in Conjugation.kanaLemmas { starts.append(starts[starts.count - 1] + lemma.stem.count) }
            lemmaStart = Grammar.Flat.immortal(starts)
            lemmaKind = Grammar.Flat.immortal(Conjugation.kanaLemmas.map(\.kind))
            lemmaCount = Conjugation.kanaLemmas.count
            var byHead = [UInt32](repeating: 0, count: 97)
            for (l, lemma) in Conjugation.kanaLemmas.enumerated() {
                for k in 0..<97 where lemma.stem.first.map({ k < 96 && Int($0) == 0x3040 + k }) ?? true {
                    byHead[k] |= 1 << UInt32(l)
                }
            }
            lemmasByHead = Grammar.Flat.immortal(byHead)
            var ends: [UInt16] = [0x3044]  // い
            ends += Grammar.table.joined().compactMap(\.literal.last)
            for (k, p) in Conjugation.kanaTable.enumerated() where p >= 0 && (1...3).contains(p % 5) {
                ends.append(UInt16(0x3040 + k))
            }
            endKana = KanaSet(String(decoding: ends, as: UTF16.self))
        }
    }

    private let tables: UnsafePointer<Tables>

    init() { tables = Grammar.Flat.immortal([Tables()]) }

    @inline(__always) var grammar: Grammar.Flat { tables.pointee.grammar }
    @inline(__always) var kanaTable: UnsafePointer<Int8> { tables.pointee.kanaTable }
    @inline(__always) var endingUnits: UnsafePointer<UInt16> { tables.pointee.endingUnits }
    @inline(__always) var endingCount: UnsafePointer<Int> { tables.pointee.endingCount }
    @inline(__always) var rowEnding: UnsafePointer<UInt8> { tables.pointee.rowEnding }
    @inline(__always) var rowCount: Int { tables.pointee.rowCount }
    @inline(__always) var endingTotal: Int { tables.pointee.endingTotal }
    @inline(__always) var ichidanKanji: UnitList { tables.pointee.ichidanKanji }
    @inline(__always) var ichidanIKanji: UnitList { tables.pointee.ichidanIKanji }
    @inline(__always) var gaStems: UnitList { tables.pointee.gaStems }
    @inline(__always) var kaParticle: UnitList { tables.pointee.kaParticle }
    @inline(__always) var particleKana: KanaSet { tables.pointee.particleKana }
    @inline(__always) var inflectionKana: KanaSet { tables.pointee.inflectionKana }
    @inline(__always) var suruKana: KanaSet { tables.pointee.suruKana }
    @inline(__always) var adjectiveStemKana: KanaSet { tables.pointee.adjectiveStemKana }
    @inline(__always) var lemmaUnits: UnsafePointer<UInt16> { tables.pointee.lemmaUnits }
    @inline(__always) var lemmaStart: UnsafePointer<Int> { tables.pointee.lemmaStart }
    @inline(__always) var lemmaKind: UnsafePointer<UInt8> { tables.pointee.lemmaKind }
    @inline(__always) var lemmaCount: Int { tables.pointee.lemmaCount }
    @inline(__always) var lemmasByHead: UnsafePointer<UInt32> { tables.pointee.lemmasByHead }
    @inline(__always) var endKana: KanaSet { tables.pointee.endKana }

    /// Whether a word ending in `u` can have a reading: `analyze` and `analyzeKana` find none for a word whose
    /// last unit fails this (each reading ends in a grammar literal, a column kana, い or a whole-stem kanji).
    @inline(__always) func canEnd(_ u: UInt16) -> Bool { endKana.contains(u) || ichidanKanji.contains(u) }

    /// Row and column of a kana in the godan table (`Conjugation.position`).
    @inline(__always) func position(_ u: UInt16) -> (row: Int, column: Int)? {
        guard u >= 0x3040 && u < 0x30A0 else { return nil }
        let p = Int(kanaTable[Int(u) - 0x3040])
        return p < 0 ? nil : (p / 5, p % 5)
    }

    @inline(__always) func isIOrEColumn(_ u: UInt16) -> Bool {
        guard let p = position(u) else { return false }
        return p.column == 1 || p.column == 3
    }

    /// Whether `units` spell ending `e`.
    @inline(__always) func isEnding(_ units: Units, _ e: UInt8) -> Bool {
        let count = endingCount[Int(e)]
        guard units.count == count else { return false }
        for k in 0..<count where units[k] != endingUnits[2 * Int(e) + k] { return false }
        return true
    }

    /// The index of the one-unit ending `u` (る → 7), nil when `u` is no ending.
    func singleUnitEnding(_ u: UInt16) -> Int? {
        for e in 0..<endingTotal where endingCount[e] == 1 && endingUnits[2 * e] == u { return e }
        return nil
    }

    @inline(__always) func accepts(_ state: Grammar.Chain, _ tail: Units) -> Bool { grammar.accepts(state, tail) }

    /// What `analyze` has found so far.
    struct Readings {
        var forms = FormSet()
        var found = false
        var adjectiveSelf = false
    }

    /// Adds `form` to `set` unless a form with the same text is there already (the text of a form is its folded
    /// stem in `word`, the units from the word's start, and its ending).
    @inline(__always) func add(_ form: FormSet.Form, to set: inout FormSet, word: Units) {
        for i in 0..<set.count where sameText(set[i], form, word) { return }
        set.append(form)
    }

    /// Whether two forms of the word at `word` spell the same dictionary form (愛|する and 愛す|る do).
    func sameText(_ a: FormSet.Form, _ b: FormSet.Form, _ word: Units) -> Bool {
        if a == b { return true }
        let stemA = max(0, Int(a.stemEnd) - Int(a.stemStart))
        let stemB = max(0, Int(b.stemEnd) - Int(b.stemStart))
        let length = stemA + endingCount[Int(a.ending)]
        guard length == stemB + endingCount[Int(b.ending)] else { return false }
        for k in 0..<length {
            let ua = k < stemA ? WordHash.fold(word[Int(a.stemStart) + k]) : endingUnits[2 * Int(a.ending) + k - stemA]
            let ub = k < stemB ? WordHash.fold(word[Int(b.stemStart) + k]) : endingUnits[2 * Int(b.ending) + k - stemB]
            if ua != ub { return false }
        }
        return true
    }

    /// Records the reading of `word` as `word[0..<stemEnd]` + ending `ending`.
    @inline(__always) func add(_ acc: inout Readings, _ word: Units, _ stemEnd: Int, _ ending: UInt8) {
        acc.found = true
        if stemEnd + endingCount[Int(ending)] == word.count && isEnding(Units(rebasing: word[stemEnd...]), ending) {
            if ending == Conjugation.adjectiveEnding { acc.adjectiveSelf = true }
            acc.forms.isDictionaryForm = true
            return
        }
        add(FormSet.Form(stemStart: 0, stemEnd: UInt8(clamping: stemEnd), ending: ending), to: &acc.forms, word: word)
    }

    /// `Conjugation.analyzeKana` (see there) on `word`.
    func analyzeKana(_ word: Units) -> FormSet {
        var forms = FormSet()
        var selfForm = false
        guard let head = word.first else { return forms }
        var lemmas = lemmasByHead[head >= 0x3040 && head < 0x30A0 ? Int(head) - 0x3040 : 96]
        while lemmas != 0 {
            let l = lemmas.trailingZeroBitCount
            lemmas &= lemmas - 1
            let stem = Units(start: lemmaUnits + lemmaStart[l], count: lemmaStart[l + 1] - lemmaStart[l])
            let kind = lemmaKind[l]
            guard (stem.first ?? head) == head && word.count > stem.count else { continue }
            var same = true
            for k in 0..<stem.count where word[k] != stem[k] {
                same = false
                break
            }
            guard same else { continue }
            let rest = Units(rebasing: word[stem.count...])
            var ending: UInt8? = nil
            switch kind {
            case 100: if accepts(.ichidan, rest) { ending = Conjugation.ichidanEnding }
            case 9: if accepts(.adjective, rest) { ending = Conjugation.adjectiveEnding }
            case 10: if accepts(.suru, rest) { ending = Conjugation.suruEnding }
            default:
                // Godan: the kana stem stands for the kanji. Row `kind` is the row whose ending is `kind`.
                var row = 0
                for r in 0..<rowCount where rowEnding[r] == kind {
                    row = r
                    break
                }
                if let first = rest.first, let p = position(first), p.row == row {
                    let rest1 = Units(rebasing: rest[1...])
                    switch p.column {
                    case 0: if accepts(.godanMizen, rest1) { ending = kind }
                    case 1:
                        if accepts(.renyou, rest1) || (row == 2 && accepts(.teUnvoiced, rest1)) { ending = kind }
                    case 2: if rest1.isEmpty { ending = kind }
                    case 3: if accepts(.godanE, rest1) { ending = kind }
                    default: if rest1.count == 1 && rest1[0] == 0x3046 { ending = kind }
                    }
                }
                if ending == nil, let first = rest.first {
                    let rest1 = Units(rebasing: rest[1...])
                    let stemIsI = stem.count == 1 && stem[0] == 0x3044
                    if first == 0x3063, accepts(.teUnvoiced, rest1), kind == 7 || kind == 8 || stemIsI {
                        ending = kind
                    } else if first == 0x3044, kind == 0, accepts(.teUnvoiced, rest1) {
                        ending = kind
                    } else if first == 0x3044, kind == 7, stem.count == 3, rest1.isEmpty || accepts(.renyou, rest1) {
                        ending = kind  // ください, くださいます
                    }
                }
            }
            guard let e = ending else { continue }
            if word.count == stem.count + endingCount[Int(e)] && isEnding(rest, e) {
                selfForm = true
                continue
            }
            add(FormSet.Form(stemStart: 0, stemEnd: UInt8(clamping: stem.count), ending: e), to: &forms, word: word)
        }
        if selfForm { forms.removeAll() }
        forms.inflects = selfForm || forms.count > 0
        forms.isDictionaryForm = selfForm
        return forms
    }
}
