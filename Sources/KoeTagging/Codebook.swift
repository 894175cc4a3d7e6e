// Codebook — the plan's tree of areas (strategy > project > measure > sub-item) with keywords, exclusions
// and rules, loaded from YAML or from a KH Coder coding-rule file.
import Foundation
import KoeCore
import KoeText

/// A keyword as written and as the token keys it must match (tokenized exactly like opinion text).
public struct Keyword: Sendable, Hashable {
    public var text: String
    public var keys: [String]
    /// Other word sequences that also count as this keyword: its ICU split when the tokenizer keeps it whole
    /// (パブリックコメント also matches パブリック・コメント).
    public var alternateKeys: [[String]] = []

    public init(text: String, keys: [String]) {
        self.text = text
        self.keys = keys
    }
}

/// One node of the codebook.
public struct Area: Sendable, Hashable {
    public var code: String
    public var name: String
    /// 1 = strategy, 2 = project, 3 = measure, 4 = sub-item (deeper levels are allowed).
    public var level: Int
    public var parentCode: String?
    public var horizon: Horizon?
    public var keywords: [Keyword]
    public var exclude: [Keyword]
    /// The rule as written, and parsed.
    public var ruleText: String?
    public var rule: RuleExpression?
    /// Where the node is defined (file and line).
    public var location: SourceLocation

    public init(
        code: String, name: String, level: Int, parentCode: String?, horizon: Horizon?, keywords: [Keyword],
        exclude: [Keyword], ruleText: String?, rule: RuleExpression?, location: SourceLocation
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.horizon = horizon
        self.keywords = keywords
        self.exclude = exclude
        self.ruleText = ruleText
        self.rule = rule
        self.location = location
    }
}

/// The codebook: areas in plan order (pre-order of the tree).
public struct Codebook: Sendable {
    public let areas: [Area]
    /// The path shown in messages.
    public let displayPath: String

    /// Builds a codebook from areas in plan order; checks codes are unique, parents precede children and
    /// `<＊code>` references exist without cycles.
    public init(areas: [Area], displayPath: String) throws {
        var seen: [String: Area] = [:]
        for area in areas {
            if let first = seen[area.code] {
                throw KoeError(
                    code: "duplicate-code",
                    message: "コード「\(area.code)」が重複しています（最初は \(first.location.row ?? 0) 行目）",
                    hint: "コードは一つずつ別の値にしてください", location: area.location)
            }
            if let parent = area.parentCode, seen[parent] == nil {
                throw KoeError(code: "unknown-parent", message: "親コード「\(parent)」が見つかりません", location: area.location)
            }
            seen[area.code] = area
        }
        for area in areas {
            for reference in area.rule?.references ?? [] where seen[reference] == nil {
                throw KoeError(
                    code: "unknown-code-reference",
                    message: "ルールが参照するコード「<＊\(reference)>」がありません",
                    hint: "参照先のコード名（＊の後の名前、または code）を確かめてください", location: area.location)
            }
        }
        self.areas = areas
        self.displayPath = displayPath
        _ = try referenceOrder()
    }

    /// Area indices ordered so that every `<＊code>` reference is evaluated before the rule that uses it.
    func referenceOrder() throws -> [Int] {
        let index = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.code, $0) })
        var state = [UInt8](repeating: 0, count: areas.count)  // 0 new, 1 visiting, 2 done
        var order: [Int] = []
        func visit(_ i: Int, _ path: [String]) throws {
            if state[i] == 2 { return }
            if state[i] == 1 {
                throw KoeError(
                    code: "code-reference-cycle",
                    message: "コードの参照が循環しています: \((path + [areas[i].code]).joined(separator: " → "))",
                    hint: "<＊コード> の参照が自分自身に戻らないようにしてください", location: areas[i].location)
            }
            state[i] = 1
            for reference in areas[i].rule?.references ?? [] {
                if let j = index[reference] { try visit(j, path + [areas[i].code]) }
            }
            state[i] = 2
            order.append(i)
        }
        for i in areas.indices { try visit(i, []) }
        return order
    }

    /// Loads a YAML codebook (.yml/.yaml) or a KH Coder coding-rule file (.cod/.txt, CP932 or UTF-8).
    /// `encoding` nil: UTF-8 (BOM optional) or CP932, detected. Every problem found is reported to
    /// `diagnostics`; the first one is thrown.
    public static func load(
        url: URL, displayPath: String, tokenizer: Tokenizer,
        diagnostics: DiagnosticSink? = nil, encoding: TextEncoding? = nil
    ) throws -> Codebook {
        let data: Data
        try InputFile.requireRegular(url, display: displayPath)
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KoeError(
                code: "file-unreadable", message: "コードブックを読めません: \(error.localizedDescription)",
                hint: "パスが正しいか、ファイルが存在するかを確かめてください", location: SourceLocation(file: displayPath))
        }
        let ext = url.pathExtension.lowercased()
        if ext == "cod" || ext == "txt" {
            let text = try KHCoderRuleFile.decode(data, displayPath: displayPath, encoding: encoding)
            return try KHCoderRuleFile.codebook(text: text, displayPath: displayPath, tokenizer: tokenizer, diagnostics: diagnostics)
        }
        let text = try DecodedText.strictText(
            data, encoding: encoding, what: "コードブック（YAML）", hint: "UTF-8 で保存し直してください", displayPath: displayPath)
        return try CodebookYAML.codebook(text: text, displayPath: displayPath, tokenizer: tokenizer, diagnostics: diagnostics)
    }

    /// The area with `code`.
    public func area(_ code: String) -> Area? { areas.first { $0.code == code } }

    /// The codes of `code`'s ancestors, nearest first.
    public func ancestors(of code: String) -> [String] {
        let byCode = Dictionary(uniqueKeysWithValues: areas.map { ($0.code, $0) })
        var out: [String] = []
        var current = byCode[code]?.parentCode
        while let c = current {
            out.append(c)
            current = byCode[c]?.parentCode
        }
        return out
    }
}

extension Codebook {
    /// The codebook keywords the tokenizer keeps whole: name-like ones (no hiragana: 周南市, 地域振興バス) that
    /// hold no other keyword — 高校再編 stays 高校|再編 when 再編 is a keyword too, so both still match.
    public var keptWholeWords: [String] {
        let all = Set(areas.flatMap { $0.keywords + $0.exclude }.map(\.text))
        return all.filter { word in
            WordLexicon.isNameLike(word) && !all.contains { $0 != word && word.contains($0) }
        }.sorted()
    }

    /// Loads a codebook and the word lexicon texts are tokenized with: its name-like keywords plus `words`
    /// (gazetteer names, the pipeline's word list). Keywords are tokenized with that same lexicon (a second
    /// pass), so a keyword and the text around it are split alike. `tokenizer.words` is set to the lexicon.
    public static func load(
        url: URL, displayPath: String, tokenizer: Tokenizer, keepingWhole words: [String],
        diagnostics: DiagnosticSink? = nil
    ) throws -> Codebook {
        tokenizer.words = .empty
        let first = try load(url: url, displayPath: displayPath, tokenizer: tokenizer, diagnostics: diagnostics)
        let lexicon = WordLexicon(words: first.keptWholeWords + words, normalizer: tokenizer.normalizer)
        tokenizer.words = lexicon
        if lexicon.isEmpty { return first }
        let second = try load(url: url, displayPath: displayPath, tokenizer: tokenizer, diagnostics: nil)
        // A keyword kept whole still matches where the text has it split (パブリック・コメント).
        var areas = second.areas
        for (a, area) in areas.enumerated() where a < first.areas.count {
            func alternates(_ now: [Keyword], _ before: [Keyword]) -> [Keyword] {
                zip(now, before).map { k, b in
                    var k = k
                    if b.keys != k.keys { k.alternateKeys = [b.keys] }
                    return k
                }
            }
            areas[a].keywords = alternates(area.keywords, first.areas[a].keywords)
            areas[a].exclude = alternates(area.exclude, first.areas[a].exclude)
        }
        return try Codebook(areas: areas, displayPath: second.displayPath)
    }
}
