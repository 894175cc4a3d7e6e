// AgeBands — reads an age answer in any common form (34, 34歳, ３０歳代, 30～39歳, 30代, 80歳以上, 20歳未満,
// 回答しない) and places it in one of the configured bands.
import Foundation
import KoeCore

/// An age answer read as an inclusive range of years (open ends as nil), or a declined answer.
public enum AgeValue: Sendable, Hashable {
    case range(lower: Int?, upper: Int?)
    case declined
}

/// The configured age bands, e.g. `10代 … 70代, 80歳以上`. The lowest band also takes answers open below whose
/// upper end falls in it (a survey's `20歳未満` goes to `10代`), but not an age below it (8 is in no band);
/// open-ended bands keep their label.
public struct AgeBands: Sendable, Hashable {
    public struct Band: Sendable, Hashable {
        public var label: String
        public var lower: Int?
        public var upper: Int?
    }

    public let bands: [Band]

    /// koe's default bands: 10代 … 70代 and 80歳以上.
    public static let `default`: AgeBands = {
        let labels = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上"]
        // Every label above parses; fall back to an empty list only if the parser ever changes.
        return (try? AgeBands(labels)) ?? AgeBands(bands: [])
    }()

    private init(bands: [Band]) { self.bands = bands }

    /// Bands from labels such as `10代`, `18～29歳`, `65歳以上`, `20歳未満`; a label that is not an age range
    /// is an error.
    public init(_ labels: [String]) throws {
        var bands: [Band] = []
        for label in labels {
            guard case .range(let lower, let upper)? = AgeBands.parse(label) else {
                throw KoeError(
                    code: "invalid-age-band", message: "年代の区分「\(label)」を年齢の範囲として読めません",
                    hint: "10代、30～39歳、80歳以上、20歳未満 のように書いてください")
            }
            bands.append(Band(label: label, lower: lower, upper: upper))
        }
        self.bands = bands.sorted { ($0.lower ?? Int.min) < ($1.lower ?? Int.min) }
    }

    /// The band label for a raw answer: `無回答` for declined answers, nil when no band holds the whole range.
    public func band(for raw: String) -> String? {
        switch AgeBands.parse(raw) {
        case .declined?: return "無回答"
        case .range(let lower, let upper)?: return band(lower: lower, upper: upper)
        case nil: return nil
        }
    }

    func band(lower: Int?, upper: Int?) -> String? {
        for (i, band) in bands.enumerated() {
            // The lowest band also holds answers open below (20歳未満) whose upper end falls inside it; an age
            // below the lowest band (8 with 10代 first) is in no band.
            let lowOK = band.lower.map { b in lower.map { $0 >= b } ?? (i == 0) } ?? true
            let upOK = band.upper.map { b in upper.map { $0 <= b } ?? false } ?? true
            if lowOK && upOK { return band.label }
        }
        return nil
    }

    /// Reads an age answer. Full-width digits and ～/〜/-/− ranges are accepted.
    public static func parse(_ raw: String) -> AgeValue? {
        var s = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        let declined = ["無回答", "回答しない", "回答しません", "答えたくない", "回答したくない", "回答なし", "不明", "未回答", "無記入"]
        if declined.contains(s) || Declined.isEnglish(s) { return .declined }
        for suffix in ["前半", "後半", "半ば"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        s = s.replacingOccurrences(of: "才", with: "歳")
        for dash in ["〜", "~", "ー", "−", "–", "—", "-", "から"] { s = s.replacingOccurrences(of: dash, with: "～") }
        func number(_ t: Substring) -> Int? {
            var t = t
            if t.hasSuffix("歳") { t = t.dropLast() }
            guard !t.isEmpty, t.count <= 3, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(t)
        }
        if let range = s.range(of: "以上"), range.upperBound == s.endIndex {
            guard let n = number(s[..<range.lowerBound].replacingOccurrences(of: "代", with: "")[...]) else { return nil }
            return .range(lower: n, upper: nil)
        }
        if let range = s.range(of: "未満"), range.upperBound == s.endIndex, let n = number(s[..<range.lowerBound]) {
            return .range(lower: nil, upper: n - 1)
        }
        if let range = s.range(of: "以下"), range.upperBound == s.endIndex, let n = number(s[..<range.lowerBound]) {
            return .range(lower: nil, upper: n)
        }
        if s.hasSuffix("歳代") || s.hasSuffix("代") {
            let digits = s.hasSuffix("歳代") ? s.dropLast(2) : s.dropLast()
            guard let n = number(digits), n % 10 == 0 else { return nil }
            return .range(lower: n, upper: n + 9)
        }
        let parts = s.split(separator: "～", omittingEmptySubsequences: false)
        if parts.count == 2, let a = number(parts[0]), let b = number(parts[1]), a <= b {
            return .range(lower: a, upper: b)
        }
        if let n = number(s[...]), n < 130 { return .range(lower: n, upper: n) }
        return nil
    }
}
