// KHCoderRuleFile — KH Coder coding-rule files (.cod): `＊name` headings, `#` comments, multi-line rules.
import Foundation
import KoeCore
import KoeText

/// Reads KH Coder coding-rule files as a flat codebook (every code at level 1).
public enum KHCoderRuleFile {
    /// One code of the file: its name, the line of its heading, and its parsed rule or the error.
    public struct Entry: Sendable {
        public var name: String
        public var line: Int
        public var ruleText: String
        public var result: Result<RuleExpression, KoeError>
    }

    /// `encoding`, or (nil) UTF-8 with or without BOM when valid, otherwise CP932 (windows-31j); an undecodable
    /// byte is an error naming its line.
    public static func decode(_ data: Data, displayPath: String, encoding: TextEncoding? = nil) throws -> String {
        try DecodedText.strictText(
            data, encoding: encoding, what: "コーディングルールファイル", hint: "UTF-8 か Shift_JIS で保存し直してください",
            displayPath: displayPath)
    }

    /// Splits the file into codes and parses each rule (errors are kept per entry).
    public static func entries(text: String, displayPath: String, tokenizer: Tokenizer) -> [Entry] {
        var entries: [Entry] = []
        var current: (name: String, line: Int, lines: [(number: Int, text: String, column: Int)])?
        func finish() {
            guard let c = current else { return }
            let source = RuleSource(file: displayPath, lines: c.lines)
            let ruleText = c.lines.map(\.text).joined(separator: "\n")
            var parser = RuleParser(source: source, keys: { tokenizer.keys($0) })
            let result: Result<RuleExpression, KoeError>
            if c.lines.isEmpty {
                result = .failure(
                    KoeError(
                        code: "rule-empty", message: "コード「\(c.name)」にルールがありません",
                        hint: "見出しの次の行にルール（例: 保育園 | 学童）を書いてください",
                        location: SourceLocation(file: displayPath, row: c.line)))
            } else {
                do { result = .success(try parser.parse()) } catch let e as KoeError { result = .failure(e) } catch {
                    result = .failure(KoeError(code: "rule-syntax", message: "\(error)"))
                }
            }
            entries.append(Entry(name: c.name, line: c.line, ruleText: ruleText, result: result))
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            let line = String(raw)
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("#") { continue }
            if line.hasPrefix("＊") || line.hasPrefix("*") {
                finish()
                current = (String(line.dropFirst()).trimmingSpaces, number, [])
                continue
            }
            if trimmed.isEmpty { continue }
            current?.lines.append((number, line, 1))
        }
        finish()
        return entries
    }

    static func codebook(text: String, displayPath: String, tokenizer: Tokenizer, diagnostics: DiagnosticSink?) throws -> Codebook {
        var errors: [KoeError] = []
        var areas: [Area] = []
        var seen: [String: Int] = [:]
        for entry in entries(text: text, displayPath: displayPath, tokenizer: tokenizer) {
            let location = SourceLocation(file: displayPath, row: entry.line)
            if let first = seen[entry.name] {
                errors.append(
                    KoeError(
                        code: "duplicate-code", message: "コード名「\(entry.name)」が重複しています（最初は \(first) 行目）",
                        hint: "＊の後の名前を一つずつ別にしてください", location: location))
                continue
            }
            seen[entry.name] = entry.line
            switch entry.result {
            case .success(let rule):
                areas.append(
                    Area(
                        code: entry.name, name: entry.name, level: 1, parentCode: nil, horizon: nil, keywords: [],
                        exclude: [], ruleText: entry.ruleText, rule: rule, location: location))
            case .failure(let e):
                errors.append(e)
            }
        }
        if areas.isEmpty && errors.isEmpty {
            errors.append(
                KoeError(
                    code: "invalid-codebook", message: "コーディングルールがありません",
                    hint: "「＊コード名」の行と、その次の行にルールを書いてください", location: SourceLocation(file: displayPath)))
        }
        for e in errors { diagnostics?.report(e.diagnostic) }
        if var first = errors.first {
            if errors.count > 1 { first.diagnostic.hint = (first.diagnostic.hint ?? "") + "（ほかに \(errors.count - 1) 件の問題があります）" }
            throw first
        }
        return try Codebook(areas: areas, displayPath: displayPath)
    }
}
