// YAMLReading — strict reading of YAML nodes with line numbers: unknown keys, wrong types and bad values
// become diagnostics that name the file, line and column.
import KoeCore
import KoeTagging
import Yams

/// Reads typed values out of a composed YAML document, failing with the file and line of the bad node.
struct YAMLReader {
    let displayPath: String

    func location(_ node: Node?) -> SourceLocation { YAMLSyntax.location(node, displayPath: displayPath) }

    func error(_ node: Node?, code: String, _ message: String, hint: String? = nil) -> KoeError {
        KoeError(code: code, message: message, hint: hint, location: location(node))
    }

    /// Composes `text`, turning a YAML syntax error into `yaml-syntax` with its line (`YAMLSyntax`).
    func compose(_ text: String) throws -> Node? {
        try YAMLSyntax.compose(text, what: "パイプラインファイル", displayPath: displayPath)
    }

    /// The pairs of a mapping whose keys are all in `allowed`; an unknown key is an error naming it.
    func mapping(_ node: Node, allowed: [String], context: String) throws -> [(key: String, value: Node, keyNode: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, code: "wrong-type", "\(context) は「キー: 値」の形で書いてください")
        }
        var result: [(key: String, value: Node, keyNode: Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard allowed.contains(key) else {
                let suggestion = Self.closest(key, in: allowed).map { "「\($0)」の誤りではありませんか？ " } ?? ""
                throw error(
                    keyNode, code: "unknown-key", "\(context) に不明なキー「\(key)」があります",
                    hint: suggestion + "使えるキー: " + allowed.joined(separator: ", "))
            }
            if !seen.insert(key).inserted {
                throw error(
                    keyNode, code: "duplicate-key", "\(context) でキー「\(key)」が 2 回書かれています",
                    hint: "どちらか一方を消してください")
            }
            result.append((key, value, keyNode))
        }
        return result
    }

    func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, code: "wrong-type", "「\(key)」には文字列を書いてください")
        }
        return scalar.string
    }

    /// An integer in `range` (every user number has one: see `UserNumber`).
    func int(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, let value = UserNumber.parse(scalar.string, range) else {
            let given = { if case .scalar(let s) = node { return s.string } else { return "" } }()
            throw error(node, code: "wrong-type", UserNumber.outOfRange(key, range, given: given))
        }
        return value
    }

    /// A finite number in `UserNumber.scaleValue`.
    func double(_ node: Node, _ key: String) throws -> Double {
        let range = UserNumber.scaleValue
        guard case .scalar(let scalar) = node, let value = UserNumber.parse(scalar.string, range) else {
            throw error(
                node, code: "wrong-type", "「\(key)」には \(Int(range.lowerBound))〜\(Int(range.upperBound)) の数値を書いてください")
        }
        return value
    }

    func choice(_ node: Node, _ key: String, _ options: [String]) throws -> String {
        let value = try string(node, key)
        guard options.contains(value) else {
            throw error(
                node, code: "bad-value", "「\(key)」の値「\(value)」は使えません",
                hint: "使える値: " + options.joined(separator: ", "))
        }
        return value
    }

    func sequence(_ node: Node, _ key: String) throws -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw error(node, code: "wrong-type", "「\(key)」には「- 」で始まるリストを書いてください")
        }
        return Array(sequence)
    }

    /// A list of strings, also accepting a flow list `[a, b]`.
    func strings(_ node: Node, _ key: String) throws -> [String] {
        try sequence(node, key).map { try string($0, key) }
    }

    /// A mapping of scalar keys to scalar values, in document order.
    func stringMap(_ node: Node, _ key: String) throws -> [(key: String, value: String, node: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, code: "wrong-type", "「\(key)」は「キー: 値」の形で書いてください")
        }
        return try mapping.map { k, v in (try string(k, key), try string(v, key), k) }
    }

    /// The allowed key nearest to `key` (edit distance ≤ 2), for "did you mean".
    static func closest(_ key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, distance(Array(key), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
