// Opinion, Respondent and the import events every reader emits — the values that flow between stages.

/// Where an opinion came from.
public enum SourceKind: String, Sendable, Hashable, Codable {
    case survey, workshop
}

/// Segment values as they appear in the input (e.g. `３０歳代`, `男`, `広丘地区`), before normalization.
public struct RawSegments: Sendable, Hashable, Codable {
    public var age: String?
    public var gender: String?
    public var district: String?

    public init(age: String? = nil, gender: String? = nil, district: String? = nil) {
        self.age = age
        self.gender = gender
        self.district = district
    }

    /// Values in `self` win; missing ones are taken from `fallback` (e.g. a workshop session's segments).
    public func filled(from fallback: RawSegments) -> RawSegments {
        RawSegments(age: age ?? fallback.age, gender: gender ?? fallback.gender, district: district ?? fallback.district)
    }
}

/// What an opinion answers beyond its column label or heading path (which `location.column` holds): the
/// question text a reader found elsewhere (a sticky-note board's header note) and the opinion type and
/// horizon the pipeline file sets for the question (`type:` / `horizon:`). All nil when nothing is known.
public struct AnsweredQuestion: Sendable, Hashable, Codable {
    /// The question as written, when it is not `location.column` (e.g. `Q1. 東京の良いところ`).
    public var text: String?
    /// The type the pipeline sets (`要望`, `課題`, `評価`, `提案・ありたい姿`).
    public var type: String?
    /// The horizon the pipeline sets (`short`, `long`).
    public var horizon: String?
    /// The pipeline key that set `type`/`horizon` (a column label, Excel letter or heading; nil for a whole source).
    public var settingKey: String?

    public init(text: String? = nil, type: String? = nil, horizon: String? = nil, settingKey: String? = nil) {
        self.text = text
        self.type = type
        self.horizon = horizon
        self.settingKey = settingKey
    }
}

/// One thing a citizen said: a free-text survey answer or one workshop note. `text` is verbatim.
public struct Opinion: Sendable, Hashable, Codable {
    /// Stable id: re-importing the same file yields the same ids (see `OpinionID`).
    public var id: String
    public var kind: SourceKind
    public var location: SourceLocation
    /// The respondent id (survey) — nil for workshop notes.
    public var respondent: String?
    /// The verbatim text.
    public var text: String
    public var segments: RawSegments
    /// The question answered, where known apart from `location.column` (see `AnsweredQuestion`).
    public var question: AnsweredQuestion

    public init(
        id: String, kind: SourceKind, location: SourceLocation, respondent: String?, text: String, segments: RawSegments,
        question: AnsweredQuestion = AnsweredQuestion()
    ) {
        self.id = id
        self.kind = kind
        self.location = location
        self.respondent = respondent
        self.text = text
        self.segments = segments
        self.question = question
    }
}

/// One survey respondent (one data row): segments, rating answers, weight.
public struct Respondent: Sendable, Hashable, Codable {
    public var id: String
    public var location: SourceLocation
    public var segments: RawSegments
    /// Raw rating answers keyed by the column reference the caller asked for (label or Excel letter).
    public var ratings: RatingAnswers
    public var weight: Double?
    /// True when an earlier row of the same file had this id: the same person, counted once where people are
    /// counted (small-cell protection of attributions).
    public var repeated: Bool

    public init(
        id: String, location: SourceLocation, segments: RawSegments, ratings: RatingAnswers = [:], weight: Double? = nil,
        repeated: Bool = false
    ) {
        self.id = id
        self.location = location
        self.segments = segments
        self.ratings = ratings
        self.weight = weight
        self.repeated = repeated
    }
}

/// An input record that could not be read (goes to rejected.csv).
public struct RejectedRecord: Sendable, Hashable, Codable {
    public var location: SourceLocation
    /// Stable kebab-case code, e.g. `unclosed-quote`.
    public var code: String
    /// Why (Japanese).
    public var reason: String
    /// The raw record text, as far as it could be decoded (may be empty).
    public var raw: String

    public init(location: SourceLocation, code: String, reason: String, raw: String = "") {
        self.location = location
        self.code = code
        self.reason = reason
        self.raw = raw
    }
}

/// An answer or note that was read but deliberately not made an opinion (empty, 特になし, a frame title…).
public struct SkippedRecord: Sendable, Hashable, Codable {
    public var location: SourceLocation
    /// Stable kebab-case code, e.g. `empty`, `non-answer`, `frame-title`, `question-header`.
    public var code: String
    public var reason: String

    public init(location: SourceLocation, code: String, reason: String) {
        self.location = location
        self.code = code
        self.reason = reason
    }
}

/// What an importer emits, in input order. Readers push these into an `ImportSink` one at a time,
/// so nothing holds a whole file in memory.
public enum ImportEvent: Sendable, Hashable {
    case respondent(Respondent)
    case opinion(Opinion)
    case rejected(RejectedRecord)
    case skipped(SkippedRecord)
}

/// Receives import events (ripgrep's `Sink` shape): an output format or a stage is just another sink.
public protocol ImportSink: AnyObject {
    /// The event is handed over (consumed): a sink that keeps its opinion moves it on without a copy (an opinion is a
    /// dozen Strings: a copy retains and later releases each, some shared by every opinion of the file).
    func receive(_ event: consuming ImportEvent) throws
}

/// A sink that keeps everything (tests and small inputs only).
public final class CollectingSink: ImportSink {
    public private(set) var events: [ImportEvent] = []
    public init() {}
    public func receive(_ event: consuming ImportEvent) throws { events.append(event) }

    public var opinions: [Opinion] {
        events.compactMap { if case .opinion(let o) = $0 { o } else { nil } }
    }
    public var respondents: [Respondent] {
        events.compactMap { if case .respondent(let r) = $0 { r } else { nil } }
    }
    public var rejected: [RejectedRecord] {
        events.compactMap { if case .rejected(let r) = $0 { r } else { nil } }
    }
    public var skipped: [SkippedRecord] {
        events.compactMap { if case .skipped(let s) = $0 { s } else { nil } }
    }
}

/// A sink that calls a closure, handing it the event.
public final class ClosureSink: ImportSink {
    private let body: (consuming ImportEvent) throws -> Void
    public init(_ body: @escaping (consuming ImportEvent) throws -> Void) { self.body = body }
    public func receive(_ event: consuming ImportEvent) throws { try body(event) }
}

/// Stable, readable opinion ids: `<file stem>-<row>-<column letter>` for survey cells and
/// `<file stem>-L<line>` for notes (`-<n>` appended for a second note on the same line).
public enum OpinionID {
    public static func survey(file: String, row: Int, columnLetter: String) -> String {
        "\(stem(file))-\(row)-\(columnLetter)"
    }

    public static func note(file: String, line: Int, index: Int = 0) -> String {
        index == 0 ? "\(stem(file))-L\(line)" : "\(stem(file))-L\(line)-\(index + 1)"
    }

    /// The file name without directories and extension, on one line without control or bidi characters
    /// (ids are printed in every output: a file name's ESC or U+202E must not reach them).
    public static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return InertText.singleLine(String(name[..<dot]))
        }
        return InertText.singleLine(name)
    }
}
