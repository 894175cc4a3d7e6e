// PrintedQuotes — a selected quote as every output prints it (masked, trimmed, safely attributed), made once per
// run and shared by the writers of quotes.md, quotes.docx, report.html and koe.sqlite, and by `koe quotes`.
import Foundation

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
        self.attribution = InertText.singleLine(attribution.attribution(quote.segments, session: quote.session))
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
    private let masker = Masker()
    private var cache: [String: PrintedQuote] = [:]
    private let lock = NSLock()

    public init(attribution: AttributionGuard) { self.attribution = attribution }

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
        let printed = PrintedQuote(quote, masker: masker, attribution: attribution)
        lock.lock()
        cache[quote.id] = printed
        lock.unlock()
        return printed
    }
}
