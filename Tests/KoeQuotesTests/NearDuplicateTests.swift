// Near-duplicate grouping tests: Jaccard against a hand count, grouping of edited copies, determinism and
// independence from input order, bounded work in a big bucket, and the figures on the aipubcom corpus.
import Foundation
import XCTest

@testable import KoeQuotes

final class NearDuplicateTests: XCTestCase {
    /// The grouper's bucket order is (band key, position): the radix sort must equal a full sort of the entries.
    func testRadixSortEqualsAFullSort() {
        var rng = SystemRandomNumberGenerator()
        for keySpace: UInt64 in [3, 70_000, 1 << 32] {
            var entries = (0..<5000).map { i in (rng.next() % keySpace) << 32 | UInt64(i) }
            var scratch = [UInt64](repeating: 0, count: entries.count)
            let expected = entries.sorted()
            NearDuplicateGrouper.radixSortByKey(&entries, scratch: &scratch)
            XCTAssertEqual(entries, expected, "key space \(keySpace)")
        }
    }

    /// Shingle hashes as documented (FNV-1a 64 over each run of `shingle` scalars, SplitMix64, sorted and distinct),
    /// worked out here without the library: the unrolled standard width and the general loop both agree.
    func testShingleHashesAsDocumented() {
        func reference(_ text: String, _ shingle: Int) -> [UInt64] {
            let scalars = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { s -> UInt32 in
                (0x41...0x5A).contains(s.value) ? s.value + 0x20 : s.value
            }
            guard !scalars.isEmpty else { return [] }
            let width = min(shingle, scalars.count)
            var hashes = Set<UInt64>()
            for start in 0...(scalars.count - width) {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                for v in scalars[start..<(start + width)] { h = (h ^ UInt64(v)) &* 0x0000_0100_0000_01B3 }
                var z = h
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                hashes.insert(z ^ (z >> 31))
            }
            return hashes.sorted()
        }
        let texts = ["", "a", "ab", "abc", "ABCD abcd", "駅前の駐輪場を増やしてほしい。駅前の駐輪場", "𠮷野家\u{3000}の　前", "ａｂ c\nD"]
        for text in texts {
            for shingle in [1, 2, 3, 5] {
                XCTAssertEqual(ShingleSet(text, shingle: shingle, normalized: true).hashes, reference(text, shingle), "\(text) \(shingle)")
                XCTAssertEqual(
                    ShingleSet(units: Array(text.utf16), shingle: shingle).hashes, reference(text, shingle), "\(text) \(shingle)")
            }
        }
    }

    func testJaccardOfShingleSets() {
        // "abcd" → {abc, bcd}; "abce" → {abc, bce}: 1 common of 3.
        XCTAssertEqual(ShingleSet("abcd").jaccard(ShingleSet("abce")), 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(ShingleSet("ＡＢＣ Ｄ").jaccard(ShingleSet("abcd")), 1.0, accuracy: 1e-12, "NFKC, case, spaces")
        XCTAssertEqual(ShingleSet("").jaccard(ShingleSet("")), 1.0)
        XCTAssertEqual(ShingleSet("ab").hashes.count, 1, "shorter than a shingle: one shingle")
    }

    private func group(_ texts: [String], ids: [String]? = nil) -> [NearDuplicateGroup] {
        var grouper = NearDuplicateGrouper()
        let sets = texts.map { ShingleSet($0) }
        for (i, text) in texts.enumerated() {
            grouper.add(id: ids?[i] ?? String(format: "o%03d", i), signature: NearDuplicateSignature(text: text))
        }
        return grouper.groups { sets[$0].jaccard(sets[$1]) >= grouper.settings.threshold }
    }

    static let campaign =
        "生成AIの学習に著作物を無断で利用することに反対します。クリエイターの権利を守るため、学習元の開示と対価の還元を義務付けてください。"

    func testEditedCopiesOfACampaignFormOneGroup() {
        let texts = [
            Self.campaign,
            "バスの本数を増やしてほしい。通院に困っています。",
            Self.campaign.replacingOccurrences(of: "反対します", with: "強く反対します"),
            Self.campaign + "よろしくお願いします。",
            "図書館の開館時間を延ばしてほしいです。",
            "  " + Self.campaign.replacingOccurrences(of: "、", with: " ") + "\n",
        ]
        let groups = group(texts)
        XCTAssertEqual(groups.count, 1)
        XCTAssertEqual(groups.first?.id, "o000")
        XCTAssertEqual(groups.first?.members, ["o000", "o002", "o003", "o005"])
    }

    func testDissimilarTextsStayApart() {
        let texts = [
            "公園の遊具が古くて危ないので新しくしてほしい。", "公園のトイレが汚くて使えないのできれいにしてほしい。",
            "駅前の駐輪場が足りない。", "駅前の駐車場が足りない。",
        ]
        for pair in [(0, 1), (2, 3)] {
            XCTAssertLessThan(ShingleSet(texts[pair.0]).jaccard(ShingleSet(texts[pair.1])), 0.8)
        }
        XCTAssertEqual(group(texts), [])
    }

    func testGroupIDIsTheSmallestIDWhateverTheOrder() {
        let texts = [Self.campaign, "別の意見です。まったく関係ありません。", Self.campaign + "!"]
        let forward = group(texts, ids: ["r-9", "r-1", "r-5"])
        let backward = group(texts.reversed(), ids: ["r-5", "r-1", "r-9"])
        XCTAssertEqual(forward.map(\.id), ["r-5"])
        XCTAssertEqual(forward.map(\.members), backward.map(\.members))
        XCTAssertEqual(forward.map(\.id), backward.map(\.id))
    }

    func testSignaturesAreDeterministicValues() {
        let a = NearDuplicateSignature(text: Self.campaign)
        let b = NearDuplicateSignature(text: Self.campaign)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.bandKeys.count, 16)
        XCTAssertNotEqual(a, NearDuplicateSignature(text: "まったく別の文章を書いてみました。"))
    }

    /// A campaign of 3,000 identical texts costs about one exact check per member, not one per pair.
    func testBigBucketsStayLinear() {
        var grouper = NearDuplicateGrouper()
        let signature = NearDuplicateSignature(text: Self.campaign)
        for i in 0..<3000 { grouper.add(id: String(format: "c%05d", i), signature: signature) }
        var checks = 0
        let groups = grouper.groups { _, _ in
            checks += 1
            return true
        }
        XCTAssertEqual(groups.count, 1)
        XCTAssertEqual(groups.first?.count, 3000)
        XCTAssertLessThanOrEqual(checks, 3000)
    }

    /// The public comments on 文化庁「AIと著作権に関する考え方について（素案）」: groups, largest group, time.
    func testAIPubcomCorpusFigures() throws {
        let url = Corpora.url("aipubcom-bunkacho-2024/combined_list.csv")
        guard let data = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("../shared/corpora/aipubcom-bunkacho-2024 is absent")
        }
        let rows = CorpusCSV.rows(data).dropFirst().filter { $0.count >= 3 }
        let start = Date()
        let settings = NearDuplicateSettings.standard
        let sets = rows.map { ShingleSet($0[1], shingle: settings.shingle) }
        var grouper = NearDuplicateGrouper(settings: settings)
        for (row, set) in zip(rows, sets) { grouper.add(id: row[0], signature: NearDuplicateSignature(set, settings: settings)) }
        var checks = 0
        let groups = grouper.groups { i, j in
            checks += 1
            return sets[i].jaccard(sets[j]) >= settings.threshold
        }
        let seconds = Date().timeIntervalSince(start)
        let largest = groups.map(\.count).max() ?? 0
        let grouped = groups.reduce(0) { $0 + $1.count }
        let representatives = Set(rows.filter { $0[2] == "representative" }.map { $0[0] })
        let groupsWithRepresentative = groups.filter { !Set($0.members).isDisjoint(with: representatives) }.count
        print(
            "aipubcom: \(rows.count) opinions, \(groups.count) groups of 2+ (\(grouped) opinions), largest \(largest), "
                + "\(checks) exact checks, \(String(format: "%.3f", seconds)) s; groups holding a type=representative row: "
                + "\(groupsWithRepresentative) of \(representatives.count) such rows")
        XCTAssertEqual(rows.count, 1750)
        XCTAssertGreaterThan(groups.count, 0)
        // Every grouped pair really is similar: check each member against its group's first member's set
        // through the chain (at least one member above the threshold).
        for g in groups {
            for i in g.indices.dropFirst() {
                XCTAssertTrue(g.indices.contains { $0 != i && sets[$0].jaccard(sets[i]) >= settings.threshold }, g.id)
            }
        }
    }
}

/// A small RFC 4180 reader for the corpus test (quoted fields, doubled quotes, CRLF).
enum CorpusCSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

/// The shared corpora: ../shared/corpora beside the package root, or the folder named by KOE_CORPORA
/// (a git worktree of the package may sit elsewhere).
enum Corpora {
    static func url(_ path: String) -> URL {
        if let root = ProcessInfo.processInfo.environment["KOE_CORPORA"] {
            return URL(fileURLWithPath: root).appendingPathComponent(path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/corpora/" + path).standardizedFileURL
    }
}
