// RatingScale — how rating answers are coded (min, max, which end is bad, わからない codes), and the
// oriented value of one cell (higher = more important / more satisfied).
import Foundation

/// How rating answers are coded.
public struct RatingScale: Sendable, Hashable {
    public var min: Double = 1
    public var max: Double = 5
    /// `bad`: the highest code is the worst (1 = 満足 … 4 = 不満); values are turned with min + max − x.
    public var highIsBad: Bool = false
    /// Codes that mean わからない / 無回答: left out of means and counted.
    public var missing: [Double] = []

    public init() {}

    /// What a rating cell holds.
    public enum Reading: Equatable, Sendable {
        /// Oriented: higher = more important / more satisfied.
        case value(Double)
        /// Blank or a `missing` code (わからない, 無回答).
        case missing
        /// Not a number, or outside [min, max]: left out and reported.
        case invalid
    }

    public func read(_ raw: String) -> Reading {
        // Fast paths: one ASCII digit (a Likert answer), then a plain ASCII number (almost every rating cell).
        let utf8 = raw.utf8
        if utf8.count == 1, let d = utf8.first, d >= 0x30, d <= 0x39 { return classify(Double(d - 0x30)) }
        if let x = Double(raw) { return classify(x) }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .missing }
        guard let x = Double(text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? text) else { return .invalid }
        return classify(x)
    }

    private func classify(_ x: Double) -> Reading {
        if missing.contains(x) { return .missing }
        if x < min || x > max { return .invalid }
        return .value(highIsBad ? min + max - x : x)
    }

    /// The oriented value, or nil when missing or invalid.
    public func orient(_ raw: String) -> Double? {
        if case .value(let x) = read(raw) { return x }
        return nil
    }
}
