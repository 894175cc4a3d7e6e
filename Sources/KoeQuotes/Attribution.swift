// Attribution — small-cell protection: an age × gender × district combination shared by fewer than
// min_cell respondents is coarsened (district dropped, then gender) so no quote points at one person.
import Foundation
import KoeCore

/// Counts segment combinations and gives each quote an attribution that is safe to print.
///
/// Each combination is interned once (`id(of:)`) with its coarser forms; a caller that keeps the id counts
/// a respondent with three array increments and no hashing (`count(id:)`).
public struct AttributionGuard: Sendable {
    public let minCell: Int
    /// age × gender × district, age × gender and age alone: each combination's id, count and (for the first
    /// two) the id of its coarser form one level down.
    private var full = Level()
    private var ageGender = Level()
    private var ageOnly = Level()

    private struct Level: Sendable {
        var ids: [Segments: Int] = [:]
        var counts: [Int] = []
        var coarser: [Int] = []

        /// The id of `s`, added with the id of its coarser form when new.
        mutating func id(of s: Segments, coarser: Int) -> Int {
            if let id = ids[s] { return id }
            let id = counts.count
            ids[s] = id
            counts.append(0)
            self.coarser.append(coarser)
            return id
        }

        func count(_ s: Segments) -> Int { ids[s].map { counts[$0] } ?? 0 }
    }

    public init(minCell: Int) { self.minCell = minCell }

    /// The id of the combination `s`, for `count(id:)` (stable for the life of the guard).
    public mutating func id(of s: Segments) -> Int {
        if let id = full.ids[s] { return id }
        let age = ageOnly.id(of: Segments(age: s.age), coarser: -1)
        let pair = ageGender.id(of: Segments(age: s.age, gender: s.gender), coarser: age)
        return full.id(of: s, coarser: pair)
    }

    /// Counts one respondent (or one workshop note, which stands for its writer).
    public mutating func count(_ s: Segments) { count(id: id(of: s)) }

    /// Counts `members` respondents of the combination `s` at once (a workspace's stored cell counts).
    public mutating func count(_ s: Segments, members: Int) {
        let id = id(of: s)
        full.counts[id] += members
        let pair = full.coarser[id]
        ageGender.counts[pair] += members
        ageOnly.counts[ageGender.coarser[pair]] += members
    }

    /// Counts one respondent of the combination `id` (from `id(of:)`).
    public mutating func count(id: Int) {
        full.counts[id] += 1
        let pair = full.coarser[id]
        ageGender.counts[pair] += 1
        ageOnly.counts[ageGender.coarser[pair]] += 1
    }

    /// The most detailed attribution whose combination has at least `minCell` members.
    public func safeSegments(_ s: Segments) -> Segments {
        if full.count(s) >= minCell { return s }
        let withoutDistrict = Segments(age: s.age, gender: s.gender)
        if ageGender.count(withoutDistrict) >= minCell { return withoutDistrict }
        let ageBand = Segments(age: s.age)
        if ageOnly.count(ageBand) >= minCell { return ageBand }
        return Segments()
    }

    /// `（30代・女性・広丘）`, coarsened as needed; `（属性非表示）` when nothing can be shown.
    public func attribution(_ s: Segments) -> String {
        let safe = safeSegments(s)
        let text = safe.attribution
        return text.isEmpty ? "（属性非表示）" : text
    }
}

extension AttributionGuard {
    /// A workshop note's attribution: the session's label before the safe segments, e.g.
    /// `（子育て世代ワークショップ・30代）`. The session is counted once for small-cell protection (the caller
    /// counts one per session and segments), so its segments are coarsened like a single respondent's.
    /// Without a session this is `attribution(_:)`.
    public func attribution(_ s: Segments, session: String?) -> String {
        guard let session, !session.isEmpty else { return attribution(s) }
        let parts = [session] + [safeSegments(s).age, safeSegments(s).gender, safeSegments(s).district].compactMap { $0 }
        return "（" + parts.filter { !$0.isEmpty }.joined(separator: "・") + "）"
    }
}

/// The short label of a workshop session for attribution.
public enum SessionLabel {
    /// The title up to its first bracket or colon (`子育て世代ワークショップ「…」` → `子育て世代ワークショップ`,
    /// `地区懇談会（楢川）` → `地区懇談会`), masked and at most 30 characters; without a title, the file name
    /// without its extension and a leading date (`2026-07-11-kosodate.md` → `kosodate`).
    public static func label(title: String?, file: String, masker: Masker = Masker()) -> String {
        let stops: Set<Character> = ["「", "『", "（", "(", "【", "[", "：", ":", "―", "—", "|", "｜"]
        if let title {
            let head = String(QuoteText.singleLine(title).prefix { !stops.contains($0) }).trimmingTrailingSpaces
            if !head.isEmpty { return String(QuoteText.nestedQuotes(masker.mask(head)).prefix(30)) }
        }
        var stem = OpinionID.stem(file)
        if let match = stem.range(of: "^[0-9]{4}[-_.]?[0-9]{2}[-_.]?[0-9]{2}[-_. ]*", options: .regularExpression) {
            stem.removeSubrange(match)
        }
        if stem.isEmpty { stem = OpinionID.stem(file) }
        return String(QuoteText.nestedQuotes(masker.mask(QuoteText.singleLine(stem))).prefix(30))
    }
}
