// JSONText — a small deterministic JSON builder (fields in the order written; no locale, no floats surprises).

/// Builds one JSON value as text. Keys appear in the order they are added.
public struct JSONObject {
    private var parts: [String] = []

    public init() {}

    public mutating func add(_ key: String, _ value: String?) {
        parts.append(JSONText.quote(key) + ":" + (value.map(JSONText.quote) ?? "null"))
    }

    public mutating func add(_ key: String, _ value: Int?) {
        parts.append(JSONText.quote(key) + ":" + (value.map(String.init) ?? "null"))
    }

    public mutating func add(_ key: String, _ value: Double?, digits: Int) {
        parts.append(JSONText.quote(key) + ":" + (value.map { NumberText.fixed($0, digits: digits) } ?? "null"))
    }

    public mutating func add(_ key: String, _ value: Bool) {
        parts.append(JSONText.quote(key) + ":" + (value ? "true" : "false"))
    }

    public mutating func add(_ key: String, strings: [String]) {
        parts.append(JSONText.quote(key) + ":[" + strings.map(JSONText.quote).joined(separator: ",") + "]")
    }

    /// Adds pre-rendered JSON (an object or array built elsewhere).
    public mutating func add(_ key: String, raw: String) {
        parts.append(JSONText.quote(key) + ":" + raw)
    }

    public var text: String { "{" + parts.joined(separator: ",") + "}" }
}

public enum JSONText {
    /// A JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
