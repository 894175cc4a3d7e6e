// Portfolio — the CS portfolio of importance × satisfaction: 偏差値 axes, 改善度指数 and quadrants.
import Foundation

/// CS-portfolio analysis (顧客満足度ポートフォリオ) over areas with both importance and satisfaction means.
public enum Portfolio {
    public struct Result: Sendable, Hashable {
        /// Importance as 偏差値 (mean 50, SD 10 across the rated areas).
        public var importanceScore: Double
        public var satisfactionScore: Double
        /// 改善度指数: distance from (50, 50) × (90° − θ) / 90°, θ = angle from the
        /// high-importance / low-satisfaction 45° line. Larger = more urgent to improve.
        public var improvementIndex: Double
        /// 重点改善分野 / 重点維持分野 / 改善分野 / 維持分野.
        public var quadrant: String
    }

    /// Results in the order of `points`. With fewer than two areas, or no spread, 偏差値 are all 50.
    public static func analyse(_ points: [(importance: Double, satisfaction: Double)]) -> [Result] {
        let importance = deviationScores(points.map(\.importance))
        let satisfaction = deviationScores(points.map(\.satisfaction))
        return zip(importance, satisfaction).map { imp, sat in
            let x = sat - 50
            let y = imp - 50
            let distance = (x * x + y * y).squareRoot()
            var index = 0.0
            if distance > 0 {
                // Angle between (x, y) and the direction (−1, +1) (low satisfaction, high importance).
                let cosine = (-x + y) / (distance * 2.0.squareRoot())
                let theta = acos(max(-1, min(1, cosine))) * 180 / Double.pi
                index = distance * (90 - theta) / 90
            }
            let quadrant: String
            switch (imp >= 50, sat >= 50) {
            case (true, false): quadrant = "重点改善分野"
            case (true, true): quadrant = "重点維持分野"
            case (false, false): quadrant = "改善分野"
            case (false, true): quadrant = "維持分野"
            }
            return Result(importanceScore: imp, satisfactionScore: sat, improvementIndex: index, quadrant: quadrant)
        }
    }

    /// 偏差値: 50 + 10 (x − mean) / SD, with the population SD.
    public static func deviationScores(_ values: [Double]) -> [Double] {
        guard values.count > 1 else { return values.map { _ in 50 } }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let sd = variance.squareRoot()
        guard sd > 0 else { return values.map { _ in 50 } }
        return values.map { 50 + 10 * ($0 - mean) / sd }
    }
}
