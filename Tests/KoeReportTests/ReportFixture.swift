// ReportFixture — a realistic report model built in the test (a small city's plan, three segments, ratings,
// types, networks fed through the CooccurrenceBuilder, quotes including a hostile one).
import KoeReport

enum ReportFixture {
    static let hostile = "<script>alert(\"x\")</script> & 'quote' <img src=http://evil.example/x.png>"

    static let areas: [(String, String, Int)] = [
        ("A", "子育て世代に選ばれる地域の創造", 1),
        ("1", "子どもを産み育てる環境が整い、親子と周囲が笑顔になっている", 2),
        ("1-1", "出産・子育てのサポートの体制が充実し、親の不安感と負担感を抑えている", 3),
        ("1-2", "子どもの居場所が地域に広がっている", 3),
        ("2", "学力と生きる力を高める教育が、子どもの成長を加速させている", 2),
        ("B", "住みよい持続可能な地域の創造", 1),
        ("4", "公共交通が便利で、誰もが移動しやすい", 2),
        ("4-1", "地域振興バスの利便性が高まっている", 3),
        ("5", "災害に強く、安心して暮らせる", 2),
        ("6", "豊かな自然環境が守られている", 2),
        ("C", "シニアが生き生きと活躍できる地域の創造", 1),
        ("8", "高齢者が健康で、地域で活躍している", 2),
        ("10", "市のブランドが高まり、人が集まっている", 2),
    ]

    static let opinions: [([String], [String])] = {
        // (content words, areas) — a few themes so the network has communities.
        let themes: [([String], [String])] = [
            (["保育園", "待機", "子育て", "支援"], ["A", "1", "1-1"]),
            (["子ども", "居場所", "公園", "遊び"], ["A", "1", "1-2"]),
            (["バス", "本数", "駅", "不便"], ["B", "4", "4-1"]),
            (["避難", "防災", "地震", "備え"], ["B", "5"]),
            (["高齢者", "健康", "運動", "活躍"], ["C", "8"]),
            (["学校", "教育", "先生", "学力"], ["A", "2"]),
        ]
        var out: [([String], [String])] = []
        for i in 0..<240 {
            let (words, areas) = themes[i % themes.count]
            // Each opinion uses three of its theme's four words, plus a shared word now and then.
            var w = words.enumerated().filter { $0.offset != (i / themes.count) % 4 }.map(\.element)
            if i % 5 == 0 { w.append("市") }
            if i % 7 == 0 { w.append("<b>") }
            out.append((w, areas))
        }
        return out
    }()

    static func model() -> ReportModel {
        var builder = CooccurrenceBuilder(trackedAreas: areas.filter { $0.2 <= 2 }.map(\.0))
        for (words, codes) in opinions { builder.add(words: words, areas: codes) }
        var networks: [CooccurrenceNetwork] = []
        if let overall = builder.network(options: NetworkOptions(maxEdges: 40, minFrequency: 3)) { networks.append(overall) }
        for code in ["1", "4", "5"] {
            let name = areas.first { $0.0 == code }?.1 ?? ""
            if let n = builder.network(area: code, label: "\(code) \(name)", options: NetworkOptions(maxEdges: 20, minFrequency: 2)) {
                networks.append(n)
            }
        }
        let modelAreas = areas.enumerated().map { i, a in
            ReportModel.Area(
                code: a.0, name: a.1, level: a.2, opinions: 40 + (i * 37) % 90, respondents: 30 + (i * 29) % 70,
                share: Double(30 + (i * 29) % 70) / 400, rank: 1 + i % 4)
        }
        let ages = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上"]
        let genders = ["男性", "女性", "その他"]
        let districts = ["広丘", "吉田", "高出", "桟敷", "楢川", "洗馬"]
        func table(_ label: String, _ key: String, _ values: [String]) -> ReportModel.SegmentTable {
            let rows = modelAreas.enumerated().map { i, area in
                ReportModel.SegmentTable.Row(
                    area: area.code,
                    cells: values.indices.map { j in
                        if key == "district" && j == 5 && i == 3 { return nil }
                        let n = 20 + 13 * j
                        let m = (n * (3 + (i + 2 * j) % 5)) / 12
                        let r = Double((i * 7 + j * 5) % 11) / 2 - 2.5
                        return ReportModel.SegmentTable.Cell(
                            respondents: n, mentioning: m, share: Double(m) / Double(n), adjustedResidual: r)
                    },
                    minExpected: key == "gender" ? 3.2 : 6.5 + Double(i), p: 0.003 * Double(i + 1))
            }
            return ReportModel.SegmentTable(label: label, key: key, values: values, rows: rows)
        }
        let ratings: [(String, Double, Double)] = [
            ("1", 3.4, 2.1), ("2", 3.3, 2.4), ("4", 3.5, 1.9), ("5", 3.4, 2.2), ("6", 2.9, 2.9), ("8", 3.1, 2.5),
            ("10", 2.7, 2.3),
        ]
        let portfolio = ratings.map { r in
            ReportModel.PortfolioPoint(
                code: r.0, name: areas.first { $0.0 == r.0 }?.1 ?? "", importance: r.1, satisfaction: r.2,
                improvementIndex: (r.1 - 3) * 20 - (r.2 - 2.3) * 15,
                quadrant: r.1 >= 3.19 ? (r.2 < 2.33 ? "重点改善分野" : "重点維持分野") : (r.2 < 2.33 ? "改善分野" : "維持分野"))
        }
        let types = modelAreas.enumerated().map { i, a in
            ReportModel.TypeCounts(
                area: a.code, request: 10 + i % 7, problem: 8 + (i * 3) % 9, praise: 3 + i % 4, vision: 5 + (i * 2) % 6, unknown: i % 3)
        }
        let quotes = [
            ReportModel.AreaQuotes(
                area: "1",
                quotes: [
                    ReportModel.Quote(
                        text: "保育園の待機がなくなり、安心して働けるまちにしてほしい。", attribution: "（30代・女性・広丘）", id: "citizen-survey-12-F", type: "要望"),
                    ReportModel.Quote(text: hostile, attribution: "（40代・男性）", id: "citizen-survey-31-G", type: "課題"),
                ]),
            ReportModel.AreaQuotes(
                area: "1-2",
                quotes: [
                    ReportModel.Quote(text: "放課後に子どもだけで安心して過ごせる場所がほしい。", attribution: "（40代・女性）", id: "citizen-survey-40-G", type: "要望")
                ]),
            ReportModel.AreaQuotes(
                area: "4",
                quotes: [
                    ReportModel.Quote(text: "バスの本数が少なく、駅まで行けない。＊＊＊さんも困っている。", attribution: "（70代）", id: "citizen-survey-88-G", type: "課題")
                ]),
        ]
        return ReportModel(
            title: "サンプル市 第六次総合計画 市民アンケート・ワークショップ",
            headline: ReportModel.Headline(
                respondents: 1200, opinions: 2460, sources: 5, tagged: 1980, rejected: 3, duplicateGroups: 17, workshopNotes: 260),
            areas: modelAreas,
            segments: [table("年代", "age", ages), table("性別", "gender", genders), table("地区", "district", districts)],
            portfolio: portfolio, types: types, networks: networks,
            untagged: ReportModel.Untagged(
                count: 480, keywords: [.init(term: "ごみ", untagged: 41, tagged: 3), .init(term: "空き家", untagged: 22, tagged: 1)]),
            quotes: quotes,
            provenance: ReportModel.Provenance(
                version: "0.1.0", pipeline: "Pipelines/sample.yml",
                inputs: [
                    .init(
                        path: "Samples/survey/citizen-survey.csv", kind: "survey", sha256: String(repeating: "ab", count: 32),
                        opinions: 2200, rejected: 3)
                ],
                codebook: .init(path: "Samples/codebook.yml", kind: "codebook", sha256: String(repeating: "cd", count: 32))))
    }
}
