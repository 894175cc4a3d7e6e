// RunTallies — small counters of a run: invalid rating cells, workshop sessions, unmapped segment values.
import KoeAnalysis
import KoeCore

/// Reads rating cells and counts the invalid ones per file and column (reported once, with an example row).
struct RatingTally {
    private var invalid: [String: (count: Int, example: String, row: Int?, letter: String?)] = [:]
    private var order: [String] = []

    var invalidCount: Int { invalid.values.reduce(0) { $0 + $1.count } }

    mutating func read(_ respondent: Respondent, column: String, scale: RatingScale, file: String) -> Double? {
        guard let raw = respondent.ratings[column] else { return nil }
        switch scale.read(raw) {
        case .value(let x): return x
        case .missing: return nil
        case .invalid:
            let key = file + "\u{0}" + column
            if invalid[key] == nil {
                order.append(key)
                invalid[key] = (0, raw, respondent.location.row, nil)
            }
            invalid[key]?.count += 1
            return nil
        }
    }

    func warnings() -> [Diagnostic] {
        order.compactMap { key in
            guard let entry = invalid[key] else { return nil }
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return Diagnostic(
                .warning, code: "invalid-rating",
                message: "評価の列「\(parts.last ?? "")」に数値でないか範囲外の値が \(entry.count) 件あり、平均から除きました（例: 「\(entry.example)」）",
                hint: "scale の min/max/missing を確認するか、選択肢の文字を数値に直してください",
                location: SourceLocation(file: parts.first ?? "", row: entry.row, column: parts.last))
        }
    }
}

/// One workshop session's segments (counted once for small-cell protection).
struct SessionKey: Hashable {
    var file: String
    var segments: Segments
}

/// Unmapped segment values and how often each was seen.
struct UnmappedTally: Sendable {
    var values: [String: [String: Int]] = [:]

    mutating func add(_ segment: String, _ value: String) { values[segment, default: [:]][value, default: 0] += 1 }

    static func label(_ segment: String) -> String {
        switch segment {
        case "age": return "年代"
        case "gender": return "性別"
        case "district": return "地区（小学校区）"
        default: return segment
        }
    }
}
