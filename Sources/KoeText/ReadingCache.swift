// ReadingCache — the conjugation parser's readings of short words already seen by one tokenizer: the parser is a
// pure function of a word's units, so a word met again (する forms, ほしい, 増やして …) is looked up, not parsed.

/// A direct-mapped table from (word units, parser arguments) to the word's readings. Keyed on one word of at most
/// `width` UTF-16 units, never on a text or a sentence; fixed size (`slots` entries, about 400 KB), so memory is
/// bounded whatever the input. Owned by one word layer (one tokenizer, one thread); freed when the last reference
/// goes (`deinit`), like every owner of unsafe memory in koe (docs/development.md).
final class ReadingCache: @unchecked Sendable {
    static let slots = 8192
    static let width = 16
    /// Moves a 64-bit hash's top bits to a slot number: 64 − log2(slots).
    static let shift: UInt64 = 51

    /// Slot k's word is `keys[k * width ..< k * width + length]`; `tags[k]` is 0 when the slot is empty, else the
    /// length and arguments (see `tag`); `values[k]` the readings.
    private let keys: UnsafeMutablePointer<UInt16>
    private let tags: UnsafeMutablePointer<UInt32>
    private let values: UnsafeMutablePointer<FormSet>

    init() {
        precondition(1 << (64 - Self.shift) == Self.slots, "shift must match slots")
        keys = .allocate(capacity: Self.slots * Self.width)
        keys.initialize(repeating: 0, count: Self.slots * Self.width)
        tags = .allocate(capacity: Self.slots)
        tags.initialize(repeating: 0, count: Self.slots)
        values = .allocate(capacity: Self.slots)
        values.initialize(repeating: FormSet(), count: Self.slots)
    }

    deinit {
        keys.deallocate()
        tags.deallocate()
        values.deallocate()
    }

    /// The key tag of a call: the word's length and the arguments (`kana` for `analyzeKana`); nil when the call is
    /// not cached (a word longer than `width`, arguments out of range).
    @inline(__always) static func tag(length: Int, minStem: Int, suruNoun: Bool, limit: Int, kana: Bool) -> UInt32? {
        guard length <= width, minStem >= 0, minStem < 64, limit >= 0, limit < 255 else { return nil }
        return 1 | UInt32(length) << 1 | UInt32(minStem) << 8 | (suruNoun ? 1 << 14 : 0) | (kana ? 1 << 15 : 0)
            | UInt32(limit) << 16
    }

    /// The slot of `word` under `tag`.
    @inline(__always) func slot(_ word: UnsafeBufferPointer<UInt16>, _ tag: UInt32) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(tag)
        for u in word { h = (h ^ UInt64(u)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> Self.shift)
    }

    /// The readings stored for `word` under `tag` in `slot`, or nil.
    @inline(__always) func value(_ word: UnsafeBufferPointer<UInt16>, _ tag: UInt32, _ slot: Int) -> FormSet? {
        guard tags[slot] == tag else { return nil }
        let key = keys + slot * Self.width
        for k in 0..<word.count where key[k] != word[k] { return nil }
        return values[slot]
    }

    @inline(__always) func store(_ word: UnsafeBufferPointer<UInt16>, _ tag: UInt32, _ slot: Int, _ forms: FormSet) {
        let key = keys + slot * Self.width
        for k in 0..<word.count { key[k] = word[k] }
        tags[slot] = tag
        values[slot] = forms
    }
}

extension WordLayer {
    /// `parser.analyze` through the cache.
    func analyze(_ word: UnsafeBufferPointer<UInt16>, minStem: Int, suruNoun: Bool = false, maxStemKana limit: Int = 2)
        -> FormSet
    {
        guard let tag = ReadingCache.tag(length: word.count, minStem: minStem, suruNoun: suruNoun, limit: limit, kana: false)
        else { return parser.analyze(word, minStem: minStem, suruNoun: suruNoun, maxStemKana: limit) }
        let slot = cache.slot(word, tag)
        if let forms = cache.value(word, tag, slot) { return forms }
        let forms = parser.analyze(word, minStem: minStem, suruNoun: suruNoun, maxStemKana: limit)
        cache.store(word, tag, slot, forms)
        return forms
    }

    /// `parser.analyzeKana` through the cache.
    func analyzeKana(_ word: UnsafeBufferPointer<UInt16>) -> FormSet {
        guard let tag = ReadingCache.tag(length: word.count, minStem: 0, suruNoun: false, limit: 0, kana: true) else {
            return parser.analyzeKana(word)
        }
        let slot = cache.slot(word, tag)
        if let forms = cache.value(word, tag, slot) { return forms }
        let forms = parser.analyzeKana(word)
        cache.store(word, tag, slot, forms)
        return forms
    }
}
