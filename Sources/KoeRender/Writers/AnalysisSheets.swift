// AnalysisSheets — summary.xlsx's sheets of the text analyses: 抽出語 (the word list overall, per area and per
// segment value). Words shown outside the workspace pass the masking rule (`ShownWords`).
import KoeAnalysis
import KoeCore
import KoeQuotes

extension SummaryXLSXWriter {
    /// Words listed on 抽出語 for the whole, and for each area or segment value.
    static let sheetWordsOverall = 150
    static let sheetWordsPerCell = 20

    func wordsSheet(run: RunContext, analyses: TextAnalyses) -> XLSXSheet {
        var sheet = XLSXSheet(name: "抽出語")
        sheet.printHeader = run.title
        sheet.append(["範囲", "区分", "抽出語", "出現回数", "文書数（意見数）"].map { .text($0, .header) })
        let names = Dictionary(run.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = ShownWords()
        var perCell: [String: Int] = [:]
        for row in analyses.words where shown.canShow(row.word) {
            let whole = row.area.isEmpty && row.segment.isEmpty
            let cell = row.area + "\u{1F}" + row.segment + "\u{1F}" + row.value
            let n = perCell[cell, default: 0]
            guard n < (whole ? Self.sheetWordsOverall : Self.sheetWordsPerCell) else { continue }
            perCell[cell] = n + 1
            let (scope, label) =
                whole
                ? ("全体", "")
                : row.area.isEmpty
                    ? (ShownWords.segmentLabel(row.segment), row.value) : ("分野 " + row.area, names[row.area] ?? row.area)
            sheet.append([
                .text(scope), .text(label), .text(row.word), .integer(row.frequency), .integer(row.opinions),
            ])
        }
        sheet.columnWidths = [12, 40, 20, 10, 14]
        return sheet
    }
}

/// The rule for words shown outside the workspace (workbook, report, terminal): a word the masker would mask
/// (a name, a number, an address) is not shown.
public struct ShownWords: Sendable {
    private let masker = Masker()

    public init() {}

    public func canShow(_ word: String) -> Bool { masker.mask(word) == word }

    /// The Japanese label of a segment key (age → 年代).
    public static func segmentLabel(_ segment: String) -> String {
        switch segment {
        case "age": return "年代"
        case "gender": return "性別"
        case "district": return "地区"
        default: return segment
        }
    }
}
