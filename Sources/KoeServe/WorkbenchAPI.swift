// WorkbenchAPI — the JSON calls of koe serve (docs/serve.md): quotes with the filters of `koe quotes`, one
// opinion with provenance, KWIC, choices and hand masks, the chosen list for export; codebook and overview
// calls are in their own files. Each call reads or writes through WorkbenchStore under its lock.
import Foundation
import KoeCore
import KoePipeline
import KoeQuotes
import KoeRender
import KoeWorkspace

/// Dispatches one API request.
struct WorkbenchAPI {
    let store: WorkbenchStore
    let options: WorkbenchOptions

    func respond(_ request: WorkbenchRequest) throws -> WorkbenchResponse {
        let q = request.query
        switch (request.method, request.path) {
        case ("GET", "/api/meta"): return .json(try store.locked { try meta() })
        case ("GET", "/api/quotes"): return .json(try store.locked { try quotes(q) })
        case ("GET", "/api/opinion"): return .json(try store.locked { try opinion(q["id"] ?? "") })
        case ("GET", "/api/kwic"): return .json(try store.locked { try kwic(q) })
        case ("GET", "/api/chosen"): return try store.locked { try chosen(format: q["format"] ?? "json") }
        case ("POST", "/api/choices"): return .json(try store.locked { try choose(body(request)) })
        case ("POST", "/api/masks"): return .json(try store.locked { try mask(body(request)) })
        default:
            if let response = try CodebookDesk(store: store, options: options).respond(request) { return response }
            if let response = try OverviewAPI(store: store).respond(request) { return response }
            return .error(404, code: "not-found", message: "API \(request.path) はありません", hint: "docs/serve.md を参照してください")
        }
    }

    private func body(_ request: WorkbenchRequest) throws -> JSONBody {
        guard let body = JSONBody(request.body) else {
            throw KoeError(code: "bad-request", message: "リクエストの本文が JSON のオブジェクトではありません")
        }
        return body
    }

    /// Title, areas, segment values and flags the pages build their menus from.
    func meta() throws -> JSONValue {
        func values(_ column: String) throws -> JSONValue {
            let statement = try store.workspace.database.prepare(
                "SELECT DISTINCT \(column) FROM opinions WHERE \(column) IS NOT NULL AND \(column) != '' ORDER BY \(column)")
            var out: [JSONValue] = []
            while try statement.next() { out.append(.string(statement.text(0) ?? "")) }
            return .array(out)
        }
        return .object([
            ("title", .optional(try store.meta("title"))),
            ("read_only", .bool(store.readOnly || options.readOnly)),
            ("codebook", .optional(options.codebook?.lastPathComponent)),
            (
                "areas",
                .array(
                    store.areas.map {
                        .object([
                            ("code", .string($0.code)), ("name", .string($0.name)), ("level", .int($0.level)),
                            ("parent", .optional($0.parent)),
                        ])
                    })
            ),
            ("ages", try values("age")), ("genders", try values("gender")), ("districts", try values("district")),
            ("types", .array(["要望", "課題", "評価", "提案・ありたい姿"].map { .string($0) })),
        ])
    }

    /// The filter of `koe quotes` from query parameters (same names and value spellings).
    func filter(_ q: [String: String]) throws -> QuoteFilter {
        var filter = QuoteFilter()
        func value(_ key: String) -> String? { q[key].flatMap { $0.isEmpty ? nil : $0 } }
        filter.area = value("area")
        filter.age = value("age")
        filter.gender = value("gender")
        filter.district = value("district")
        let type = value("type")
        filter.type = type == "提案" || type == "ありたい姿" ? "提案・ありたい姿" : type
        let horizon = value("horizon")
        filter.horizon = ["短期", "短期集中"].contains(horizon) ? "short" : ["長期", "長期継続"].contains(horizon) ? "long" : horizon
        if let limit = value("limit") {
            guard let n = Int(limit), (1...500).contains(n) else {
                throw KoeError(code: "bad-limit", message: "limit は 1 から 500 の整数で指定してください（\(limit)）")
            }
            filter.limit = n
        }
        if let search = value("search") {
            guard search.count <= 200 else { throw KoeError(code: "bad-search", message: "検索語が長すぎます（200 文字まで）") }
            filter.words = try QuoteSearch.words(search, in: store.workspace)
            if filter.words.isEmpty {
                throw KoeError(
                    code: "search-no-words", message: "「\(search)」には照合できる語がありません（助詞・記号・1文字のかなだけです）",
                    hint: "内容を表す語（例: 保育園、バス 不便）を指定してください")
            }
        }
        return filter
    }

    /// `{"quotes": [...]}` as SPEC §9 names it.
    func quotes(_ q: [String: String]) throws -> JSONValue {
        let filter = try filter(q)
        let found = try store.workspace.quotes(filter)
        return .object([
            ("quotes", .array(try found.map { try quoteJSON($0, area: filter.area) })), ("words", .array(filter.words.map { .string($0) })),
        ])
    }

    func quoteJSON(_ quote: WorkspaceQuote, area: String?) throws -> JSONValue {
        let id = quote.candidate.id
        let printed = store.printed(quote.candidate, extraMasks: try store.extraMasks(of: id))
        let choices = try store.choices(of: id)
        let current = area.flatMap { a in choices.first { $0.area == a } } ?? (area == nil ? choices.first : nil)
        return .object([
            ("id", .string(id)), ("text", .string(printed.text)), ("attribution", .string(printed.attribution)),
            ("areas", .array(try store.areas(of: id).map { .string($0) })), ("type", .optional(quote.candidate.type)),
            ("group_size", .int(printed.groupSize)), ("review", .array(store.review(printed).map { .string($0) })),
            ("choice", .optional(current?.choice)), ("trimmed", .bool(printed.trimmed)), ("horizon", .string(quote.horizon)),
            ("changed", .bool(choices.contains { $0.changed })),
            (
                "choices",
                .array(
                    choices.map {
                        .object([
                            ("area", .string($0.area)), ("choice", .string($0.choice)), ("confirmed", .bool($0.confirmed)),
                            ("changed", .bool($0.changed)),
                        ])
                    })
            ),
            ("source", .string(quote.source)), ("row", .optional(quote.row)), ("column", .optional(quote.column)),
        ])
    }

    /// One whole opinion, masked (not trimmed), with provenance, evidence and choices.
    func opinion(_ id: String) throws -> JSONValue {
        _ = try store.opinionText(id)
        guard let quote = try store.workspace.workspaceQuotes(ids: [id])[id] else { return .null }
        let masks = try store.extraMasks(of: id)
        var candidate = quote.candidate
        candidate.text = ChoiceTables.applyMasks(masks, to: candidate.text, mask: Masker.mask)
        let whole = ChoiceTables.applyMasks(
            masks, to: QuoteText.nestedQuotes(QuoteText.singleLine(store.masker.mask(candidate.text))), mask: Masker.mask)
        let evidence = try store.workspace.database.prepare(
            "SELECT e.area, e.keyword, e.surface FROM evidence e JOIN opinions o ON o.opinion_rowid = e.opinion_rowid WHERE o.id = ?1")
        evidence.bind([.text(id)])
        var found: [JSONValue] = []
        while try evidence.next() {
            found.append(
                .object([
                    ("area", .string(evidence.text(0) ?? "")), ("keyword", .string(evidence.text(1) ?? "")),
                    ("surface", .string(store.masker.mask(evidence.text(2) ?? ""))),
                ]))
        }
        var json = try quoteJSON(quote, area: nil)
        guard case .object(var pairs) = json else { return json }
        pairs.append(("whole", .string(whole)))
        pairs.append(("masks", .array(masks.map { .string($0) })))
        pairs.append(("evidence", .array(found)))
        json = .object(pairs)
        return json
    }

    /// Records a choice: use (a flagged quote needs `confirmed`), reject, or clear.
    func choose(_ body: JSONBody) throws -> JSONValue {
        let id = body["id"] ?? ""
        let area = body["area"] ?? ""
        let choice = body["choice"] ?? ""
        guard ["use", "reject", "clear"].contains(choice) else {
            throw KoeError(code: "bad-choice", message: "choice は use・reject・clear のいずれかです（\(choice)）")
        }
        guard store.planOrder[area] != nil else {
            throw KoeError(code: "unknown-area", message: "分野コード「\(area)」はこのワークスペースの体系にありません")
        }
        let text = try store.opinionText(id)
        let review =
            try store.workspace.workspaceQuotes(ids: [id])[id].map {
                store.review(store.printed($0.candidate, extraMasks: try store.extraMasks(of: id)))
            } ?? []
        let confirmed = body.flag("confirmed")
        if choice == "use", !review.isEmpty, !confirmed {
            throw KoeError(
                code: "review-unconfirmed", message: "この意見は確認が必要です（\(review.joined(separator: "・"))）",
                hint: "全文を読み、掲載してよいことを確認してから選んでください")
        }
        try store.write { db in
            if choice == "clear" {
                try db.prepare("DELETE FROM choices WHERE opinion_id = ?1 AND area = ?2").run([.text(id), .text(area)])
                return
            }
            try db.prepare(
                """
                INSERT INTO choices VALUES (?1, ?2, ?3, ?4, ?5, 0, (SELECT coalesce(max(seq), 0) + 1 FROM choices))
                ON CONFLICT(opinion_id, area) DO UPDATE SET choice = excluded.choice, text_sha256 = excluded.text_sha256,
                    confirmed = excluded.confirmed, changed = 0, seq = excluded.seq
                """
            ).run([.text(id), .text(area), .text(choice), .text(ChoiceTables.textHash(text)), .integer(confirmed ? 1 : 0)])
        }
        return .object([("ok", .bool(true)), ("id", .string(id)), ("area", .string(area)), ("choice", .string(choice))])
    }

    /// Masks a span of an opinion by hand (it must occur in the opinion as shown), or unmasks it (`remove`).
    func mask(_ body: JSONBody) throws -> JSONValue {
        let id = body["id"] ?? ""
        let span = QuoteText.singleLine(body["span"] ?? "").trimmingCharacters(in: .whitespaces)
        let text = try store.opinionText(id)
        guard !span.isEmpty, span.count <= 200, span != Masker.mask else {
            throw KoeError(code: "bad-span", message: "伏せる範囲を選んでください（1〜200 文字）")
        }
        let shown = QuoteText.nestedQuotes(QuoteText.singleLine(store.masker.mask(text)))
        guard body.flag("remove") || shown.contains(span) || text.contains(span) else {
            throw KoeError(code: "span-not-found", message: "選んだ範囲が意見の本文に見つかりません", hint: "全文表示から範囲を選び直してください")
        }
        try store.write { db in
            if body.flag("remove") {
                try db.prepare("DELETE FROM extra_masks WHERE opinion_id = ?1 AND span = ?2").run([.text(id), .text(span)])
                return
            }
            try db.prepare(
                """
                INSERT OR REPLACE INTO extra_masks VALUES (?1, ?2, ?3, 0, (SELECT coalesce(max(seq), 0) + 1 FROM extra_masks))
                """
            ).run([.text(id), .text(span), .text(ChoiceTables.textHash(text))])
        }
        return .object([("ok", .bool(true)), ("id", .string(id)), ("masks", .array(try store.extraMasks(of: id).map { .string($0) }))])
    }

    /// The chosen quotes in plan order: JSON, or Markdown (a download, as quotes.md prints them).
    func chosen(format: String) throws -> WorkbenchResponse {
        let chosen = try store.workspace.chosenQuotes()
        let names = Dictionary(store.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        if format == "md" {
            var lines = ["# 採用した市民の声", ""]
            var last: String?
            for c in chosen where !c.changed {
                if c.area != last { lines += ["", "## \(c.area) \(names[c.area] ?? "")", ""] }
                last = c.area
                lines.append(QuotesMarkdownWriter.line(store.printed(c.quote.candidate, extraMasks: c.extraMasks)))
            }
            let changed = chosen.filter(\.changed)
            if !changed.isEmpty {
                lines += ["", "## 本文が変わったため確認が必要な意見", ""]
                lines += changed.map { "- `\($0.quote.candidate.id)`（分野 \($0.area)）" }
            }
            return WorkbenchResponse(
                status: 200, contentType: "text/markdown; charset=utf-8", body: Data((lines.joined(separator: "\n") + "\n").utf8),
                headers: [("Content-Disposition", "attachment; filename=\"chosen-quotes.md\"")])
        }
        return .json(
            .object([
                (
                    "chosen",
                    .array(
                        chosen.map { c in
                            let p = store.printed(c.quote.candidate, extraMasks: c.extraMasks)
                            return .object([
                                ("area", .string(c.area)), ("area_name", .string(names[c.area] ?? "")), ("id", .string(p.id)),
                                ("text", .string(p.text)), ("attribution", .string(p.attribution)), ("changed", .bool(c.changed)),
                                ("confirmed", .bool(c.confirmed)),
                            ])
                        })
                )
            ]))
    }
}
