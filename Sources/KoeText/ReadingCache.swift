// ReadingCache — the conjugation parser's readings of short words already seen by one tokenizer: the parser is a
// pure function of a word's units, so a word met again (する forms, ほしい, 増やして …) is looked up, not parsed.

/// A direct-mapped table from (word units, parser arguments) to the word's readings. Keyed on one word of at most
/// `width` UTF-16 units, never on a text or a sentence; fixed size (`slots` entries, 512 KB), so memory is
/// bounded whatever the input. Owned by one word layer (one tokenizer, one thread); freed when the last reference
/// goes (`deinit`), like every owner of unsafe memory in koe (docs/development.md).
final class ReadingCache: @unchecked Sendable {
    static let slots = 8192
    static let width = 16
    /// Moves a 64-bit hash's top bits to a slot number: 64 − log2(slots).
    static let shift: UInt64 = 51
    /// One slot is one 64-byte cache line: the word's units (`width` UInt16), the tag, the readings. A lookup reads
    /// one line, not three tables.
    static let stride = 64
    static let tagOffset = 2 * width
    static let valueOffset = tagOffset + 4

    /// Slot k starts at `lines + k * stride`: its word is the first units there, its tag (0: empty, else the length
    /// and arguments, see `tag`) at `tagOffset`, its readings at `valueOffset`.
    private let lines: UnsafeMutableRawPointer

    init() {
        precondition(1 << (64 - Self.shift) == Self.slots, "shift must match slots")
        precondition(Self.valueOffset + MemoryLayout<FormSet>.size <= Self.stride, "a slot must fit its line")
        precondition(_isPOD(FormSet.self), "readings are stored as plain bytes")
        lines = .allocate(byteCount: Self.slots * Self.stride, alignment: Self.stride)
        lines.initializeMemory(as: UInt8.self, repeating: 0, count: Self.slots * Self.stride)
    }

    deinit { lines.deallocate() }

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
        let line = lines + slot * Self.stride
        guard line.load(fromByteOffset: Self.tagOffset, as: UInt32.self) == tag else { return nil }
        for k in 0..<word.count where line.load(fromByteOffset: 2 * k, as: UInt16.self) != word[k] { return nil }
        return line.loadUnaligned(fromByteOffset: Self.valueOffset, as: FormSet.self)
    }

    @inline(__always) func store(_ word: UnsafeBufferPointer<UInt16>, _ tag: UInt32, _ slot: Int, _ forms: FormSet) {
        let line = lines + slot * Self.stride
        for k in 0..<word.count { line.storeBytes(of: word[k], toByteOffset: 2 * k, as: UInt16.self) }
        line.storeBytes(of: tag, toByteOffset: Self.tagOffset, as: UInt32.self)
        line.storeBytes(of: forms, toByteOffset: Self.valueOffset, as: FormSet.self)
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
