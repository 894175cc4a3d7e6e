// BaselineReader — reads the previous wave's workspace (pipeline key `baseline:`) into a WaveSnapshot: its
// areas, share counts, cross-tab cells and rating statistics. A workspace of another schema version, or one
// without what the comparison needs, is refused with a Japanese message rather than compared wrongly.
import Foundation
import KoeAnalysis
import KoeCore

/// The previous survey wave, read from its koe.sqlite.
public struct BaselineWorkspace: Sendable {
    public var snapshot: WaveSnapshot
    /// The baseline run's title (its pipeline's `name`).
    public var title: String

    /// Reads `url`; `display` is the path as the pipeline wrote it (for messages).
    public init(url: URL, display: String, pipeline: String, line: Int?) throws {
        let location = SourceLocation(file: pipeline, row: line)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw KoeError(
                code: "baseline-missing", message: "前回調査のワークスペース（baseline）が見つかりません: \(display)",
                hint: "前回の調査で koe run を実行した出力フォルダの koe.sqlite を baseline: に指定してください", location: location)
        }
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(url: url, readOnly: true) } catch {
            throw Self.notWorkspace(display, location)
        }
        let meta = try Self.meta(db, display, location)
        let version = meta["schema_version"]
        guard version == WorkspaceSchema.version else {
            throw KoeError(
                code: "baseline-version",
                message:
                    "前回調査のワークスペース \(display) は別の版の koe で作られています（形式 \(version ?? "不明")、この koe の形式 \(WorkspaceSchema.version)）。形式が違うと集計の定義が同じか確かめられないため、比較しません",
                hint: "前回の調査の入力とパイプラインで、この版の koe の koe run をやり直し、その koe.sqlite を baseline: に指定してください",
                location: location)
        }
        guard let bandsText = meta["age_bands"], let base = meta["share_base"].flatMap(Int.init),
            let bands = try? JSONSerialization.jsonObject(with: Data(bandsText.utf8)) as? [String]
        else {
            throw KoeError(
                code: "baseline-incomplete", message: "前回調査のワークスペース \(display) に比較に必要な情報（年代区分・回答者数）がありません",
                hint: "前回の調査で koe run をやり直してから指定してください", location: location)
        }
        title = meta["title"] ?? display
        snapshot = WaveSnapshot(
            areas: try Self.areas(db), ageBands: bands, shareBase: base, mentioning: try Self.mentioning(db),
            cells: try Self.crossTab(db), ratings: try Self.ratings(db))
        snapshot.words = try Self.words(db)
    }

    /// The survey opinions' content words (`opinions.words`, space-separated).
    private static func words(_ db: SQLiteDatabase) throws -> WordCounts {
        let s = try db.prepare("SELECT words FROM opinions WHERE kind = 'survey' ORDER BY opinion_rowid")
        var counts = WordCounts()
        while try s.next() { counts.add((s.text(0) ?? "").split(separator: " ").lazy.map(String.init)) }
        return counts
    }

    private static func notWorkspace(_ display: String, _ location: SourceLocation) -> KoeError {
        KoeError(
            code: "baseline-not-workspace", message: "baseline: の \(display) は koe のワークスペース（koe.sqlite）ではありません",
            hint: "前回の調査で koe run が出力した koe.sqlite を指定してください", location: location)
    }

    private static func meta(_ db: SQLiteDatabase, _ display: String, _ location: SourceLocation) throws -> [String: String] {
        guard let statement = try? db.prepare("SELECT key, value FROM meta") else { throw notWorkspace(display, location) }
        var out: [String: String] = [:]
        do {
            while try statement.next() { if let k = statement.text(0) { out[k] = statement.text(1) } }
        } catch { throw notWorkspace(display, location) }
        return out
    }

    private static func areas(_ db: SQLiteDatabase) throws -> [PlanArea] {
        let s = try db.prepare("SELECT code, name, level, parent FROM areas ORDER BY plan_order")
        var out: [PlanArea] = []
        while try s.next() {
            out.append(PlanArea(code: s.text(0) ?? "", name: s.text(1) ?? "", level: s.integer(2) ?? 1, parentCode: s.text(3)))
        }
        return out
    }

    private static func mentioning(_ db: SQLiteDatabase) throws -> [String: Int] {
        let s = try db.prepare("SELECT area, respondents FROM summary")
        var out: [String: Int] = [:]
        while try s.next() { out[s.text(0) ?? ""] = s.integer(1) ?? 0 }
        return out
    }

    private static func crossTab(_ db: SQLiteDatabase) throws -> [WaveCell] {
        let s = try db.prepare("SELECT segment, area, value, respondents, mentioning FROM crosstab ORDER BY rowid")
        var out: [WaveCell] = []
        while try s.next() {
            guard let segment = CrossTabSegment(rawValue: s.text(0) ?? "") else { continue }
            out.append(
                WaveCell(
                    segment: segment, area: s.text(1) ?? "", value: s.text(2) ?? "", respondents: s.integer(3) ?? 0,
                    mentioning: s.integer(4) ?? 0))
        }
        return out
    }

    private static func ratings(_ db: SQLiteDatabase) throws -> [RatingStatistics] {
        let s = try db.prepare("SELECT area, kind, n, mean, variance FROM rating_stats ORDER BY rowid")
        var out: [RatingStatistics] = []
        while try s.next() {
            guard let kind = RatingQuestion(rawValue: s.text(1) ?? ""), let mean = s.real(3) else { continue }
            out.append(RatingStatistics(area: s.text(0) ?? "", kind: kind, n: s.integer(2) ?? 0, mean: mean, variance: s.real(4)))
        }
        return out
    }
}
