// SegmentCache — remembers the normalized form of each raw segment combination: a survey has a handful of
// ages, genders and districts, so normalizing each respondent's values again was most of a large run.
import Foundation
import KoeCore
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
