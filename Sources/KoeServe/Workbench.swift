// Workbench — koe serve's request handling: host, password, token and CSRF checks on every request, the
// pages and their scripts from a fixed in-memory table (no request path ever names a file), and the JSON API
// over the workspace (WorkbenchStore). Every response carries a strict Content-Security-Policy.
import Foundation
import KoeCore

/// What the server was started with.
public struct WorkbenchOptions: Sendable {
    /// Writes (choices, masks, codebook) are refused.
    public var readOnly = false
    /// Required (HTTP Basic, any user name) when the server listens beyond loopback.
    public var password: String?
    /// Host names the Host header may carry (DNS-rebinding guard): loopback, and the --host address.
    public var hostnames: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
    /// The codebook file saves go to (from the pipeline), if any.
    public var codebook: URL?

    public init() {}
}

/// Handles requests; safe to call from many threads (the store serializes database work).
public final class Workbench: @unchecked Sendable {
    public let token: String
    public let options: WorkbenchOptions
    let store: WorkbenchStore
    let assets: WorkbenchAssets

    /// A workbench over `store`, with a new random token unless one is given (tests).
    public init(store: WorkbenchStore, options: WorkbenchOptions, token: String = ServeToken.make()) throws {
        self.store = store
        self.options = options
        self.token = token
        assets = try WorkbenchAssets.load()
    }

    /// Headers every response carries.
    static let securityHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"), ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]

    /// The response to `request`.
    public func handle(_ request: WorkbenchRequest) -> WorkbenchResponse {
        var response = route(request)
        response.headers += Self.securityHeaders
        return response
    }

    private func route(_ request: WorkbenchRequest) -> WorkbenchResponse {
        if let refusal = refuse(request) { return refusal }
        if request.method == "GET" || request.method == "HEAD" {
            if let page = assets.response(for: request.path, token: token) {
                return request.path == "/overview" ? overview(page) : page
            }
            if request.path.hasPrefix("/api/") { return api(request) }
            return .error(404, code: "not-found", message: "ページがありません", hint: "アドレスを確認してください")
        }
        if request.method == "POST" {
            guard request.path.hasPrefix("/api/") else { return .error(404, code: "not-found", message: "ページがありません") }
            if let refusal = refuseWrite(request) { return refusal }
            return api(request)
        }
        return .error(405, code: "method-not-allowed", message: "この操作はできません（GET と POST のみ）")
    }

    /// The overview page with report.html's first sections drawn now by KoeReport from the workspace.
    private func overview(_ page: WorkbenchResponse) -> WorkbenchResponse {
        var page = page
        let sections =
            (try? store.locked { try OverviewReport(store: store).html() })
            ?? "<p class=\"empty\">概要を描けませんでした（ワークスペースに集計表がありません）。koe run をもう一度実行してください。</p>"
        page.body = Data(String(decoding: page.body, as: UTF8.self).replacingOccurrences(of: "{{overview}}", with: sections).utf8)
        return page
    }

    /// Host, password and token: any failure is refused before anything is read.
    func refuse(_ request: WorkbenchRequest) -> WorkbenchResponse? {
        let host = request.headers["host"].map(Self.hostname) ?? ""
        guard options.hostnames.contains(host) else {
            return .error(403, code: "bad-host", message: "このアドレスからは使えません", hint: "koe serve が表示したアドレスを開いてください")
        }
        if let password = options.password {
            guard let given = Self.basicPassword(request.headers["authorization"]), ServeToken.matches(given, password) else {
                var denied = WorkbenchResponse.error(401, code: "password-required", message: "パスワードが必要です")
                denied.headers.append(("WWW-Authenticate", "Basic realm=\"koe\", charset=\"UTF-8\""))
                return denied
            }
        }
        guard ServeToken.matches(request.headers["x-koe-token"] ?? request.query["token"], token) else {
            return .error(
                403, code: "token-required", message: "アクセスにはトークンが必要です",
                hint: "koe serve が最初に表示したアドレス（?token= 付き）を開いてください")
        }
        return nil
    }

    /// CSRF: a write needs the token in the X-Koe-Token header (a cross-site form cannot set it), a JSON body,
    /// and, when the browser names them, the same origin. Then --read-only refuses it.
    func refuseWrite(_ request: WorkbenchRequest) -> WorkbenchResponse? {
        let sameOrigin = request.headers["origin"].map { $0.lowercased() == "http://" + (request.headers["host"] ?? "").lowercased() }
        let site = request.headers["sec-fetch-site"]
        guard ServeToken.matches(request.headers["x-koe-token"], token), sameOrigin ?? true,
            site == nil || site == "same-origin",
            request.headers["content-type"]?.lowercased().hasPrefix("application/json") == true
        else {
            return .error(
                403, code: "csrf-refused", message: "この書き込みは受け付けられません（別のサイトからの操作の可能性があります）",
                hint: "ワークベンチの画面から操作してください")
        }
        if options.readOnly {
            return .error(403, code: "read-only", message: "読み取り専用で起動しているため保存できません", hint: "--read-only を付けずに koe serve を起動してください")
        }
        return nil
    }

    /// `127.0.0.1:8080` → `127.0.0.1`; `[::1]:80` → `[::1]`.
    static func hostname(_ host: String) -> String {
        let lowered = host.lowercased()
        if lowered.hasPrefix("[") { return lowered.firstIndex(of: "]").map { String(lowered[...$0]) } ?? lowered }
        return lowered.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
    }

    /// The password of an HTTP Basic `Authorization` header.
    static func basicPassword(_ header: String?) -> String? {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[text.index(after: colon)...])
    }

    /// The API: errors of the store become JSON errors with their code and Japanese message.
    private func api(_ request: WorkbenchRequest) -> WorkbenchResponse {
        do {
            return try WorkbenchAPI(store: store, options: options).respond(request)
        } catch let error as KoeError {
            let d = error.diagnostic
            return .error(d.code == "workspace-error" ? 500 : 400, code: d.code, message: d.message, hint: d.hint ?? "")
        } catch {
            return .error(500, code: "internal", message: "処理に失敗しました: \(error)")
        }
    }
}
