// CodebookDesk — the codebook desk's API: untagged opinions, themes of what the codebook misses and related
// words per area (tables written by koe run, shown empty when absent), and a keyword tried before it is saved
// — the same text edit the save makes, loaded with KoeTagging and run over the opinions that contain its words.
import Foundation
import KoeCore
import KoeQuotes
import KoeTagging
import KoeText
import KoeWorkspace

struct CodebookDesk {
    let store: WorkbenchStore
    let options: WorkbenchOptions

    func respond(_ request: WorkbenchRequest) throws -> WorkbenchResponse? {
        switch (request.method, request.path) {
        case ("GET", "/api/untagged"):
            let limit = min(500, max(1, Int(request.query["limit"] ?? "") ?? 50))
            return .json(try store.locked { try untagged(limit: limit) })
        case ("GET", "/api/themes"): return .json(try store.locked { try themes() })
        case ("GET", "/api/related"): return .json(try store.locked { try related(area: request.query["area"]) })
        case ("POST", "/api/codebook/try"), ("POST", "/api/codebook/save"):
            guard let body = JSONBody(request.body) else {
                throw KoeError(code: "bad-request", message: "リクエストの本文が JSON のオブジェクトではありません")
            }
            let save = request.path.hasSuffix("save")
            return .json(try store.locked { try tryKeyword(body["keyword"] ?? "", area: body["area"] ?? "", save: save) })
        default: return nil
        }
    }

    private func tableExists(_ name: String) throws -> Bool {
        let statement = try store.workspace.database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        statement.bind([.text(name)])
        return try statement.next()
    }

    private func opinionJSON(_ id: String, _ text: String) -> JSONValue {
        .object([("id", .string(id)), ("text", .string(QuoteText.printable(store.masker.mask(text)).text))])
    }

    func untagged(limit: Int) throws -> JSONValue {
        let total = try store.workspace.database.prepare("SELECT count(*) FROM opinions WHERE tagged = 0")
        _ = try total.next()
        let statement = try store.workspace.database.prepare(
            "SELECT id, text FROM opinions WHERE tagged = 0 ORDER BY opinion_rowid LIMIT ?1")
        statement.bind([.integer(limit)])
        var out: [JSONValue] = []
        while try statement.next() { out.append(opinionJSON(statement.text(0) ?? "", statement.text(1) ?? "")) }
        return .object([("total", .int(total.integer(0) ?? 0)), ("opinions", .array(out))])
    }

    /// `themes(theme, label, size)` with up to 3 member opinions each; `available` false when the run wrote none.
    func themes() throws -> JSONValue {
        guard try tableExists("themes"), try tableExists("theme_members") else {
            return .object([("available", .bool(false)), ("themes", .array([]))])
        }
        let statement = try store.workspace.database.prepare("SELECT theme, label, size FROM themes ORDER BY size DESC, theme")
        let members = try store.workspace.database.prepare(
            "SELECT o.id, o.text FROM theme_members m JOIN opinions o ON o.id = m.opinion_id WHERE m.theme = ?1 LIMIT 3")
        var out: [JSONValue] = []
        while try statement.next() {
            let theme = statement.text(0) ?? ""
            members.bind([.text(theme)])
            var sample: [JSONValue] = []
            while try members.next() { sample.append(opinionJSON(members.text(0) ?? "", members.text(1) ?? "")) }
            members.reset()
            out.append(
                .object([
                    ("theme", .string(theme)), ("label", .string(statement.text(1) ?? "")), ("size", .int(statement.integer(2) ?? 0)),
                    ("opinions", .array(sample)),
                ]))
        }
        return .object([("available", .bool(true)), ("themes", .array(out))])
    }

    /// `related_words` of one area (or all), strongest first; `available` false when the run wrote none.
    func related(area: String?) throws -> JSONValue {
        guard try tableExists("related_words") else { return .object([("available", .bool(false)), ("words", .array([]))]) }
        let statement = try store.workspace.database.prepare(
            """
            SELECT area, word, jaccard, g2, p, is_keyword FROM related_words WHERE ?1 IS NULL OR area = ?1
            ORDER BY area, jaccard DESC, word LIMIT 300
            """)
        statement.bind([area.map { .text($0) } ?? .null])
        var out: [JSONValue] = []
        while try statement.next() {
            out.append(
                .object([
                    ("area", .string(statement.text(0) ?? "")), ("word", .string(statement.text(1) ?? "")),
                    ("jaccard", .optional(statement.real(2))), ("g2", .optional(statement.real(3))), ("p", .optional(statement.real(4))),
                    ("is_keyword", .bool(statement.integer(5) == 1)),
                ]))
        }
        return .object([("available", .bool(true)), ("words", .array(out))])
    }

    /// What adding `keyword` to `area` would do; with `save`, also writes it (backup kept).
    func tryKeyword(_ keyword: String, area: String, save: Bool) throws -> JSONValue {
        let word = keyword.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !word.isEmpty, word.count <= 50, !word.contains("\n") else {
            throw KoeError(code: "bad-keyword", message: "キーワードを 1〜50 文字で入力してください")
        }
        guard let url = options.codebook else {
            throw KoeError(
                code: "codebook-unknown", message: "コードブックの場所が分かりません", hint: "koe serve --pipeline パイプライン.yml で起動してください")
        }
        guard ["yml", "yaml"].contains(url.pathExtension.lowercased()) else {
            throw KoeError(code: "codebook-not-yaml", message: "YAML 以外のコードブック（\(url.lastPathComponent)）はここでは編集できません")
        }
        guard store.planOrder[area] != nil else {
            throw KoeError(code: "unknown-area", message: "分野コード「\(area)」はこのワークスペースの体系にありません")
        }
        let original = try String(contentsOf: url, encoding: .utf8)
        guard let edited = CodebookEditor.adding(word, to: area, in: original) else {
            throw KoeError(code: "area-not-in-codebook", message: "コードブックに分野「\(area)」の行が見つかりません")
        }
        let tokenizer = try Tokenizer()
        let before = try Codebook.load(url: url, displayPath: url.lastPathComponent, tokenizer: tokenizer, keepingWhole: [])
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("koe-try-\(ServeToken.make().prefix(12)).yml")
        try Data(edited.utf8).write(to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let afterTokenizer = try Tokenizer()
        let after = try Codebook.load(url: temporary, displayPath: url.lastPathComponent, tokenizer: afterTokenizer, keepingWhole: [])
        guard after.area(area)?.keywords.contains(where: { $0.text == word }) == true else {
            throw KoeError(code: "codebook-edit-failed", message: "コードブックにキーワードを追加できませんでした（書式を確認してください）")
        }
        let oldTagger = try Tagger(codebook: before)
        let newTagger = try Tagger(codebook: after)
        let keys = ContentKeys.of(word, tokenizer: afterTokenizer)
        var matched: [JSONValue] = []
        var tagged = 0
        var added = 0
        var fromUntagged = 0
        var moves: [String: Int] = [:]
        if !keys.isEmpty {
            let match = keys.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
            let statement = try store.workspace.database.prepare(
                "SELECT id, text FROM opinions WHERE opinion_rowid IN (SELECT rowid FROM opinion_words WHERE opinion_words MATCH ?1) ORDER BY opinion_rowid"
            )
            statement.bind([.text(match)])
            while try statement.next() {
                let text = statement.text(1) ?? ""
                let newAreas = newTagger.tag(afterTokenizer.tokenize(text)).areas
                guard newAreas.contains(area) else { continue }
                tagged += 1
                let old = oldTagger.tag(tokenizer.tokenize(text))
                let oldAreas = old.areas
                guard !oldAreas.contains(area) else { continue }
                added += 1
                if oldAreas.isEmpty { fromUntagged += 1 }
                let from = old.direct.last ?? oldAreas.last ?? "（未分類）"
                moves[from, default: 0] += 1
                if matched.count < 10 { matched.append(opinionJSON(statement.text(0) ?? "", text)) }
            }
        }
        var result: [(String, JSONValue)] = [
            ("keyword", .string(word)), ("area", .string(area)), ("would_tag", .int(tagged)), ("newly_tagged", .int(added)),
            ("from_untagged", .int(fromUntagged)), ("sample", .array(matched)),
            (
                "moves",
                .array(
                    moves.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                        .object([("from", .string($0.key)), ("to", .string(area)), ("opinions", .int($0.value))])
                    })
            ),
        ]
        if save {
            let backup = try CodebookEditor.save(edited, to: url)
            result.append(("saved", .bool(true)))
            result.append(("backup", .string(backup.lastPathComponent)))
        }
        return .object(result)
    }
}

/// The content-word keys of a keyword, as opinions' words were indexed.
enum ContentKeys {
    static func of(_ text: String, tokenizer: Tokenizer) -> [String] {
        tokenizer.tokenize(text, words: WordLexicon(words: [text])).contentWords()
    }
}
