// QuestionSettings — a source's `type:` and `horizon:` keys (one value for the whole source, or one per
// column label, Excel letter, heading or sticky-note question), read from the pipeline file and stamped on
// each imported opinion so the classifier starts from them.
import Foundation
import KoeCore
import KoeTagging
import Yams

/// The pipeline's `type:`/`horizon:` for one source.
public struct QuestionSettings: Sendable {
    /// The value for every opinion of the source.
    public var type: String?
    public var horizon: String?
    /// Values per column label, Excel letter, heading or sticky-note question, in file order.
    public var types: [(key: String, value: String)] = []
    public var horizons: [(key: String, value: String)] = []

    public init() {}

    public var isEmpty: Bool { type == nil && horizon == nil && types.isEmpty && horizons.isEmpty }

    static let typeValues = ["要望", "課題", "評価", "提案・ありたい姿", "提案", "ありたい姿"]
    static let horizonValues = ["short", "long"]

    /// Reads `type:` (`isHorizon` false) or `horizon:` — a scalar, or a mapping key → value.
    mutating func read(_ node: Node, key: String, yaml: YAMLReader) throws {
        let isHorizon = key == "horizon"
        let allowed = isHorizon ? Self.horizonValues : Self.typeValues
        func value(_ node: Node) throws -> String {
            let text = try yaml.string(node, key)
            guard allowed.contains(text) || (!isHorizon && OpinionType(setting: text) != nil) else {
                throw yaml.error(
                    node, code: "bad-value", "\(key) の値「\(text)」は使えません",
                    hint: "使える値: " + allowed.joined(separator: ", ") + (isHorizon ? "" : "（例: type: {まちの良いところ: 評価}）"))
            }
            return isHorizon ? text : (OpinionType(setting: text)?.rawValue ?? text)
        }
        if case .mapping(let pairs) = node {
            for (keyNode, valueNode) in pairs {
                let entry = (try yaml.string(keyNode, key), try value(valueNode))
                if isHorizon { horizons.append(entry) } else { types.append(entry) }
            }
        } else if isHorizon {
            horizon = try value(node)
        } else {
            type = try value(node)
        }
    }

    /// The opinion with the setting that applies to it stamped on `question` (a per-key value wins over the
    /// source's).
    public func apply(to opinion: Opinion) -> Opinion {
        var out = opinion
        if let (key, value) = types.first(where: { matches($0.key, opinion) }) {
            out.question.type = value
            out.question.settingKey = key
        } else if let type {
            out.question.type = type
        }
        if let (key, value) = horizons.first(where: { matches($0.key, opinion) }) {
            out.question.horizon = value
            if out.question.settingKey == nil { out.question.settingKey = key }
        } else if let horizon {
            out.question.horizon = horizon
        }
        return out
    }

    /// A key names the column label, the Excel letter, a heading of the heading path or the question text.
    func matches(_ key: String, _ opinion: Opinion) -> Bool {
        let location = opinion.location
        if location.column == key || opinion.question.text == key { return true }
        if let letter = location.columnLetter, ExcelColumn.index(key) != nil, letter.uppercased() == key.uppercased() {
            return true
        }
        if opinion.kind == .workshop, let path = location.column {
            return path.components(separatedBy: " > ").contains(key)
        }
        return false
    }

    /// A sink that stamps the setting on each opinion before passing it on.
    public func applying(to sink: ImportSink) -> ImportSink {
        ClosureSink { event in
            if case .opinion(let opinion) = event {
                try sink.receive(.opinion(apply(to: opinion)))
            } else {
                try sink.receive(event)
            }
        }
    }
}
