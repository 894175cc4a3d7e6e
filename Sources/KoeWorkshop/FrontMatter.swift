// FrontMatter — the YAML block (`---` … `---`) at the top of Markdown/text minutes: title, date, facilitator,
// participants and segments of the session.
import Foundation
import KoeCore
import Yams

/// A session header read from YAML front matter. Keys (English or Japanese):
/// `title`/`タイトル`, `date`/`日付`/`開催日`, `facilitator`/`ファシリテーター`/`進行`, `participants`/`参加者`
/// (a string or a list), `segments`/`属性` (a mapping with `age`/`年代`, `gender`/`性別`, `district`/`地区`),
/// and `age`, `gender`, `district` at the top level as shorthand. `place`/`会場`, `group`/`グループ`, `tags`,
/// `note`/`備考` are accepted and ignored. Any other key is a warning (`front-matter-unknown-key`).
struct FrontMatter {
    var title: String?
    var date: String?
    var facilitator: String?
    var participants: [String] = []
    var segments = RawSegments()
    /// Lines the front matter occupies, including both fences (0 when absent).
    var lineCount = 0

    private static let ignoredKeys: Set<String> = ["place", "会場", "場所", "group", "グループ", "tags", "タグ", "note", "備考", "memo", "メモ"]

    /// Reads front matter from the start of `lines` (if the first line is `---`); limited to 200 lines / 64 KB
    /// and to scalar values, so a YAML alias bomb is never expanded.
    static func parse(lines: [Substring], displayPath: String, diagnostics: DiagnosticSink) throws -> FrontMatter {
        var result = FrontMatter()
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return result }
        var end: Int?
        for index in 1..<min(lines.count, 201) {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line == "---" || line == "..." { end = index; break }
        }
        guard let end else { return result }
        let yaml = lines[1..<end].joined(separator: "\n")
        guard yaml.utf8.count <= 64 << 10 else {
            throw KoeError(
                code: "front-matter-too-large", message: "先頭の YAML（front matter）が大きすぎます（64 KB まで）",
                location: SourceLocation(file: displayPath, row: 1))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw KoeError(
                code: "front-matter-invalid", message: "先頭の YAML（front matter）を読めません: \(error)",
                hint: "`キー: 値` の形で書かれているか確認してください",
                location: SourceLocation(file: displayPath, row: 2))
        }
        guard let root else {
            result.lineCount = end + 1
            return result
        }
        // Not a mapping (e.g. minutes that open with a `---` rule and a list): no front matter, read as notes.
        guard let mapping = root.mapping else { return result }
        result.lineCount = end + 1
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let row = (keyNode.mark?.line ?? 0) + 1
            let location = SourceLocation(file: displayPath, row: row, column: key)
            switch key {
            case "title", "タイトル", "題名": result.title = try scalar(value, location)
            case "date", "日付", "開催日": result.date = try scalar(value, location)
            case "facilitator", "ファシリテーター", "進行": result.facilitator = try scalar(value, location)
            case "participants", "参加者":
                if let items = value.sequence {
                    result.participants = try items.map { try scalar($0, location) ?? "" }.filter { !$0.isEmpty }
                } else if let one = try scalar(value, location) {
                    result.participants = one.split(whereSeparator: { "、,・/".contains($0) })
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            case "segments", "属性":
                guard let inner = value.mapping else {
                    throw KoeError(
                        code: "front-matter-invalid", message: "segments には age / gender / district を書いてください",
                        location: location)
                }
                for (innerKey, innerValue) in inner {
                    let name = innerKey.string ?? ""
                    let innerLocation = SourceLocation(file: displayPath, row: (innerKey.mark?.line ?? 0) + 1, column: name)
                    if !(try result.setSegment(name, innerValue, innerLocation)) {
                        diagnostics.report(
                            Diagnostic(
                                .warning, code: "front-matter-unknown-key",
                                message: "segments の「\(name)」は使われません",
                                hint: "age（年代）、gender（性別）、district（地区）のいずれかを書いてください",
                                location: innerLocation))
                    }
                }
            default:
                if try result.setSegment(key, value, location) { continue }
                if ignoredKeys.contains(key) { continue }
                diagnostics.report(
                    Diagnostic(
                        .warning, code: "front-matter-unknown-key",
                        message: "front matter のキー「\(key)」は使われません",
                        hint: "title、date、facilitator、participants、segments が使えます",
                        location: location))
            }
        }
        return result
    }

    private mutating func setSegment(_ key: String, _ value: Node, _ location: SourceLocation) throws -> Bool {
        switch key {
        case "age", "年代", "年齢": segments.age = try Self.scalar(value, location)
        case "gender", "性別": segments.gender = try Self.scalar(value, location)
        case "district", "地区", "地域", "小学校区": segments.district = try Self.scalar(value, location)
        default: return false
        }
        return true
    }

    private static func scalar(_ node: Node, _ location: SourceLocation) throws -> String? {
        guard let scalar = node.scalar else {
            throw KoeError(
                code: "front-matter-invalid", message: "「\(location.column ?? "")」には 1 つの値を書いてください",
                location: location)
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
