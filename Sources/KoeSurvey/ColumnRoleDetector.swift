// ColumnRoleDetector — guesses each column's role from its header texts and a sample of its values, and
// says why in words city staff understand.

/// What the detector knows about one column.
struct ColumnEvidence {
    /// Header texts (all header rows, carried merged labels included).
    var headers: [String]
    /// Sample values (data rows read before emission starts).
    var values: [String]
    /// A layout-specific hint: the tool marks this column as free text (`QID…_TEXT`, `Open-Ended Response`).
    var toolSaysText = false
    /// The tool marks this column as respondent metadata.
    var toolSaysMetadata = false
    /// The sheet's first column (where a numbered list of respondents usually is).
    var isFirstColumn = false
}

enum ColumnRoleDetector {
    static let metadataExact: Set<String> = [
        "timestamp", "タイムスタンプ", "starttime", "completiontime", "lastmodifiedtime", "開始時刻", "完了時刻", "最終更新時刻",
        "startdate", "enddate", "recordeddate", "submitdate", "datestamp", "date", "日時", "日付", "回答日", "回答日時", "送信日時",
        "email", "e-mail", "emailaddress", "メール", "メールアドレス", "recipientemail", "ip", "ipaddress", "ipアドレス", "ipaddr",
        "name", "名前", "氏名", "firstname", "lastname", "recipientfirstname", "recipientlastname", "status", "progress",
        "duration", "duration(inseconds)", "finished", "locationlatitude", "locationlongitude", "locationaccuracy",
        "distributionchannel", "userlanguage", "collectorid", "externalreference", "externaldatareference", "responseset",
        "customdata1", "startlanguage", "lastpage", "refurl", "interviewtime", "電話番号", "totalpoints", "quizfeedback",
    ]
    static let idExact: Set<String> = [
        "id", "回答id", "回答者id", "responseid", "respondentid", "_recordid", "no", "no.", "番号", "整理番号", "通し番号",
        "回答番号", "受付番号", "サンプル番号", "サンプルno", "サンプルno.", "調査票番号", "回答者番号", "samplenumber", "sampleno",
        "sampleno.", "number", "no.", "ｎｏ", "ｎｏ．", "ナンバー", "サンプルナンバー", "連番", "管理番号", "票番号",
    ]
    /// Endings of a first column's header that name a numbered list of respondents.
    static let idEndings = ["番号", "no", "no.", "number", "id", "ｎｏ", "ｎｏ．", "respondent"]
    static let ageWords = ["年齢", "年代", "年齢層", "age"]
    static let genderWords = ["性別", "gender", "sex"]
    static let districtWords = ["小学校区", "校区", "学区", "地区", "居住地", "お住まい", "住んでいる地域", "居住区", "行政区", "町名", "district"]
    static let ratingWords = ["満足度", "重要度", "優先度", "満足", "重要", "評価", "rating", "satisf", "importan", "likert"]
    static let textWords = [
        "自由記述", "自由回答", "ご意見", "意見", "要望", "感想", "コメント", "記述", "具体的", "ご自由", "提案",
        "理由", "free text", "comment", "open-ended", "feedback", "opinion", "suggestion",
    ]
    static let choiceWords = ["multiple choice", "選択", "あてはまる", "当てはまる"]
    static let likertValues: Set<String> = [
        "満足", "やや満足", "どちらともいえない", "どちらとも言えない", "やや不満", "不満", "とても満足", "まあ満足", "あまり満足していない",
        "満足していない", "非常に満足", "非常に不満", "大変満足", "そう思う", "ややそう思う", "あまりそう思わない", "そう思わない",
        "とてもそう思う", "まったくそう思わない", "全くそう思わない", "重要", "やや重要", "あまり重要でない", "重要でない", "とても重要",
        "わからない", "strongly agree", "agree", "neutral", "disagree", "strongly disagree", "very satisfied", "satisfied",
        "dissatisfied", "very dissatisfied", "neither agree nor disagree",
    ]
    static let genderValues: Set<String> = ["男性", "女性", "男", "女", "その他", "無回答", "回答しない", "答えたくない", "male", "female", "other", "m", "f"]

    /// Normalized header form for exact comparisons: lower-cased ASCII, spaces removed.
    static func squeeze(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }.map(Character.init))
    }

    /// The detected role and the reason, given whether an id column was already chosen. The rules are tried in
    /// order: metadata, the respondent id, machine values, segments, answers by header, then the values' shape.
    static func detect(_ e: ColumnEvidence, idTaken: Bool) -> (ColumnRole, String) {
        let c = ColumnSample(e)
        return metadataRole(e, c) ?? idRole(e, c, idTaken: idTaken) ?? machineValueRole(c) ?? segmentRole(e, c)
            ?? answerRole(e, c) ?? shapeRole(c)
    }

    /// Respondent metadata by header (timestamps, contacts, progress), by the tool's mark, answer timings and a
    /// moderation column.
    private static func metadataRole(_ e: ColumnEvidence, _ c: ColumnSample) -> (ColumnRole, String)? {
        if let k = c.squeezed.firstIndex(where: metadataExact.contains) {
            return (.other, "見出し「\(clip(c.heads[k], 16))」は回答のメタデータ（日時・連絡先・進捗など）")
        }
        if e.toolSaysMetadata { return (.other, "見出し\(c.shownHead)はアンケートツールが付けるメタデータ") }
        if let k = c.heads.firstIndex(where: ColumnShapes.isTimingHeader), c.numbers.count == c.n {
            return (.other, "見出し「\(clip(c.heads[k], 20))」は設問ごとの回答時間（LimeSurvey など）")
        }
        if ColumnShapes.isModerationColumn(headers: c.heads, values: c.values) {
            let out = c.values.filter { $0 == "-1" }.count
            return (
                .other,
                "モデレーションの結果（-1 = 除外、見本 \(c.n) 件中 \(out) 件）。除外された意見を除くには --skip-moderated（パイプラインでは skip_moderated: true）"
            )
        }
        return nil
    }

    /// The respondent id: an id header with distinct values, or a numbered first column.
    private static func idRole(_ e: ColumnEvidence, _ c: ColumnSample, idTaken: Bool) -> (ColumnRole, String)? {
        guard !idTaken else { return nil }
        let n = c.n, distinct = c.distinct
        if let k = c.squeezed.firstIndex(where: { idExact.contains($0) || ($0.hasSuffix("id") && $0.count <= 20) }),
            n == 0 || distinct == n
        {
            return (.id, "見出し「\(c.heads[k])」で、値が重複しない")
        }
        if e.isFirstColumn, n >= 2, distinct == n, c.values.allSatisfy({ number($0).map { $0 == $0.rounded() } ?? false }),
            let k = c.squeezed.firstIndex(where: { h in h.count <= 24 && idEndings.contains { h.hasSuffix($0) } })
        {
            return (.id, "1 列目の見出し「\(c.heads[k])」で、値が重複しない整数")
        }
        return nil
    }

    /// Values that machines write: timestamps, e-mail and IP addresses, URLs, JSON and identifiers.
    private static func machineValueRole(_ c: ColumnSample) -> (ColumnRole, String)? {
        let n = c.n, values = c.values
        guard n > 0 else { return nil }
        if values.filter(isTimestamp).count * 10 >= n * 8 { return (.other, "値が日時（例: \(clip(values[0], 20))）") }
        if values.filter(isEmail).count * 10 >= n * 8 { return (.other, "値がメールアドレス") }
        if values.filter(isIP).count * 10 >= n * 8 { return (.other, "値が IP アドレス") }
        if values.filter({ $0.hasPrefix("http://") || $0.hasPrefix("https://") }).count * 10 >= n * 8 {
            return (.other, "値が URL")
        }
        if values.filter(ColumnShapes.isMachineContent).count * 10 >= n * 8 {
            return (.other, "値が機械的なデータ（JSON・ファイル情報・識別子。例: \(clip(values[0], 16))）で、意見ではない")
        }
        return nil
    }

    /// Age, gender and district (by header and values, then by values alone), 0/1 check boxes, and numbers in
    /// an open-ended column.
    private static func segmentRole(_ e: ColumnEvidence, _ c: ColumnSample) -> (ColumnRole, String)? {
        let n = c.n, values = c.values, heads = c.heads
        // A header that names the segment, and values that are ages / genders: both are needed, so "age cutoff
        // at your kids' table" or an empty timing column is not the age.
        // The values are checked only under such a header (every sampled cell of every column otherwise).
        if let (w, shape) = segmentHeader(ageWords, heads), !c.binary {
            if n > 0, values.filter(ColumnShapes.isAgeValue).count * 10 >= n * 8 {
                return (.age, "見出しに「\(w)」（\(shape)）で、値が年齢・年代")
            }
        }
        if let (w, shape) = segmentHeader(genderWords, heads), !c.binary {
            if n > 0, values.filter(ColumnShapes.isGenderValue).count * 10 >= n * 6 {
                return (.gender, "見出しに「\(w)」（\(shape)）で、値が性別")
            }
        }
        if c.binary { return (.choice, "値が 0 と 1 だけ（複数回答のチェック欄）") }
        // An open-ended answer typed as a number is a count, an amount or a percentage, never an opinion.
        if e.toolSaysText && c.mostlyQuantity {
            return (.other, "自由回答欄だが値が数・金額・割合（例: \(clip(values[0], 12))）で、意見ではない")
        }
        if let w = subjectWord(districtWords, in: heads) {
            let likert = n > 0 && values.filter({ likertValues.contains($0.lowercased()) }).count * 10 >= n * 9
            // A district is a short name or code, never prose.
            if !likert && !(c.headerHas(ratingWords) != nil && c.mostlyNumeric) && c.average <= 20 {
                return (.district, "見出しに「\(w)」（設問の主語）")
            }
        }
        if n > 0, values.filter(isAge).count * 10 >= n * 9 { return (.age, "値が年齢・年代（例: \(clip(values[0], 10))）") }
        if n >= 3, values.allSatisfy({ genderValues.contains($0.lowercased()) }), values.contains(where: { $0 != "その他" && $0 != "無回答" }) {
            return (.gender, "値が男性・女性など")
        }
        return nil
    }

    /// Ratings (段階評価 words, or small integers under a rating header), attributes, the tool's free-text mark,
    /// repeated labels, and text or choice named by the header.
    private static func answerRole(_ e: ColumnEvidence, _ c: ColumnSample) -> (ColumnRole, String)? {
        let n = c.n, distinct = c.distinct
        if n > 0, c.values.filter({ likertValues.contains($0.lowercased()) }).count * 10 >= n * 9, distinct >= 2 {
            return (.rating, "値が満足・やや満足などの段階評価")
        }
        if c.smallInts, let w = c.headerHas(ratingWords) { return (.rating, "見出しに「\(w)」で、値が 0〜10 の整数") }
        if !c.mostlyQuantity, let reason = attributeReason(c.heads, c.values, distinct: distinct) { return (.choice, reason) }
        if e.toolSaysText { return (.text, "アンケートツールが自由記述の列としている") }
        // Free text is varied prose: one or two values repeated down the column are an option's label.
        if n >= 5, distinct <= 2 { return (.choice, "同じ値の繰り返し（見本 \(n) 件中 \(distinct) 種類）") }
        if let w = c.headerHas(textWords), !c.mostlyQuantity { return (.text, "見出しに「\(w)」") }
        if n == 0 { return (.other, "値が空") }
        if let w = c.headerHas(choiceWords) { return (.choice, "見出しに「\(w)」") }
        return nil
    }

    /// The last word: the values' shape (numbers, `;` lists, prose of varied length, repeated short values).
    private static func shapeRole(_ c: ColumnSample) -> (ColumnRole, String) {
        let n = c.n, distinct = c.distinct, values = c.values, average = c.average
        if c.smallInts, c.numbers.allSatisfy({ $0 >= 1 && $0 <= 5 }), distinct >= 3 { return (.rating, "値が 1〜5 の整数（段階評価）") }
        if c.mostlyNumeric {
            if c.smallInts || (distinct <= 12 && distinct * 5 <= n) { return (.choice, "値が少数の数値コード（\(distinct) 種類）") }
            return (.other, "値が数値")
        }
        if c.mostlyQuantity { return (.other, "値が数・金額・割合（例: \(clip(values[0], 12))）") }
        let multi = values.filter { $0.contains(";") }.count
        if multi * 10 >= n * 3, average < 60 { return (.choice, "複数選択（「;」区切り）の値") }
        let ratio = Double(distinct) / Double(n)
        if average >= 20, ratio < 0.4, n >= 20 {
            return (.other, String(format: "長い文章だが同じ文の繰り返し（見本 %d 件中 %d 種類）", n, distinct))
        }
        if average >= 20 || (ratio >= 0.7 && average >= 8) {
            return (.text, String(format: "長さのばらばらな文章（平均 %.0f 字、見本 %d 件中 %d 種類）", average, n, distinct))
        }
        // Few kinds of value only count when values repeat: two different answers out of two say nothing.
        if distinct <= max(12, n / 5), distinct * 3 <= n * 2 {
            return (.choice, "値の種類が少なく繰り返す（見本 \(n) 件中 \(distinct) 種類）")
        }
        if values.filter(ColumnShapes.isProse).count * 10 >= n * 8 {
            return (.text, "どれも違う文章の回答（見本 \(n) 件中 \(distinct) 種類）")
        }
        return (.other, String(format: "短い値がばらばら（平均 %.0f 字）", average))
    }

    /// The word of a segment header and how it names the segment: an English header must ask for it
    /// ("What is your age?"), a Japanese one must name the respondent's own (not 平均年齢).
    static func segmentHeader(_ words: [String], _ heads: [String]) -> (String, String)? {
        for h in heads {
            for w in words {
                if w.allSatisfy(\.isASCII) {
                    if ColumnShapes.asksFor(w, header: h) { return (w, "それを尋ねる設問") }
                } else if h.contains(w), ColumnShapes.japaneseSubject(w, header: h) {
                    return (w, "回答者自身の属性")
                }
            }
        }
        return nil
    }

    /// Why a column of short labels (Biology, Nursing; 看護, 生物学) is an attribute, not an opinion: its header asks
    /// for an attribute, or the same short labels repeat down the column.
    static func attributeReason(_ heads: [String], _ values: [String], distinct: Int) -> String? {
        let n = values.count
        guard n > 0, values.allSatisfy(ColumnShapes.isShortLabel) else { return nil }
        let average = Double(values.map(\.count).reduce(0, +)) / Double(n)
        if let w = ColumnShapes.attributeAsked(heads), average <= 20 {
            return "見出しが「\(w)」を尋ね、値が短い語（例: \(clip(values[0], 12))）: 属性の回答で、意見ではない"
        }
        let latinLabels = values.allSatisfy { v in
            v.first?.isUppercase == true && v.allSatisfy { $0.isASCII && ($0.isLetter || $0 == " " || $0 == "-") }
        }
        if n >= 5, latinLabels, distinct * 10 <= n * 6 {
            return "短い語（例: \(clip(values[0], 12))）が繰り返す（見本 \(n) 件中 \(distinct) 種類）: 属性の回答で、意見ではない"
        }
        return nil
    }

    /// A word of `words` that is the subject of a header (「居住地」「お住まいの地区は？」), not a modifier inside an
    /// option label or another question (「居住地の近くに公園」「お住まいの地区の住みやすさ」).
    static func subjectWord(_ words: [String], in headers: [String]) -> String? {
        let allowedNext: [Character] = ["は", "を", "（", "(", "：", ":", "?", "？", " ", "　", "/", "・", "名", "※", "【", "["]
        for h in headers {
            let lowered = h.lowercased()
            for w in words {
                var search = lowered.startIndex..<lowered.endIndex
                while let range = lowered.range(of: w, range: search) {
                    let rest = lowered[range.upperBound...]
                    if rest.isEmpty || allowedNext.contains(rest.first ?? " ") || rest.hasPrefix("コード") || rest.hasPrefix("区分") {
                        return w
                    }
                    search = range.upperBound..<lowered.endIndex
                }
            }
        }
        return nil
    }

    static func trimmed(_ s: String) -> String {
        // Most cells have nothing to trim: return them without building a new String. An ASCII byte at either
        // end is a whole scalar (rating codes, ids).
        if s.utf8.withContiguousStorageIfAvailable(endsArePlain) == true { return s }
        let ends = s.unicodeScalars
        if let f = ends.first, let l = ends.last, !isSpace(f), !isSpace(l) { return s }
        var scalars = Substring(s).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace || f == "\u{3000}" { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace || l == "\u{3000}" { scalars.removeLast() }
        return String(scalars)
    }

    /// True when both end scalars of `bytes` are surely not white space: ASCII but space and tab…CR, or
    /// U+3001…U+9FFF (lead E3…E9, not U+3000 = E3 80 80). False when unsure: the caller decodes them.
    private static func endsArePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func plain(_ i: Int) -> Bool {
            let b = bytes[i]
            if b < 0x80 { return b != 0x20 && !(0x09...0x0D).contains(b) }
            guard (0xE3...0xE9).contains(b), i + 2 < bytes.count else { return false }
            return !(b == 0xE3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80)
        }
        guard let last = bytes.indices.last, plain(0) else { return false }
        var i = last
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return (i == last || i + 2 == last) && plain(i)
    }

    private static func isSpace(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value == 0x20 || (0x09...0x0D).contains(u.value) }
        // Kana, CJK ideographs and full-width forms hold no white space: no property lookup.
        if (0x3041...0x9FFF).contains(u.value) || (0xFF01...0xFFEF).contains(u.value) { return false }
        return u.properties.isWhitespace || u == "\u{3000}"
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n)) + "…" }

    /// Half-width digits for full-width ones.
    static func asciiDigits(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Unicode.Scalar($0.value - 0xFF10 + 0x30)! : $0 }))
    }

    static func number(_ s: String) -> Double? { Double(asciiDigits(s)) }

    // The checks below run on every sampled cell: cheap length and first-character guards keep the regex
    // engine (slow on long free answers) for the few cells that can match.

    static func isTimestamp(_ s: String) -> Bool {
        guard s.utf8.count <= 64, let first = s.unicodeScalars.first else { return false }
        if first.properties.isAlphabetic && first.isASCII {
            // `Tue Aug 30 17:21:58 WIB 2016` (Unix `date`), `Aug 30, 2016 5:21 PM`.
            return s.wholeMatch(of: Patterns.unixDate) != nil || s.wholeMatch(of: Patterns.monthDate) != nil
                || s.wholeMatch(of: Patterns.javaScriptDate) != nil
        }
        guard first.properties.numericType != nil else { return false }
        let t = asciiDigits(s)
        // Each of the four patterns needs one of these after its first digits (a rating or a count has none).
        guard t.utf8.contains(where: { $0 == 0x2F || $0 == 0x2D || $0 == 0x2E || $0 == 0x3A }) || t.contains("年") else {
            return false
        }
        if t.wholeMatch(of: Patterns.isoDate) != nil { return true }
        if t.wholeMatch(of: Patterns.japaneseDate) != nil { return true }
        if t.wholeMatch(of: Patterns.usDate) != nil { return true }
        if t.wholeMatch(of: Patterns.time) != nil { return true }
        return false
    }

    static func isEmail(_ s: String) -> Bool {
        guard s.utf8.count <= 320, s.utf8.contains(UInt8(ascii: "@")) else { return s == "anonymous" }
        return s.wholeMatch(of: Patterns.email) != nil
    }

    static func isIP(_ s: String) -> Bool {
        guard s.utf8.count <= 39, s.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        // IPv4 needs a dot and IPv6 "::": a number or a word is not run through the regexes.
        guard s.utf8.contains(where: { $0 == 0x2E || $0 == 0x3A }) else { return false }
        return s.wholeMatch(of: Patterns.ipv4) != nil || s.wholeMatch(of: Patterns.ipv6) != nil && s.contains("::")
    }

    static func isAge(_ s: String) -> Bool {
        // `dropFirst(12).isEmpty` is `count <= 12` without counting every character of a long answer.
        guard s.dropFirst(12).isEmpty, let first = s.unicodeScalars.first, first.properties.numericType != nil else {
            return false
        }
        let t = asciiDigits(s)
        // Digits alone (a rating, a count) are neither an age with a unit nor a band (代): no regex run.
        if t.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return false }
        return t.wholeMatch(of: Patterns.age) != nil
            && t.contains(where: { !$0.isNumber })
            || t.wholeMatch(of: Patterns.band) != nil
    }
}

/// The regexes of role detection, built once: a regex literal inside a function is parsed again at every
/// call, which dominated `koe run` on a survey with many short numeric cells.
enum Patterns {
    nonisolated(unsafe) static let isoDate = #/\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}([ T].*)?/#
    nonisolated(unsafe) static let usDate = #/\d{1,2}/\d{1,2}/\d{2,4}( .*)?/#
    nonisolated(unsafe) static let time = #/\d{1,2}:\d{2}(:\d{2})?/#
    nonisolated(unsafe) static let japaneseDate = #/\d{4}年\d{1,2}月\d{1,2}日(.*\d{1,2}[:時].*)?/#
    nonisolated(unsafe) static let unixDate =
        #/(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? +[A-Z][a-z]{2,8} +\d{1,2},? +\d{1,2}:\d{2}(:\d{2})?( +[A-Z]{2,5}([+-]\d{2}:?\d{2})?)? +\d{4}/#
    /// JavaScript's `Date.toString()` (Polis exports): `Fri Jan 01 2021 00:00:00 GMT+0000 (Coordinated Universal Time)`.
    nonisolated(unsafe) static let javaScriptDate =
        #/(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{1,2} \d{4} \d{1,2}:\d{2}(:\d{2})?( GMT[+-]\d{4})?( \([^)]*\))?/#
    nonisolated(unsafe) static let monthDate = #/[A-Z][a-z]{2,8}\.? +\d{1,2},? +\d{4}(,? +\d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?/#
    nonisolated(unsafe) static let email = #/[^@\s]+@[^@\s]+\.[^@\s]+/#
    nonisolated(unsafe) static let ipv4 = #/\d{1,3}(\.\d{1,3}){3}/#
    nonisolated(unsafe) static let ipv6 = #/[0-9a-fA-F:]{2,39}/#
    nonisolated(unsafe) static let age = #/\d{1,3}(歳|才)?(代|歳代|台)?(以上|以下|未満|前半|後半)?|\d{1,3}[～〜~\-－]\d{1,3}歳?/#
    nonisolated(unsafe) static let band = #/(10|20|30|40|50|60|70|80|90)代/#
}

/// What `ColumnRoleDetector.detect` measures once of a column: its header texts and the shape of its sample values.
struct ColumnSample {
    /// Non-empty header texts, as given, squeezed (`ColumnRoleDetector.squeeze`) and lower-cased.
    let heads: [String], squeezed: [String], lowered: [String]
    /// Non-empty trimmed sample values, their count, and how many differ.
    let values: [String], n: Int, distinct: Int
    /// The values that read as numbers.
    let numbers: [Double]
    /// Mostly numbers (a stray label or note among codes still counts as a numeric column).
    let mostlyNumeric: Bool
    /// Counts, amounts and percentages ($1,200, 25%, 3000円) are numbers too: never free text.
    let mostlyQuantity: Bool
    /// Only 0 and 1 (a check box of a multiple-answer question).
    let binary: Bool
    /// Every value a whole number from 0 to 10.
    let smallInts: Bool
    /// Mean length of the values in characters (0 when there are none).
    let average: Double

    init(_ e: ColumnEvidence) {
        heads = e.headers.filter { !$0.isEmpty }
        squeezed = heads.map(ColumnRoleDetector.squeeze)
        lowered = heads.map { $0.lowercased() }
        values = e.values.map { ColumnRoleDetector.trimmed($0) }.filter { !$0.isEmpty }
        n = values.count
        distinct = Set(values).count
        numbers = values.compactMap(ColumnRoleDetector.number)
        mostlyNumeric = n > 0 && numbers.count * 10 >= n * 9
        mostlyQuantity = mostlyNumeric || (n > 0 && values.filter(ColumnShapes.isQuantity).count * 10 >= n * 9)
        binary = mostlyNumeric && n >= 2 && Set(numbers).isSubset(of: [0, 1])
        smallInts = n > 0 && numbers.count == n && numbers.allSatisfy { $0 == $0.rounded() && $0 >= 0 && $0 <= 10 }
        average = n == 0 ? 0 : Double(values.map(\.count).reduce(0, +)) / Double(n)
    }

    /// The first of `words` a header holds: ASCII keywords as whole words (so "page" is not "age"), Japanese ones
    /// anywhere inside.
    func headerHas(_ words: [String]) -> String? {
        for h in lowered {
            let asciiWords = Set(h.split { !($0.isASCII && $0.isLetter) }.map(String.init))
            for w in words {
                if w.allSatisfy(\.isASCII) && !w.contains(" ") && !w.contains("-") {
                    if asciiWords.contains(w) || (w.count >= 6 && h.contains(w)) { return w }
                } else if h.contains(w) {
                    return w
                }
            }
        }
        return nil
    }

    /// The first header in 「」, for reasons.
    var shownHead: String { heads.first.map { "「\(ColumnRoleDetector.clip($0, 16))」" } ?? "（見出しなし）" }
}
