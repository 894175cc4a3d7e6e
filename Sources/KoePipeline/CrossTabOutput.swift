// CrossTabOutput — joins each survey respondent with the areas its opinions were tagged with (delivered later,
// after batch analysis) for the cross-tabs, and writes crosstab.csv.
import Foundation
import KoeAnalysis
import KoeCore
import KoeRender

/// Feeds a `CrossTabBuilder` one survey respondent at a time. A respondent's segments come from its
/// `.respondent` event; its opinions follow it in input order, but their areas arrive only when their batch
/// has been analysed. Only respondents with opinions still in analysis are held (at most the opinions in
/// flight); a respondent without any opinion is counted as soon as the next respondent starts.
struct RespondentAreaJoin {
    /// One data row: a respondent is identified by its file, sheet, row and id.
    private struct Key: Hashable {
        var file: String
        var sheet: String?
        var row: Int?
        var id: String
    }

    private(set) var builder: CrossTabBuilder
    /// The respondent read last, and whether any of its opinions was submitted.
    private var current: (key: Key, segments: Segments, hasOpinions: Bool)?
    /// Respondents with submitted opinions whose areas have not all been delivered, in input order.
    private var waiting: [(key: Key, segments: Segments)] = []
    private var waitingStart = 0
    /// The respondent whose delivered opinions are being gathered.
    private var open: (key: Key, segments: Segments, areas: Set<String>)?

    init(builder: CrossTabBuilder) { self.builder = builder }

    /// Entries in the queue's storage, consumed ones included (for tests: stays bounded).
    var heldStorage: Int { waiting.count }

    /// A `.respondent` event with its normalized segments.
    mutating func respondent(_ respondent: Respondent, segments: Segments) {
        closeCurrentIfSilent()
        let location = respondent.location
        current = (Key(file: location.file, sheet: location.sheet, row: location.row, id: respondent.id), segments, false)
    }

    /// An opinion about to be handed to the batch processor (before `delivered` can see it).
    mutating func submitted(_ opinion: Opinion) {
        guard let key = Self.key(opinion) else { return }
        guard let now = current, now.key == key else {
            // A survey opinion without a respondent event (no importer does this): count it by its own
            // segments when it is delivered.
            return
        }
        if !now.hasOpinions {
            current?.hasOpinions = true
            waiting.append((key, now.segments))
        }
    }

    /// An analysed opinion, in input order. `segments`: its own normalized segments (used only for an
    /// opinion whose respondent was never announced).
    mutating func delivered(_ opinion: Opinion, areas: [String], segments: Segments) {
        guard let key = Self.key(opinion) else { return }
        if let current = open, current.key == key {
            open?.areas.formUnion(areas)
            return
        }
        closeOpen()
        if waitingStart < waiting.count, waiting[waitingStart].key == key {
            open = (key, waiting[waitingStart].segments, Set(areas))
            waitingStart += 1
            // Reading stays ahead of delivery, so the queue rarely empties: drop the consumed head once it
            // is half the storage (amortized O(1); storage stays within twice the respondents in flight).
            if waitingStart >= 64 && waitingStart * 2 >= waiting.count {
                waiting.removeFirst(waitingStart)
                waitingStart = 0
            }
        } else {
            open = (key, segments, Set(areas))
        }
    }

    /// Counts everyone still held. Call after the last batch has been delivered.
    mutating func finish() {
        closeOpen()
        for entry in waiting[waitingStart...] { builder.add(entry.segments, mentioned: []) }
        waiting.removeAll()
        waitingStart = 0
        closeCurrentIfSilent()
        current = nil
    }

    private mutating func closeOpen() {
        if let done = open { builder.add(done.segments, mentioned: done.areas) }
        open = nil
    }

    private mutating func closeCurrentIfSilent() {
        if let last = current, !last.hasOpinions { builder.add(last.segments, mentioned: []) }
        current = nil
    }

    private static func key(_ opinion: Opinion) -> Key? {
        guard opinion.kind == .survey, let id = opinion.respondent else { return nil }
        let location = opinion.location
        return Key(file: location.file, sheet: location.sheet, row: location.row, id: id)
    }
}

enum CrossTabOutput {
    static let header = [
        "segment", "area", "value", "respondents", "mentioning", "share", "expected", "adjusted_residual", "chi2", "df",
        "p", "cramers_v",
    ]

    /// crosstab.csv: one row per segment × area × value; the test's cells are empty for a degenerate table.
    static func write(_ rows: [CrossTabRow], to url: URL) throws {
        let writer = try CSVWriter(file: OutputFile(url: url), header: header)
        for row in rows {
            let test = row.test
            try writer.writeRow([
                .text(row.segment.rawValue), .text(row.area), .text(row.value), .integer(row.respondents),
                .integer(row.mentioning), .number(row.share, digits: 4), .number(row.expected, digits: 3),
                row.adjustedResidual.map { .number($0, digits: 3) } ?? .empty, test.map { .number($0.chi2, digits: 4) } ?? .empty,
                test.map { .integer($0.df) } ?? .empty, test.map { .text(pValue($0.p)) } ?? .empty,
                test.map { .number($0.cramersV, digits: 4) } ?? .empty,
            ])
        }
        try writer.close()
    }

    /// p with 6 decimals (`0.000123`); below 1e-6, scientific with 4 significant digits (`2.538e-23`),
    /// which Excel reads as a number. A p below the smallest double is `0.000e+00`.
    static func pValue(_ p: Double) -> String {
        if p >= 1e-6 || !p.isFinite { return NumberText.fixed(p, digits: 6) }
        if p <= 0 { return "0.000e+00" }
        var exponent = Int(log10(p).rounded(.down))
        // Scaled in two steps so that 10^exponent never underflows (subnormal p).
        var mantissa = exponent < -300 ? (p * 1e300) / pow(10, Double(exponent + 300)) : p / pow(10, Double(exponent))
        // Guard against log10 landing one off at exact powers of ten, and against rounding up to 10.000.
        if mantissa < 1 {
            exponent -= 1
            mantissa *= 10
        }
        var digits = NumberText.fixed(mantissa, digits: 3)
        if digits.hasPrefix("10") {
            exponent += 1
            digits = NumberText.fixed(mantissa / 10, digits: 3)
        }
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = String(abs(exponent))
        return digits + "e" + sign + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }
}
