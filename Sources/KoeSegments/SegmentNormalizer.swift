// SegmentNormalizer — raw segment answers (age, gender, district) → normalized Segments, returning every value
import Foundation
// it could not map so the caller can count and report it.
import KoeCore

/// Which segment an unmapped value belongs to.
public enum SegmentKind: String, Sendable, Hashable, Codable {
    case age, gender, district
}

/// A raw value no rule or gazetteer entry could map.
public struct UnmappedSegment: Sendable, Hashable, Codable {
    public var kind: SegmentKind
    public var value: String
}

/// Normalized segments and the values that could not be mapped (left nil in `segments`).
public struct NormalizedSegments: Sendable, Hashable {
    public var segments: Segments
    public var unmapped: [UnmappedSegment]
}

/// Normalizes segments with the configured age bands and gazetteer. Immutable; thread-safe.
public struct SegmentNormalizer: Sendable {
    public let ageBands: AgeBands
    public let gazetteer: Gazetteer?

    public init(ageBands: AgeBands = .default, gazetteer: Gazetteer?) {
        self.ageBands = ageBands
        self.gazetteer = gazetteer
    }

    /// Bands from labels (SPEC §4 `segments.age_bands`); throws when a label is not an age range.
    public init(ageBands labels: [String], gazetteer: Gazetteer?) throws {
        self.init(ageBands: try AgeBands(labels), gazetteer: gazetteer)
    }

    /// Blank values stay nil and are not reported; values that cannot be mapped are nil and reported.
    /// Without a gazetteer, districts pass through trimmed.
    public func normalize(_ raw: RawSegments) -> NormalizedSegments {
        var out = Segments()
        var unmapped: [UnmappedSegment] = []
        if let age = raw.age?.trimmingCharacters(in: .whitespacesAndNewlines), !age.isEmpty {
            if let band = ageBands.band(for: age) { out.age = band } else { unmapped.append(.init(kind: .age, value: age)) }
        }
        if let gender = raw.gender?.trimmingCharacters(in: .whitespacesAndNewlines), !gender.isEmpty {
            if let g = Gender.normalize(gender) { out.gender = g } else { unmapped.append(.init(kind: .gender, value: gender)) }
        }
        if let district = raw.district?.trimmingCharacters(in: .whitespacesAndNewlines), !district.isEmpty {
            if ["無回答", "回答しない", "未回答", "不明"].contains(district) || Declined.isEnglish(district) {
                out.district = "無回答"
            } else if let gazetteer {
                if let d = gazetteer.district(for: district) {
                    out.district = InertText.singleLine(d)
                } else {
                    unmapped.append(.init(kind: .district, value: district))
                }
            } else {
                // Shown in attributions, cross-tabs and the report: no bidi override or control character.
                let clean = InertText.singleLine(district)
                out.district = clean.isEmpty ? nil : clean
            }
        }
        return NormalizedSegments(segments: out, unmapped: unmapped)
    }
}
