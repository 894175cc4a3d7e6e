// RespondentAreaJoin — joins each survey respondent with the areas its opinions were tagged with (delivered
// later, after batch analysis) and feeds the cross-tab counts, holding only respondents still in analysis.
import KoeCore

/// Feeds a `CrossTabBuilder` one survey respondent at a time. A respondent's segments come from its
/// `.respondent` event; its opinions follow it in input order, but their areas arrive only when their batch
/// has been analysed. Only respondents with opinions still in analysis are held (at most the opinions in
/// flight); a respondent without any opinion is counted as soon as the next respondent starts.
public struct RespondentAreaJoin: Sendable {
    /// One data row: a respondent is identified by its file, sheet, row and id.
    private struct Key: Hashable {
        var file: String
        var sheet: String?
        var row: Int?
        var id: String
    }

    public private(set) var builder: CrossTabBuilder
    /// The respondent read last, and whether any of its opinions was submitted.
    private var current: (key: Key, segments: Segments, hasOpinions: Bool)?
    /// Respondents with submitted opinions whose areas have not all been delivered, in input order.
    private var waiting: [(key: Key, segments: Segments)] = []
    private var waitingStart = 0
    /// The respondent whose delivered opinions are being gathered.
    private var open: (key: Key, segments: Segments, areas: Set<String>)?

    public init(builder: CrossTabBuilder) { self.builder = builder }

    /// Entries in the queue's storage, consumed ones included (for tests: stays bounded).
    public var heldStorage: Int { waiting.count }

    /// A `.respondent` event with its normalized segments.
    public mutating func respondent(_ respondent: Respondent, segments: Segments) {
        closeCurrentIfSilent()
        let location = respondent.location
        current = (Key(file: location.file, sheet: location.sheet, row: location.row, id: respondent.id), segments, false)
    }

    /// An opinion about to be handed to the batch processor (before `delivered` can see it).
    public mutating func submitted(_ opinion: Opinion) {
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
    public mutating func delivered(_ opinion: Opinion, areas: [String], segments: Segments) {
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
    public mutating func finish() {
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
