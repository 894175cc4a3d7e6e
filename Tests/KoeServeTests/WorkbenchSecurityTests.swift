// WorkbenchSecurityTests — koe serve's rules on every request: the token (query or header; 403 without),
// the Host guard, CSRF on writes (header token, JSON, same origin), --read-only, paths that try to leave the
// served table (plain and percent-encoded), hostile citizen text escaped, and the security headers.
import Foundation
import KoeServe
import XCTest

final class WorkbenchSecurityTests: XCTestCase {
    var fixture: ServeFixture!
    var bench: Workbench!

    override func setUpWithError() throws {
        fixture = try ServeFixture()
        bench = try fixture.workbench()
    }

    func testTokenIsRequiredOnEveryRequest() {
        for path in ["/", "/codebook", "/overview", "/static/app.css", "/static/quotes.js", "/api/quotes", "/api/meta", "/nothing"] {
            XCTAssertEqual(bench.get(path, token: nil).status, 403, path)
            XCTAssertEqual(bench.get(path, token: "ab").status, 403, "short token: \(path)")
            XCTAssertEqual(bench.get(path, token: String(repeating: "ab", count: 31) + "ac").status, 403, "wrong token: \(path)")
        }
        XCTAssertEqual(bench.get("/api/quotes", token: nil).errorCode, "token-required")
        XCTAssertEqual(bench.get("/").status, 200)
        XCTAssertEqual(bench.get("/api/quotes").status, 200)
        let header = bench.handle(
            WorkbenchRequest(method: "GET", target: "/api/meta", headers: ["Host": "127.0.0.1:9", "X-Koe-Token": ServeFixture.token]))
        XCTAssertEqual(header.status, 200, "the header carries the token too")
        XCTAssertNotEqual(ServeToken.make(), ServeToken.make())
        XCTAssertEqual(ServeToken.make().count, 64)
    }

    func testForeignHostIsRefused() {
        // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the workbench.
        XCTAssertEqual(bench.get("/api/quotes", host: "evil.example:8800").status, 403)
        XCTAssertEqual(bench.get("/api/quotes", host: "evil.example:8800").errorCode, "bad-host")
        XCTAssertEqual(bench.get("/api/quotes", host: "localhost:8800").status, 200)
    }

    func testPagesCarryTheTokenAndStrictHeaders() {
        let page = bench.get("/")
        XCTAssertTrue(page.text.contains("/static/quotes.js?token=\(ServeFixture.token)"), "scripts are loaded with the token")
        XCTAssertFalse(page.text.contains("{{token}}"))
        let csp = page.header("Content-Security-Policy") ?? ""
        XCTAssertTrue(csp.contains("default-src 'none'"), csp)
        XCTAssertTrue(csp.contains("script-src 'self'"), csp)
        XCTAssertFalse(csp.contains("unsafe-inline"), csp)
        XCTAssertFalse(csp.contains("http"), "no external origin is allowed: \(csp)")
        XCTAssertEqual(page.header("X-Content-Type-Options"), "nosniff")
        XCTAssertEqual(page.header("Referrer-Policy"), "no-referrer")
        XCTAssertEqual(bench.get("/api/quotes", token: nil).header("Content-Security-Policy"), csp, "refusals carry it too")
        for path in ["/", "/codebook", "/overview"] {
            let html = bench.get(path).text
            XCTAssertFalse(html.contains("<script>"), "no inline script: \(path)")
            XCTAssertFalse(html.contains("style=\""), "no inline style: \(path)")
            XCTAssertFalse(html.contains("http://") || html.contains("https://"), "no external resource: \(path)")
            XCTAssertTrue(html.contains("lang=\"ja\""), path)
        }
    }

    func testPathEscapesNeverOpenAFile() {
        let attempts = [
            "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/static/../../../etc/passwd",
            "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%252e%252e/etc/passwd", "//etc/passwd", "/static//etc/passwd",
            "/static/app.css/../../etc/passwd", "/static/..\\..\\etc\\passwd", "/static/%5c..%5c..%5cetc%5cpasswd",
            "/etc/passwd", "/static/app.css%00.html", "/api/../../etc/passwd", "/static/quotes.html", "/web/quotes.html",
            "/Package.swift", "/static/", "/static",
        ]
        for path in attempts {
            let response = bench.get(path)
            XCTAssertEqual(response.status, 404, path)
            XCTAssertFalse(response.text.contains("root:"), path)
        }
    }

    func testWritesNeedCSRFProofs() {
        let body = #"{"id":"s-2-E","area":"1-2","choice":"reject"}"#
        XCTAssertEqual(bench.post("/api/choices", body).status, 200)
        // The token only in the query (a cross-site form or img could carry it): refused.
        let queryOnly = bench.handle(
            WorkbenchRequest(
                method: "POST", target: "/api/choices?token=\(ServeFixture.token)",
                headers: ["Host": "127.0.0.1:8800", "Content-Type": "application/json"], body: Data(body.utf8)))
        XCTAssertEqual(queryOnly.status, 403)
        XCTAssertEqual(queryOnly.errorCode, "csrf-refused")
        XCTAssertEqual(bench.post("/api/choices", body, headers: ["Origin": "http://evil.example"]).errorCode, "csrf-refused")
        XCTAssertEqual(bench.post("/api/choices", body, headers: ["Origin": "http://127.0.0.1:9999"]).status, 403)
        XCTAssertEqual(bench.post("/api/choices", body, headers: ["Sec-Fetch-Site": "cross-site"]).status, 403)
        XCTAssertEqual(
            bench.post("/api/choices", body, headers: ["Content-Type": "text/plain"]).status, 403, "simple-request bodies refused")
        XCTAssertEqual(bench.post("/api/choices", body, headers: ["X-Koe-Token": "ab"]).status, 403)
        XCTAssertEqual(bench.post("/", body).status, 404)
        let put = bench.handle(
            WorkbenchRequest(method: "PUT", target: "/api/choices?token=\(ServeFixture.token)", headers: ["Host": "127.0.0.1:1"]))
        XCTAssertEqual(put.status, 405)
    }

    func testReadOnlyRefusesWrites() throws {
        let readOnly = try fixture.workbench(readOnly: true)
        XCTAssertEqual(readOnly.get("/api/quotes").status, 200)
        for (path, body) in [
            ("/api/choices", #"{"id":"s-2-E","area":"1-2","choice":"use"}"#), ("/api/masks", #"{"id":"s-2-E","span":"保育園"}"#),
            ("/api/codebook/save", #"{"area":"1-2","keyword":"送迎"}"#),
        ] {
            let response = readOnly.post(path, body)
            XCTAssertEqual(response.status, 403, path)
            XCTAssertEqual(response.errorCode, "read-only", path)
        }
        XCTAssertEqual(try String(contentsOf: fixture.codebook, encoding: .utf8).contains("送迎"), false)
        XCTAssertEqual(try readOnly.get("/api/meta").object["read_only"] as? Bool, true)
    }

    func testHostileQuoteTextIsEscaped() throws {
        let response = bench.get("/api/quotes?search=保育園&limit=50")
        XCTAssertEqual(response.status, 200)
        XCTAssertFalse(response.text.contains("<script>"), "raw markup never appears in the JSON text")
        XCTAssertFalse(response.text.contains("<img"))
        XCTAssertTrue(response.text.contains("\\u003cscript\\u003e"))
        let hostile = try XCTUnwrap(response.quotes.first { ($0["id"] as? String) == "s-16-E" })
        let text = try XCTUnwrap(hostile["text"] as? String)
        XCTAssertTrue(text.hasPrefix("<script>alert(1)</script>"), "the citizen's words are kept, as data: \(text)")
        XCTAssertTrue(text.contains("』（30代・女性）『"), "inner brackets cannot forge an attribution: \(text)")
        let opinion = bench.get("/api/opinion?id=s-16-E")
        XCTAssertFalse(opinion.text.contains("<script>"))
        // The pages never hold opinion text: scripts write it with textContent (checked in the browser proof).
        for path in ["/", "/codebook", "/overview", "/static/quotes.js", "/static/common.js", "/static/codebook.js"] {
            XCTAssertFalse(bench.get(path).text.contains("alert(1)"), path)
            XCTAssertFalse(bench.get(path).text.contains("innerHTML"), "no innerHTML: \(path)")
        }
        XCTAssertEqual(JSONValue.string("</script><!--\u{2028}").rendered, "\"\\u003c/script\\u003e\\u003c!--\\u2028\"")
    }

    func testPasswordWhenListeningBeyondLoopback() throws {
        var options = WorkbenchOptions()
        options.password = "correct horse"
        options.hostnames.insert("192.168.1.20")
        let guarded = try Workbench(
            store: try WorkbenchStore(url: fixture.workspace, readOnly: true), options: options, token: ServeFixture.token)
        XCTAssertEqual(guarded.get("/api/meta", host: "192.168.1.20:8800").status, 401)
        func basic(_ password: String) -> WorkbenchResponse {
            guarded.handle(
                WorkbenchRequest(
                    method: "GET", target: "/api/meta?token=\(ServeFixture.token)",
                    headers: [
                        "Host": "192.168.1.20:8800", "Authorization": "Basic " + Data("staff:\(password)".utf8).base64EncodedString(),
                    ]))
        }
        XCTAssertEqual(basic("wrong").status, 401)
        XCTAssertEqual(basic("correct horse").status, 200)
    }
}
