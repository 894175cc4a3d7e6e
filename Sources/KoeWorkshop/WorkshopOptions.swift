// WorkshopOptions and WorkshopSummary — what the caller passes to the workshop readers and what they report back.
import KoeCore
import KoeText
import KoeXML

/// Settings for reading workshop records.
public struct WorkshopOptions: Sendable {
    /// The pipeline entry's `segments`: values given here win over the file's front matter.
    public var segments: RawSegments
    /// Zip limits for .docx (entry count, inflated size per entry and in total).
    public var zipLimits: ZipLimits
    /// Deepest element nesting accepted in .docx parts and HTML pages.
    public var maxDepth: Int
    /// Largest Markdown / text / HTML file accepted, in bytes (an HTML page is parsed into a tree in memory).
    public var maxFileBytes: Int
    /// The files' encoding (Markdown, text, HTML); nil to detect it (BOM, UTF-8, a page's charset, CP932).
    public var encoding: TextEncoding?

    public init(
        segments: RawSegments = RawSegments(),
        zipLimits: ZipLimits = ZipLimits(maxEntries: 2_000, maxEntryBytes: 64 << 20, maxTotalBytes: 256 << 20),
        maxDepth: Int = 200, maxFileBytes: Int = 16 << 20, encoding: TextEncoding? = nil
    ) {
        self.encoding = encoding
        self.segments = segments
        self.zipLimits = zipLimits
        self.maxDepth = maxDepth
        self.maxFileBytes = maxFileBytes
    }
}

/// The session described by a file's YAML front matter (Markdown / text), after the caller's options.
public struct WorkshopSession: Sendable, Hashable {
    public var title: String?
    public var date: String?
    public var facilitator: String?
    /// Participants as written (`高校生`, `子育て世代`…).
    public var participants: [String]
    /// The segments every note of the file carries (caller's options over front matter over participants).
    public var segments: RawSegments

    public init(
        title: String? = nil, date: String? = nil, facilitator: String? = nil, participants: [String] = [],
        segments: RawSegments = RawSegments()
    ) {
        self.title = title
        self.date = date
        self.facilitator = facilitator
        self.participants = participants
        self.segments = segments
    }
}

/// What one workshop file produced: its format, session, and how many notes were read or skipped (by code).
public struct WorkshopSummary: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case markdown, text, html, docx, stickyNotes = "sticky-notes"
    }

    public var format: Format
    public var session: WorkshopSession
    /// Opinions emitted.
    public var notes: Int
    /// Skipped records emitted, by `SkippedRecord.code`.
    public var skipped: [String: Int]
    /// Rejected records emitted (lines with undecodable bytes).
    public var rejected: Int

    public init(
        format: Format, session: WorkshopSession = WorkshopSession(), notes: Int = 0, skipped: [String: Int] = [:], rejected: Int = 0
    ) {
        self.rejected = rejected
        self.format = format
        self.session = session
        self.notes = notes
        self.skipped = skipped
    }

    /// Total skipped records.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }
}
