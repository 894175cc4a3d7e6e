// `koe serve` — the plan team's workbench in a browser (SPEC §9). Glue only: opens the workspace
// (KoeServe.WorkbenchStore), prints the address with its token as the first line and serves until Ctrl+C.
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline
import KoeServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "ワークベンチ（引用の選定・コードブックの育成・概要）をこの PC のブラウザで開きます。",
        discussion: """
            最初の行に表示されるアドレス（トークン付き）をブラウザで開いてください。終了は Ctrl+C です。
            この PC（127.0.0.1）からだけ使えます。他の PC から使うには --host と --password が必要です。
            例:
              koe serve --pipeline Pipelines/sample.yml
              koe serve --workspace out/sample/koe.sqlite --read-only --port 8800
            """
    )

    @Option(help: "パイプラインファイル（その出力フォルダの koe.sqlite を開きます。コードブックの編集にも使います）") var pipeline: String?
    @Option(help: "ワークスペースのファイル（koe.sqlite）") var workspace: String?
    @Option(help: "待ち受けるポート番号（省略時は空いている番号）") var port: Int = 0
    @Flag(name: .customLong("read-only"), help: "閲覧だけにします（選択・伏せ字・コードブックの保存をしません）") var readOnly = false
    @Option(help: "待ち受けるアドレス（既定 127.0.0.1。他のアドレスには --password が必要です）") var host = "127.0.0.1"
    @Option(help: "--host で 127.0.0.1 以外を使うときのパスワード（ブラウザで入力します。8 文字以上）") var password: String?

    func validate() throws {
        guard (pipeline == nil) != (workspace == nil) else {
            throw ValidationError("--pipeline か --workspace のどちらか一つを指定してください")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port は 0〜65535 の番号にしてください") }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if !loopback {
            guard let password, password.count >= 8 else {
                throw ValidationError("--host \(host) で待ち受けるには 8 文字以上の --password が必要です")
            }
        }
    }

    func run() throws {
        try CommandErrors.guarding {
            let config = try pipeline.map { try PipelineConfig.load(URL(fileURLWithPath: $0), displayPath: $0) }
            let url = try config.map(QuoteSearch.workspaceURL) ?? URL(fileURLWithPath: workspace ?? "koe.sqlite")
            let store = try WorkbenchStore(url: url, readOnly: readOnly)
            var options = WorkbenchOptions()
            options.readOnly = readOnly
            options.codebook = config?.codebook.map { config!.resolve($0) }
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                options.password = password
                options.hostnames.insert(host.lowercased())
            }
            let workbench = try Workbench(store: store, options: options)
            let shown = host == "::1" ? "[::1]" : host
            let semaphore = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task.detached {
                do {
                    try await ServeServer.run(workbench, host: host, port: port) { bound in
                        // The first stdout line, flushed at once even into a file or a pipe.
                        FileHandle.standardOutput.write(Data("http://\(shown):\(bound)/?token=\(workbench.token)\n".utf8))
                        Terminal.status("ワークベンチを起動しました（終了は Ctrl+C）: \(url.path)")
                    }
                } catch {
                    failure.error = error
                }
                semaphore.signal()
            }
            semaphore.wait()
            if let error = failure.error {
                throw KoeError(
                    code: "serve-failed", message: "ワークベンチを起動できません: \(error)",
                    hint: "--port で別の番号を指定するか、同じ番号を使っているプログラムを終了してください")
            }
        }
    }
}

/// The server task's error, handed back to the command's thread.
final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}
