// ParticipantAges — the documented table that turns a session's participants (高校生, シニア…) into an age band.
import Foundation
import KoeCore

/// Maps who took part in a workshop to the age band its notes are attributed to.
///
/// | participants contain | age band | why |
/// | --- | --- | --- |
/// | 中学生, 中高生, 高校生 | 10代 | 12–18 years |
/// | 大学生, 短大生, 専門学校生, 若者, 青年 | 20代 | mostly 18–24; the plan's "young" voice |
/// | 新社会人 | 20代 | |
/// | 子育て世代, 子育て中, 未就学児の保護者, 乳幼児の保護者 | 30代 | the plan's strategy A audience |
/// | シニア, 高齢者, 老人クラブ, 老人会 | 70代 | |
/// | 10代 … 90代 written directly | itself | |
///
/// 小学生 (6–12), 学生 and 保護者 alone straddle bands and are left unmapped (a warning says so): give `segments.age`.
/// When participants name groups of different bands (高校生 and シニア), the age is left unknown (warning).
public enum ParticipantAges {
    /// The table, longest keys first so `中高生` wins over shorter keys it contains.
    public static let table: [(participants: String, ageBand: String)] = [
        ("未就学児の保護者", "30代"), ("乳幼児の保護者", "30代"), ("専門学校生", "20代"), ("子育て世代", "30代"),
        ("老人クラブ", "70代"), ("新社会人", "20代"), ("子育て中", "30代"), ("中学生", "10代"), ("中高生", "10代"),
        ("高校生", "10代"), ("大学生", "20代"), ("短大生", "20代"), ("高齢者", "70代"), ("老人会", "70代"),
        ("シニア", "70代"), ("若者", "20代"), ("青年", "20代"),
    ]

    /// Result of looking participants up.
    public enum Lookup: Sendable, Equatable {
        case band(String)
        /// Nothing in the table matched.
        case unmapped
        /// Different bands matched (e.g. 高校生 and シニア).
        case mixed([String])
    }

    /// The age band for `participants` (each as written in the front matter).
    public static func ageBand(for participants: [String]) -> Lookup {
        var bands: [String] = []
        for raw in participants {
            let text = raw.precomposedStringWithCompatibilityMapping
            if let direct = directBand(text) {
                if !bands.contains(direct) { bands.append(direct) }
                continue
            }
            // Bands written inside a description (「10代〜80代、各地区から」) make a mixed session.
            let written = writtenBands(text)
            if written.count >= 2 {
                for band in written where !bands.contains(band) { bands.append(band) }
                continue
            }
            if let entry = table.first(where: { text.contains($0.participants) }), !bands.contains(entry.ageBand) {
                bands.append(entry.ageBand)
            }
        }
        switch bands.count {
        case 0: return .unmapped
        case 1: return .band(bands[0])
        default: return .mixed(bands)
        }
    }

    /// Every `N0代` written in `text`, in order (`10代〜80代` → 10代, 80代).
    private static func writtenBands(_ text: String) -> [String] {
        var found: [String] = []
        var digits = ""
        for ch in text {
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
                continue
            }
            if ch == "代", let n = Int(digits), (1...9).contains(n / 10), n % 10 == 0, digits.count == 2 {
                let band = "\(n)代"
                if !found.contains(band) { found.append(band) }
            }
            digits = ""
        }
        return found
    }

    /// `10代`…`90代` written as the participants value.
    private static func directBand(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("代"), let n = Int(trimmed.dropLast()), (1...9).contains(n / 10), n % 10 == 0 else { return nil }
        return trimmed
    }
}
