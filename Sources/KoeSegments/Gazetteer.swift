// Gazetteer — maps town and area names to elementary-school districts (小学校区) from a CSV (name,district),
// matching names with and without 地区/町/区/小学校区 suffixes.
import Foundation
import KoeCore
import KoeText

/// Town / area name → 小学校区.
public struct Gazetteer: Sendable {
    /// Exact (normalized) names first; then names with suffixes removed, when unambiguous.
    private var exact: [String: String] = [:]
    private var stripped: [String: String] = [:]
    private var ambiguous: Set<String> = []
    private var districtSet: Set<String> = []
    /// The longest normalized name (a longer answer cannot match, even with every suffix stripped).
    private var longestKey = 0
    /// The district names, in file order.
    public private(set) var districts: [String] = []
    /// The town and area names as written, in file order (the tokenizer keeps them whole).
    public private(set) var names: [String] = []

    static let suffixes = ["小学校区", "小学校", "校区", "学区", "地区", "地域", "町", "区"]
    /// Suffixes stripped from one name at most (広丘町地区小学校区 needs three): bounds the work per answer, so a
    /// cell of 60,000 「区」 is unmapped at once instead of being copied once per suffix.
    static let maxStrips = 4
    /// Characters the stripped suffixes can add to a name at most.
    static let maxSuffixLength = maxStrips * 4

    /// Builds a gazetteer from (name, district) pairs.
    public init(entries: [(name: String, district: String)]) {
        for (name, district) in entries { add(name: name, district: district) }
        names = entries.map(\.name)
        for district in districts { add(name: district, district: district) }
    }

    private mutating func add(name: String, district: String) {
        if districtSet.insert(district).inserted { districts.append(district) }
        let key = Gazetteer.normalize(name)
        guard !key.isEmpty else { return }
        longestKey = max(longestKey, key.count)
        if exact[key] == nil { exact[key] = district }
        for form in Gazetteer.strippedForms(key) {
            if let existing = stripped[form], existing != district { ambiguous.insert(form) } else { stripped[form] = district }
        }
    }

    /// The 小学校区 for a raw district or town answer; nil when unmapped.
    public func district(for raw: String) -> String? {
        // Far longer than any name in the table: no place name, and not worth normalizing.
        if raw.utf16.count > 8 * (longestKey + Gazetteer.maxSuffixLength) + 256 { return nil }
        let key = Gazetteer.normalize(raw)
        if key.isEmpty || key.count > longestKey + Gazetteer.maxSuffixLength { return nil }
        if let d = exact[key] { return d }
        for form in Gazetteer.strippedForms(key) where !ambiguous.contains(form) {
            if let d = stripped[form] { return d }
        }
        return nil
    }

    static func normalize(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "　", with: "").lowercased()
    }

    /// The name with one or more known suffixes removed (never down to nothing): 広丘小学校区 → 広丘.
    static func strippedForms(_ key: String) -> [String] {
        var out: [String] = []
        var current = key
        var changed = true
        while changed && out.count < maxStrips {
            changed = false
            for suffix in suffixes where current.hasSuffix(suffix) && current.count > suffix.count {
                current = String(current.dropLast(suffix.count))
                out.append(current)
                changed = true
                break
            }
        }
        return out.isEmpty ? [key] : out + [key]
    }

    /// Reads a gazetteer CSV with a header row `name,district` (or 名称/地名, 小学校区/学区) in `encoding` (nil:
    /// UTF-8 with or without BOM, or CP932 as Excel saves it); RFC 4180 quoting.
    public static func load(url: URL, displayPath: String, encoding: TextEncoding? = nil) throws -> Gazetteer {
        try InputFile.requireRegular(url, display: displayPath)
        guard let data = try? Data(contentsOf: url) else {
            throw KoeError(
                code: "file-unreadable", message: "地区の対応表を読めません", hint: "パスが正しいか確かめてください",
                location: SourceLocation(file: displayPath))
        }
        let text = try DecodedText.strictText(
            data, encoding: encoding, what: "地区の対応表", hint: "Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください",
            displayPath: displayPath)
        let rows = try SimpleCSV.rows(text, displayPath: displayPath)
        guard let header = rows.first else {
            throw KoeError(
                code: "empty-file", message: "地区の対応表が空です", hint: "1行目に name,district の見出しを書いてください",
                location: SourceLocation(file: displayPath, row: 1))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let n = names.firstIndex(where: { ["name", "名称", "地名", "町名"].contains($0) }),
            let d = names.firstIndex(where: { ["district", "小学校区", "学区", "校区"].contains($0) })
        else {
            throw KoeError(
                code: "missing-columns", message: "地区の対応表に name と district の列がありません（見出し: \(header.fields.joined(separator: ","))）",
                hint: "1行目を name,district にしてください（name = 町名・地区名、district = 小学校区）",
                location: SourceLocation(file: displayPath, row: header.line))
        }
        var entries: [(name: String, district: String)] = []
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard n < row.fields.count, d < row.fields.count,
                !row.fields[d].trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw KoeError(
                    code: "missing-cell", message: "\(row.line) 行目に district（小学校区）がありません",
                    hint: "各行に 町名,小学校区 の2つを書いてください",
                    location: SourceLocation(file: displayPath, row: row.line, column: "district", columnLetter: ExcelColumn.letter(d)))
            }
            entries.append((row.fields[n].trimmingCharacters(in: .whitespaces), row.fields[d].trimmingCharacters(in: .whitespaces)))
        }
        return Gazetteer(entries: entries)
    }
}

/// A minimal RFC 4180 reader for small configuration CSVs (the gazetteer).
enum SimpleCSV {
    struct Row {
        var line: Int
        var fields: [String]
    }

    static func rows(_ text: String, displayPath: String) throws -> [Row] {
        var rows: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true; quoteLine = line
            case ",": fields.append(field); field = ""
            case "\r": continue
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []; field = ""
                line += 1; rowLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw KoeError(
                code: "unclosed-quote", message: "\(quoteLine) 行目の「\"」が閉じられていません",
                hint: "引用符の対応を確かめてください", location: SourceLocation(file: displayPath, row: quoteLine))
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
