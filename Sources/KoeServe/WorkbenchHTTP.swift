// WorkbenchHTTP — the request and response values the workbench works on (independent of the HTTP server, so
// every rule — token, CSRF, read-only, paths — is tested without a socket), query parsing and the token.
import Foundation

/// One HTTP request as the workbench sees it.
public struct WorkbenchRequest: Sendable {
    public var method: String
    /// The path as received (still percent-encoded), without the query.
    public var path: String
    /// Query parameters, percent-decoded (`+` is a space); the last of repeated names wins.
    public var query: [String: String]
    /// Header fields by lower-cased name.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data()) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, b in b })
        self.body = body
    }

    /// A request for `target` (`/api/quotes?area=1`): path and query split and decoded.
    public init(method: String, target: String, headers: [String: String] = [:], body: Data = Data()) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts.first ?? ""), query: parts.count > 1 ? Self.parseQuery(String(parts[1])) : [:],
            headers: headers, body: body)
    }

    /// `a=1&b=%E4%BF%9D` → ["a": "1", "b": "保"].
    public static func parseQuery(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            out[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }
}

/// One HTTP response.
public struct WorkbenchResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, contentType: String, body: Data, headers: [(String, String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
    }

    /// A JSON response.
    public static func json(_ value: JSONValue, status: Int = 200) -> WorkbenchResponse {
        WorkbenchResponse(status: status, contentType: "application/json; charset=utf-8", body: Data(value.rendered.utf8))
    }

    /// `{"error": {"code", "message", "hint"}}` with a Japanese message.
    public static func error(_ status: Int, code: String, message: String, hint: String = "") -> WorkbenchResponse {
        json(
            .object([("error", .object([("code", .string(code)), ("message", .string(message)), ("hint", .string(hint))]))]),
            status: status)
    }

    /// The value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The random token of one server run, and comparisons that take the same time wherever they differ.
public enum ServeToken {
    /// 32 random bytes as 64 hex digits (from the system's secure generator).
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Whether `given` equals `expected`, in time independent of where they differ.
    public static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<b.count { difference |= (i < a.count ? a[i] : 0) ^ b[i] }
        return difference == 0
    }
}
