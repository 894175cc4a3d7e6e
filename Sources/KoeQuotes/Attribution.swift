// Attribution — small-cell protection: an age × gender × district combination shared by fewer than
// min_cell respondents is coarsened (district dropped, then gender) so no quote points at one person.
import KoeCore

/// Counts segment combinations and gives each quote an attribution that is safe to print.
public struct AttributionGuard: Sendable {
    public let minCell: Int
    private var full: [Segments: Int] = [:]
    private var ageGender: [Segments: Int] = [:]
    private var ageOnly: [Segments: Int] = [:]

    public init(minCell: Int) { self.minCell = minCell }

    /// Counts one respondent (or one workshop note, which stands for its writer).
    public mutating func count(_ s: Segments) {
        full[s, default: 0] += 1
        ageGender[Segments(age: s.age, gender: s.gender), default: 0] += 1
        ageOnly[Segments(age: s.age), default: 0] += 1
    }

    /// The most detailed attribution whose combination has at least `minCell` members.
    public func safeSegments(_ s: Segments) -> Segments {
        if full[s, default: 0] >= minCell { return s }
        let withoutDistrict = Segments(age: s.age, gender: s.gender)
        if ageGender[withoutDistrict, default: 0] >= minCell { return withoutDistrict }
        let ageBand = Segments(age: s.age)
        if ageOnly[ageBand, default: 0] >= minCell { return ageBand }
        return Segments()
    }

    /// `（30代・女性・広丘）`, coarsened as needed; `（属性非表示）` when nothing can be shown.
    public func attribution(_ s: Segments) -> String {
        let safe = safeSegments(s)
        let text = safe.attribution
        return text.isEmpty ? "（属性非表示）" : text
    }
}
