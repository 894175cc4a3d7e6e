// ServeFixture — a small run for the workbench tests: a survey with a hostile answer, a phone number, a
// workshop file, and a copy of the sample codebook (so saving a keyword never touches the repository).
import Foundation
import KoeCore
import KoePipeline
import KoeServe

final class ServeFixture {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>保育園を増やして\"'&amp; 」（30代・女性）「偽"
    static let token = String(repeating: "ab", count: 32)

    let folder: URL
    var workspace: URL { folder.appendingPathComponent("out/koe.sqlite") }
    var codebook: URL { folder.appendingPathComponent("codebook.yml") }
    var config: PipelineConfig?

    init(extraRows: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("koe-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.samples.appendingPathComponent("codebook.yml"), to: folder.appendingPathComponent("codebook.yml"))
        var rows = ["ID,年代,性別,地区,要望"]
        for i in 1...8 { rows.append("a\(i),30代,女性,広丘,保育園の延長保育を夜まで延ばしてほしい。毎日の送迎が大変で、仕事との両立が難しいです。") }
        for i in 1...6 { rows.append("b\(i),60代,男性,洗馬,バスの本数を増やしてほしい。\(i)便では病院に通えない。") }
        rows.append("h1,30代,女性,広丘,\"\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))\"")
        rows.append("p1,30代,女性,広丘,公園の遊具が古いので新しくしてほしい。管理人の山田さんに電話0263-52-1234で伝えた。")
        rows.append("u1,40代,男性,広丘,空き家が増えて景観が心配です。")
        rows.append("r1,30代,女性,広丘,娘のひなが通う公園に屋根のある休憩所がほしい。")
        rows += extraRows
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let text = """
            # the team's pipeline
            sources:
              - path: s.csv
                columns: {ID: id, 年代: age, 性別: gender, 地区: district, 要望: text}
            codebook: codebook.yml
            quotes: {per_area: 20, min_cell: 5}
            output: out
            """
        try text.write(to: folder.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        config = try PipelineConfig.load(folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        try run()
    }

    /// Runs the pipeline again (after the CSV changed, say).
    func run() throws {
        let config = try PipelineConfig.load(folder.appendingPathComponent("p.yml"), displayPath: "p.yml")
        self.config = config
        _ = try PipelineRunner(config: config, diagnostics: DiagnosticCollector()).run()
    }

    /// Replaces the survey's rows beyond the header.
    func rewrite(_ transform: (String) -> String) throws {
        let url = folder.appendingPathComponent("s.csv")
        try transform(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func workbench(readOnly: Bool = false) throws -> Workbench {
        var options = WorkbenchOptions()
        options.readOnly = readOnly
        options.codebook = codebook
        return try Workbench(store: try WorkbenchStore(url: workspace, readOnly: readOnly), options: options, token: Self.token)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

extension Workbench {
    /// A GET as the pages make it (loopback host, token in the query).
    func get(_ target: String, token: String? = ServeFixture.token, host: String = "127.0.0.1:8800") -> WorkbenchResponse {
        let separator = target.contains("?") ? "&" : "?"
        let full = token.map { target + separator + "token=" + $0 } ?? target
        return handle(WorkbenchRequest(method: "GET", target: full, headers: ["Host": host]))
    }

    /// A POST as the pages make it: JSON body, token header, same origin.
    func post(_ path: String, _ json: String, headers extra: [String: String] = [:]) -> WorkbenchResponse {
        var headers = [
            "Host": "127.0.0.1:8800", "X-Koe-Token": ServeFixture.token, "Content-Type": "application/json",
            "Origin": "http://127.0.0.1:8800", "Sec-Fetch-Site": "same-origin",
        ]
        for (k, v) in extra { headers[k] = v }
        headers = headers.filter { !$0.value.isEmpty }
        return handle(WorkbenchRequest(method: "POST", target: path, headers: headers, body: Data(json.utf8)))
    }
}

extension WorkbenchResponse {
    /// The body parsed as a JSON object.
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    /// `quotes` of a /api/quotes answer.
    var quotes: [[String: Any]] { object["quotes"] as? [[String: Any]] ?? [] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}
