// CodebookYAML — reads and validates the YAML codebook tree, keeping line and column for every error.
import Foundation
import KoeCore
import KoeText
import Yams

enum CodebookYAML {
    static let allowedKeys = ["code", "name", "horizon", "keywords", "exclude", "rule", "children"]

    static func codebook(
        text: String, displayPath: String, tokenizer: Tokenizer,
        diagnostics: DiagnosticSink?
    ) throws -> Codebook {
        let root = try YAMLSyntax.compose(text, what: "コードブック", displayPath: displayPath)
        var top: [Node] = []
        switch root {
        case .sequence(let seq)?: top = Array(seq)
        case .mapping(let m)? where m["areas"]?.sequence != nil: top = Array(m["areas"]?.sequence ?? [])
        default:
            throw KoeError(
                code: "invalid-codebook", message: "コードブックの形式が違います（最上位が項目のリストではありません）",
                hint: "「- code: A」で始まる項目のリストを書いてください（docs の codebook の例を参照）",
                location: SourceLocation(file: displayPath, row: root?.mark?.line ?? 1))
        }
        let reader = TreeReader(displayPath: displayPath, lines: text.components(separatedBy: "\n"), tokenizer: tokenizer)
        for node in top { reader.visit(node, level: 1, parent: nil) }
        var errors = reader.errors
        if reader.budget < 0 {
            errors.insert(
                KoeError(
                    code: "codebook-too-large", message: "コードブックが大きすぎます（項目と語が 200,000 を超えます）",
                    hint: "YAML のエイリアス（*名前）で項目を繰り返していないか確かめてください",
                    location: SourceLocation(file: displayPath, row: 1)), at: 0)
        }
        for e in errors { diagnostics?.report(e.diagnostic) }
        if let first = errors.first {
            if errors.count == 1 { throw first }
            var e = first
            e.diagnostic.hint = (e.diagnostic.hint ?? "") + "（ほかに \(errors.count - 1) 件の問題があります）"
            throw e
        }
        return try Codebook(areas: reader.areas, displayPath: displayPath)
    }

    /// The values one codebook item sets.
    private struct Fields {
        var code: String?
        var name: String?
        var horizon: Horizon?
        var keywords: [Keyword] = []
        var exclude: [Keyword] = []
        var ruleText: String?
        var rule: RuleExpression?
        var children: [Node] = []
    }

    /// Walks the item tree, collecting areas and every problem (`codebook` throws the first after reporting all).
    private final class TreeReader {
        let displayPath: String
        let lines: [String]
        let tokenizer: Tokenizer
        var errors: [KoeError] = []
        var areas: [Area] = []
        var seen: [String: Int] = [:]
        // YAML aliases can repeat a subtree many times: bound the work (a real plan has a few thousand nodes).
        var budget = 200_000

        init(displayPath: String, lines: [String], tokenizer: Tokenizer) {
            self.displayPath = displayPath
            self.lines = lines
            self.tokenizer = tokenizer
        }

        func location(_ node: Node) -> SourceLocation {
            YAMLSyntax.location(node, displayPath: displayPath)
        }

        func fail(_ node: Node, _ code: String, _ message: String, _ hint: String) {
            errors.append(KoeError(code: code, message: message, hint: hint, location: location(node)))
        }

        func keywordList(_ node: Node, key: String) -> [Keyword] {
            guard let items = node.sequence else {
                fail(node, "wrong-type", "\(key) は語のリストにしてください", "\(key): [保育園, 学童保育] のように書いてください")
                return []
            }
            if items.isEmpty && key == "keywords" {
                fail(
                    node, "empty-keywords", "keywords が空のリストです",
                    "語を1つ以上書くか、keywords の行を削除してください（子の項目だけで集計する場合）")
            }
            var out: [Keyword] = []
            budget -= items.count
            if budget < 0 { return [] }
            for item in items {
                guard let word = item.scalar?.string, !word.trimmingSpaces.isEmpty else {
                    fail(item, "wrong-type", "\(key) の項目が語（文字列）ではありません", "各項目は「- 保育園」のような1つの語にしてください")
                    continue
                }
                let keys = tokenizer.keys(word)
                if keys.isEmpty {
                    fail(
                        item, "keyword-no-tokens", "語「\(word)」は記号や空白だけで、照合できる語になりません",
                        "文字を含む語にしてください（記号は照合の前に取り除かれます）")
                    continue
                }
                out.append(Keyword(text: word.trimmingSpaces, keys: keys))
            }
            return out
        }

        func visit(_ node: Node, level: Int, parent: String?) {
            budget -= 1
            if budget < 0 || level > 64 { return }
            guard let mapping = node.mapping else {
                fail(
                    node, "wrong-type", "項目はキーと値の組（code:、name: …）で書いてください",
                    "「- code: A」のように、各項目を code と name を持つまとまりにしてください")
                return
            }
            var fields = Fields()
            var keysSeen = Set<String>()
            for (keyNode, value) in mapping {
                let key = keyNode.scalar?.string ?? ""
                if !keysSeen.insert(key).inserted {
                    fail(keyNode, "duplicate-key", "キー「\(key)」が同じ項目に2回あります", "1つにまとめてください（後の値で前の値が消えないように）")
                    continue
                }
                read(key, keyNode: keyNode, value: value, into: &fields)
            }
            guard let code = fields.code, !code.isEmpty else {
                fail(node, "missing-code", "code がありません", "各項目に code: を書いてください（例: code: \"1-1\"）")
                return
            }
            if fields.name?.trimmingSpaces.isEmpty ?? true {
                fail(node, "missing-name", "コード「\(code)」に name がありません", "集計表や報告書に出る名前を name: に書いてください")
            }
            if let first = seen[code] {
                fail(node, "duplicate-code", "コード「\(code)」が重複しています（最初は \(first) 行目）", "コードは一つずつ別の値にしてください")
                return
            }
            seen[code] = node.mark?.line ?? 0
            areas.append(
                Area(
                    code: code, name: fields.name ?? code, level: level, parentCode: parent, horizon: fields.horizon,
                    keywords: fields.keywords, exclude: fields.exclude, ruleText: fields.ruleText, rule: fields.rule,
                    location: location(node)))
            for child in fields.children { visit(child, level: level + 1, parent: code) }
        }

        /// Reads one `key: value` of an item into `fields`.
        func read(_ key: String, keyNode: Node, value: Node, into fields: inout Fields) {
            switch key {
            case "code":
                fields.code = value.scalar?.string.trimmingSpaces
                if fields.code?.isEmpty ?? true { fail(value, "bad-value", "code が空です", "A、1-1 のようなコードを書いてください") }
            case "name": fields.name = value.scalar?.string
            case "horizon":
                switch value.scalar?.string.trimmingSpaces ?? "" {
                case "short", "短期", "短期集中": fields.horizon = .short
                case "long", "長期", "長期継続": fields.horizon = .long
                case let other:
                    fail(value, "bad-value", "horizon「\(other)」は使えません", "short（短期集中）か long（長期継続）を書いてください")
                }
            case "keywords": fields.keywords = keywordList(value, key: "keywords")
            case "exclude": fields.exclude = keywordList(value, key: "exclude")
            case "rule": readRule(value, into: &fields)
            case "children":
                if let seq = value.sequence {
                    fields.children = Array(seq)
                } else {
                    fail(value, "wrong-type", "children は項目のリストにしてください", "「children:」の下に「- code: …」を並べてください")
                }
            default:
                let near = CodebookYAML.allowedKeys.first { key.hasPrefix($0) || $0.hasPrefix(key) }
                fail(
                    keyNode, "unknown-key", "キー「\(key)」は使えません",
                    (near.map { "「\($0)」の書き間違いではありませんか。" } ?? "") + "使えるキー: \(CodebookYAML.allowedKeys.joined(separator: ", "))")
            }
        }

        func readRule(_ value: Node, into fields: inout Fields) {
            guard let scalar = value.scalar else {
                fail(value, "wrong-type", "rule は1つの式（文字列）にしてください", "rule: \"(保育園 | 学童) & !観光\" のように書いてください")
                return
            }
            fields.ruleText = scalar.string
            do {
                let tokenizer = tokenizer
                var parser = RuleParser(
                    source: CodebookYAML.ruleSource(scalar, lines: lines, displayPath: displayPath),
                    keys: { tokenizer.keys($0) })
                fields.rule = try parser.parse()
            } catch let e as KoeError {
                errors.append(e)
            } catch {}
        }
    }

    /// Maps the rule scalar back to the file: plain and quoted single-line scalars keep exact columns;
    /// block scalars (`|`, `>`) start on the following lines.
    static func ruleSource(_ scalar: Node.Scalar, lines: [String], displayPath: String) -> RuleSource {
        var display: [Int: String] = [:]
        for (i, text) in lines.enumerated() { display[i + 1] = text }
        let line = scalar.mark?.line ?? 1
        let column = scalar.mark?.column ?? 1
        let raw = line - 1 < lines.count ? lines[line - 1] : ""
        let startScalar = raw.unicodeScalars.dropFirst(column - 1).first
        switch startScalar {
        case "\"", "'":
            return RuleSource(file: displayPath, lines: [(line, scalar.string, column + 1)], display: display)
        case "|", ">":
            var out: [(number: Int, text: String, column: Int)] = []
            for (i, text) in scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !text.isEmpty {
                let fileLine = line + 1 + i
                let rawLine = fileLine - 1 < lines.count ? lines[fileLine - 1] : ""
                let indent = rawLine.unicodeScalars.prefix { $0 == " " }.count
                out.append((fileLine, String(text), indent + 1))
            }
            return RuleSource(file: displayPath, lines: out, display: display)
        default:
            return RuleSource(file: displayPath, lines: [(line, scalar.string, column)], display: display)
        }
    }
}
