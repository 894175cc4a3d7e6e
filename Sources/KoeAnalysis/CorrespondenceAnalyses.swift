// CorrespondenceAnalyses — the run's three correspondence analyses: areas × age bands and areas × 小学校区 from
// the cross-tabs' mentioning counts, and the top words × age bands from the word counts.
import KoeCore

/// Builds `area_age`, `area_district` and `word_age` (SPEC §6); an analysis with fewer than 2 rows or columns
/// is listed in `skipped` instead.
public enum CorrespondenceAnalyses {
    /// Words (rows) of `word_age`.
    public static let wordRows = 20

    /// `rowAreas`: the second-level area codes (projects) in plan order; `canShow`: whether a word may be shown (words that would be masked are not analysed).
    public static func build(
        crossTabs: [CrossTabRow], rowAreas: [String], words: WordCounter, canShow: (String) -> Bool
    ) -> (results: [CorrespondenceResult], skipped: [String]) {
        var results: [CorrespondenceResult] = []
        var skipped: [String] = []
        for (name, segment) in [("area_age", CrossTabSegment.age), ("area_district", .district)] {
            let (counts, columns) = areaTable(crossTabs, rowAreas: rowAreas, segment: segment)
            if let r = Correspondence.analyse(name, counts: counts, rowLabels: rowAreas, columnLabels: columns) {
                results.append(r)
            } else {
                skipped.append(name)
            }
        }
        let bands = ageValues(crossTabs)
        let ids = words.topWords(wordRows, where: canShow)
        let counts = ids.map { id in bands.map { Double(words.opinions(id, segment: "age", value: $0)) } }
        let labels = ids.map { words.display[$0] }
        if let r = Correspondence.analyse("word_age", counts: counts, rowLabels: labels, columnLabels: bands) {
            results.append(r)
        } else {
            skipped.append("word_age")
        }
        return (results, skipped)
    }

    /// Segment values that say the answer is missing (left out like an empty value).
    public static let noAnswer: Set<String> = ["無回答", "未回答", "不明"]

    /// Mentioning counts of `rowAreas` × the segment's values (in cross-tab order).
    static func areaTable(
        _ rows: [CrossTabRow], rowAreas: [String], segment: CrossTabSegment
    ) -> (counts: [[Double]], columns: [String]) {
        var columns: [String] = []
        var columnIndex: [String: Int] = [:]
        var cells: [String: [Int: Double]] = [:]
        for row in rows where row.segment == segment && !row.value.isEmpty && !noAnswer.contains(row.value) {
            let j: Int
            if let known = columnIndex[row.value] {
                j = known
            } else {
                j = columns.count
                columnIndex[row.value] = j
                columns.append(row.value)
            }
            cells[row.area, default: [:]][j] = Double(row.mentioning)
        }
        let counts = rowAreas.map { area in columns.indices.map { cells[area]?[$0] ?? 0 } }
        return (counts, columns)
    }

    /// The age values of the cross-tabs in their order (the configured bands' order).
    private static func ageValues(_ rows: [CrossTabRow]) -> [String] {
        var seen: Set<String> = []
        return rows.filter { $0.segment == .age && !noAnswer.contains($0.value) && seen.insert($0.value).inserted }.map(\.value)
    }
}
