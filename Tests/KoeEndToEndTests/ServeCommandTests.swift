// `koe serve` as a user starts it: the first stdout line (into a pipe) is the loopback address with a 64-digit
// token; over real HTTP a request without the token gets 403, path escapes (sent byte for byte, not cleaned by
// a client) get 404 and never a file, --read-only refuses a write; `koe quotes --chosen` prints the choices.
import Foundation
import KoeWorkspace
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

final class ServeCommandTests: XCTestCase {
    /// Sends `request` as written to 127.0.0.1:`port` and returns the whole response.
    static func raw(_ request: String, port: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0)
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) }
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testServeOverHTTP() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("koe-serve-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try SampleRunTests.run(["run", "Pipelines/sample.yml", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let workspace = out.appendingPathComponent("koe.sqlite").path
        for readOnly in [false, true] {
            let process = Process()
            process.executableURL = SampleRunTests.koe
            process.arguments = ["serve", "--workspace", workspace] + (readOnly ? ["--read-only"] : [])
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardError = Pipe()
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            // The first line arrives through a pipe at once (not held in a buffer until exit).
            var line = Data()
            while !line.contains(0x0A) {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            let first = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            let pattern = try NSRegularExpression(pattern: #"^http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{64})$"#)
            let match = try XCTUnwrap(pattern.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)), first)
            let port = try XCTUnwrap(Int((first as NSString).substring(with: match.range(at: 1))))
            let token = (first as NSString).substring(with: match.range(at: 2))
            func get(_ target: String) throws -> String {
                try Self.raw("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port)
            }
            XCTAssertTrue(try get("/api/quotes").hasPrefix("HTTP/1.1 403"))
            XCTAssertTrue(try get("/?token=\(token)").hasPrefix("HTTP/1.1 200"))
            let quotes = try get("/api/quotes?token=\(token)&area=1-2&limit=3")
            XCTAssertTrue(quotes.hasPrefix("HTTP/1.1 200"), quotes)
            XCTAssertTrue(quotes.contains("Content-Security-Policy: default-src 'none'"), quotes)
            for path in [
                "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd",
                "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            ] {
                let response = try get(path + "?token=\(token)")
                XCTAssertTrue(response.hasPrefix("HTTP/1.1 404"), "\(path): \(response.prefix(40))")
                XCTAssertFalse(response.contains("root:"), path)
            }
            let body = #"{"id":"citizen-survey-12-G","area":"1-2","choice":"use"}"#
            let post = try Self.raw(
                "POST /api/choices HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Koe-Token: \(token)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)", port: port)
            XCTAssertTrue(post.hasPrefix(readOnly ? "HTTP/1.1 403" : "HTTP/1.1 200"), post)
        }
        // The choice made over HTTP is printed by koe quotes --chosen, under its area.
        let chosen = try SampleRunTests.run(["quotes", "--workspace", workspace, "--chosen", "--format", "md"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertTrue(chosen.stdout.hasPrefix("## 1-2 "), chosen.stdout)
        XCTAssertTrue(chosen.stdout.contains("`citizen-survey-12-G`"), chosen.stdout)
        let jsonl = try SampleRunTests.run(["quotes", "--workspace", workspace, "--chosen", "--format", "jsonl"])
        let object = try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["area"] as? String, "1-2")
        XCTAssertEqual(object?["id"] as? String, "citizen-survey-12-G")
    }
}
