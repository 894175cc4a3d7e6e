// PlanCycle — the pipeline keys `baseline:` (the previous survey wave's koe.sqlite) and `map:` (小学校区
// polygons): read and checked before anything is written, and turned into the run's PlanCycleResults at the end.
import Foundation
import KoeAnalysis
import KoeCore
import KoeRender
import KoeRun
import KoeSegments
import KoeWorkspace
import Yams

/// `map: {path, name_property, attribution}`.
public struct MapConfig: Sendable {
    public var path: String
    public var nameProperty = "name"
    /// The data credit shown under every map (e.g. 「国土数値情報（小学校区データ）」（国土交通省）を加工して作成).
    public var attribution: String?
    public var line: Int?
}

extension PipelineConfig {
    /// Reads the `map:` mapping.
    static func mapConfig(_ node: Node, _ yaml: YAMLReader) throws -> MapConfig {
        var map = MapConfig(path: "", line: node.mark?.line)
        for (k, v, _) in try yaml.mapping(node, allowed: ["path", "name_property", "attribution"], context: "map") {
            switch k {
            case "path": map.path = try yaml.string(v, k)
            case "name_property": map.nameProperty = try yaml.string(v, k)
            default: map.attribution = try yaml.string(v, k)
            }
        }
        if map.path.isEmpty {
            throw yaml.error(
                node, code: "missing-key", "map に path がありません",
                hint: "例: map: {path: ../Samples/shogakko-ku.geojson, name_property: name}")
        }
        return map
    }
}

/// Counts the survey opinions' content words while the run streams (only when a baseline is compared).
final class WaveWordCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var words = WordCounts()

    func add(_ batch: [TaggedOpinion]) {
        lock.lock()
        defer { lock.unlock() }
        for p in batch where p.opinion.kind == .survey { words.add(p.words) }
    }

    var counts: WordCounts {
        lock.lock()
        defer { lock.unlock() }
        return words
    }
}

/// The plan cycle's inputs, loaded at the start of a run.
struct PlanCycleInputs {
    var baseline: BaselineWorkspace?
    var map: DistrictMap?
    /// This wave's word counts (with a baseline only).
    var words: WaveWordCounter?

    init(config: PipelineConfig, diagnostics: DiagnosticSink) throws {
        if let path = config.baseline {
            baseline = try BaselineWorkspace(
                url: config.resolve(path), display: path, pipeline: config.displayPath, line: config.baselineLine)
            words = WaveWordCounter()
        }
        if let m = config.map {
            let map = try DistrictMap(
                url: config.resolve(m.path), display: m.path, nameProperty: m.nameProperty, attribution: m.attribution)
            if map.skippedFeatures > 0 {
                diagnostics.report(
                    Diagnostic(
                        .warning, code: "map-skipped-features",
                        message: "地図ファイルの \(map.skippedFeatures) 個の地物は、多角形でないか「\(m.nameProperty)」がないため使いません: \(m.path)",
                        hint: "校区の多角形（Polygon / MultiPolygon）に校区名のプロパティを付けてください", location: SourceLocation(file: m.path)))
            }
            self.map = map
        }
    }

    /// This wave's facts, and the comparison when a baseline is set.
    func results(
        config: PipelineConfig, areas: [PlanArea], summary: SummaryBuilder, rows: [SummaryRow], crossTabs: [CrossTabRow],
        diagnostics: DiagnosticSink
    ) -> PlanCycleResults {
        var out = PlanCycleResults()
        out.shareBase = summary.totalRespondents
        out.ageBands = config.ageBands
        out.ratings = summary.ratingStatistics()
        out.map = map
        if let baseline, let path = config.baseline {
            var now = WaveSnapshot(
                areas: areas, ageBands: config.ageBands, shareBase: out.shareBase,
                mentioning: Dictionary(rows.map { ($0.area.code, $0.respondents) }, uniquingKeysWith: { a, _ in a }),
                crossTab: crossTabs, ratings: out.ratings)
            now.words = words?.counts
            let comparison = BaselineComparison(now: now, before: baseline.snapshot, label: path, titleBefore: baseline.title)
            for note in comparison.notes {
                diagnostics.report(
                    Diagnostic(
                        .warning, code: "baseline-segments-differ", message: note,
                        hint: note.hasPrefix("年代")
                            ? "前回と同じ age_bands で koe run をやり直すと、年代別にも比べられます"
                            : "校区の再編や地区名対応表（gazetteer）の違いがないか確かめてください",
                        location: SourceLocation(file: config.displayPath, row: config.baselineLine)))
            }
            out.baseline = comparison
        }
        return out
    }
}
