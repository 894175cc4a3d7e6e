// Segments — normalized segment values (age band, gender, 小学校区) and the attribution text built from them.

/// Normalized segments of an opinion or respondent. nil = unknown / not given.
public struct Segments: Sendable, Hashable, Codable {
    /// An age band label such as `30代` or `80歳以上`; `無回答` when the respondent declined.
    public var age: String?
    /// `男性`, `女性`, `その他` or `無回答`.
    public var gender: String?
    /// The elementary-school district (小学校区) name.
    public var district: String?

    public init(age: String? = nil, gender: String? = nil, district: String? = nil) {
        self.age = age
        self.gender = gender
        self.district = district
    }

    /// `（30代・女性・広丘）`, leaving out unknown parts; empty when nothing is known.
    public var attribution: String {
        let parts = [age, gender, district].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : "（" + parts.joined(separator: "・") + "）"
    }
}
