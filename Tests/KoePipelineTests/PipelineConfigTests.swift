// Pipeline file tests: every key of SPEC §4 read; unknown keys and bad values named with their line.
import Foundation
import KoeCore
import XCTest

@testable import KoePipeline

final class PipelineConfigTests: XCTestCase {
    let file = URL(fileURLWithPath: "/tmp/p/Pipelines/test.yml")

    private func parse(_ text: String) throws -> PipelineConfig {
        try PipelineConfig.parse(text, file: file, displayPath: "Pipelines/test.yml")
    }

    private func failure(_ text: String) -> (row: Int?, column: String?, code: String)? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as KoeError {
            return (error.diagnostic.location?.row, error.diagnostic.location?.columnLetter, error.diagnostic.code)
        } catch {
            return nil
        }
    }

    func testSpecExampleParses() throws {
        let config = try parse(
            """
            name: 第六次総合計画 市民アンケート・ワークショップ
            sources:
              - path: ../Samples/survey/citizen-survey.csv
                kind: survey
                encoding: auto
                sheet: 回答
                header_rows: 3
                columns:
                  回答ID: id
                  年代: age
                  まちの課題（自由記述）: text
                labels:
                  性別: {1: 男性, 2: 女性, 3: その他}
                ratings:
                  - {area: A1, importance: 重要度_子育て, satisfaction: 満足度_子育て}
                  - {area: "12", importance: CV, satisfaction: BH}
                scale: {min: 1, max: 4, high_is: bad, missing: [5, 9]}
                weights: ウェイト
              - path: ../Samples/workshops/*.md
                kind: workshop
                segments: {age: 10代, district: 広丘}
            codebook: ../Samples/codebook.yml
            gazetteer: ../Samples/districts.csv
            segments:
              age_bands: [10代, 20代, 30代, 40代, 50代, 60代, 70代, 80歳以上]
            quotes: {per_area: 5, min_cell: 5}
            output: ../out/sample
            """)
        XCTAssertEqual(config.sources.count, 2)
        let survey = config.sources[0]
        XCTAssertEqual(survey.kind, .survey)
        XCTAssertNil(survey.encoding)
        XCTAssertEqual(survey.headerRows, 3)
        XCTAssertEqual(survey.columns.map(\.column), ["回答ID", "年代", "まちの課題（自由記述）"])
        XCTAssertEqual(survey.labels["性別"]?["1"], "男性")
        XCTAssertEqual(survey.ratings.last, RatingPair(area: "12", importance: "CV", satisfaction: "BH"))
        XCTAssertEqual(survey.scale.orient("1"), 4)
        XCTAssertNil(survey.scale.orient("5"))
        XCTAssertNil(survey.scale.orient(""))
        XCTAssertEqual(survey.scale.orient("３"), 2)
        XCTAssertEqual(config.sources[1].segments, RawSegments(age: "10代", district: "広丘"))
        XCTAssertEqual(config.minCell, 5)
        XCTAssertEqual(config.resolve(config.codebook ?? "").path, "/tmp/p/Samples/codebook.yml")
    }

    func testUnknownKeysNameTheLine() {
        XCTAssertEqual(failure("sources:\n  - path: a.csv\ncodebok: c.yml\n")?.row, 3)
        XCTAssertEqual(failure("sources:\n  - path: a.csv\ncodebok: c.yml\n")?.code, "unknown-key")
        let nested = failure("sources:\n  - path: a.csv\n    kind: survey\n    colums:\n      ID: id\n")
        XCTAssertEqual(nested?.row, 4)
        XCTAssertEqual(nested?.column, "5")
        XCTAssertEqual(nested?.code, "unknown-key")
        XCTAssertEqual(failure("sources:\n  - path: a.csv\nquotes: {per_area: 5, min_cel: 3}\n")?.row, 3)
    }

    func testUnknownKeySuggestsTheNearestKey() {
        do {
            _ = try parse("sources:\n  - path: a.csv\ncodebok: c.yml\n")
            XCTFail("expected an error")
        } catch let error as KoeError {
            XCTAssertTrue(error.diagnostic.hint?.contains("「codebook」の誤り") ?? false, error.description)
            XCTAssertTrue(error.description.hasPrefix("Pipelines/test.yml:3:1: error[unknown-key]"), error.description)
        } catch {
            XCTFail("\(error)")
        }
    }

    func testBadValues() {
        XCTAssertEqual(failure("sources:\n  - path: a.csv\n    kind: poll\n")?.code, "bad-value")
        XCTAssertEqual(failure("sources:\n  - path: a.csv\n    kind: poll\n")?.row, 3)
        XCTAssertEqual(failure("sources:\n  - path: a.csv\n    columns: {年代: ages}\n")?.code, "bad-value")
        XCTAssertEqual(failure("sources:\n  - path: a.csv\n    header_rows: -1\n")?.code, "wrong-type")
        XCTAssertEqual(failure("sources:\n  - kind: survey\n")?.code, "missing-key")
        XCTAssertEqual(failure("name: x\n")?.code, "missing-key")
        XCTAssertEqual(failure("sources:\n  - path: a.csv\n    ratings:\n      - {importance: A}\n")?.row, 4)
    }

    func testYAMLSyntaxErrorNamesTheLine() {
        let f = failure("sources:\n  - path: a.csv\n   kind: survey\n")
        XCTAssertEqual(f?.code, "yaml-syntax")
        XCTAssertNotNil(f?.row)
    }
}
