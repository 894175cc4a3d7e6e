// PrintedQuotes — a selected quote as every output prints it (masked, trimmed, safely attributed), made once per
// run and shared by the writers of quotes.md, quotes.docx, report.html and koe.sqlite, and by `koe quotes`.
import Foundation
import KoeCore

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
    /// Why a person should look at the quote before it is used (Japanese reasons such as 電話番号らしき数字,
    /// `ReviewReason`); empty when the masked text shows no sign of personal data.
    public var review: [String]

    public init(_ quote: QuoteCandidate, masker: Masker, attribution: AttributionGuard) {
        id = quote.id
        let masked = masker.mask(quote.text)
        (text, trimmed) = QuoteText.printable(masked)
        review = masker.reviewReasons(in: masked)
        self.attribution = InertText.singleLine(attribution.attribution(quote.segments, session: quote.session))
        group = quote.group
        groupSize = quote.groupSize
        score = quote.score
    }

    /// 【要確認：電話番号らしき数字・@やドメイン】, or nil when the quote needs no review.
    public var reviewMark: String? { review.isEmpty ? nil : "【要確認：\(review.joined(separator: "・"))】" }

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
