// A 20 MB CSV generated at test time (never committed): every row read, rows and texts where expected;
// chunk boundaries never split a record or a CP932 character wrongly; non-answer table; optional speed.
import Foundation
import KoeCore
import XCTest

@testable import KoeSurvey

final class LargeFileTests: XCTestCase {
    static let districts = ["広丘", "吉田", "野村", "高出", "片丘"]
    static let phrases = [
        "保育園の送迎バスがほしい", "駅前の駐輪場を増やして", "公園に日陰を", "夜道が暗くて怖い、街灯を",
        "図書館の開館時間を延ばして", "コミュニティバスの本数を増やしてほしい", "子育て支援センターが遠い",
    ]

    /// Writes rows until the file reaches `bytes`; returns the number of data rows.
    private func generate(_ url: URL, bytes target: Int) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        var rows = 0
        var block = "\u{FEFF}回答ID,年代,性別,地区,満足度,自由意見\r\n"
        while written + block.utf8.count < target {
            rows += 1
            let n = rows
            let text: String
            switch n % 10 {
            case 0: text = ""
            case 7: text = "特になし"
            case 3: text = "\"\(Self.phrases[n % 7])。\r\n\"\"理由\"\"は、\(n) 番目の回答者として, 毎日困っているからです\""
            default: text = "\(Self.phrases[n % 7])（\(n)）。" + String(repeating: "まちづくりについて考えています。", count: 1 + n % 9)
            }
            block += "R\(n),\(20 + (n % 6) * 10)代,\(n % 2 == 0 ? "女性" : "男性"),\(Self.districts[n % 5]),\(1 + n % 5),\(text)\r\n"
            if block.utf8.count > 1 << 16 {
                try handle.write(contentsOf: Data(block.utf8))
                written += block.utf8.count
                block = ""
            }
        }
        try handle.write(contentsOf: Data(block.utf8))
        return rows
    }

    func testTwentyMegabyteCSV() throws {
        let dir = try TempDir()
        let url = dir.url.appendingPathComponent("big.csv")
        let rows = try generate(url, bytes: 20 << 20)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        XCTAssertGreaterThan(size, 19 << 20)
        var opinions = 0, skipped = 0, respondents = 0
        var lastOpinion: Opinion?
        var checked = 0
        let sink = ClosureSink { event in
            switch event {
            case .opinion(let o):
                opinions += 1
                lastOpinion = o
                // Excel row = data row + 1 (header); the text embeds the row number for these kinds.
                let n = o.location.row! - 1
                if n % 10 == 3 {
                    XCTAssertEqual(o.text, "\(Self.phrases[n % 7])。\r\n\"理由\"は、\(n) 番目の回答者として, 毎日困っているからです")
                    checked += 1
                } else {
                    XCTAssertTrue(o.text.hasPrefix("\(Self.phrases[n % 7])（\(n)）。"), o.text)
                }
                XCTAssertEqual(o.respondent, "R\(n)")
                XCTAssertEqual(o.segments.district, Self.districts[n % 5])
            case .skipped: skipped += 1
            case .respondent: respondents += 1
            case .rejected(let r): XCTFail("unexpected rejection \(r)")
            }
        }
        let start = Date()
        let counts = try SurveyReader().read(url: url, displayPath: "big.csv", into: sink, diagnostics: DiagnosticCollector())
        let seconds = Date().timeIntervalSince(start)
        print("20 MB survey read (debug build): \(rows) rows in \(String(format: "%.2f", seconds)) s")
        XCTAssertEqual(counts.records, rows)
        XCTAssertEqual(respondents, rows)
        XCTAssertEqual(skipped, rows / 10 + (rows + 3) / 10)  // empty (n % 10 == 0) + 特になし (n % 10 == 7)
        XCTAssertEqual(opinions + skipped, rows)
        XCTAssertEqual(counts.opinions, opinions)
        XCTAssertEqual(checked, (rows + 7) / 10)
        XCTAssertEqual(lastOpinion?.location.row, rows % 10 == 0 || rows % 10 == 7 ? nil : rows + 1)
        let i = try SurveyInspector.inspect(url: url, displayPath: "big.csv")
        XCTAssertEqual(roles(i), [.id, .age, .gender, .district, .rating, .text])
        XCTAssertEqual(i.records, rows)
    }

    func testChunkBoundariesInCP932() throws {
        // Tiny chunks split CP932 double-byte characters and CRLFs; the result must not change.
        let url = Fixtures.root.appendingPathComponent("cp932-shimin.csv")
        var whole: [[String]] = []
        let reader = try CSVRowReader(url: url, displayPath: "cp932-shimin.csv")
        while let r = try reader.next() { whole.append(r.fields) }
        for chunk in [16, 17, 31] {
            let small = try CSVRowReader(url: url, displayPath: "cp932-shimin.csv", encoding: .cp932, chunkSize: chunk)
            var rows: [[String]] = []
            var excelRows: [Int] = []
            while let r = try small.next() { rows.append(r.fields); excelRows.append(r.excelRow); XCTAssertNil(r.problem) }
            XCTAssertEqual(rows, whole, "chunk \(chunk)")
            XCTAssertEqual(excelRows, [1, 2, 3, 4, 5, 6])
        }
        XCTAssertEqual(whole[1][5], "①保育園の送迎バスがほしい。㈱の工場跡地を公園に")
    }

    func testChunkBoundariesInUTF16() throws {
        let dir = try TempDir()
        let text = "番号\t意見\r\n1\t𠮷野家の前😀\r\n2\t\"改行\r\nあり\"\r\n3\t①㈱\r\n"
        let url = try dir.write("u16.txt", [0xFF, 0xFE] + [UInt8](text.data(using: .utf16LittleEndian)!))
        for chunk in [16, 17, 19, 1 << 20] {
            let reader = try CSVRowReader(url: url, displayPath: "u16.txt", chunkSize: chunk)
            var rows: [[String]] = []
            while let r = try reader.next() { XCTAssertNil(r.problem, "chunk \(chunk)"); rows.append(r.fields) }
            XCTAssertEqual(rows, [["番号", "意見"], ["1", "𠮷野家の前😀"], ["2", "改行\r\nあり"], ["3", "①㈱"]], "chunk \(chunk)")
        }
    }

    func testNonAnswerTable() {
        for text in ["特になし", "特になし。", " 特にない ", "特に無し", "なし", "無し", "ない", "無回答", "N/A", "n/a", "-", "ー", "・", "　特にありません。"] {
            XCTAssertTrue(NonAnswers.isNonAnswer(text), text)
        }
        for text in ["特になし、ただ駅が遠い", "ないものねだり", "バスがない", "N/A以外", "ーー駅前", "なしにしてほしい"] {
            XCTAssertFalse(NonAnswers.isNonAnswer(text), text)
        }
        XCTAssertTrue(NonAnswers.isEmpty(" \u{3000}\r\n\t"))
        XCTAssertFalse(NonAnswers.isEmpty("＊"))
        // The table holds no duplicates after normalization.
        let keys = NonAnswers.table.map(NonAnswers.key)
        XCTAssertEqual(Set(keys).count, keys.count)
    }

    /// The quick rejection never turns away a text whose key is in the table.
    func testNonAnswerQuickRejectAgreesWithTheKey() {
        var texts = NonAnswers.table
        for entry in NonAnswers.table {
            texts += [entry.uppercased(), " \(entry)。", "\u{3000}\(entry)！", "\(entry)、", "\(entry)x", "駅\(entry)", "\(entry)\u{FEFF}"]
        }
        texts += ["NONE", "No Comment", "Ｎ/Ａ", "ＮＡ", "İ", "K", "ΣΑ", "!", "、", "．", "バスが少ない", "?!", "\u{85}なし"]
        let keys = Set(NonAnswers.table.map(NonAnswers.key))
        for text in texts {
            let slow = keys.contains(NonAnswers.key(text))
            XCTAssertEqual(NonAnswers.isNonAnswer(text), slow, text)
            if slow { XCTAssertFalse(NonAnswers.cannotMatch(text), text) }
        }
        XCTAssertTrue(NonAnswers.cannotMatch("バスが少ない"))
        // An entry's key is its own key (isNonAnswer takes an answer in the key set as it is).
        for key in keys { XCTAssertEqual(NonAnswers.key(key), key, key) }
        XCTAssertTrue(NonAnswers.isNonAnswer("NONE"))
    }

    /// Parse speed; run with KOE_BENCH=1 in a release build.
    func testParseSpeed() throws {
        guard ProcessInfo.processInfo.environment["KOE_BENCH"] != nil else { throw XCTSkip("set KOE_BENCH=1 to measure") }
        let dir = try TempDir()
        let url = dir.url.appendingPathComponent("bench.csv")
        _ = try generate(url, bytes: 100 << 20)
        let size = Double(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0)
        var start = Date()
        let reader = try CSVRowReader(url: url, displayPath: "bench.csv")
        var records = 0
        while try reader.next() != nil { records += 1 }
        let parse = Date().timeIntervalSince(start)
        start = Date()
        let counts = try SurveyReader().read(
            url: url, displayPath: "bench.csv", into: ClosureSink { _ in }, diagnostics: DiagnosticCollector())
        let full = Date().timeIntervalSince(start)
        print(
            String(
                format: "BENCH parse: %.0f MB in %.2f s = %.0f MB/s (%d records); full survey read: %.2f s = %.0f MB/s (%d opinions)",
                size / 1e6, parse, size / 1e6 / parse, records, full, size / 1e6 / full, counts.opinions))
    }
}
