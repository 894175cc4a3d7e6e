// Review flag tests: each reason on a masked text that still shows a sign of personal data, and clean texts
// (counts, dates, amounts, plain words) that carry no reason.
import Foundation
import XCTest

@testable import KoeQuotes

final class ReviewFlagTests: XCTestCase {
    let masker = Masker()

    func testEachReasonOnTextsTheRulesLeft() {
        let cases: [(String, [ReviewReason])] = [
            ("番号は12-345-6789です", [.digits]),
            ("整理番号 4455 6677 89", [.digits]),
            ("連絡は 0 9 0 1 2 3 4 5 6 7 8 まで", [.phoneDigits]),
            ("taro at mail", [.atOrDomain]),
            ("＠koe_city をフォロー", [.atOrDomain]),
            ("詳しくは koe.example.jp で", [.atOrDomain]),
            ("Taro Yamada さんが言った", [.romajiName]),
            ("Mr. Okada told me", [.romajiName]),
            ("娘のひなが通う", [.nameAfterRelation]),
            ("孫のハルトが喜んだ", [.nameAfterRelation]),
            ("岡本宅に集まった", [.household]),
            ("何かあれば 〇九〇、一二三四、五六七八 へ", [.phoneDigits]),
            ("T. Okabe より", [.romajiName]),
            ("by kenta yamamoto", [.romajiName]),
            ("北小野2345に住む", [.lotNumber]),
            ("送り先：宗賀 1234 まで", [.lotNumber]),
            ("ドミール大門701の住人", [.lotNumber]),
            ("みやざきさとこさんが中心", [.kanaName]),
            ("すずきよしお様のような", [.kanaName]),
            // Round 4 shapes: labelled numbers, kanji and kana digits, plates, birth dates, handles, names.
            ("〒 390.0875 宛てに", [.digits]),
            ("会員の記号 56-78 で申し込んだ", [.digits]),
            ("障害者手帳 第7781号の更新", [.digits]),
            ("品川 三〇〇 さ 二二‐八六 が停まる", [.digits]),
            ("原付 か 45-67 が放置", [.digits]),
            // (の、 between digit words reads as a dash since round 5, so the ten digits are also some number)
            ("番号はハチハチの、ヨンサンロクの、ナナナナイチ", [.phoneDigits, .digits]),
            ("誕生日は 2001/7/30 です", [.birthDate]),
            ("born 1978-03-14, moved here", [.birthDate]),
            ("58年6月9日生まれの母", [.birthDate]),
            ("投稿者 river_clean_99 より", [.handle]),
            ("サーバーで tanuki#5512 と話す", [.handle]),
            ("案内は INFO.CITY.JP まで", [.atOrDomain]),
            ("道路の穴を直してほしい。／中島", [.personName]),
            ("記入者 大野　聡", [.personName]),
            ("回答書は石原殿あてに", [.personName]),
            ("会には中村・小林・加藤さんが来た", [.personName]),
            ("班のそうたくんが転んだ", [.personName]),
            ("氏名は sato kenji です", [.romajiName]),
            ("Written by Suzuki, Aya", [.romajiName]),
            ("北町＊＊＊-302 に住む", [.digits]),
            ("カード番号は＊＊＊XY です", [.digits]),
            ("県営住宅の4棟に住む", [.digits]),
            ("隣のたかはしまさおさんが", [.kanaName]),
        ]
        for (text, reasons) in cases {
            XCTAssertEqual(masker.reviewFindings(in: text), reasons, text)
            XCTAssertEqual(masker.reviewReasons(in: text), reasons.map(\.rawValue), text)
        }
    }

    func testCleanTextsCarryNoReason() {
        for text in [
            "2026年に30人が参加しました", "予算は1,234,567円です", "人口は約67,000人", "2024-10-01に開催", "2023-2024年度の計画",
            "10:00〜12:00に開館", "0.5%の増加", "3.14159", "第20240101号", "SNSの@マークの使い方", "アットホームな雰囲気",
            "New York のような街", "Google Maps が便利", "娘のために公園を", "孫の成長が楽しみ", "自宅から駅まで遠い", "市営住宅が古い",
            "在宅介護が大変", "Ver.3.0は使いにくい", "バスが少ない。", "電話で相談できる窓口を増やして", "12345678円の予算",
            // public-comment receipt numbers, product names, acronyms, counts a space before their unit
            "185001345000001005 の続きです", "受付番号185001345000005872は撤回", "Stable Diffusion の学習", "Stability AI が開発",
            "Adobe Firefly など", "Suno AI のように", "EU AI act", "WIN-WIN の関係", "授業料は 817,800 円", "月に 100~200 円",
            "被害者 4700 人", "2 兆 9277 億円", "西暦2024年", "令和 5 年度", "01、02、03は何れも", "waifu diffusion および",
            "それはそれは様々な絵", "たくさんの人", "そういうひとがたくさんいます", "みなさんありがとう", "懇親会は@3,000円",
            "先生のイラストが", "先生のアカウントに", "おじいちゃんおばあちゃん", "きんじょのおばさん", "会議は19:00から",
            // round 4 decoys: a birth year alone, a product code, family words before ちゃん, place lists, 貴殿
            "2019年に生まれた公園", "snake_case", "おにいちゃんと遊ぶ", "ばあばちゃん", "山口・宇部・下関の学校", "貴殿のご意見",
            "番号は3番です", "記号は△です", "一二三四五ページ", "C# の講座", "以上です。", "町のおさかなやさん", "近所のおとしよりさん", "嫌がらせをしている様子", "関係はないかもですがそれによってさんざん", "＊AI の話",
            "以上、よろしくお願いします。",
        ] {
            XCTAssertEqual(masker.reviewReasons(in: text), [], text)
        }
    }

    /// The share of clean quotes flagged, on real comments nobody here wrote (the Bunkacho AI public comments
    /// and the Yamaguchi high-school comments; public texts with no personal data left in them): each text is
    /// masked, then checked. Every flagged text is written to a file for review; the share is printed and bounded.
    func testFewCleanQuotesAreFlaggedOnRealTexts() throws {
        var texts: [(String, String)] = []
        func load(_ path: String, column: Int, header: Bool) throws {
            guard let text = try? String(contentsOf: Corpora.url(path), encoding: .utf8) else {
                throw XCTSkip("../shared/corpora/\(path) is absent")
            }
            let rows = CorpusCSV.rows(text).dropFirst(header ? 1 : 0)
            texts += rows.compactMap { $0.count > column && !$0[column].isEmpty ? (path, $0[column]) : nil }
        }
        try load("aipubcom-bunkacho-2024/combined_list.csv", column: 1, header: true)
        try load("yamaguchi-koukou-pubcom/opinions_flat.csv", column: 7, header: true)
        var flagged: [String: Int] = [:]
        var reasons: [String: Int] = [:]
        var total: [String: Int] = [:]
        var report = ""
        for (source, text) in texts {
            let masked = masker.mask(text)
            let evidence = masker.reviewEvidence(in: masked)
            let corpus = String(source.prefix { $0 != "/" })
            total[corpus, default: 0] += 1
            guard !evidence.isEmpty else { continue }
            flagged[corpus, default: 0] += 1
            for (reason, range) in evidence {
                reasons[reason.rawValue, default: 0] += 1
                report += "\(reason.rawValue)\t\(Self.around(masked, range))\n"
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("koe-review-flags.tsv")
        try report.write(to: file, atomically: true, encoding: .utf8)
        let all = flagged.values.reduce(0, +)
        let share = Double(all) / Double(max(1, texts.count))
        var line = "Review flags on \(texts.count) real texts: \(all) flagged (\(String(format: "%.2f", share * 100))%)"
        for corpus in total.keys.sorted() {
            let f = flagged[corpus, default: 0]
            let n = total[corpus, default: 0]
            line += "; \(corpus) \(f)/\(n) (\(String(format: "%.2f", Double(f) / Double(max(1, n)) * 100))%)"
        }
        print(line + "; by reason \(reasons.sorted { $0.key < $1.key }); every flagged text: \(file.path)")
        XCTAssertGreaterThan(texts.count, 2000)
        // Round 2 froze at 17.2% (aipubcom 367/1,750: 334 e-Gov receipt numbers 1850013450000xxxxx read as
        // 番号らしき数字, 33 product names such as Stable Diffusion read as romaji names). Round 3: 0/2,132 — every
        // text that was flagged was reviewed and none held personal data. The bound leaves room for 1%.
        XCTAssertLessThanOrEqual(share, 0.01, "clean quotes flagged for review")
    }

    /// The stretch `range` of `text` with a few characters either side, the stretch in ［ ］, on one line.
    static func around(_ text: String, _ range: Range<Int>) -> String {
        let units = Array(text.utf16)
        let lower = max(0, range.lowerBound - 12)
        let upper = min(units.count, range.upperBound + 8)
        let part = { (r: Range<Int>) in String(decoding: units[r], as: UTF16.self) }
        return QuoteText.singleLine(part(lower..<range.lowerBound) + "［" + part(range) + "］" + part(range.upperBound..<upper))
    }
}
