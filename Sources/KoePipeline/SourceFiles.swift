// SourceFiles — expands a source path or glob (relative to the pipeline file) into sorted files.
import Foundation
import KoeCore

enum SourceFiles {
    /// The files a source entry names: a path, or a glob with `*`/`?` in its last component(s).
    /// A pattern that matches nothing is an error naming the pipeline line.
    static func expand(_ source: SourceConfig, config: PipelineConfig) throws -> [(url: URL, display: String)] {
        let pattern = source.path
        let location = SourceLocation(file: config.displayPath, row: source.line)
        if !pattern.contains("*") && !pattern.contains("?") {
            let url = config.resolve(pattern)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw KoeError(
                    code: "file-not-found", message: "入力ファイルが見つかりません: \(pattern)（\(url.path)）",
                    hint: "パイプラインファイルからの相対パスで書いてください", location: location)
            }
            try InputFile.requireRegular(url, display: pattern)
            return [(url, display(url, base: config.baseDirectory))]
        }
        let full = config.resolve(pattern).path
        var parts = full.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var base = "/"
        // The fixed prefix (no wildcard) is the folder to list.
        while let first = parts.first, !first.contains("*"), !first.contains("?"), parts.count > 1 {
            base = (base as NSString).appendingPathComponent(first)
            parts.removeFirst()
        }
        var matches: [String] = []
        walk(base, parts, &matches)
        matches.sort()
        for match in matches {
            let shown = display(URL(fileURLWithPath: match), base: config.baseDirectory)
            try InputFile.requireRegular(URL(fileURLWithPath: match), display: shown)
            // A link inside the listed folder that points elsewhere (passwd.md -> /etc/passwd) is not read.
            if InputFile.linkLeaves(match, folder: base) {
                throw KoeError(
                    code: "link-outside-folder",
                    message: "\(InertText.singleLine(shown)) はフォルダ（\(base)）の外を指すリンクです。リンク先は読み込みません",
                    hint: "読み込むファイルをフォルダの中に置くか、パイプラインファイルにその場所を直接書いてください",
                    location: location)
            }
        }
        if matches.isEmpty {
            throw KoeError(
                code: "no-files", message: "「\(pattern)」に当てはまるファイルがありません",
                hint: "パスとファイル名のパターンを確認してください（パイプラインファイルからの相対パスです）", location: location)
        }
        return matches.map { (URL(fileURLWithPath: $0), display(URL(fileURLWithPath: $0), base: config.baseDirectory)) }
    }

    private static func walk(_ base: String, _ parts: [String], _ out: inout [String]) {
        guard let first = parts.first else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && fnmatch(first, name, 0) == 0 {
            let path = (base as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if parts.count == 1 {
                if !isDirectory.boolValue { out.append(path) }
            } else if isDirectory.boolValue {
                walk(path, Array(parts.dropFirst()), &out)
            }
        }
    }

    /// A path for messages and provenance: relative to the pipeline file's folder (so outputs do not
    /// depend on where koe was started), e.g. `../Samples/survey/citizen-survey.csv`.
    static func display(_ url: URL, base: URL) -> String {
        let target = url.standardizedFileURL.pathComponents
        let from = base.standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, from.count) && target[common] == from[common] { common += 1 }
        if common <= 1 { return url.standardizedFileURL.path }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}
