// WordCounts — KH Coder's 抽出語リスト: content words by dictionary form with frequency and document frequency
// (opinions), overall, per area and per segment value; fed one opinion at a time, bounded by the vocabulary.
import Foundation
import KoeCore

/// One row of the word list: `area` or `segment`/`value` set for a breakdown, all empty for the whole.
public struct WordRow: Sendable, Equatable {
    public var word: String
    public var area: String
    public var segment: String
    public var value: String
    /// Occurrences of the word.
    public var frequency: Int
    /// Opinions holding the word (document frequency).
    public var opinions: Int

    public init(word: String, area: String = "", segment: String = "", value: String = "", frequency: Int, opinions: Int) {
        self.word = word
        self.area = area
        self.segment = segment
        self.value = value
        self.frequency = frequency
        self.opinions = opinions
    }
}

/// Counts content words per cell (the whole, each area, each segment value). Opinions must be added in input
/// order: a word is shown as it was first written (its key folds katakana and case: バス and ばす are one word).
public final class WordCounter {
    /// Breakdown rows kept per area or segment value (the whole keeps every word).
    public static let rowsPerCell = 1_000

    private let areas: [String]
    private let areaIndex: [String: Int]
    /// The per-word tables, in one struct so that adding an opinion is one access to this class's storage (each
    /// element access to a class property was an exclusivity check).
    private var tally = WordTally()
    /// Cell numbers of the segment values met, per segment (0 age, 1 gender, 2 district; see `segmentNames`).
    private var segmentCells: [[String: Int]] = [[:], [:], [:]]
    private static let segmentNames = ["age", "gender", "district"]
    private var segmentKeys: [(segment: String, value: String)] = []
    /// The last opinion's segment values and their cells (an opinion usually shares its respondent's, or its
    /// predecessor's, values: no key built and hashed).
    private var lastSegments: (age: String?, gender: String?, district: String?)?
    private var lastSegmentCells: [Int] = []
    /// Scratch: the cells of the opinion being added.
    private var opinionCells: [Int] = []
    /// Opinions per cell (the whole, each area), for related words.
    public private(set) var opinionsPerArea: [Int]
    public private(set) var opinionCount = 0

    /// Each word's display form (first seen), by id.
    public var display: [String] { tally.display }
    /// Each word's key, by id.
    public var keys: [String] { tally.keys }
    /// The last added opinion's distinct word ids, ascending (themes keep them for untagged opinions), and how
    /// often each occurs in it (parallel).
    public var lastWords: [Int32] { tally.lastWords }
    public var lastCounts: [Int32] { tally.lastCounts }
    /// The last added opinion's word id per key, in the keys' order (`TaggedOpinion.wordIDs`).
    public var lastPositions: [Int32] { tally.lastPositions }

    public init(areas: [String]) {
        self.areas = areas
        areaIndex = Dictionary(areas.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        opinionsPerArea = [Int](repeating: 0, count: areas.count)
    }

    /// Adds one opinion: its content word keys and display forms (parallel), its areas and segments.
    public func add(keys: [String], display shown: [String], areas tagged: [String], segments: Segments) {
        opinionCount += 1
        opinionCells.removeAll(keepingCapacity: true)
        opinionCells.append(0)
        for code in tagged {
            guard let a = areaIndex[code] else { continue }
            opinionsPerArea[a] += 1
            opinionCells.append(1 + a)
        }
        opinionCells += segmentCells(segments)
        tally.add(keys: keys, display: shown, opinion: opinionCount, cells: opinionCells)
    }

    /// The cells of `segments`' values (age, gender, district; empty values have none).
    private func segmentCells(_ segments: Segments) -> [Int] {
        if let last = lastSegments, last.age == segments.age, last.gender == segments.gender, last.district == segments.district {
            return lastSegmentCells
        }
        var cells: [Int] = []
        cells.reserveCapacity(3)
        if let value = segments.age, !value.isEmpty { cells.append(segmentCell(0, value)) }
        if let value = segments.gender, !value.isEmpty { cells.append(segmentCell(1, value)) }
        if let value = segments.district, !value.isEmpty { cells.append(segmentCell(2, value)) }
        lastSegments = (segments.age, segments.gender, segments.district)
        lastSegmentCells = cells
        return cells
    }

    /// The cell of `value` of segment number `segment` (numbered in order met after the areas).
    private func segmentCell(_ segment: Int, _ value: String) -> Int {
        if let c = segmentCells[segment][value] { return c }
        let c = 1 + areas.count + segmentKeys.count
        segmentCells[segment][value] = c
        segmentKeys.append((Self.segmentNames[segment], value))
        return c
    }

    /// Frequency and opinions of word `id` in `cell` (0: the whole; 1 + i: area i).
    public func counts(_ id: Int, cell: Int) -> (frequency: Int, opinions: Int) {
        let v = tally.cells[id: id, cell: cell]
        return (Int(v >> 32), Int(v & 0xFFFF_FFFF))
    }

    /// Opinions holding word `id` among those with `value` for `segment` (`age`, `gender`, `district`).
    public func opinions(_ id: Int, segment: String, value: String) -> Int {
        guard let s = Self.segmentNames.firstIndex(of: segment), let cell = segmentCells[s][value] else { return 0 }
        return counts(id, cell: cell).opinions
    }

    /// The `count` words in most opinions of the whole (then most frequent, then by display form) that `keep`.
    public func topWords(_ count: Int, where keep: (String) -> Bool) -> [Int] {
        let display = tally.display
        let order = displayOrder()
        var all: [(id: Int, frequency: Int, opinions: Int)] = []
        for id in display.indices {
            let c = counts(id, cell: 0)
            if c.opinions > 0 { all.append((id, c.frequency, c.opinions)) }
        }
        all.sort {
            ($0.opinions, $0.frequency) != ($1.opinions, $1.frequency)
                ? ($0.opinions, $0.frequency) > ($1.opinions, $1.frequency) : order[$0.id] < order[$1.id]
        }
        var out: [Int] = []
        for w in all where out.count < count && keep(display[w.id]) { out.append(w.id) }
        return out
    }

    /// Per cell, word ids with their counts, most frequent first (then most opinions, then the word). Sorting
    /// every cell is the word list's main cost: `rows(ranked:)` and `RelatedWords.compute(_:ranked:…)` share one.
    public func ranked() -> [[(id: Int, frequency: Int, opinions: Int)]] {
        let order = displayOrder()
        var out = [[(id: Int, frequency: Int, opinions: Int)]](repeating: [], count: 1 + areas.count + segmentKeys.count)
        tally.cells.forEach { id, cell, v in out[cell].append((id, Int(v >> 32), Int(v & 0xFFFF_FFFF))) }
        for c in out.indices {
            out[c].sort {
                ($0.frequency, $0.opinions) != ($1.frequency, $1.opinions)
                    ? ($0.frequency, $0.opinions) > ($1.frequency, $1.opinions) : order[$0.id] < order[$1.id]
            }
        }
        return out
    }

    /// Each word id's place in the display forms' order (by UTF-8 bytes; equal forms share a place, so that a sort
    /// by it keeps them as a sort by the strings did). The cells' sorts then compare two integers where they
    /// compared two strings: most rows tie on their counts.
    private func displayOrder() -> [Int32] {
        let display = tally.display
        let ids = display.indices.sorted { display[$0].utf8.lexicographicallyPrecedes(display[$1].utf8) }
        var order = [Int32](repeating: 0, count: display.count)
        var place: Int32 = 0
        for (k, id) in ids.enumerated() {
            if k > 0 && !display[id].utf8.elementsEqual(display[ids[k - 1]].utf8) { place += 1 }
            order[id] = place
        }
        return order
    }

    /// The word list: the whole (every word), then each area in plan order and each segment value (sorted by
    /// segment as age, gender, district and value), at most `rowsPerCell` rows each.
    public func rows() -> [WordRow] { rows(ranked: ranked()) }

    /// `rows()` from `ranked()`'s result.
    public func rows(ranked: [[(id: Int, frequency: Int, opinions: Int)]]) -> [WordRow] {
        let display = tally.display
        var out: [WordRow] = []
        for r in ranked[0] { out.append(WordRow(word: display[r.id], frequency: r.frequency, opinions: r.opinions)) }
        for (a, code) in areas.enumerated() {
            for r in ranked[1 + a].prefix(Self.rowsPerCell) {
                out.append(WordRow(word: display[r.id], area: code, frequency: r.frequency, opinions: r.opinions))
            }
        }
        let order = ["age": 0, "gender": 1, "district": 2]
        let segments = segmentKeys.enumerated().sorted {
            let a = (order[$0.element.segment] ?? 3, $0.element.value)
            let b = (order[$1.element.segment] ?? 3, $1.element.value)
            return a.0 != b.0 ? a.0 < b.0 : a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
        }
        for (i, key) in segments {
            for r in ranked[1 + areas.count + i].prefix(Self.rowsPerCell) {
                out.append(
                    WordRow(
                        word: display[r.id], segment: key.segment, value: key.value, frequency: r.frequency,
                        opinions: r.opinions))
            }
        }
        return out
    }
}

/// The word tables of a `WordCounter`: ids, forms, per-cell counts and the last opinion's words.
struct WordTally {
    /// Word id by key (canonical equality, as `WordKey`, without String hashing).
    private var ids = WordIDs()
    /// Each word's display form (first seen) and key, by id.
    private(set) var display: [String] = []
    private(set) var keys: [String] = []
    /// (word id, cell) → frequency << 32 | opinions. Cell 0 is the whole, 1... the areas in plan order, then
    /// segment values in order met.
    private(set) var cells = CellCounts()
    /// Per word id: the opinion number it was last seen in, and how often in that opinion (a word's count
    /// without a per-opinion dictionary).
    private var seenIn: [Int] = []
    private var seenCount: [Int32] = []
    /// The last added opinion's distinct word ids, ascending, and how often each occurs in it (parallel).
    private(set) var lastWords: [Int32] = []
    private(set) var lastCounts: [Int32] = []
    /// The last added opinion's word id per key, in the keys' order.
    private(set) var lastPositions: [Int32] = []

    /// Counts opinion number `opinion`'s words (`keys`, with `shown` their display forms) into each of `cells`.
    mutating func add(keys words: [String], display shown: [String], opinion: Int, cells opinionCells: [Int]) {
        lastWords.removeAll(keepingCapacity: true)
        // The previous opinion keeps its positions (`TaggedOpinion.wordIDs`): a new array of this opinion's size,
        // not one as large as the longest opinion so far (what emptying the shared one kept).
        lastPositions = []
        lastPositions.reserveCapacity(words.count)
        // Keys read in place: a copy of each would retain and release its storage.
        words.withUnsafeBufferPointer { words in
            for k in words.indices {
                let (id, isNew) = ids.id(words[k], next: display.count)
                if isNew {
                    display.append(k < shown.count ? shown[k] : words[k])
                    keys.append(words[k])
                    seenIn.append(0)
                    seenCount.append(0)
                }
                lastPositions.append(Int32(id))
                if seenIn[id] != opinion {
                    seenIn[id] = opinion
                    seenCount[id] = 0
                    lastWords.append(Int32(id))
                }
                seenCount[id] += 1
            }
        }
        lastWords.sort()
        lastCounts.removeAll(keepingCapacity: true)
        for id in lastWords { lastCounts.append(seenCount[Int(id)]) }
        cells.add(words: lastWords, counts: lastCounts, cells: opinionCells, vocabulary: display.count)
    }
}

/// Word ids by key in an open-addressing table: keys are equal when their canonical (NFC) forms have the same
/// bytes, as `WordKey`s are. A key of plain scalars (kana, kanji, ASCII letters and digits: its own NFC form) is
/// hashed and compared over its UTF-8 bytes in place, against the ids' bytes kept in one buffer: no `WordKey`
/// built and no String copied. Other keys are composed first. (`[String: Int]` hashed every key with SipHash
/// over its normalized form.)
struct WordIDs {
    /// A slot: the hash of its key and the id + 1 (0: empty), side by side so that a probe reads one cache line.
    private struct Slot {
        var hash: UInt64
        var id: Int
    }

    private var slots = [Slot](repeating: Slot(hash: 0, id: 0), count: 1 << 10)
    /// Each id's canonical UTF-8 bytes (`bytes[starts[id]..<starts[id + 1]]`) and their hash.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var shift: UInt64 = 54

    @inline(__always) private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The id of `word` (a key canonically equal to one seen before gets that one's id); a new key gets `next`,
    /// which must be the number of ids so far.
    mutating func id(_ word: String, next: Int) -> (id: Int, isNew: Bool) {
        let found = word.utf8.withContiguousStorageIfAvailable { utf8 -> (id: Int, isNew: Bool)? in
            let (hash, plain) = Self.scan(utf8)
            return plain ? id(utf8, hash: hash, next: next) : nil
        }
        if let found, let found { return found }
        var composed = WordKey(word).canonical
        return composed.withUTF8 { id($0, hash: Self.scan($0).hash, next: next) }
    }

    /// The id of the canonical bytes `key` with hash `hash`, added as `next` when new.
    private mutating func id(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, next: Int) -> (id: Int, isNew: Bool) {
        let mask = slots.count - 1
        var i = slot(hash)
        while slots[i].id != 0 {
            if slots[i].hash == hash {
                let id = slots[i].id - 1
                if starts[id + 1] - starts[id] == key.count
                    && bytes.withUnsafeBufferPointer({ Self.same($0.baseAddress! + starts[id], key) })
                {
                    return (id, false)
                }
            }
            i = (i + 1) & mask
        }
        precondition(next == hashes.count, "word ids are dense")
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count { grow() } else { slots[i] = Slot(hash: hash, id: next + 1) }
        return (next, true)
    }

    /// Whether the `key.count` bytes at `stored` equal `key` (short keys compared in place, not through memcmp).
    @inline(__always)
    private static func same(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let k = key.baseAddress else { return true }
        if key.count <= 16 {
            for j in 0..<key.count where stored[j] != k[j] { return false }
            return true
        }
        return memcmp(stored, k, key.count) == 0
    }

    /// The bytes' FNV-1a 64, and whether every scalar is plain (`WordKey.isPlain`).
    @inline(__always)
    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, plain: Bool) {
        var h = WordKey.basis
        var plain = true
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            if b < 0x80 {
                plain = plain && WordKey.isPlain(value: UInt32(b))
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                i += 1
            } else if b & 0xF0 == 0xE0 && i + 2 < n {
                let (b1, b2) = (utf8[i + 1], utf8[i + 2])
                plain = plain && WordKey.isPlain(value: UInt32(b & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F))
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                h = (h ^ UInt64(b1)) &* 0x0000_0100_0000_01B3
                h = (h ^ UInt64(b2)) &* 0x0000_0100_0000_01B3
                i += 3
            } else {
                // Two- and four-byte scalars are never plain.
                plain = false
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                i += 1
            }
        }
        return (h, plain)
    }

    private mutating func grow() {
        slots = [Slot](repeating: Slot(hash: 0, id: 0), count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for id in hashes.indices {
            var i = slot(hashes[id])
            while slots[i].id != 0 { i = (i + 1) & mask }
            slots[i] = Slot(hash: hashes[id], id: id + 1)
        }
    }
}
