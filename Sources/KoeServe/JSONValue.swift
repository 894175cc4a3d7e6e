// JSONValue — the workbench API's JSON: built as values, rendered with keys in the order given and with
// `< > &` and line separators escaped, so a citizen's text can never close a script or an HTML context.
import Foundation

/// A JSON value rendered by koe serve.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered == b.rendered }

    /// `value` or null.
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// `value` or null.
    public static func optional(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
    /// `value` or null (NaN and infinities become null).
    public static func optional(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// The compact JSON text.
    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .number(let x): out += x.isFinite ? String(format: "%.6g", x) : "null"
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.quote(pair.0, into: &out)
                out += ":"
                pair.1.render(into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// A request body read as a JSON object with string, bool and number fields.
public struct JSONBody: Sendable {
    let fields: [String: String]
    let flags: [String: Bool]

    /// Parses `data`; nil when it is not a JSON object.
    public init?(_ data: Data) {
        guard data.count <= 64 * 1024,
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        var fields: [String: String] = [:]
        var flags: [String: Bool] = [:]
        for (key, value) in object {
            if let s = value as? String {
                fields[key] = s
            } else if let b = value as? Bool {
                flags[key] = b
            }
        }
        self.fields = fields
        self.flags = flags
    }

    public subscript(_ key: String) -> String? { fields[key] }
    public func flag(_ key: String) -> Bool { flags[key] ?? false }
}
