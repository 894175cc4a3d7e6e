// RespondentAreaJoin — joins each survey respondent with the areas its opinions were tagged with (delivered
// later, after batch analysis) and feeds the cross-tab counts, holding only respondents still in analysis.
import KoeCore

/// Feeds a `CrossTabBuilder` one survey respondent at a time. A respondent's segments come from its
/// `.respondent` event; its opinions follow it in input order, but their areas arrive only when their batch
/// has been analysed. Only respondents with opinions still in analysis are held (at most the opinions in
/// flight); a respondent without any opinion is counted as soon as the next respondent starts.
public struct RespondentAreaJoin: Sendable {
    /// One data row: a respondent is identified by its file, sheet, row and id.
    private struct Key: Sendable {
        var file: String
        var sheet: String?
        var row: Int?
        var id: String

        init(_ location: borrowing SourceLocation, _ id: String) {
            file = location.file
            sheet = location.sheet
            row = location.row
            self.id = id
        }

        /// True when `location` and `id` name this respondent (compared in place: no copy of the strings).
        func names(_ location: borrowing SourceLocation, _ id: String) -> Bool {
            row == location.row && self.id == id && file == location.file && sheet == location.sheet
        }
    }

    /// A respondent to count: its segments and their interned combination (nil: none given).
    private struct Person: Sendable {
        var key: Key
        var segments: Segments
        var combination: Int?
    }

    public private(set) var builder: CrossTabBuilder
    /// The respondent read last, and whether any of its opinions was submitted.
    private var current: (person: Person, hasOpinions: Bool)?
    /// Respondents with submitted opinions whose areas have not all been delivered, in input order.
    private var waiting: [Person] = []
    private var waitingStart = 0
    /// The respondent whose delivered opinions are being gathered, and the indices of its areas so far
    /// (`mark[i] == stamp` for each: distinct without a set).
    private var open: Person?
    private var openAreas: [Int] = []
    private var mark: [UInt32]
    private var stamp: UInt32 = 1

    public init(builder: CrossTabBuilder) {
        self.builder = builder
        mark = Array(repeating: 0, count: builder.areas.count)
    }

    /// Entries in the queue's storage, consumed ones included (for tests: stays bounded).
    public var heldStorage: Int { waiting.count }

    /// A `.respondent` event with its normalized segments. `combination`: an id standing for exactly these
    /// segments (see `CrossTabBuilder.add(_:combination:areaIndices:)`), or nil.
    public mutating func respondent(_ respondent: Respondent, segments: Segments, combination: Int? = nil) {
        closeCurrentIfSilent()
        current = (Person(key: Key(respondent.location, respondent.id), segments: segments, combination: combination), false)
    }

    /// An opinion about to be handed to the batch processor (before `delivered` can see it).
    public mutating func submitted(_ opinion: Opinion) {
        guard opinion.kind == .survey, let id = opinion.respondent else { return }
        guard let now = current, now.person.key.names(opinion.location, id) else {
            // A survey opinion without a respondent event (no importer does this): count it by its own
            // segments when it is delivered.
            return
        }
        if !now.hasOpinions {
            current?.hasOpinions = true
            waiting.append(now.person)
        }
    }

    /// An analysed opinion, in input order. `segments`: its own normalized segments (used only for an
    /// opinion whose respondent was never announced).
    public mutating func delivered(_ opinion: Opinion, areas: [String], segments: Segments) {
        guard opinion.kind == .survey, let id = opinion.respondent else { return }
        if !enter(id, opinion.location) { open = Person(key: Key(opinion.location, id), segments: segments, combination: nil) }
        mention(areas)
    }

    /// `delivered(_:areas:segments:)` for an analysed opinion read in place (its fields are borrowed, never
    /// copied).
    public mutating func delivered(_ tagged: borrowing TaggedOpinion) {
        guard tagged.opinion.kind == .survey, let id = tagged.opinion.respondent else { return }
        if !enter(id, tagged.opinion.location) {
            open = Person(key: Key(tagged.opinion.location, id), segments: tagged.segments, combination: nil)
        }
        mention(tagged.areas)
    }

    /// Makes the respondent `id` at `location` the open one: still open, or the next one waiting. False when
    /// it is neither (the previous one is closed; the caller opens it with its own segments).
    private mutating func enter(_ id: String, _ location: borrowing SourceLocation) -> Bool {
        if open?.key.names(location, id) == true { return true }
        closeOpen()
        guard waitingStart < waiting.count, waiting[waitingStart].key.names(location, id) else { return false }
        open = waiting[waitingStart]
        waitingStart += 1
        // Reading stays ahead of delivery, so the queue rarely empties: drop the consumed head once it is half
        // the storage (amortized O(1); storage stays within twice the respondents in flight).
        if waitingStart >= 64 && waitingStart * 2 >= waiting.count {
            waiting.removeFirst(waitingStart)
            waitingStart = 0
        }
        return true
    }

    /// Adds area codes to the open respondent's (each once; unknown codes are ignored).
    private mutating func mention(_ areas: [String]) {
        for code in areas {
            guard let i = builder.areaIndex(of: code), mark[i] != stamp else { continue }
            mark[i] = stamp
            openAreas.append(i)
        }
    }

    /// Counts everyone still held. Call after the last batch has been delivered.
    public mutating func finish() {
        closeOpen()
        for entry in waiting[waitingStart...] {
            builder.add(entry.segments, combination: entry.combination, areaIndices: EmptyCollection<Int>())
        }
        waiting.removeAll()
        waitingStart = 0
        closeCurrentIfSilent()
        current = nil
    }

    private mutating func closeOpen() {
        if let done = open { builder.add(done.segments, combination: done.combination, areaIndices: openAreas) }
        open = nil
        openAreas.removeAll(keepingCapacity: true)
        stamp &+= 1
        if stamp == 0 {
            // After 2^32 respondents: old marks could match again.
            for i in mark.indices { mark[i] = 0 }
            stamp = 1
        }
    }

    private mutating func closeCurrentIfSilent() {
        if let last = current, !last.hasOpinions {
            builder.add(last.person.segments, combination: last.person.combination, areaIndices: EmptyCollection<Int>())
        }
        current = nil
    }
}
