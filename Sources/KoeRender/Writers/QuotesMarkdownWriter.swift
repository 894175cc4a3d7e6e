// QuotesMarkdownWriter — quotes.md: per area in plan order, masked quotes (trimmed at a sentence boundary,
// Markdown- and HTML-inert) with safe attribution — by session for workshop notes — 「同様の意見 N件」 for
// a near-duplicate group, and their provenance id.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes

/// Writes quotes.md at the end of the run.
public final class QuotesMarkdownWriter: OutputWriter {
    public static let fileName = "quotes.md"
    private var run: RunContext?

    public init() {}

    public func begin(_ run: RunContext) throws { self.run = run }

    public func finish(_ results: RunResults) throws {
        guard let run else { return }
        let file = try OutputFile(url: run.file(Self.fileName))
        try file.write("# 市民の声（生の意見）— \(QuoteText.markdownEscaped(run.title))\n\n")
        try file.write(Self.introduction + "\n\n")
        var rows: [String: SummaryRow] = [:]
        for row in results.summary { rows[row.area.code] = row }
        for area in run.areas {
            let heading = String(repeating: "#", count: min(area.level + 1, 6))
            let row = rows[area.code]
            try file.write("\(heading) \(area.code) \(area.name)\(Self.horizonMark(area.horizon))\n\n")
            let notes = row?.workshopNotes ?? 0
            try file.write(
                "意見 \(row?.opinions ?? 0) 件" + (notes > 0 ? "（うちワークショップ \(notes) 件）" : "")
                    + "・アンケート回答者 \(row?.respondents ?? 0) 人\n\n")
            let quotes = results.quotes[area.code] ?? []
            for quote in quotes {
                try file.write(Self.line(results.printed(quote)) + "\n")
            }
            if !quotes.isEmpty { try file.write("\n") }
        }
        try file.close()
    }

    /// What the document holds and how quotes were made safe (printed under the title).
    public static let introduction =
        "各分野（計画の体系順）に、市民の意見を原文のまま掲載しています。個人が特定されうる情報（電話番号・メールアドレス・URL・郵便番号・住所・人名）は「＊＊＊」に置き換え、回答者の属性は該当者が少ない組み合わせでは一部を省いています。長い意見は文の区切りまでを掲載し、以降を「…」で省略しています。ほぼ同じ文面の意見（組織的な意見や転載）は一度だけ掲載し、「同様の意見 N件」にその件数を示しています。末尾の記号は出典（koe の意見 ID）です。"

    /// One list item: `- 「text」（attribution） 同様の意見 N件 `id``, every part inert.
    public static func line(_ q: PrintedQuote) -> String {
        var line = "- 「\(QuoteText.markdownEscaped(q.text))」\(QuoteText.markdownEscaped(q.attribution))"
        if let note = q.similarNote { line += " \(note)" }
        return line + " `\(q.id.replacingOccurrences(of: "`", with: "'"))`"
    }

    /// `（短期集中）` / `（長期継続）` after a measure's name.
    public static func horizonMark(_ horizon: Horizon?) -> String {
        horizon?.label.map { "（\($0)）" } ?? ""
    }
}

/// A selected quote as every output prints it (quotes.md, quotes.docx, koe.sqlite): masked and trimmed text,
/// the attribution that is safe to print, the near-duplicate note and the provenance id.
public struct PrintedQuote: Sendable, Hashable {
    public var id: String
    public var text: String
    public var trimmed: Bool
    public var attribution: String
    /// The near-duplicate group's id and size (1 when the quote stands alone).
    public var group: String?
    public var groupSize: Int
    public var score: QuoteScore

    public init(_ quote: QuoteCandidate, masker: Masker, attribution: AttributionGuard) {
        id = quote.id
        (text, trimmed) = QuoteText.printable(masker.mask(quote.text))
        self.attribution = attribution.attribution(quote.segments, session: quote.session)
        group = quote.group
        groupSize = quote.groupSize
        score = quote.score
    }

    /// 「同様の意見 N件」 (N counts this opinion too), or nil for a quote that stands alone.
    public var similarNote: String? { groupSize > 1 ? "同様の意見 \(groupSize)件" : nil }
}

/// Selected quotes as printed, made once per run and shared by the writers (masking is the costly part).
///
/// Shared by writers that finish at the same time (quotes.md, quotes.docx, report.html, koe.sqlite): the run's
/// selected quotes are printed once, on one thread, before the writers start (`prepare`), so the masker's
/// regular expressions are never used from two threads at once; the cache is also guarded by a lock.
public final class PrintedQuotes: @unchecked Sendable {
    private let attribution: AttributionGuard
    /// Made on first use (loading the name lists costs about 0.1 s): a run without quotes never needs it.
    private var maskerStorage: Masker?
    private var cache: [String: PrintedQuote] = [:]
    private let lock = NSLock()

    public init(attribution: AttributionGuard) { self.attribution = attribution }

    private func masker() -> Masker {
        lock.lock()
        defer { lock.unlock() }
        if let maskerStorage { return maskerStorage }
        let made = Masker()
        maskerStorage = made
        return made
    }

    /// Prints every quote now, on the calling thread.
    public func prepare(_ quotes: [String: [QuoteCandidate]]) {
        for code in quotes.keys.sorted() {
            for quote in quotes[code] ?? [] { _ = self(quote) }
        }
    }

    /// `quote` as printed (masked, trimmed, attributed); the same value for the same quote id.
    public func callAsFunction(_ quote: QuoteCandidate) -> PrintedQuote {
        lock.lock()
        let cached = cache[quote.id]
        lock.unlock()
        if let cached, cached.group == quote.group { return cached }
        let printed = PrintedQuote(quote, masker: masker(), attribution: attribution)
        lock.lock()
        cache[quote.id] = printed
        lock.unlock()
        return printed
    }
}
