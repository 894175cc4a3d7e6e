// QuoteSearch — what `koe quotes` needs from the pipeline side: the workspace a pipeline file writes, whether
// that workspace is older than the pipeline, its codebook or its inputs, and search words made by koe's own
// tokenizer and normalizer (so 子供 finds 子ども, as the word index was built the same way).
import Foundation
import KoeCore
import KoeText
import KoeWorkspace

/// Locating and checking a run's workspace, and turning search text into word keys.
public enum QuoteSearch {
    /// The content-word keys of `text`, as the run indexed opinions' words.
    public static func words(_ text: String) throws -> [String] {
        ContentWords.keys(try Tokenizer().tokenize(text))
    }

    /// The content-word keys of `text` for searching `workspace`. The run kept some words whole (codebook keywords
    /// such as 消防団, district names, the pipeline's `words:`) where the plain tokenizer would split them; each
    /// space-separated part whose whole key is a term of the workspace's index is searched as that one word.
    public static func words(_ text: String, in workspace: QuoteWorkspace) throws -> [String] {
        let tokenizer = try Tokenizer()
        var keys: [String] = []
        for part in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let whole = ContentWords.keys(tokenizer.tokenize(part, words: WordLexicon(words: [part])))
            if whole.count == 1, try workspace.hasWord(whole[0]) {
                keys += whole
            } else {
                keys += ContentWords.keys(tokenizer.tokenize(part))
            }
        }
        return keys
    }

    /// The koe.sqlite a pipeline's run writes (in its output folder).
    public static func workspaceURL(_ config: PipelineConfig) throws -> URL {
        guard let output = config.output else {
            throw KoeError(
                code: "missing-key", message: "パイプラインファイルに output がないため、ワークスペースの場所が分かりません",
                hint: "--workspace で koe.sqlite を指定してください", location: SourceLocation(file: config.displayPath))
        }
        return config.resolve(output).appendingPathComponent("koe.sqlite")
    }

    /// Why the workspace is stale for this pipeline (nil when it is current): the pipeline file, the codebook
    /// or an input changed after the run, or an input was added or removed.
    public static func staleness(_ workspace: QuoteWorkspace, config: PipelineConfig) throws -> String? {
        let files = FileManager.default
        func modified(_ url: URL) -> Date? {
            (try? files.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        }
        guard let built = modified(workspace.url) else { return nil }
        if let m = modified(config.file), m > built { return "パイプラインファイル \(config.displayPath) が前回の実行より後に変更されています" }
        if let codebook = config.codebook {
            let url = config.resolve(codebook)
            if let recorded = try workspace.meta("codebook_sha256"), FileHash.sha256(url)?.hex != recorded {
                return "コードブック \(codebook) が前回の実行より後に変更されています"
            }
        }
        let recorded = Dictionary(try workspace.sources().map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        var current: Set<String> = []
        for source in config.sources {
            for (url, display) in (try? SourceFiles.expand(source, config: config)) ?? [] {
                current.insert(display)
                let bytes = (try? files.attributesOfItem(atPath: url.path))?[.size] as? Int
                if recorded[display] == nil { return "入力 \(display) は前回の実行に含まれていません" }
                if bytes != recorded[display] || (modified(url).map { $0 > built } ?? false) {
                    return "入力 \(display) が前回の実行より後に変更されています"
                }
            }
        }
        if let gone = recorded.keys.sorted().first(where: { !current.contains($0) }) {
            return "前回の実行の入力 \(gone) がパイプラインにもうありません"
        }
        return nil
    }
}
