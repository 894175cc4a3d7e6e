// PlanCycleResults — what a run hands its writers about the plan cycle: this wave's facts a later comparison
// reads, the comparison with the previous wave (`baseline:`) and the 小学校区 polygons (`map:`).
import KoeAnalysis
import KoeSegments

/// What a run hands its writers about the plan cycle (pipeline keys `baseline:` and `map:`).
public struct PlanCycleResults: Sendable {
    /// Survey respondents who wrote at least one free answer (summary.csv's share denominator).
    public var shareBase = 0
    /// The configured age bands.
    public var ageBands: [String] = []
    /// Each rated area's n, mean and variance.
    public var ratings: [RatingStatistics] = []
    /// The comparison with the previous wave, when `baseline:` is set.
    public var baseline: BaselineComparison?
    /// The 小学校区 polygons, when `map:` is set.
    public var map: DistrictMap?

    public init() {}
}
