// QuoteFilterOptions — the options `koe quotes` and `koe kwic` share: which workspace to read (a pipeline file or
// koe.sqlite) and the filters by area, segments, type and horizon, turned into one `QuoteFilter`.
import ArgumentParser
import Foundation
import KoePipeline
import KoeWorkspace

/// The workspace and filter options of the commands that read the last run's quotes.
struct QuoteFilterOptions: ParsableArguments {
    @Option(help: "パイプラインファイル（その出力フォルダの koe.sqlite を読みます）") var pipeline: String?
    @Option(help: "ワークスペースのファイル（koe.sqlite）") var workspace: String?
    @Option(help: "分野コード（例: A, 1, 1-1）。下位の分野を含みます") var area: String?
    @Option(help: "年代（例: 30代）") var age: String?
    @Option(help: "性別（男性・女性・その他・無回答）") var gender: String?
    @Option(help: "地区（小学校区）") var district: String?
    @Option(help: "意見の種類（要望・課題・評価・提案・ありたい姿）") var type: String?
    @Option(help: "時間軸（short = 短期集中, long = 長期継続）") var horizon: String?

    func validate() throws {
        guard (pipeline == nil) != (workspace == nil) else {
            throw ValidationError("--pipeline か --workspace のどちらか一つを指定してください")
        }
    }

    /// The pipeline file, when one was given.
    func config() throws -> PipelineConfig? {
        try pipeline.map { try PipelineConfig.load(URL(fileURLWithPath: $0), displayPath: $0) }
    }

    /// The workspace file: the pipeline's output folder's koe.sqlite, or `--workspace`.
    func workspaceURL(_ config: PipelineConfig?) throws -> URL {
        try config.map(QuoteSearch.workspaceURL) ?? URL(fileURLWithPath: workspace ?? "koe.sqlite")
    }

    /// The filter of these options (words and limit left to the command). 提案 and ありたい姿 are one type;
    /// 短期(集中) and 長期(継続) are the horizons short and long.
    var filter: QuoteFilter {
        var filter = QuoteFilter()
        filter.area = area
        filter.age = age
        filter.gender = gender
        filter.district = district
        filter.type = type == "提案" || type == "ありたい姿" ? "提案・ありたい姿" : type
        filter.horizon = ["短期", "短期集中"].contains(horizon) ? "short" : ["長期", "長期継続"].contains(horizon) ? "long" : horizon
        return filter
    }
}
