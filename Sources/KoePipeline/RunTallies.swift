// RunTallies — small counters of a run: invalid rating cells, workshop sessions, unmapped segment values.
import KoeAnalysis
import KoeCore

/// Reads rating cells and counts the invalid ones per file and column (reported once, with an example row).
struct RatingTally {
    private var invalid: [String: (count: Int, example: String, row: Int?, letter: String?)] = [:]
    private var order: [String] = []

    var invalidCount: Int { invalid.values.reduce(0) { $0 + $1.count } }

    /// The rating cell of `column` as the scale reads it; an absent cell is missing. Invalid cells are counted
    /// for the `invalid-rating` warning.
    /// `raw`: the cell (nil when blank); `row`: its row, for the warning's example.
    mutating func read(_ raw: String?, row: Int?, column: String, scale: RatingScale, file: String) -> RatingScale.Reading {
        guard let raw else { return .missing }
        let reading = scale.read(raw)
        if case .invalid = reading {
            let key = file + "\u{0}" + column
            if invalid[key] == nil {
                order.append(key)
                invalid[key] = (0, raw, row, nil)
            }
            invalid[key]?.count += 1
        }
        return reading
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

/// The weights of respondents whose opinions are still in analysis, in input order: a respondent's weight is
/// known at its `.respondent` event, its opinions' areas only when their batch is delivered.
struct WeightQueue {
    private var queue: [(voice: String, weight: RespondentWeight)] = []
    private var head = 0

    /// A respondent was read.
    mutating func respondent(voice: String, weight: RespondentWeight) { queue.append((voice, weight)) }

    /// The weight of the respondent behind a delivered opinion; respondents without opinions are passed over.
    mutating func weight(of voice: String) -> RespondentWeight {
        while head < queue.count && queue[head].voice != voice { head += 1 }
        if head >= 64 && head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return head < queue.count ? queue[head].weight : .unweighted
    }
}
