// Markdown and plain-text minutes: notes, heading paths, line numbers, front matter and segments.
import Foundation
import KoeCore
import XCTest

@testable import KoeWorkshop

final class MarkdownNotesTests: XCTestCase {
    func testMarkdownFixture() throws {
        let sink = CollectingSink()
        let diagnostics = DiagnosticCollector()
        let summary = try WorkshopReader().read(
            url: Paths.fixture("koukou-ws.md"), displayPath: "ws/koukou-ws.md",
            into: sink, diagnostics: diagnostics)
        let a = "第1回 高校生ワークショップ > Aグループ"
        assertTriples(
            noteTriples(sink),
            [
                (16, a + " > 子育て・教育", "学童保育の時間を\nもっと延ばしてほしい"),
                (18, a + " > 子育て・教育", "放課後に勉強できる場所が少ない"),
                (24, a + " > 交通", "駅までのバスが1時間に1本しかない"),
                (25, a + " > 交通", "自転車道を整備してほしい"),
                (29, "第1回 高校生ワークショップ > Bグループ", "図書館の自習室を増やしてほしい。\n夜9時まで開いていると助かる。"),
                (35, "第1回 高校生ワークショップ > まちづくり提案", "空き店舗を高校生カフェに"),
                (39, "第1回 高校生ワークショップ > まちづくり提案", "公園にWi-Fiがほしい"),
            ])
        XCTAssertEqual(skippedPairs(sink), ["19:empty", "20:non-answer", "40:empty", "42:code-block"])
        XCTAssertEqual(diagnostics.diagnostics, [])
        let first = try XCTUnwrap(sink.opinions.first)
        XCTAssertEqual(first.id, "koukou-ws-L16")
        XCTAssertEqual(first.kind, .workshop)
        XCTAssertNil(first.respondent)
        XCTAssertEqual(first.location.file, "ws/koukou-ws.md")
        // participants 高校生 → 10代; the district stays as written for the segments stage.
        XCTAssertEqual(first.segments, RawSegments(age: "10代", district: "広丘地区"))
        XCTAssertEqual(summary.session.title, "高校生ワークショップ「20年後のまち」")
        XCTAssertEqual(summary.session.date, "2025-07-12")
        XCTAssertEqual(summary.session.facilitator, "企画課 山田")
        XCTAssertEqual(summary.session.participants, ["高校生"])
        XCTAssertEqual(summary.format, .markdown)
        XCTAssertEqual(summary.notes, 7)
        XCTAssertEqual(summary.skipped, ["empty": 2, "non-answer": 1, "code-block": 1])
    }

    func testCallerSegmentsOverrideFrontMatter() throws {
        let sink = CollectingSink()
        let options = WorkshopOptions(segments: RawSegments(age: "20代", gender: "女性"))
        try WorkshopReader(options: options).read(
            url: Paths.fixture("koukou-ws.md"), displayPath: "koukou-ws.md",
            into: sink, diagnostics: DiagnosticCollector())
        XCTAssertEqual(sink.opinions.first?.segments, RawSegments(age: "20代", gender: "女性", district: "広丘地区"))
    }

    func testPlainTextFixture() throws {
        let sink = CollectingSink()
        let options = WorkshopOptions(segments: RawSegments(age: "30代", district: "吉田"))
        let summary = try WorkshopReader(options: options).read(
            url: Paths.fixture("shimin-ws.txt"), displayPath: "shimin-ws.txt",
            into: sink, diagnostics: DiagnosticCollector())
        let session = "第2回 市民ワークショップ（子育て世代）"
        assertTriples(
            noteTriples(sink),
            [
                (4, session + " > 子育て", "保育園の送迎で駅前が混雑する"),
                (5, session + " > 子育て", "一時預かりを\n土日にも利用したい"),
                (9, session + " > 防災", "ハザードマップが分かりにくい"),
                (12, "全体発表", "子どもが安心して遊べる公園がほしい。\n特に雨の日に遊べる屋内施設。"),
                // Speaker lines are notes of their own; a time is not a speaker label (continuation line).
                (18, "全体発表 > 意見交換", "A：駅前の駐輪場が足りない"),
                (19, "全体発表 > 意見交換", "Bさん：バスの本数を増やしてほしい\n10:00 から 11:00 まで意見交換を行った。"),
            ])
        XCTAssertEqual(skippedPairs(sink), ["15:non-answer"])
        XCTAssertEqual(summary.format, .text)
        XCTAssertEqual(Set(sink.opinions.map(\.segments)), [RawSegments(age: "30代", district: "吉田")])
        XCTAssertEqual(Set(sink.opinions.map(\.id)).count, 6)
    }

    func testSetextHeadingsCRLFAndNestedLists() throws {
        let folder = try TemporaryFolder()
        let text = "ワークショップ\r\n======\r\n\r\nグループ\r\n---\r\n- 親\r\n  - 子\r\n\r\n> 引用された意見\r\n"
        let url = try folder.write("s.md", text)
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "s.md", into: sink, diagnostics: DiagnosticCollector())
        assertTriples(
            noteTriples(sink),
            [
                (6, "ワークショップ > グループ", "親"), (7, "ワークショップ > グループ", "子"),
                (9, "ワークショップ > グループ", "引用された意見"),
            ])
    }

    func testParticipantsTable() {
        XCTAssertEqual(ParticipantAges.ageBand(for: ["市内の高校生"]), .band("10代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["子育て世代"]), .band("30代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["大学生"]), .band("20代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["シニア"]), .band("70代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["中高生"]), .band("10代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["４０代"]), .band("40代"))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["小学生"]), .unmapped)
        XCTAssertEqual(ParticipantAges.ageBand(for: ["高校生", "高齢者"]), .mixed(["10代", "70代"]))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["公募市民 32名（10代〜80代、各地区から）"]), .mixed(["10代", "80代"]))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["市民 20名（１０代〜８０代）"]), .mixed(["10代", "80代"]))
        XCTAssertEqual(ParticipantAges.ageBand(for: ["高校生 12名（10代）"]), .band("10代"))
    }

    func testFrontMatterWarningsAndMixedParticipants() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("m.md", "---\n参加者: 高校生、シニア\n会場: 公民館\n天気: 晴れ\n---\n- 意見\n")
        let sink = CollectingSink()
        let diagnostics = DiagnosticCollector()
        try WorkshopReader().read(url: url, displayPath: "m.md", into: sink, diagnostics: diagnostics)
        XCTAssertEqual(
            diagnostics.diagnostics.map { "\($0.location?.row ?? -1):\($0.location?.column ?? ""):\($0.code)" },
            ["4:天気:front-matter-unknown-key", "-1:participants:participants-mixed-ages"])
        assertTriples(noteTriples(sink), [(6, nil, "意見")])
        XCTAssertNil(sink.opinions.first?.segments.age)
    }

    func testInvalidFrontMatterNamesTheFile() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("bad.md", "---\ntitle: [unclosed\n---\n- 意見\n")
        XCTAssertThrowsError(
            try WorkshopReader().read(
                url: url, displayPath: "bad.md", into: CollectingSink(),
                diagnostics: DiagnosticCollector())
        ) { error in
            let diagnostic = (error as? KoeError)?.diagnostic
            XCTAssertEqual(diagnostic?.code, "front-matter-invalid")
            XCTAssertEqual(diagnostic?.location?.file, "bad.md")
        }
    }

    func testYAMLAliasBombIsNotExpanded() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let folder = try TemporaryFolder()
        let url = try folder.write("bomb.md", "---\n" + yaml + "title: *a9\n---\n- 意見\n")
        let start = Date()
        XCTAssertThrowsError(
            try WorkshopReader().read(
                url: url, displayPath: "bomb.md", into: CollectingSink(),
                diagnostics: DiagnosticCollector())
        ) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "front-matter-invalid")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testCP932TextIsDecoded() throws {
        let folder = try TemporaryFolder()
        // 【交通】\n・バス停が遠い in CP932.
        let bytes: [UInt8] = [
            0x81, 0x79, 0x8C, 0xF0, 0x92, 0xCA, 0x81, 0x7A, 0x0A, 0x81, 0x45, 0x83, 0x6F, 0x83, 0x58,
            0x92, 0xE2, 0x82, 0xAA, 0x89, 0x93, 0x82, 0xA2, 0x0A,
        ]
        let url = folder.url.appendingPathComponent("sjis.txt")
        try Data(bytes).write(to: url)
        let sink = CollectingSink()
        let diagnostics = DiagnosticCollector()
        try WorkshopReader().read(url: url, displayPath: "sjis.txt", into: sink, diagnostics: diagnostics)
        assertTriples(noteTriples(sink), [(2, "交通", "バス停が遠い")])
        XCTAssertEqual(diagnostics.diagnostics.map(\.code), ["encoding-detected"])
    }

    func testBytesNeitherUTF8NorCP932RejectThatLineOnly() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("bad.txt")
        try Data([0x41, 0x0A, 0x0A, 0x42, 0x0A, 0x0A, 0x82, 0xFF, 0x0A]).write(to: url)
        let sink = CollectingSink()
        let diagnostics = DiagnosticCollector()
        try WorkshopReader().read(url: url, displayPath: "bad.txt", into: sink, diagnostics: diagnostics)
        assertTriples(noteTriples(sink), [(1, nil, "A"), (3, nil, "B")])
        XCTAssertEqual(sink.rejected.map { [String($0.location.row ?? 0), $0.code, $0.raw] }, [["5", "invalid-bytes", "\\x82\\xFF"]])
        XCTAssertEqual(
            diagnostics.diagnostics.filter { $0.code == "invalid-bytes" }.map { [$0.location?.file, String($0.location?.row ?? 0)] },
            [["bad.txt", "5"]])
    }

    func testSpreadsheetsAreRefusedWithAHint() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("board.csv", "\"付箋\"\n")
        XCTAssertThrowsError(
            try WorkshopReader().read(
                url: url, displayPath: "board.csv", into: CollectingSink(),
                diagnostics: DiagnosticCollector())
        ) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "workshop-format-unsupported")
        }
    }

    func testLeadingRuleIsNotFrontMatter() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("rule.md", "---\n- 一つ目\n- 二つ目\n---\n- 三つ目\n")
        let sink = CollectingSink()
        try WorkshopReader().read(url: url, displayPath: "rule.md", into: sink, diagnostics: DiagnosticCollector())
        assertTriples(noteTriples(sink), [(2, nil, "一つ目"), (3, nil, "二つ目"), (5, nil, "三つ目")])
    }
}

final class MarkdownScaleTests: XCTestCase {
    /// 100,000 notes under 1,000 headings; the reader streams them to the sink.
    func testLargeMinutesAreReadQuickly() throws {
        let folder = try TemporaryFolder()
        var text = ""
        for group in 1...1_000 {
            text += "## グループ\(group)\n\n"
            for note in 1...100 { text += "- 駅前の駐輪場を増やしてほしい（\(group)-\(note)）\n" }
            text += "\n"
        }
        let url = try folder.write("large.md", text)
        var count = 0
        var lastPath: String?
        let sink = ClosureSink { event in
            if case .opinion(let o) = event { count += 1; lastPath = o.location.column }
        }
        let start = Date()
        try WorkshopReader().read(url: url, displayPath: "large.md", into: sink, diagnostics: DiagnosticCollector())
        let seconds = Date().timeIntervalSince(start)
        print("large markdown: \(text.utf8.count) bytes, \(count) notes in \(seconds) s")
        XCTAssertEqual(count, 100_000)
        XCTAssertEqual(lastPath, "グループ1000")
        XCTAssertLessThan(
            seconds, 120, "a ceiling for quadratic reading, not a speed figure (loaded CI machines run it several times slower)")
    }
}
