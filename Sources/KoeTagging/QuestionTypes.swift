// QuestionTypes — the opinion type and horizon a question asks for (a survey column label, a sticky-note
// board's header note, a workshop heading, or the pipeline's `type:`/`horizon:`), read with the word list
// Resources/question-types.tsv. The result is the classifier's prior.
import Foundation
import KoeCore
import KoeText

/// What the question an opinion answers says about its type and horizon.
public struct QuestionPrior: Sendable, Hashable {
    /// The types the question names; the first is the default. Empty when it names none.
    public var types: [OpinionType] = []
    public var typeSource: DecisionSource?
    /// The question's words, as written, that named the first type (`良いところ`); nil for a setting.
    public var typeWord: String?
    public var horizon: Horizon?
    public var horizonSource: DecisionSource?
    /// The question's words, as written, that named the horizon (`10年後`); nil for a setting.
    public var horizonWord: String?
    /// The question text (or pipeline key) the type or horizon was read from.
    public var question: String?

    public init() {}

    /// True when the question says nothing.
    public var isEmpty: Bool { types.isEmpty && horizon == nil }
}

/// Reads question texts with a question-word list. Thread-safe; remembers the few distinct question texts
/// of a run (column labels, headings), not answers.
public final class QuestionTypes: @unchecked Sendable {
    private let typeWords: CueLexicon
    private let horizonWords: CueLexicon
    private let normalizer: Normalizer
    private let lock = NSLock()
    private var cache: [String: QuestionPrior] = [:]
    private static let cacheLimit = 4096
    /// In front of `cache`: the answer given for each byte string asked before, found by an FNV-1a key of
    /// its bytes (no String hashing per opinion). Filled only from `cache`'s answers, so both agree.
    private var byBytes = KeyTable()
    private var byBytesEntries: [(text: String, headingPath: Bool, prior: QuestionPrior)] = []

    /// The built-in word list (Resources/question-types.tsv).
    public static let standard = QuestionTypes(BundledResource.required(resources[0].url, name: resources[0].name))

    /// The bundled data files of KoeTagging (question types and the classifier's cue lexicons), checked by the
    /// command line at start.
    public static let resources: [(name: String, url: URL?)] = ["question-types", "type-cues", "horizon-cues"].map { (name: String) in
        (name + ".tsv", Bundle.module.url(forResource: name, withExtension: "tsv"))
    }

    /// A word list in the format of Resources/question-types.tsv.
    public init(_ tsv: String, normalizer: Normalizer = .standard) {
        let lines = tsv.split(whereSeparator: \.isNewline)
        let isHorizon = { (line: Substring) in line.hasPrefix("short\t") || line.hasPrefix("long\t") }
        typeWords = CueLexicon(lines.filter { !isHorizon($0) }.joined(separator: "\n"), rank: [], normalizer: normalizer)
        horizonWords = CueLexicon(lines.filter(isHorizon).joined(separator: "\n"), rank: [], normalizer: normalizer)
        self.normalizer = normalizer
    }

    /// Number of words loaded (type, horizon).
    public var wordCounts: (type: Int, horizon: Int) { (typeWords.count, horizonWords.count) }

    /// The prior for `opinion`: the pipeline's setting first, then the question text the reader found
    /// (sticky-note header), then `location.column` — a survey column label, or a workshop heading path read
    /// from its deepest heading up.
    public func prior(for opinion: Opinion) -> QuestionPrior {
        var prior: QuestionPrior
        if let text = opinion.question.text {
            prior = self.prior(question: text)
        } else if let column = opinion.location.column {
            prior = opinion.kind == .workshop ? self.prior(headingPath: column) : self.prior(question: column)
        } else {
            prior = QuestionPrior()
        }
        let setting = opinion.question
        if let raw = setting.type, let type = OpinionType(setting: raw) {
            prior.types = [type]
            prior.typeSource = .setting
            prior.typeWord = nil
            prior.question = setting.settingKey ?? prior.question
        }
        if let raw = setting.horizon, let horizon = Horizon(rawValue: raw) {
            prior.horizon = horizon
            prior.horizonSource = .setting
            prior.horizonWord = nil
            if prior.typeSource != .setting { prior.question = setting.settingKey ?? prior.question }
        }
        return prior
    }

    /// The prior of a heading path (`第1部 いまの塩尻 > グループA > 良いところ`): type and horizon each from the
    /// deepest heading that names one.
    public func prior(headingPath: String) -> QuestionPrior {
        let fast = Self.byteKey(headingPath, headingPath: true)
        if let known = known(fast, headingPath, headingPath: true) { return known }
        let key = "\u{1}" + headingPath
        let prior = cached(key) ?? readPath(headingPath)
        remember(prior, key)
        remember(prior, fast, headingPath, headingPath: true)
        return prior
    }

    private func readPath(_ headingPath: String) -> QuestionPrior {
        let headings = headingPath.components(separatedBy: " > ")
        var prior = QuestionPrior()
        for heading in headings.reversed() {
            let found = self.prior(question: heading)
            if prior.types.isEmpty, !found.types.isEmpty {
                prior.types = found.types
                prior.typeSource = found.typeSource
                prior.typeWord = found.typeWord
                prior.question = heading
            }
            if prior.horizon == nil, found.horizon != nil {
                prior.horizon = found.horizon
                prior.horizonSource = found.horizonSource
                prior.horizonWord = found.horizonWord
                if prior.question == nil { prior.question = heading }
            }
        }
        return prior
    }

    /// The prior of one question text: every type it names, in the order named (the first is the default),
    /// and the horizon named last.
    public func prior(question: String) -> QuestionPrior {
        let fast = Self.byteKey(question, headingPath: false)
        if let known = known(fast, question, headingPath: false) { return known }
        let prior = cached(question) ?? read(question)
        remember(prior, question)
        remember(prior, fast, question, headingPath: false)
        return prior
    }

    /// The answer given before for `text`'s bytes (`key` = `byteKey(text, headingPath:)`), or nil.
    private func known(_ key: UInt64, _ text: String, headingPath: Bool) -> QuestionPrior? {
        lock.lock()
        defer { lock.unlock() }
        guard let i = byBytes[key] else { return nil }
        let entry = byBytesEntries[Int(i)]
        guard entry.headingPath == headingPath, WordKey.sameBytes(entry.text, text) else { return nil }
        return entry.prior
    }

    private func remember(_ prior: QuestionPrior, _ key: UInt64, _ text: String, headingPath: Bool) {
        lock.lock()
        defer { lock.unlock() }
        // A key already taken (the same bytes from another thread, or another text with the same key) stays.
        guard byBytes[key] == nil, byBytesEntries.count < Self.cacheLimit else { return }
        byBytes.set(key, Int32(byBytesEntries.count))
        byBytesEntries.append((text, headingPath, prior))
    }

    /// FNV-1a 64 over the UTF-8 bytes of `text`, after a mark for heading paths.
    static func byteKey(_ text: String, headingPath: Bool) -> UInt64 {
        var text = text
        let start = headingPath ? WordKey.mix(WordKey.basis, 0x101) : WordKey.basis
        return text.withUTF8 { bytes in bytes.reduce(start) { WordKey.mix($0, UInt32($1)) } }
    }

    private func cached(_ key: String) -> QuestionPrior? {
        lock.lock()
        defer { lock.unlock() }
        return cache[key]
    }

    private func remember(_ prior: QuestionPrior, _ key: String) {
        lock.lock()
        defer { lock.unlock() }
        if cache.count < Self.cacheLimit { cache[key] = prior }
    }

    private func read(_ question: String) -> QuestionPrior {
        let haystack = CueHaystack(normalizer.normalize(question))
        let units = Array(question.utf16)
        func surface(_ hit: CueLexicon.Hit) -> String {
            let range = haystack.originalRange(hit.start..<hit.end)
            guard range.lowerBound >= 0, range.upperBound <= units.count else { return "" }
            return String(decoding: units[range], as: UTF16.self)
        }
        var prior = QuestionPrior()
        let typeHits = typeWords.hits(in: haystack).sorted { ($0.start, $0.cue) < ($1.start, $1.cue) }
        for hit in typeHits {
            guard let type = OpinionType(rawValue: typeWords.labels[hit.cue]), !prior.types.contains(type) else { continue }
            if prior.types.isEmpty { prior.typeWord = surface(hit) }
            prior.types.append(type)
        }
        if !prior.types.isEmpty { prior.typeSource = .question }
        if let hit = horizonWords.decisive(horizonWords.hits(in: haystack)), let horizon = Horizon(rawValue: horizonWords.labels[hit.cue]) {
            prior.horizon = horizon
            prior.horizonSource = .question
            prior.horizonWord = surface(hit)
        }
        if !prior.isEmpty { prior.question = question }
        return prior
    }
}

extension OpinionType {
    /// A type as the pipeline file may write it: the label (`評価`), `提案` or `ありたい姿`, or the English name.
    public init?(setting: String) {
        let text = setting.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "要望", "request": self = .request
        case "課題", "problem": self = .problem
        case "評価", "praise": self = .praise
        case "提案・ありたい姿", "提案", "ありたい姿", "提案/ありたい姿", "vision": self = .vision
        default: return nil
        }
    }
}

extension TypeDecision {
    /// The decision a classification records.
    public init(_ c: Classification) {
        self.init(
            typeSource: c.typeSource, horizonSource: c.horizonSource, question: c.prior.question,
            questionTypeWord: c.prior.typeWord, questionHorizonWord: c.prior.horizonWord)
    }

    /// The decision a run keeps (`OpinionClassifier.decide`): the same as that of the full classification.
    public init(_ d: CueDecision) {
        self.init(
            typeSource: d.typeSource, horizonSource: d.horizonSource, question: d.prior.question,
            questionTypeWord: d.prior.typeWord, questionHorizonWord: d.prior.horizonWord)
    }
}
