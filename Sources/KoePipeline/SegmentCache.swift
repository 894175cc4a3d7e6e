// SegmentCache — remembers the normalized form of each raw segment combination: a survey has a handful of
// ages, genders and districts, so normalizing each respondent's values again was most of a large run. The
// run's respondents go through RespondentSegments first: a memo keyed by the raw values' bytes that also holds
// what the run counts of each combination, so a respondent costs one table probe instead of a dozen hashes.
import Foundation
import KoeCore
import KoeQuotes
import KoeSegments

/// A thread-safe memo in front of a `SegmentNormalizer` (bounded: it forgets everything past `limit`).
final class SegmentCache: @unchecked Sendable {
    let normalizer: SegmentNormalizer
    private var memo: [RawSegments: NormalizedSegments] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(_ normalizer: SegmentNormalizer, limit: Int = 100_000) {
        self.normalizer = normalizer
        self.limit = limit
    }

    func normalize(_ raw: RawSegments) -> NormalizedSegments {
        lock.lock()
        if let hit = memo[raw] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let result = normalizer.normalize(raw)
        lock.lock()
        if memo.count >= limit { memo.removeAll(keepingCapacity: true) }
        memo[raw] = result
        lock.unlock()
        return result
    }
}

/// A raw segment combination's normalized form and what the run counts of it.
struct RespondentSegmentEntry {
    var raw: RawSegments
    var segments: Segments
    /// (segment, value) of each value that could not be mapped.
    var unmapped: [(String, String)]
    /// The combination's id in the run's `AttributionGuard`.
    var attribution: Int
}

/// A memo from raw segments to `RespondentSegmentEntry`, keyed by FNV-1a over their UTF-8 bytes (equal bytes
/// only: two spellings String equality calls equal get two entries with the same normalized segments).
/// Bounded: it forgets everything past `limit` entries.
struct RespondentSegments {
    private var table = KeyTable()
    private var entries: [RespondentSegmentEntry] = []
    private let limit: Int

    init(limit: Int = 100_000) { self.limit = limit }

    /// The entry of `raw`; `make` builds it when `raw` is new (or collides with another combination's hash).
    mutating func entry(_ raw: RawSegments, make: (RawSegments) -> RespondentSegmentEntry) -> RespondentSegmentEntry {
        let key = Self.hash(raw)
        if let i = table[key] {
            let entry = entries[Int(i)]
            if Self.sameBytes(entry.raw, raw) { return entry }
            return make(raw)  // a hash collision: not memoized
        }
        if entries.count >= limit {
            table = KeyTable()
            entries.removeAll(keepingCapacity: true)
        }
        let entry = make(raw)
        table.set(key, Int32(entries.count))
        entries.append(entry)
        return entry
    }

    static func hash(_ raw: RawSegments) -> UInt64 {
        mix(mix(mix(WordKey.basis, raw.age), raw.gender), raw.district)
    }

    /// `h` mixed with the bytes of `value` and an end mark (another mark for nil).
    private static func mix(_ h: UInt64, _ value: String?) -> UInt64 {
        guard var value else { return WordKey.mix(h, 0x101) }
        var h = h
        value.withUTF8 { bytes in
            for b in bytes { h = WordKey.mix(h, UInt32(b)) }
        }
        return WordKey.mix(h, 0x100)
    }

    static func sameBytes(_ a: RawSegments, _ b: RawSegments) -> Bool {
        same(a.age, b.age) && same(a.gender, b.gender) && same(a.district, b.district)
    }

    private static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return WordKey.sameBytes(a, b)
        default: return false
        }
    }
}
