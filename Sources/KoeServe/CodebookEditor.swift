// CodebookEditor — adds a keyword to one area of a YAML codebook as a minimal text edit: the user's comments,
// order, quoting and layout stay; only the area's `keywords` line (flow `[a, b]` or block `- a` list) gains
// the word, or a `keywords: [word]` line is added under the area's name. Saving keeps a backup.
import Foundation
import KoeCore

#if canImport(Glibc)
    import Glibc
#endif

/// Text edits of a codebook file.
enum CodebookEditor {
    /// `text` with `keyword` added to the area `code`; nil when the area's node is not found.
    static func adding(_ keyword: String, to code: String, in text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { codeOf($0) == code }) else { return nil }
        let keyIndent = indentOfKey(lines[start])
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), indent(line) < keyIndent { break }
            if indent(line) == keyIndent, trimmed.hasPrefix("children:") { break }
            end += 1
        }
        let item = quoted(keyword)
        for i in start..<end where indent(lines[i]) == keyIndent || i == start {
            let body = keyBody(lines[i], keyIndent: keyIndent)
            guard body.hasPrefix("keywords:") else { continue }
            let rest = body.dropFirst("keywords:".count)
            if let close = lines[i].lastIndex(of: "]"), rest.contains("[") {
                let inside = lines[i][lines[i].index(after: lines[i].firstIndex(of: "[")!)..<close]
                let separator = inside.trimmingCharacters(in: .whitespaces).isEmpty ? "" : ", "
                lines[i].insert(contentsOf: separator + item, at: close)
                return lines.joined(separator: "\n")
            }
            // Block list: after its last `- item` line.
            var last = i
            var j = i + 1
            while j < end,
                lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("- ") || lines[j].trimmingCharacters(in: .whitespaces).isEmpty
            {
                if lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("- ") { last = j }
                j += 1
            }
            let itemIndent = last > i ? indent(lines[last]) : keyIndent + 2
            lines.insert(String(repeating: " ", count: itemIndent) + "- " + item, at: last + 1)
            return lines.joined(separator: "\n")
        }
        let anchor = (start..<end).last { keyBody(lines[$0], keyIndent: keyIndent).hasPrefix("name:") } ?? start
        lines.insert(String(repeating: " ", count: keyIndent) + "keywords: [\(item)]", at: anchor + 1)
        return lines.joined(separator: "\n")
    }

    /// The area code on a `- code: X` / `code: "X"` line.
    static func codeOf(_ line: String) -> String? {
        var body = line.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("- ") { body = String(body.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        guard body.hasPrefix("code:") else { return nil }
        var value = body.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// The indentation of the node's keys (`- code:` counts the dash as indentation).
    static func indentOfKey(_ line: String) -> Int {
        let n = indent(line)
        return line.dropFirst(n).hasPrefix("- ") ? n + 2 : n
    }

    /// The line without its indentation (and its list dash on the node's first line).
    static func keyBody(_ line: String, keyIndent: Int) -> String {
        var body = line.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("- "), indent(line) + 2 == keyIndent { body = String(body.dropFirst(2)) }
        return body
    }

    /// The keyword as a YAML flow item: plain when safe, double-quoted otherwise.
    static func quoted(_ keyword: String) -> String {
        let special = CharacterSet(charactersIn: ",[]{}:#\"'&*!|>%@`\\")
        let plain =
            keyword.rangeOfCharacter(from: special) == nil && keyword == keyword.trimmingCharacters(in: .whitespaces)
            && !keyword.hasPrefix("-") && !keyword.hasPrefix("?") && Double(keyword) == nil
            && !["true", "false", "null", "yes", "no", "~"].contains(keyword.lowercased())
        if plain { return keyword }
        return "\"" + keyword.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes `text` to `url` after copying the current file to a backup beside it (`NAME.bak`, the first
    /// backup kept as `NAME.orig.bak` so the user's original survives any number of saves). Returns the backup.
    static func save(_ text: String, to url: URL) throws -> URL {
        let files = FileManager.default
        let backup = url.appendingPathExtension("bak")
        let original = url.deletingPathExtension().appendingPathExtension(url.pathExtension + ".orig.bak")
        do {
            if !files.fileExists(atPath: original.path) { try files.copyItem(at: url, to: original) }
            try? files.removeItem(at: backup)
            try files.copyItem(at: url, to: backup)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).koe-saving")
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces the file in one step: a reader sees the old or the new codebook, never neither.
            guard rename(temporary.path, url.path) == 0 else {
                try? files.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw KoeError(
                code: "codebook-unwritable", message: "コードブックを保存できません: \(url.path)（\(error.localizedDescription)）",
                hint: "ファイルが他のアプリで開かれていないか、書き込み権限を確認してください")
        }
        return backup
    }
}
