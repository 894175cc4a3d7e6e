// MaskingCases — koe's own masking test set: sentences written for it (not taken from any corpus), each with
// the spans that must be masked marked ⟦…⟧ and the kind of personal data the sentence probes.
@testable import KoeQuotes

/// One case: `marked` is the input with every span that must be masked written ⟦…⟧ (none: nothing masked).
struct MaskingCase {
    var kind: PersonalDataKind
    var marked: String

    init(_ kind: PersonalDataKind, _ marked: String) {
        self.kind = kind
        self.marked = marked
    }

    /// The input text.
    var input: String { marked.replacingOccurrences(of: "⟦", with: "").replacingOccurrences(of: "⟧", with: "") }

    /// The expected output.
    var expected: String {
        var out = ""
        var inside = false
        for c in marked {
            if c == "⟦" {
                inside = true
                out += Masker.mask
            } else if c == "⟧" {
                inside = false
            } else if !inside {
                out.append(c)
            }
        }
        return out
    }

    /// The UTF-16 ranges of the marked spans in `input`.
    var spans: [Range<Int>] {
        var result: [Range<Int>] = []
        var offset = 0
        var start = 0
        for c in marked {
            if c == "⟦" {
                start = offset
            } else if c == "⟧" {
                result.append(start..<offset)
            } else {
                offset += c.utf16.count
            }
        }
        return result
    }
}

enum MaskingCases {
    static let all: [MaskingCase] = round1 + round2 + round3 + round4

    /// The first set (before issue #20).
    static let round1: [MaskingCase] = phone + email + url + postal + address + names + fullNames

    static let phone: [MaskingCase] =
        [
            "電話は⟦0263(52)1234⟧までお願いします", "連絡は⟦０９０（１１１１）２２２２⟧へ", "⟦+81-90-1234-5678⟧に電話してください",
            "海外からは⟦+81 263 52 1234⟧です", "⟦＋８１－９０－１２３４－５６７８⟧にどうぞ", "番号は⟦+81(0)263-52-1234⟧です",
            "TEL:⟦0263-52-1234⟧", "携帯⟦080-1111-2222⟧まで", "⟦(0263)52-1234⟧までお電話を", "⟦０２６３－５２－１２３４⟧（平日のみ）",
            "⟦09012345678⟧に連絡ください", "電話 ⟦52-1234⟧ にかけても出ない", "⟦0120-123-456⟧（フリーダイヤル）",
            "電話番号は⟦０２６３ ５２ １２３４⟧です", "⟦03.1234.5678⟧にかけた", "夜は⟦090 1111 2222⟧にかけて", "代表⟦0263‐52‐1234⟧",
            "ＦＡＸ ⟦５２－１２３５⟧", "⟦+８１９０１２３４５６７８⟧へ", "携帯（⟦090-1234-5678⟧）にください", "電話は⟦0263ー52ー1234⟧です",
            "⟦＋８１（０）９０－１２３４－５６７８⟧", "自宅⟦0263-52-1234⟧、携帯⟦090-2222-3333⟧",
        ].map { MaskingCase(.phone, $0) }
        + [
            "2026年に30人が参加しました", "会議は2024-10-01に開催", "予算は1,234,567円です", "受付は9:00-17:00です",
            "人口は約67,000人", "0.5%の増加", "令和6年度（2024年度）から", "第3期（2027～2029年）", "電話で相談できる窓口を増やして",
            "1日3本のバスを10本に", "0歳から6歳まで", "03年と04年に", "10:00〜12:00に開館", "2023-2024年度の計画", "平成30-31年度",
            "電話が1日に20件", "0.1秒でも早く", "第1-2回の会議",
        ].map { MaskingCase(.phone, $0) }

    static let email: [MaskingCase] =
        [
            "⟦taro@example.jp⟧に送って", "⟦ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ⟧まで", "宛先 ⟦a.b-c_d@mail.city.example.lg.jp⟧",
            "メール（⟦info@sample.org⟧）で", "返信は⟦x+tag@example.co.jp⟧へ",
        ].map { MaskingCase(.email, $0) }
        + [
            "メールで意見を送れるようにしてほしい", "SNSの@マークの使い方", "メールアドレスの登録が面倒",
        ].map { MaskingCase(.email, $0) }

    static let url: [MaskingCase] =
        [
            "⟦https://example.com/a?b=1⟧を見て", "⟦www.city.example.lg.jp⟧に載っている", "⟦ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ⟧",
            "⟦example.com/page⟧を見て", "⟦http://localhost:8080/x⟧が開かない", "詳細は⟦http://example.net⟧。",
        ].map { MaskingCase(.url, $0) }
        + [
            "ホームページを見やすくしてほしい", "ウェブサイトの情報が古い", "LINEで通知がほしい", "アプリのVer.3.0は使いにくい",
            "URLが長すぎる",
        ].map { MaskingCase(.url, $0) }

    static let postal: [MaskingCase] =
        [
            "⟦〒399-0701⟧ 広丘吉田", "⟦〒3990701⟧", "郵便番号は⟦3990701⟧です", "郵便番号：⟦399 0701⟧", "郵便番号⟦３９９－０７０１⟧の地域",
            "⟦〒 ３９９−０７０１⟧", "⟦399-0701⟧ 塩尻市", "郵便番号 ⟦399-0701⟧",
        ].map { MaskingCase(.postalCode, $0) }
        + [
            "人口1234567人", "予算3990701円", "郵便番号を書く欄が小さい", "2024年7月から", "123-4567円の見積もり", "100-1000人規模のイベント",
        ].map { MaskingCase(.postalCode, $0) }

    static let address: [MaskingCase] =
        [
            "広丘野村⟦3丁目5番2号⟧に住んでいます", "吉田⟦1丁目12-3⟧", "⟦２丁目３番地⟧の角", "⟦123番地⟧の畑", "大門⟦5番2号⟧",
            "広丘野村⟦1234-5⟧に住む", "大門一番町⟦1-2-3⟧の角", "⟦三丁目5番地⟧の空き家", "⟦4丁目 7-10⟧の前",
        ].map { MaskingCase(.address, $0) }
        + [
            "駅前1丁目の交差点が危ない", "3丁目の公園をきれいに", "一丁目の商店街がさびしい", "2丁目から3丁目にかけて街灯が少ない",
            "国道19号線が渋滞する", "1番線のホームが狭い", "2番目に多い", "2-3人で行く", "5-10分かかる", "20号の台風で",
        ].map { MaskingCase(.address, $0) }

    static let names: [MaskingCase] =
        [
            "⟦田中⟧様にお伝えください", "⟦佐藤⟧様には感謝しています", "⟦鈴木⟧さんに相談しました", "⟦高橋⟧さんには助けられた",
            "⟦山本⟧さんにも", "⟦伊藤⟧様から聞きました", "孫の⟦ゆう⟧ちゃんが喜んだ", "近所の⟦さとう⟧さんが教えてくれた",
            "⟦田中のりこ⟧さんに聞いた", "⟦中村⟧先生に習った", "⟦まさこ⟧さんに言われた", "⟦ヤマダ⟧さまに", "⟦林⟧君が来た",
            "⟦渡辺⟧氏は", "⟦長谷川一郎⟧さん", "⟦佐藤 花子⟧さんに", "⟦鈴木⟧校長先生が言った", "⟦小林⟧議員さんに",
            "友達の⟦みき⟧ちゃんと", "⟦けんた⟧くんが", "⟦山口⟧様のおかげ", "⟦吉田⟧さまへ", "⟦松本⟧様にはいつも", "⟦ジョン・スミス⟧さん",
            "⟦佐藤⟧看護師さん", "隣の⟦加藤⟧さんに", "娘の⟦あやか⟧ちゃんに",
        ].map { MaskingCase(.honorificName, $0) }
        + [
            "お母さんたちが困っています", "おじいさんが一人で暮らしている", "おばあさんと散歩", "お父さんに頼まれた", "叔母さんに聞いた",
            "兄ちゃんが", "近所のおばあさんが", "孫のお嫁さんが", "同様にしてほしい", "多様な働き方", "花柄模様に", "このようにしてほしい",
            "皆様にお願い", "みなさんに感謝", "保健師さんに相談", "相談員さんに助けられた", "自治会長さんに言った", "運転手さんに",
            "ご苦労様です", "お疲れ様でした", "お客様に", "神様に祈る", "様子を見る", "諸君", "赤ちゃんが泣く", "観光客がたくさん来る",
            "農家さんの直売所", "娘さんが", "息子さんに", "奥さんに", "仕様に問題", "異様に高い", "彼氏が", "担任の先生に",
            "お孫さんが", "かあさんが", "民生委員さんに", "ママさんたちに", "スタッフさんが親切", "祖父さんの代から",
        ].map { MaskingCase(.honorificName, $0) }

    static let fullNames: [MaskingCase] =
        [
            "⟦山田太郎⟧が言った", "担当の⟦佐藤花子⟧から連絡があった", "⟦鈴木一郎⟧は反対した", "⟦田中健太⟧と話した", "⟦高橋美咲⟧に伝えた",
            "⟦渡辺裕子⟧の意見", "⟦伊藤直樹⟧、", "⟦中村 明美⟧が来た", "⟦小林洋子⟧です", "議員の⟦加藤浩一⟧が", "⟦山本和子⟧（",
            "⟦佐々木翔太⟧が担当", "⟦山田　太郎⟧より",
        ].map { MaskingCase(.fullName, $0) }
        + [
            "山田地区が好き", "中島公園の整備", "前田建設の工事", "上田市役所へ", "長野県の", "田中地区の", "高橋の上", "中央公園",
            "小学校の前", "日本国民が", "市民会館が古い", "図書館", "大学病院が遠い", "子育て支援センター", "地域包括支援センター",
            "北海道から来た", "東京都内", "石川県金沢市", "松本城が見える", "山田町の", "桜井駅前の", "中村区の", "吉田公民館で",
            "小林一丁目", "佐藤工業の工場",
        ].map { MaskingCase(.fullName, $0) }
}
