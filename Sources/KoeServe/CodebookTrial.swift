// CodebookTrial — one codebook edit tried before it is saved: a keyword or a KH Coder-style rule for an area, or a
// new area (a theme proposed as one). The edit is made to the text exactly as saving would make it, the edited
// codebook is loaded with KoeTagging, and the opinions that could change are tagged before and after: how many
// the area would hold, which are new to it, which leave it, and the areas they come from.
import Foundation
import KoeCore
import KoeQuotes
import KoeTagging
import KoeText
import KoeWorkspace

/// A codebook edit and what it would do to the run's opinions.
struct CodebookTrial {
    enum Edit {
        case keyword(String)
        case rule(String)
        case newArea(code: String, name: String, parent: String?, keywords: [String])
    }

    let store: WorkbenchStore
    let codebook: URL

    /// Tries `edit` on `area` (the new area's code for `.newArea`); with `save`, writes it (backup kept).
    func run(_ edit: Edit, area: String, save: Bool) throws -> [(String, JSONValue)] {
        let original = try String(contentsOf: codebook, encoding: .utf8)
        let edited = try self.edited(edit, area: area, in: original)
        let tokenizer = try Tokenizer()
        let before = try Codebook.load(url: codebook, displayPath: codebook.lastPathComponent, tokenizer: tokenizer, keepingWhole: [])
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("koe-try-\(ServeToken.make().prefix(12)).yml")
        try Data(edited.utf8).write(to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let afterTokenizer = try Tokenizer()
        let after = try Codebook.load(url: temporary, displayPath: codebook.lastPathComponent, tokenizer: afterTokenizer, keepingWhole: [])
        guard let node = after.area(area), Self.holds(edit, node) else {
            throw KoeError(code: "codebook-edit-failed", message: "コードブックを書き換えられませんでした（書式を確認してください）")
        }
        // The old rule's words too: a replaced rule may let opinions go that the workspace (run before the last save)
        // does not show in the area.
        var oldRule: [String]? = []
        if let rule = before.area(area)?.rule { oldRule = Self.required(rule) }
        let required = Self.requiredWords(edit, node: node).flatMap { words in oldRule.map { words + $0 } }.map {
            $0.map { ContentKeys.of($0, tokenizer: afterTokenizer) }
        }
        let prefilter = required.flatMap { $0.contains(where: \.isEmpty) ? nil : $0 }
        var result = try compare(
            area: area, prefilter: prefilter, old: try Tagger(codebook: before), new: try Tagger(codebook: after),
            tokenizers: (tokenizer, afterTokenizer))
        if save {
            let backup = try CodebookEditor.save(edited, to: codebook)
            result.append(("saved", .bool(true)))
            result.append(("backup", .string(backup.lastPathComponent)))
        }
        return result
    }

    /// The codebook text with `edit` made, or the KoeError saying why it cannot be.
    private func edited(_ edit: Edit, area: String, in text: String) throws -> String {
        let missing = KoeError(code: "area-not-in-codebook", message: "コードブックに分野「\(area)」の行が見つかりません")
        switch edit {
        case .keyword(let word):
            guard let edited = CodebookEditor.adding(word, to: area, in: text) else { throw missing }
            return edited
        case .rule(let rule):
            guard let edited = CodebookEditor.settingRule(rule, for: area, in: text) else { throw missing }
            return edited
        case .newArea(let code, let name, let parent, let keywords):
            guard let edited = CodebookEditor.addingArea(code: code, name: name, keywords: keywords, under: parent, in: text) else {
                throw KoeError(
                    code: "area-code-taken", message: "分野コード「\(code)」は使われているか、親の分野「\(parent ?? "")」が見つかりません",
                    hint: "ほかのコード（例: T1）を指定してください")
            }
            return edited
        }
    }

    /// Whether the loaded node shows the edit (a sign the text edit landed where it should).
    private static func holds(_ edit: Edit, _ node: Area) -> Bool {
        switch edit {
        case .keyword(let word): node.keywords.contains { $0.text == word }
        case .rule(let rule): node.ruleText == rule
        case .newArea(_, let name, _, let keywords): node.name == name && node.keywords.map(\.text) == keywords
        }
    }

    /// Words of which every newly tagged opinion holds at least one (nil: any opinion may be, check all).
    private static func requiredWords(_ edit: Edit, node: Area) -> [String]? {
        switch edit {
        case .keyword(let word): [word]
        case .newArea(_, _, _, let keywords): node.rule == nil ? keywords : nil
        case .rule: node.rule.flatMap { required($0) }.map { $0 + node.keywords.map(\.text) }
        }
    }

    /// For a rule: words one of which must occur for it to be true (nil when it can be true without any).
    static func required(_ e: RuleExpression) -> [String]? {
        switch e {
        case .word(let text, _): [text]
        case .proximity(let texts, _, _): texts.first.map { [$0] }
        case .and(let a, let b): required(a) ?? required(b)
        case .or(let a, let b): required(a).flatMap { x in required(b).map { x + $0 } }
        default: nil
        }
    }

    /// Tags the opinions that could change (those with a required word, and those the area holds today) with
    /// the old and the new codebook.
    private func compare(
        area: String, prefilter: [[String]]?, old: Tagger, new: Tagger, tokenizers: (old: Tokenizer, new: Tokenizer)
    ) throws -> [(String, JSONValue)] {
        var sql = "SELECT o.id, o.text FROM opinions o"
        var values: [SQLiteValue] = []
        if let prefilter {
            let match = prefilter.filter { !$0.isEmpty }.map { keys in
                "(" + keys.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ") + ")"
            }.joined(separator: " OR ")
            sql += " WHERE o.opinion_rowid IN (SELECT opinion_rowid FROM tags WHERE area = ?1)"
            values.append(.text(area))
            if !match.isEmpty {
                sql += " OR o.opinion_rowid IN (SELECT rowid FROM opinion_words WHERE opinion_words MATCH ?2)"
                values.append(.text(match))
            }
        }
        let statement = try store.workspace.database.prepare(sql + " ORDER BY o.opinion_rowid")
        statement.bind(values)
        var (checked, tagged, added, fromUntagged, removed) = (0, 0, 0, 0, 0)
        var moves: [String: Int] = [:]
        var sample: [JSONValue] = []
        var leaving: [JSONValue] = []
        while try statement.next() {
            checked += 1
            let text = statement.text(1) ?? ""
            let inNew = new.tag(tokenizers.new.tokenize(text)).areas.contains(area)
            let before = old.tag(tokenizers.old.tokenize(text))
            let inOld = before.areas.contains(area)
            if inNew { tagged += 1 }
            if inNew, !inOld {
                added += 1
                if before.areas.isEmpty { fromUntagged += 1 }
                moves[before.direct.last ?? before.areas.last ?? "（未分類）", default: 0] += 1
                if sample.count < 10 { sample.append(try store.opinionJSON(statement.text(0) ?? "", text)) }
            } else if inOld, !inNew {
                removed += 1
                if leaving.count < 10 { leaving.append(try store.opinionJSON(statement.text(0) ?? "", text)) }
            }
        }
        let moved = moves.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            JSONValue.object([("from", .string($0.key)), ("to", .string(area)), ("opinions", .int($0.value))])
        }
        return [
            ("area", .string(area)), ("would_tag", .int(tagged)), ("newly_tagged", .int(added)), ("from_untagged", .int(fromUntagged)),
            ("removed", .int(removed)), ("sample", .array(sample)), ("removed_sample", .array(leaving)), ("moves", .array(moved)),
            ("checked", .int(checked)), ("checked_all", .bool(prefilter == nil)),
        ]
    }
}

/// The content-word keys of a keyword, as opinions' words were indexed.
enum ContentKeys {
    static func of(_ text: String, tokenizer: Tokenizer) -> [String] {
        tokenizer.tokenize(text, words: WordLexicon(words: [text])).contentWords()
    }
}

extension WorkbenchStore {
    /// An opinion as the codebook desk lists it: masked (with the hand masks) and trimmed like a quote.
    func opinionJSON(_ id: String, _ text: String) throws -> JSONValue {
        let masks = try extraMasks(of: id)
        let shown = ChoiceTables.applyMasks(
            masks, to: QuoteText.printable(masker.mask(ChoiceTables.applyMasks(masks, to: text, mask: Masker.mask))).text, mask: Masker.mask
        )
        return .object([("id", .string(id)), ("text", .string(shown))])
    }
}
