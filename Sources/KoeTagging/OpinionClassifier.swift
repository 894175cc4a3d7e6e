// OpinionClassifier — opinion type (要望/課題/評価/提案・ありたい姿) and time horizon (short/long) from the
// question answered (the prior, see QuestionTypes) refined by cue lexicons kept as data files
// (Resources/type-cues.tsv, horizon-cues.tsv), each decision with where it came from and its evidence.
import Foundation
import KoeCore
import KoeText

/// One cue found in a text.
public struct CueHit: Sendable, Hashable, Codable {
    /// The label the cue stands for (`要望`, `short`, …).
    public var label: String
    /// The cue as written in the lexicon.
    public var cue: String
    /// The verbatim text that matched and its code-point offsets.
    public var surface: String
    public var start: Int
    public var end: Int
}

/// Type and horizon of one opinion, with where each came from, the cue that decided or confirmed each and
/// every cue found.
public struct Classification: Sendable, Hashable {
    public var type: OpinionType
    public var horizon: Horizon
    public var typeCue: CueHit?
    public var horizonCue: CueHit?
    /// All type and horizon cues found, in text order.
    public var cues: [CueHit]
    /// Where `type` came from (nil when unknown).
    public var typeSource: DecisionSource? = nil
    /// Where `horizon` came from (nil when unknown).
    public var horizonSource: DecisionSource? = nil
    /// The question's prior the decision started from.
    public var prior = QuestionPrior()
}

/// Classifies texts with the built-in cue lexicons (or given ones). Immutable; thread-safe.
///
/// Precedence: cues are matched on the normalized text with katakana folded to hiragana (ICU splits verb
/// endings, 少|なく, so cues are not token-based). Ordinary cues outrank cues marked `weak` in the lexicon
/// (generic end-of-text shapes such as ている$). Among ordinary cues the one ending latest wins — Japanese puts the predicate that makes a sentence a
/// request or a complaint at its end (「バスが少ないので増やしてほしい」 is a request). At the same end the
/// longer cue wins (になってほしい = vision over てほしい = request); remaining ties follow the lexicon's label
/// order (type: 提案・ありたい姿 > 要望 > 課題 > 評価; horizon: short > long).
///
/// With a question prior (`classify(_:prior:)`), the question's first type is the default. When the cue
/// that decides by the precedence above is marked `strong` in the lexicon (an explicit request, complaint,
/// praise or vision as the text's predicate) it overrides the default; otherwise cues only choose among the
/// types the question names (課題 or 要望 for まちの課題・市への要望), and weak or off-question cues are
/// ignored. A strong cue inside a phrase that ends otherwise (「心配がないまち」 in a vision column) does not
/// override. Any horizon cue overrides the question's horizon. A decision that equals the prior keeps
/// the prior's source (question or setting) and records the agreeing cue as evidence.
public struct OpinionClassifier: Sendable {
    private let typeLexicon: CueLexicon
    private let horizonLexicon: CueLexicon
    /// The type and the horizon each cue's label names (nil when it names none), read once when loaded.
    private let cueTypes: [OpinionType?]
    private let cueHorizons: [Horizon?]

    /// The classifier with koe's lexicons.
    public static let standard: OpinionClassifier = {
        func load(_ name: String) -> String {
            BundledResource.required(Bundle.module.url(forResource: name, withExtension: "tsv"), name: "\(name).tsv")
        }
        return OpinionClassifier(typeLexicon: load("type-cues"), horizonLexicon: load("horizon-cues"))
    }()

    /// Lexicons in the TSV format of Resources/type-cues.tsv.
    public init(typeLexicon: String, horizonLexicon: String, normalizer: Normalizer = .standard) {
        self.typeLexicon = CueLexicon(typeLexicon, rank: ["提案・ありたい姿", "要望", "課題", "評価"], normalizer: normalizer)
        self.horizonLexicon = CueLexicon(horizonLexicon, rank: ["short", "long"], normalizer: normalizer)
        cueTypes = self.typeLexicon.labels.map { OpinionType(rawValue: $0) }
        cueHorizons = self.horizonLexicon.labels.map { Horizon(rawValue: $0) }
    }

    /// Number of cues loaded (type, horizon).
    public var cueCounts: (type: Int, horizon: Int) { (typeLexicon.count, horizonLexicon.count) }

    public func classify(_ text: TokenizedText) -> Classification {
        classify(text.normalized)
    }

    public func classify(_ text: TokenizedText, prior: QuestionPrior) -> Classification {
        classify(text.normalized, prior: prior)
    }

    public func classify(_ normalized: NormalizedText, prior: QuestionPrior = QuestionPrior()) -> Classification {
        let haystack = CueHaystack(normalized)
        let typeHits = typeLexicon.hits(in: haystack)
        let horizonHits = horizonLexicon.hits(in: haystack)
        if typeHits.isEmpty && horizonHits.isEmpty {
            let type = prior.types.first ?? .unknown
            let horizon = prior.horizon ?? .unknown
            return Classification(
                type: type, horizon: horizon, typeCue: nil, horizonCue: nil, cues: [],
                typeSource: type == .unknown ? nil : prior.typeSource, horizonSource: horizon == .unknown ? nil : prior.horizonSource,
                prior: prior)
        }
        var offsets = CodePointCursor(normalized.original)
        func cueHit(_ hit: CueLexicon.Hit, _ lexicon: CueLexicon) -> CueHit {
            let (start, end, surface) = offsets.locate(haystack.originalRange(hit.start..<hit.end))
            return CueHit(label: lexicon.labels[hit.cue], cue: lexicon.texts[hit.cue], surface: surface, start: start, end: end)
        }
        // Every hit located once, in text order per lexicon; the deciding cues are among them.
        let typeCues = typeHits.map { cueHit($0, typeLexicon) }
        let horizonCues = horizonHits.map { cueHit($0, horizonLexicon) }
        let typeCue = decisiveType(typeHits, prior: prior).flatMap { w in typeHits.firstIndex(of: w).map { typeCues[$0] } }
        let horizonCue = horizonLexicon.decisive(horizonHits).flatMap { w in
            horizonHits.firstIndex(of: w).map { horizonCues[$0] }
        }
        var cues = typeCues + horizonCues
        cues.sort { ($0.start, $0.end, $0.label, $0.cue) < ($1.start, $1.end, $1.label, $1.cue) }
        let type = typeCue.flatMap { OpinionType(rawValue: $0.label) } ?? prior.types.first ?? .unknown
        let horizon = horizonCue.flatMap { Horizon(rawValue: $0.label) } ?? prior.horizon ?? .unknown
        func source(_ decided: Bool, agrees: Bool, _ priorSource: DecisionSource?) -> DecisionSource? {
            guard decided else { return nil }
            return agrees ? priorSource : .cue
        }
        return Classification(
            type: type, horizon: horizon, typeCue: typeCue, horizonCue: horizonCue, cues: cues,
            typeSource: source(type != .unknown, agrees: type == prior.types.first, prior.typeSource),
            horizonSource: source(horizon != .unknown, agrees: horizon == prior.horizon, prior.horizonSource),
            prior: prior)
    }

    /// The type cue that decides given the question's types (see the type's documentation).
    private func decisiveType(_ hits: [CueLexicon.Hit], prior: QuestionPrior) -> CueLexicon.Hit? {
        let overall = typeLexicon.decisive(hits)
        if prior.types.isEmpty { return overall }
        if let overall, typeLexicon.isStrong(overall) { return overall }
        return typeLexicon.decisive(hits.filter { hit in cueTypes[hit.cue].map(prior.types.contains) ?? false })
    }
}

/// What a run keeps of a classification: the type and horizon, the deciding cues as written in the lexicon and
/// where each decision came from (`classify` without locating every cue in the verbatim text) — what an opinion
/// records (`decision.type`, `decision.typeCue` … read through to it) and the question's prior it started from.
@dynamicMemberLookup
public struct CueDecision: Sendable, Hashable {
    public var recorded: RecordedDecision
    /// The question's prior the decision started from.
    public var prior: QuestionPrior

    public subscript<T>(dynamicMember field: KeyPath<RecordedDecision, T>) -> T { recorded[keyPath: field] }
}

extension OpinionClassifier {
    /// The decision of `classify(text, prior:)`: the same type, horizon, deciding cues and sources, without the
    /// cue list (no cue is located in the verbatim text, no surface is copied).
    public func decide(_ text: TokenizedText, prior: QuestionPrior) -> CueDecision {
        decide(text.normalized, prior: prior)
    }

    /// `decide` on a normalized text.
    public func decide(_ normalized: NormalizedText, prior: QuestionPrior = QuestionPrior()) -> CueDecision {
        CueDecision(recorded: record(normalized, prior: prior), prior: prior)
    }

    /// What an opinion records of `decide(text, prior:)`: the type, the horizon, the deciding cues' lexicon
    /// texts and the sources, without a copy of the prior (its Strings, shared by every opinion of a question,
    /// go into the opinion's `TypeDecision` once, from the caller's prior).
    public func record(_ text: TokenizedText, prior: QuestionPrior) -> RecordedDecision {
        record(text.normalized, prior: prior)
    }

    /// `record` on a normalized text.
    func record(_ normalized: NormalizedText, prior: QuestionPrior) -> RecordedDecision {
        let v = verdict(normalized, prior: prior)
        return RecordedDecision(
            type: v.type, horizon: v.horizon, typeCue: v.typeCue.map { typeLexicon.texts[$0] },
            horizonCue: v.horizonCue.map { horizonLexicon.texts[$0] }, typeSource: v.typeSource,
            horizonSource: v.horizonSource)
    }

    /// The decision as cue numbers: type, horizon, the deciding cues' ids in their lexicons, the sources.
    private func verdict(_ normalized: NormalizedText, prior: QuestionPrior) -> Verdict {
        let haystack = CueHaystack(normalized)
        let typeHits = typeLexicon.hits(in: haystack)
        let horizonHits = horizonLexicon.hits(in: haystack)
        let typeCue = typeHits.isEmpty ? nil : decisiveType(typeHits, prior: prior)?.cue
        let horizonCue = horizonHits.isEmpty ? nil : horizonLexicon.decisive(horizonHits)?.cue
        let first = prior.types.first
        let type = typeCue.flatMap { cueTypes[$0] } ?? first ?? .unknown
        let horizon = horizonCue.flatMap { cueHorizons[$0] } ?? prior.horizon ?? .unknown
        return Verdict(
            type: type, horizon: horizon, typeCue: typeCue, horizonCue: horizonCue,
            typeSource: type == .unknown ? nil : type == first ? prior.typeSource : .cue,
            horizonSource: horizon == .unknown ? nil : horizon == prior.horizon ? prior.horizonSource : .cue)
    }

    private struct Verdict {
        var type: OpinionType
        var horizon: Horizon
        var typeCue: Int?
        var horizonCue: Int?
        var typeSource: DecisionSource?
        var horizonSource: DecisionSource?
    }
}

/// What an opinion records of a classification (`OpinionClassifier.record`).
public struct RecordedDecision: Sendable, Hashable {
    public var type: OpinionType
    public var horizon: Horizon
    /// The lexicon text of the type cue that decided or confirmed the type (`CueDecision.typeCue`).
    public var typeCue: String?
    /// The lexicon text of the horizon cue that decided or confirmed the horizon.
    public var horizonCue: String?
    public var typeSource: DecisionSource?
    public var horizonSource: DecisionSource?

    /// The decision an opinion keeps (`TypeDecision(decide(text, prior:))`), with `prior` the one decided from.
    public func decision(_ prior: QuestionPrior) -> TypeDecision {
        TypeDecision(
            typeSource: typeSource, horizonSource: horizonSource, question: prior.question,
            questionTypeWord: prior.typeWord, questionHorizonWord: prior.horizonWord)
    }
}

/// The normalized text folded for cue matching: katakana → hiragana, digit runs → one placeholder unit
/// (U+E000, or U+E001 for a year 2030–2199), with a map back to normalized offsets.
struct CueHaystack {
    static let number: UInt16 = 0xE000
    static let year: UInt16 = 0xE001
    let units: [UInt16]
    /// Normalized offset where each haystack unit starts, plus the end; nil when no digit run was folded
    /// (then unit i is normalized unit i).
    let starts: [Int32]?
    /// End of the text ignoring trailing punctuation and spaces (for `$` cues).
    let effectiveEnd: Int
    let normalized: NormalizedText

    /// Units ignored at the end of the text for `$` cues.
    static func isTrailing(_ u: UInt16) -> Bool {
        switch u {
        case 0x20, 0x3000, 0x3002, 0x3001, 0x2E, 0x2C, 0x21, 0x3F, 0x0A, 0x0D, 0x09, 0x300D, 0x300F, 0x29, 0x30FC, 0x301C,
            0x7E:
            true
        default: false
        }
    }

    init(_ normalized: NormalizedText) {
        self.normalized = normalized
        let (units, starts) = Self.folded(normalized.units)
        var end = units.count
        while end > 0, CueHaystack.isTrailing(units[end - 1]) { end -= 1 }
        self.units = units
        self.starts = starts
        self.effectiveEnd = end
    }

    /// The haystack's units and, when a digit run was folded, where each starts in `source`.
    private static func folded(_ source: [UInt16]) -> (units: [UInt16], starts: [Int32]?) {
        // Most texts hold no digit: then only katakana fold, unit for unit, into an array made at its size.
        guard source.contains(where: { (48...57).contains($0) }) else {
            let units = [UInt16](unsafeUninitializedCapacity: source.count) { buffer, count in
                source.withUnsafeBufferPointer { source in
                    for k in source.indices {
                        let u = source[k]
                        buffer[k] = (0x30A1...0x30F6).contains(u) ? u - 0x60 : u
                    }
                }
                count = source.count
            }
            return (units, nil)
        }
        var units: [UInt16] = []
        var starts: [Int32]? = nil
        units.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            let u = source[i]
            if (48...57).contains(u) {
                var j = i
                var value = 0
                while j < source.count, (48...57).contains(source[j]) {
                    value = min(value * 10 + Int(source[j] - 48), 1_000_000)
                    j += 1
                }
                if starts == nil { starts = (0..<units.count).map(Int32.init) }
                starts?.append(Int32(i))
                units.append(j - i == 4 && (2030...2199).contains(value) ? CueHaystack.year : CueHaystack.number)
                i = j
                continue
            }
            starts?.append(Int32(i))
            units.append((0x30A1...0x30F6).contains(u) ? u - 0x60 : u)
            i += 1
        }
        starts?.append(Int32(source.count))
        return (units, starts)
    }

    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return 0..<0 }
        guard let starts else { return normalized.originalRange(range) }
        return normalized.originalRange(Int(starts[range.lowerBound])..<Int(starts[range.upperBound]))
    }
}
