// PlanCodebook — a starter codebook from the plan's structure table (columns code, name, parent; optional horizon):
// the tree in the table's order, each node's keywords suggested from the content words of its name (koe's
// tokenizer, dictionary forms), leaving out the plan's boilerplate words (推進, 充実, 整う…) and words that most
// names share.
import Foundation
import KoeCore
import KoeSurvey
import KoeText

/// One area of the plan's structure table.
public struct PlanNode: Sendable, Hashable {
    public var code: String
    public var name: String
    public var parent: String?
    public var horizon: String?
    /// The Excel row it came from (for messages).
    public var row: Int
    public var keywords: [String] = []
}

public enum PlanCodebook {
    /// Words of plan language that say nothing about a topic.
    static let boilerplate: Set<String> = [
        "創造", "推進", "充実", "向上", "確保", "実現", "強化", "整う", "高める", "図る", "進める", "取り組む", "目指す",
        "抑える", "加速", "持続", "可能", "選ぶ", "いる", "なる", "ある", "できる", "する", "つくる", "行う", "地域", "まち",
        "生き生き", "活躍", "環境", "体制", "施策", "事業", "計画", "推進する", "充実する",
    ]

    /// Reads the plan table (CSV/TSV in any encoding koe reads, or .xlsx) and returns its nodes in order.
    public static func read(url: URL, displayPath: String) throws -> [PlanNode] {
        let rows = try TableRows.read(url: url, displayPath: displayPath)
        guard let header = rows.first else {
            throw KoeError(
                code: "empty-plan", message: "計画の体系表が空です", hint: "1 行目に code, name, parent の見出しを書いてください",
                location: SourceLocation(file: displayPath))
        }
        let names = header.fields.map { $0.lowercased().filter { !$0.isWhitespace } }
        func column(_ keys: [String]) -> Int? { names.firstIndex { keys.contains($0) } }
        guard let code = column(["code", "コード", "番号", "no", "no."]), let name = column(["name", "名称", "名前", "施策名", "タイトル"])
        else {
            throw KoeError(
                code: "bad-plan", message: "計画の体系表に code と name の列がありません（見出し: \(header.fields.joined(separator: ", "))）",
                hint: "1 行目を code, name, parent（親のコード、最上位は空）にしてください", location: SourceLocation(file: displayPath, row: header.excelRow))
        }
        let parent = column(["parent", "親", "親コード", "上位", "上位コード"])
        let horizon = column(["horizon", "期間", "区分"])
        var nodes: [PlanNode] = []
        var seen: Set<String> = []
        for record in rows.dropFirst() {
            func cell(_ i: Int?) -> String? {
                guard let i, i < record.fields.count else { return nil }
                let v = record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            guard let c = cell(code) else { continue }
            let location = SourceLocation(file: displayPath, row: record.excelRow)
            guard seen.insert(c).inserted else {
                throw KoeError(code: "duplicate-code", message: "コード「\(c)」が 2 回あります", hint: "コードは 1 行に 1 つにしてください", location: location)
            }
            nodes.append(
                PlanNode(
                    code: c, name: cell(name) ?? c, parent: cell(parent), horizon: cell(horizon).flatMap(horizonValue), row: record.excelRow
                ))
        }
        for node in nodes {
            if let p = node.parent, !seen.contains(p) {
                throw KoeError(
                    code: "unknown-parent", message: "コード「\(node.code)」の親「\(p)」が表にありません",
                    hint: "parent には表にあるコードを書いてください（最上位は空）", location: SourceLocation(file: displayPath, row: node.row))
            }
        }
        if nodes.isEmpty {
            throw KoeError(
                code: "empty-plan", message: "計画の体系表に行がありません", hint: "code, name, parent の行を書いてください",
                location: SourceLocation(file: displayPath))
        }
        return nodes
    }

    static func horizonValue(_ text: String) -> String? {
        if ["short", "短期", "短期集中"].contains(text) { return "short" }
        if ["long", "長期", "長期継続"].contains(text) { return "long" }
        return nil
    }

    /// Fills each node's keywords: up to `limit` content words of its name in dictionary form, without boilerplate,
    /// without its ancestors' words, and without words found in more than a third of all names.
    public static func suggestKeywords(_ nodes: inout [PlanNode], tokenizer: Tokenizer, limit: Int = 6) {
        let words = nodes.map { node -> [String] in
            // Words written in their dictionary form (nouns: 保育, 放課後, 居場所): a conjugated verb's guessed
            // dictionary form could be wrong, and a wrong keyword matches nothing.
            let text = tokenizer.tokenize(node.name)
            var out: [String] = []
            for i in text.contentWordIndices {
                let token = text.tokens[i]
                let w = text.dictionaryForm(of: token)
                guard w == text.normalizedSurface(of: token), !boilerplate.contains(w), w.count >= 2, !out.contains(w) else { continue }
                out.append(w)
            }
            return out
        }
        var frequency: [String: Int] = [:]
        for list in words { for w in list { frequency[w, default: 0] += 1 } }
        let common = max(3, nodes.count / 3)
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.code, $0) })
        for i in nodes.indices {
            var inherited: Set<String> = []
            var p = nodes[i].parent
            while let code = p, let k = index[code] {
                inherited.formUnion(words[k])
                p = nodes[k].parent
            }
            nodes[i].keywords = Array(words[i].filter { !inherited.contains($0) && (frequency[$0] ?? 0) <= common }.prefix(limit))
        }
    }

    /// The codebook YAML of `nodes` (a tree in table order), with a header comment saying where it came from.
    public static func yaml(_ nodes: [PlanNode], source: String) -> String {
        var lines = [
            "# koe init が計画の体系表（\(source)）から作ったコードブックの下書き（SPEC §5）。",
            "# keywords は名前の内容語から提案したものです。市民が書きそうな語を足し、合わない語は消してください。",
            "# koe run のあと untagged.csv と report.html の「提案キーワード」が次に足す語の手がかりになります。",
        ]
        let children = Dictionary(grouping: nodes.filter { $0.parent != nil }, by: { $0.parent ?? "" })
        func emit(_ node: PlanNode, _ indent: String) {
            lines.append("\(indent)- code: \(YAMLText.quoted(node.code))")
            lines.append("\(indent)  name: \(YAMLText.quoted(node.name))")
            if let h = node.horizon { lines.append("\(indent)  horizon: \(h)") }
            if node.keywords.isEmpty {
                lines.append("\(indent)  # keywords: []   # 名前から語を提案できません。市民が書きそうな語を書いてください")
            } else {
                lines.append("\(indent)  keywords: [\(node.keywords.map(YAMLText.quoted).joined(separator: ", "))]")
            }
            if let kids = children[node.code], !kids.isEmpty {
                lines.append("\(indent)  children:")
                for kid in kids { emit(kid, indent + "    ") }
            }
        }
        for root in nodes where root.parent == nil { emit(root, "") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writing YAML scalars koe reads back exactly.
enum YAMLText {
    /// A double-quoted YAML string (backslash, quote and control characters escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 { out += String(format: "\\x%02X", s.value) } else { out.unicodeScalars.append(s) }
            }
        }
        return out + "\""
    }
}
