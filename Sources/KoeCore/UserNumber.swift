// UserNumber — every number a user gives (command-line flags, pipeline keys, workspace settings) is checked
// against one table of ranges here, so no value can overflow an allocation or a count downstream.

/// The allowed range of each user-given number, and the check every reader of one uses.
public enum UserNumber {
    /// `koe quotes --limit` (and the workbench's `limit`).
    public static let quoteLimit = 1...100_000
    /// `themes: {count: N}` (0: no themes).
    public static let themeCount = 0...50
    /// `quotes: {per_area: N}`.
    public static let quotesPerArea = 0...1_000
    /// `quotes: {min_cell: N}` (and the workspace's stored value).
    public static let minCell = 1...10_000
    /// `header_rows`, `--header-rows`.
    public static let headerRows = 0...100
    /// `--threads`.
    public static let threads = 1...1_024
    /// A rating scale's `min`, `max` and `missing` codes.
    public static let scaleValue = -1_000_000.0...1_000_000.0

    /// nil when `value` lies in `range`, else the Japanese message naming `name` and the range.
    public static func problem(_ value: Int, _ range: ClosedRange<Int>, name: String) -> String? {
        range.contains(value) ? nil : outOfRange(name, range, given: String(value))
    }

    /// The integer written in `text` when it lies in `range` (digits only, optional sign), else nil.
    public static func parse(_ text: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: [" "])), range.contains(value) else { return nil }
        return value
    }

    /// The finite number written in `text` when it lies in `range`, else nil (NaN and ∞ never pass).
    public static func parse(_ text: String, _ range: ClosedRange<Double>) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: [" "])), value.isFinite, range.contains(value) else { return nil }
        return value
    }

    /// `「name」には 1〜100000 の整数を書いてください（指定値: …）`.
    public static func outOfRange(_ name: String, _ range: ClosedRange<Int>, given: String) -> String {
        "「\(name)」には \(range.lowerBound)〜\(range.upperBound) の整数を指定してください（指定値: \(InertText.singleLine(String(given.prefix(40))))）"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
