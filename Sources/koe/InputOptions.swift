// InputOptions — the reading flags shared by `koe inspect`, `koe import` and `koe tag`: kind, encoding,
// sheet, header rows, column roles and session segments (each overrides what koe detects).
import ArgumentParser
import Foundation
import KoeCore
import KoePipeline
import KoeSurvey
import KoeText

struct InputOptions: ParsableArguments {
    @Option(help: "ファイルの種類: survey（アンケート）または workshop（ワークショップ記録）。省略時は拡張子と内容から判断")
    var kind: SourceKind?

    @Option(help: "文字コード: auto, utf-8, cp932, utf-16, windows-1252, macintosh, iso-8859-1（省略時は自動判定）")
    var encoding: String?

    @Option(help: "Excel ブック（.xlsx）のシート名（省略時は最初のシート）")
    var sheet: String?

    @Option(name: .customLong("header-rows"), help: "見出し行の数（省略時は形式から判断）")
    var headerRows: Int?

    @Option(name: .customLong("id"), help: "回答者 ID の列（列名または Excel の列記号）")
    var idColumns: [String] = []

    @Option(name: .customLong("text"), help: "自由記述の列（複数指定可）")
    var textColumns: [String] = []

    @Option(name: .customLong("age"), help: "年代の列")
    var ageColumns: [String] = []

    @Option(name: .customLong("gender"), help: "性別の列")
    var genderColumns: [String] = []

    @Option(name: .customLong("district"), help: "地区の列")
    var districtColumns: [String] = []

    @Option(name: .customLong("other"), help: "取り込まない列（自由記述と誤判定された列など）")
    var otherColumns: [String] = []

    @Option(name: .customLong("session-age"), help: "ワークショップ全体の年代（例: 10代）")
    var sessionAge: String?

    @Option(name: .customLong("session-district"), help: "ワークショップ全体の地区（例: 広丘）")
    var sessionDistrict: String?

    @Flag(name: .customLong("skip-moderated"), help: "モデレーションで除外された意見（Polis の moderated = -1）を取り込まない")
    var skipModerated = false

    @Flag(help: "読めない行があればエラーにする（既定では rejected として報告して残りを取り込む）")
    var strict = false

    func validate() throws {
        if let headerRows, let problem = UserNumber.problem(headerRows, UserNumber.headerRows, name: "--header-rows") {
            throw ValidationError(problem)
        }
        do { _ = try TextEncoding.named(encoding) } catch {
            throw ValidationError("--encoding は \(TextEncoding.shownNames) のいずれかです（指定値: \(encoding ?? "")）")
        }
    }

    var importer: SourceImporter {
        var options = SurveyOptions()
        options.encoding = (try? TextEncoding.named(encoding)) ?? nil
        options.sheet = sheet
        options.headerRows = headerRows
        options.strict = strict
        options.skipModerated = skipModerated
        let roles: [(columns: [String], role: ColumnRole)] = [
            (idColumns, .id), (textColumns, .text), (ageColumns, .age), (genderColumns, .gender),
            (districtColumns, .district), (otherColumns, .other),
        ]
        for (columns, role) in roles {
            for column in columns { options.columnRoles[column] = role }
        }
        return SourceImporter(surveyOptions: options, workshopSegments: RawSegments(age: sessionAge, district: sessionDistrict))
    }
}

extension SourceKind: ExpressibleByArgument {}

/// A path given on the command line, checked before any work.
enum InputFiles {
    static func urls(_ paths: [String]) throws -> [(url: URL, display: String)] {
        try paths.map { path in
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw KoeError(
                    code: "file-not-found", message: "ファイルが見つかりません: \(path)",
                    hint: "パスと綴りを確認してください", location: SourceLocation(file: path))
            }
            if isDirectory.boolValue {
                throw KoeError(
                    code: "is-a-directory", message: "フォルダが指定されました: \(path)",
                    hint: "フォルダの中のファイルを指定してください（例: \(path)/*.csv）", location: SourceLocation(file: path))
            }
            try InputFile.requireRegular(url, display: path)
            return (url, path)
        }
    }

    /// Reads every file with `read`. A file that cannot be read at all is reported and the others are still
    /// read (with `strict`, the first one stops the command); at the end a failure exits 1 naming them.
    static func readEach(
        _ inputs: [(url: URL, display: String)], strict: Bool, diagnostics: DiagnosticSink,
        _ read: (URL, String) throws -> Void, finish: () throws -> Void
    ) throws {
        var failed: [String] = []
        for (url, display) in inputs {
            do {
                try read(url, display)
            } catch let error as KoeError {
                if strict { throw error }
                diagnostics.report(error.diagnostic)
                failed.append(display)
            }
        }
        try finish()
        if !failed.isEmpty {
            throw KoeError(
                code: "files-failed", message: "読めないファイルがありました: \(failed.joined(separator: ", "))",
                hint: (inputs.count > failed.count ? "他のファイルは出力済みです。" : "") + "上のエラーを見てファイルを直してください")
        }
    }
}
