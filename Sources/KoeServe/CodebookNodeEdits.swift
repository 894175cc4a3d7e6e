// CodebookNodeEdits — the codebook edits beyond one keyword, each a minimal text edit of the user's YAML: an
// area's `rule` set or replaced (one line; comments, order and the other keys stay), and a new area node (from a
// theme) appended under its parent's `children` (made when missing) or at the end of the top-level list.
import Foundation

extension CodebookEditor {
    /// The line range of the node whose `code` line is `start`: up to the next line indented less than its keys.
    static func nodeEnd(_ lines: [String], start: Int, keyIndent: Int) -> Int {
        var end = start + 1
        while end < lines.count {
            let trimmed = lines[end].trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), indent(lines[end]) < keyIndent { break }
            end += 1
        }
        return end
    }

    /// `text` with the area `code`'s rule set to `rule` (the old `rule:` line, or a block scalar's lines, replaced;
    /// else a line added after `keywords`, `exclude` or `name`); nil when the area's node is not found.
    static func settingRule(_ rule: String, for code: String, in text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { codeOf($0) == code }) else { return nil }
        let keyIndent = indentOfKey(lines[start])
        var end = nodeEnd(lines, start: start, keyIndent: keyIndent)
        if let children = (start + 1..<end).first(where: {
            indent(lines[$0]) == keyIndent && keyBody(lines[$0], keyIndent: keyIndent).hasPrefix("children:")
        }) {
            end = children
        }
        let line = String(repeating: " ", count: keyIndent) + "rule: " + quotedAlways(rule)
        if let i = (start + 1..<end).first(where: {
            indent(lines[$0]) == keyIndent && lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("rule:")
        }) {
            let value = lines[i].trimmingCharacters(in: .whitespaces).dropFirst("rule:".count).trimmingCharacters(in: .whitespaces)
            var last = i
            if value.hasPrefix("|") || value.hasPrefix(">") {
                while last + 1 < end, indent(lines[last + 1]) > keyIndent || lines[last + 1].trimmingCharacters(in: .whitespaces).isEmpty {
                    last += 1
                }
            }
            // A comment after the old value stays on the line.
            let comment =
                value.hasPrefix("\"") || value.hasPrefix("'") ? "" : value.range(of: " #").map { String(value[$0.lowerBound...]) } ?? ""
            lines.replaceSubrange(i...last, with: [line + comment])
            return lines.joined(separator: "\n")
        }
        let anchor =
            (start..<end).last {
                ["keywords:", "exclude:"].contains(where: keyBody(lines[$0], keyIndent: keyIndent).hasPrefix)
                    && indent(lines[$0]) == keyIndent
            }
            ?? (start..<end).last { keyBody(lines[$0], keyIndent: keyIndent).hasPrefix("name:") } ?? start
        // A block `keywords:` list continues on the lines below its key.
        var after = anchor
        while after + 1 < end, indent(lines[after + 1]) > keyIndent, lines[after + 1].trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
            after += 1
        }
        lines.insert(line, at: after + 1)
        return lines.joined(separator: "\n")
    }

    /// `text` with a new area node (code, name, keywords) appended as the last child of `parent` (nil: at the end
    /// of the top-level list); nil when the parent is not found or `code` is already used.
    static func addingArea(code: String, name: String, keywords: [String], under parent: String?, in text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard !lines.contains(where: { codeOf($0) == code }) else { return nil }
        func node(_ indent: Int) -> [String] {
            let pad = String(repeating: " ", count: indent)
            return [pad + "- code: " + quotedAlways(code), pad + "  name: " + quoted(name)]
                + (keywords.isEmpty ? [] : [pad + "  keywords: [" + keywords.map(quoted).joined(separator: ", ") + "]"])
        }
        guard let parent else {
            let top = lines.filter { codeOf($0) != nil }.map(indent).min() ?? 0
            while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            return (lines + node(top)).joined(separator: "\n") + "\n"
        }
        guard let start = lines.firstIndex(where: { codeOf($0) == parent }) else { return nil }
        let keyIndent = indentOfKey(lines[start])
        var end = nodeEnd(lines, start: start, keyIndent: keyIndent)
        while end > start + 1,
            lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty
                || lines[end - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#")
        {
            end -= 1
        }
        if let children = (start + 1..<end).first(where: {
            indent(lines[$0]) == keyIndent && keyBody(lines[$0], keyIndent: keyIndent).hasPrefix("children:")
        }) {
            let item =
                (children + 1..<end).first { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("- ") }.map { indent(lines[$0]) }
                ?? keyIndent + 2
            lines.insert(contentsOf: node(item), at: end)
        } else {
            lines.insert(contentsOf: [String(repeating: " ", count: keyIndent) + "children:"] + node(keyIndent + 2), at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// A double-quoted YAML scalar (rules hold `|`, `&`, `!`; codes must stay strings).
    static func quotedAlways(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
