// WordStrings — the Strings of words one tokenizer has already made: a content word's key or display form is looked
// up by its UTF-16 units, so a word met again costs a hash and a compare instead of a transcode and a UTF-8 check.

/// A direct-mapped table from one word's UTF-16 units (at most `width`) to its String (`Normalizer.transcode`
/// without fold). Keyed on a single word, never on a text or a sentence; fixed size (`slots` entries), so memory is
/// bounded whatever the input: a slot holds the last word hashed to it. Owned by one tokenizer (one thread) and
/// freed when the last reference goes (`deinit`), like every owner of unsafe memory in koe (docs/development.md).
final class WordStrings: @unchecked Sendable {
    static let width = 12
    /// One slot is one 64-byte cache line: the word's units (`width` UInt16), its length + 1 (0: empty), its String.
    /// A lookup reads one line, not three tables.
    static let stride = 64
    static let lengthOffset = 2 * width
    static let valueOffset = 32

    let slots: Int
    /// Slot k starts at `lines + k * stride`: its word is the first `length - 1` units there.
    private let lines: UnsafeMutableRawPointer
    private let shift: UInt64
    /// Lookups answered from the table and made anew (for tests and measurements).
    private(set) var hits = 0
    private(set) var misses = 0

    /// A table of `slots` entries (a power of two).
    init(slots: Int = 8192) {
        precondition(slots > 1 && slots & (slots - 1) == 0, "slots must be a power of two")
        precondition(
            Self.valueOffset % MemoryLayout<String>.alignment == 0
                && Self.valueOffset + MemoryLayout<String>.size <= Self.stride, "a slot must fit its line")
        self.slots = slots
        shift = UInt64(64 - slots.trailingZeroBitCount)
        lines = .allocate(byteCount: slots * Self.stride, alignment: Self.stride)
        for k in 0..<slots {
            let line = lines + k * Self.stride
            for b in 0..<Self.valueOffset { line.storeBytes(of: 0, toByteOffset: b, as: UInt8.self) }
            (line + Self.valueOffset).initializeMemory(as: String.self, repeating: "", count: 1)
        }
    }

    deinit {
        for k in 0..<slots { value(k).deinitialize(count: 1) }
        lines.deallocate()
    }

    /// Slot k's String.
    @inline(__always) private func value(_ k: Int) -> UnsafeMutablePointer<String> {
        (lines + k * Self.stride + Self.valueOffset).assumingMemoryBound(to: String.self)
    }

    /// The String of `units` (unfolded: `Normalizer.transcode(units, fold: false)`).
    func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        let n = units.count
        guard n > 0, n <= Self.width else { return Normalizer.transcode(units, fold: false) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<n { h = (h ^ UInt64(units[k])) &* 0x100_0000_01b3 }
        let slot = Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let line = lines + slot * Self.stride
        if Int(line.load(fromByteOffset: Self.lengthOffset, as: UInt8.self)) == n + 1 {
            var same = true
            for k in 0..<n where line.load(fromByteOffset: 2 * k, as: UInt16.self) != units[k] {
                same = false
                break
            }
            if same {
                hits += 1
                return value(slot).pointee
            }
        }
        misses += 1
        let made = Normalizer.transcode(units, fold: false)
        for k in 0..<n { line.storeBytes(of: units[k], toByteOffset: 2 * k, as: UInt16.self) }
        line.storeBytes(of: UInt8(n + 1), toByteOffset: Self.lengthOffset, as: UInt8.self)
        value(slot).pointee = made
        return made
    }
}

extension TokenizedText {
    /// The content words as keys and, in the same order, as shown (`contentWords(display:)` both ways at once),
    /// their Strings taken from `strings` when given (the same Strings, made once per word).
    func contentWordForms(strings: WordStrings?) -> (keys: [String], display: [String]) {
        normalized.units.withUnsafeBufferPointer { all in
            // The runs first (first and last token of each), so that the arrays are made at their size.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * tokens.count + 2) { runs in
                var count = 0
                forEachContentRun(all) { first, last in
                    runs[2 * count] = Int32(truncatingIfNeeded: first)
                    runs[2 * count + 1] = Int32(truncatingIfNeeded: last)
                    count += 1
                }
                var keys: [String] = []
                var display: [String] = []
                keys.reserveCapacity(count)
                display.reserveCapacity(count)
                // Room for any run's units, or a word's stem (within 255 units of its start) and a two-unit ending.
                withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(all.count, 256) + 2) { buffer in
                    let scratch = buffer.baseAddress!
                    for r in 0..<count {
                        let first = Int(runs[2 * r])
                        let last = Int(runs[2 * r + 1])
                        if first == last {
                            let token = tokens[first]
                            let n = countedUnits(token, all, into: scratch)
                            let units = UnsafeBufferPointer(start: scratch, count: n)
                            let shown = Self.string(units, strings)
                            display.append(shown)
                            // The key folds katakana and ASCII capitals only: a word without them is its own key.
                            guard Self.needsFold(token, all) else {
                                keys.append(shown)
                                continue
                            }
                            for k in 0..<n { scratch[k] = WordHash.fold(scratch[k]) }
                            keys.append(Self.string(units, strings))
                        } else {
                            let range = tokens[first].normalizedRange.lowerBound..<tokens[last].normalizedRange.upperBound
                            let units = UnsafeBufferPointer(rebasing: all[range])
                            display.append(Self.string(units, strings))
                            for k in 0..<units.count { scratch[k] = WordHash.fold(units[k]) }
                            keys.append(Self.string(UnsafeBufferPointer(start: scratch, count: units.count), strings))
                        }
                    }
                }
                return (keys, display)
            }
        }
    }

    private static func string(_ units: UnsafeBufferPointer<UInt16>, _ strings: WordStrings?) -> String {
        strings?.string(units) ?? Normalizer.transcode(units, fold: false)
    }

    /// Calls `body` with the first and last token index of each content word in text order: the runs of
    /// `contentWordRuns()` over the normalized units `all`, without an array made.
    @inline(__always) func forEachContentRun(_ all: UnsafeBufferPointer<UInt16>, _ body: (Int, Int) -> Void) {
        var i = 0
        while i < tokens.count {
            guard tokens[i].role == .content else {
                i += 1
                continue
            }
            var j = i + 1
            if Self.isKatakanaPiece(tokens[i], all) {
                while j < tokens.count, Self.isKatakanaPiece(tokens[j], all),
                    tokens[j].normalizedRange.lowerBound == tokens[j - 1].normalizedRange.upperBound
                {
                    j += 1
                }
            }
            body(i, j - 1)
            i = j
        }
    }

    /// Whether `token` is a piece of at most two katakana that ICU cut from a longer word (クリ|エイ|ター), read over
    /// the normalized units `all`.
    @inline(__always) static func isKatakanaPiece(_ token: Token, _ all: UnsafeBufferPointer<UInt16>) -> Bool {
        guard !token.fromLexicon, token.normalizedRange.count <= 2 else { return false }
        for k in token.normalizedRange where !(0x30A1...0x30FC).contains(all[k]) { return false }
        return true
    }

    /// `needsFold(_:)` over the normalized units `all`.
    @inline(__always) static func needsFold(_ token: Token, _ all: UnsafeBufferPointer<UInt16>) -> Bool {
        for k in token.normalizedRange where (0x30A1...0x30F6).contains(all[k]) || (65...90).contains(all[k]) { return true }
        return false
    }

    /// The units of `token`'s counted form (`dictionaryForm(of:)`, unfolded) written to `out`, which has room for
    /// the token's units or a stem within 255 units of its start and a two-unit ending; returns their count.
    func countedUnits(_ token: Token, _ all: UnsafeBufferPointer<UInt16>, into out: UnsafeMutablePointer<UInt16>) -> Int {
        let range = token.normalizedRange
        var n = 0
        // A word with no reading that cannot be an adjective's bare く-form counts as written (most nouns): no
        // slice made for `CountedForm`, which would find nothing.
        if token.forms.count == 0 && (token.kind != .ideograph || range.isEmpty || all[range.upperBound - 1] != 0x304F) {
            for k in range {
                out[n] = all[k]
                n += 1
            }
            return n
        }
        let units = normalized.units[range]
        let next = range.upperBound < all.count ? all[range.upperBound] : nil
        if let i = CountedForm.index(token, units, next: next) {
            let form = token.forms[i]
            for k in (range.lowerBound + Int(form.stemStart))..<(range.lowerBound + Int(form.stemEnd)) {
                out[n] = all[k]
                n += 1
            }
            for u in Conjugation.endings[Int(form.ending)] {
                out[n] = u
                n += 1
            }
            return n
        }
        if token.forms.count == 0, token.kind == .ideograph, let stem = CountedForm.adjectiveStem(units) {
            for u in stem {
                out[n] = u
                n += 1
            }
            out[n] = 0x3044  // い
            return n + 1
        }
        for k in range {
            out[n] = all[k]
            n += 1
        }
        return n
    }
}
