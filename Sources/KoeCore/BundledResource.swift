// BundledResource — the data files shipped inside koe (person names, variants, cue lexicons, question types) read
// loudly: a missing or empty resource is an error naming the file, never an empty list that would quietly make
// masking or tagging weaker.
import Foundation

/// Reads koe's own data files (each module's `Bundle.module` resources).
public enum BundledResource {
    /// The diagnostic code of a missing, unreadable or empty bundled resource.
    public static let missingCode = "resource-missing"

    /// The text of resource `name` at `url`; throws `resource-missing` when the file is absent, unreadable or
    /// holds no entry (only blank and `#` comment lines).
    public static func text(_ url: URL?, name: String) throws -> String {
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8), hasEntry(text) else {
            throw KoeError(
                code: missingCode, message: "koe に同梱のデータ「\(name)」が見つからないか空です\(url.map { "（\($0.path)）" } ?? "")",
                hint: "koe のインストールが不完全です。koe の実行ファイルと同じフォルダの koe_*.resources フォルダごと入れ直してください")
        }
        return text
    }

    /// Whether a line of `text` is an entry (neither blank nor a `#` comment). Stops at the first one: the lists
    /// hold up to 100,000 lines and are read at every start.
    static func hasEntry(_ text: String) -> Bool {
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = rest[..<end]
            if !line.isEmpty, !line.hasPrefix("#"), !line.allSatisfy(\.isWhitespace) { return true }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return false
    }

    /// Checks every resource in `resources` (name, url); the first one missing throws.
    public static func check(_ resources: [(name: String, url: URL?)]) throws {
        for resource in resources { _ = try text(resource.url, name: resource.name) }
    }

    /// For a module's built-in `standard` value: the text, or a stop with the message. The command line checks
    /// every resource with `check` first, so staff see the error (exit 1) rather than this stop.
    public static func required(_ url: URL?, name: String) -> String {
        do {
            return try text(url, name: name)
        } catch {
            fatalError("\(error)")
        }
    }
}
