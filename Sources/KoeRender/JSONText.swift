// JSONText — a small deterministic JSON builder (fields in the order written; no locale, no floats surprises).

/// Builds one JSON value as text. Keys appear in the order they are added. Everything is appended to
/// one buffer (one allocation per object, not one per field).
public struct JSONObject {
    private var buffer = "{"
    private var empty = true

    public init() { buffer.reserveCapacity(256) }

    private mutating func key(_ key: String) {
        if !empty { buffer += "," }
        empty = false
        JSONText.append(key, to: &buffer)
        buffer += ":"
    }

    public mutating func add(_ key: String, _ value: String?) {
        self.key(key)
        if let value { JSONText.append(value, to: &buffer) } else { buffer += "null" }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        self.key(key)
        buffer += value.map(String.init) ?? "null"
    }

    public mutating func add(_ key: String, _ value: Double?, digits: Int) {
        self.key(key)
        buffer += value.map { NumberText.fixed($0, digits: digits) } ?? "null"
    }

    public mutating func add(_ key: String, _ value: Bool) {
        self.key(key)
        buffer += value ? "true" : "false"
    }

    public mutating func add(_ key: String, strings: [String]) {
        self.key(key)
        buffer += "["
        for (i, string) in strings.enumerated() {
            if i > 0 { buffer += "," }
            JSONText.append(string, to: &buffer)
        }
        buffer += "]"
    }

    /// Adds pre-rendered JSON (an object or array built elsewhere).
    public mutating func add(_ key: String, raw: String) {
        self.key(key)
        buffer += raw
    }

    public var text: String { buffer + "}" }
}

public enum JSONText {
    /// Appends the JSON string literal of `s` to `out`.
    public static func append(_ s: String, to out: inout String) {
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 {
            out += quote(s)
            return
        }
        out += "\""
        out += s
        out += "\""
    }

    /// A JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
    public static func quote(_ s: String) -> String {
        // Fast path: most texts need no escaping (no quote, backslash, control character, U+2028/2029).
        var clean = true
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 {
            clean = false
            break
        }
        if clean { return "\"" + s + "\"" }
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
