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
        case ("POST", "/api/codebook/try"), ("POST", "/api/codebook/save"), ("POST", "/api/themes/try"), ("POST", "/api/themes/save"):
            guard let body = JSONBody(request.body) else {
                throw KoeError(code: "bad-request", message: "リクエストの本文が JSON のオブジェクトではありません")
            }
            let save = request.path.hasSuffix("save")
            if request.path.hasPrefix("/api/themes") { return .json(try store.locked { try proposeTheme(body, save: save) }) }
            return .json(try store.locked { try tryEdit(body, save: save) })
        default: return nil
        }
    }

    private func tableExists(_ name: String) throws -> Bool {
        let statement = try store.workspace.database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        statement.bind([.text(name)])
        return try statement.next()
    }

    func untagged(limit: Int) throws -> JSONValue {
        let total = try store.workspace.database.prepare("SELECT count(*) FROM opinions WHERE tagged = 0")
        _ = try total.next()
        let statement = try store.workspace.database.prepare(
            "SELECT id, text FROM opinions WHERE tagged = 0 ORDER BY opinion_rowid LIMIT ?1")
        statement.bind([.integer(limit)])
        var out: [JSONValue] = []
        while try statement.next() { out.append(try store.opinionJSON(statement.text(0) ?? "", statement.text(1) ?? "")) }
        return .object([("total", .int(total.integer(0) ?? 0)), ("opinions", .array(out))])
    }

    /// `themes(theme, label, size)` with 3 representative opinions each (masked like quotes) and the keywords a new
    /// area for it would start with; `available` false when the run wrote no themes table.
    func themes() throws -> JSONValue {
        guard try tableExists("themes"), try tableExists("theme_members") else {
            return .object([("available", .bool(false)), ("themes", .array([]))])
        }
        let statement = try store.workspace.database.prepare("SELECT theme, label, size FROM themes ORDER BY size DESC, theme")
        let members = try store.workspace.database.prepare(
            "SELECT o.id, o.text FROM theme_members m JOIN opinions o ON o.id = m.opinion_id WHERE m.theme = ?1 ORDER BY m.rowid LIMIT 3")
        var out: [JSONValue] = []
        while try statement.next() {
            let theme = statement.integer(0) ?? 0
            members.bind([.integer(theme)])
            var sample: [JSONValue] = []
            while try members.next() { sample.append(try store.opinionJSON(members.text(0) ?? "", members.text(1) ?? "")) }
            members.reset()
            let label = statement.text(1) ?? ""
            out.append(
                .object([
                    ("theme", .int(theme)), ("label", .string(label)), ("size", .int(statement.integer(2) ?? 0)),
                    ("keywords", .array(try themeKeywords(theme, label: label).map { .string($0) })), ("opinions", .array(sample)),
                ]))
        }
        return .object([("available", .bool(true)), ("themes", .array(out))])
    }

    /// A theme's words: its `keywords` column (a JSON array) when the run wrote one, else its label's words (top words joined
    /// by ・, 、, / or spaces), at most 10, none masked.
    func themeKeywords(_ theme: Int, label: String) throws -> [String] {
        var text = label
        let columns = try store.workspace.database.prepare("SELECT name FROM pragma_table_info('themes') WHERE name = 'keywords'")
        if try columns.next() {
            let statement = try store.workspace.database.prepare("SELECT keywords FROM themes WHERE theme = ?1")
            statement.bind([.integer(theme)])
            if try statement.next(), let words = statement.text(0), !words.isEmpty {
                // The run writes a JSON array of words; an older or hand-made table may hold plain text.
                if let data = words.data(using: .utf8), let list = try? JSONDecoder().decode([String].self, from: data) {
                    text = list.joined(separator: "、")
                } else {
                    text = words
                }
            }
        }
        let separators = CharacterSet(charactersIn: "・、,，/／ 　|")
        var seen: Set<String> = []
        return text.components(separatedBy: separators).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.count <= 50 && store.masker.mask($0) == $0 && seen.insert($0).inserted }.prefix(10).map { $0 }
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

    /// The codebook file the desk may edit (a YAML file named by the pipeline), or why not.
    private func editableCodebook() throws -> URL {
        guard let url = options.codebook else {
            throw KoeError(
                code: "codebook-unknown", message: "コードブックの場所が分かりません", hint: "koe serve --pipeline パイプライン.yml で起動してください")
        }
        guard ["yml", "yaml"].contains(url.pathExtension.lowercased()) else {
            throw KoeError(code: "codebook-not-yaml", message: "YAML 以外のコードブック（\(url.lastPathComponent)）はここでは編集できません")
        }
        return url
    }

    /// A keyword (`keyword`) or a rule (`rule`) for `area`, tried; with `save`, written (backup kept).
    func tryEdit(_ body: JSONBody, save: Bool) throws -> JSONValue {
        let area = body["area"] ?? ""
        let edit: CodebookTrial.Edit
        var echo: (String, JSONValue)
        if let rule = body["rule"] {
            let text = rule.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= 300, !text.contains("\n") else {
                throw KoeError(code: "bad-rule", message: "ルールを 1〜300 文字の 1 行で入力してください", hint: "例: (保育園 | 学童) & !観光")
            }
            edit = .rule(text)
            echo = ("rule", .string(text))
        } else {
            let word = (body["keyword"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !word.isEmpty, word.count <= 50, !word.contains("\n") else {
                throw KoeError(code: "bad-keyword", message: "キーワードを 1〜50 文字で入力してください")
            }
            edit = .keyword(word)
            echo = ("keyword", .string(word))
        }
        let url = try editableCodebook()
        guard store.planOrder[area] != nil else {
            throw KoeError(code: "unknown-area", message: "分野コード「\(area)」はこのワークスペースの体系にありません")
        }
        return .object([echo] + (try CodebookTrial(store: store, codebook: url).run(edit, area: area, save: save)))
    }

    /// A theme proposed as a new area (`code`, `name`, optional `parent`, `keywords` separated by 、 or commas; each
    /// defaulting to the theme's), tried; with `save`, added to the codebook (backup kept).
    func proposeTheme(_ body: JSONBody, save: Bool) throws -> JSONValue {
        let statement = try store.workspace.database.prepare("SELECT label FROM themes WHERE theme = ?1")
        statement.bind([.integer(Int(body["theme"] ?? "") ?? -1)])
        guard try tableExists("themes"), try statement.next() else {
            throw KoeError(code: "unknown-theme", message: "テーマ「\(body["theme"] ?? "")」はこのワークスペースにありません", hint: "一覧を読み込み直してください")
        }
        let theme = Int(body["theme"] ?? "") ?? -1
        let label = statement.text(0) ?? ""
        let code = (body["code"] ?? "T\(theme)").trimmingCharacters(in: .whitespaces)
        guard code.range(of: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$", options: .regularExpression) != nil, store.planOrder[code] == nil else {
            throw KoeError(
                code: "area-code-taken", message: "分野コード「\(code)」は使えません（使用済みか、英数字と - _ . の 20 文字までではありません）",
                hint: "ほかのコード（例: T\(theme)）を指定してください")
        }
        let name = (body["name"] ?? label).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80, !name.contains("\n") else {
            throw KoeError(code: "bad-area-name", message: "分野名を 1〜80 文字の 1 行で入力してください")
        }
        let keywords =
            try body["keywords"].map {
                $0.components(separatedBy: CharacterSet(charactersIn: "、,，\n")).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            } ?? themeKeywords(theme, label: label)
        guard !keywords.isEmpty, keywords.count <= 30, keywords.allSatisfy({ $0.count <= 50 }) else {
            throw KoeError(code: "bad-keyword", message: "キーワードを 1〜30 個（各 50 文字まで）指定してください")
        }
        let parent = body["parent"].flatMap { $0.isEmpty ? nil : $0 }
        if let parent, store.planOrder[parent] == nil {
            throw KoeError(code: "unknown-area", message: "親の分野コード「\(parent)」はこのワークスペースの体系にありません")
        }
        let url = try editableCodebook()
        let trial = try CodebookTrial(store: store, codebook: url).run(
            .newArea(code: code, name: name, parent: parent, keywords: keywords), area: code, save: save)
        return .object(
            [
                ("theme", .int(theme)), ("code", .string(code)), ("name", .string(name)), ("parent", .optional(parent)),
                ("keywords", .array(keywords.map { .string($0) })),
            ] + trial)
    }
}
