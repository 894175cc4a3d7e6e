// XLSXStyles — which cell styles are dates/times (built-in ids and custom numFmts), and how Excel shows
// those serial numbers (yyyy/m/d h:mm…), plus Excel's General number display.
import Foundation
import KoeCore
import KoeXML

/// Number formats of a workbook's cell styles, enough to show dates and times as Excel does.
struct XLSXStyles {
    /// Date/time format code per cellXfs index (only styles that are dates or times).
    private var dateFormats: [Int: String] = [:]
    private let date1904: Bool

    /// Built-in date/time formats as a Japanese-locale Excel shows them.
    static let builtIn: [Int: String] = [
        14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
        20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0",
        27: "yyyy\"年\"m\"月\"", 28: "m\"月\"d\"日\"", 29: "m\"月\"d\"日\"", 30: "m/d/yy", 31: "yyyy\"年\"m\"月\"d\"日\"",
        32: "h\"時\"mm\"分\"", 33: "h\"時\"mm\"分\"ss\"秒\"", 34: "yyyy\"年\"m\"月\"", 35: "m\"月\"d\"日\"", 36: "yyyy\"年\"m\"月\"",
        50: "yyyy\"年\"m\"月\"", 51: "m\"月\"d\"日\"", 52: "yyyy\"年\"m\"月\"", 53: "m\"月\"d\"日\"", 54: "m\"月\"d\"日\"",
        55: "yyyy\"年\"m\"月\"", 56: "m\"月\"d\"日\"", 57: "yyyy\"年\"m\"月\"", 58: "m\"月\"d\"日\"",
    ]

    init(package: ZipPackage, displayPath: String, date1904: Bool) throws {
        self.date1904 = date1904
        guard let data = try package.data("xl/styles.xml") else { return }
        let r = try XMLStreamReader(data: data, location: SourceLocation(file: displayPath, column: "xl/styles.xml"))
        var custom: [Int: String] = [:]
        var inCellXfs = false
        var xfIndex = 0
        while try r.read() {
            switch r.nodeType {
            case .element:
                switch r.localName {
                case "numFmt":
                    if let id = r.attribute("numFmtId").flatMap({ Int($0) }), let code = r.attribute("formatCode") { custom[id] = code }
                case "cellXfs": inCellXfs = !r.isEmptyElement
                case "xf" where inCellXfs:
                    let id = r.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    if let code = custom[id] ?? Self.builtIn[id], Self.isDateFormat(code) { dateFormats[xfIndex] = code }
                    xfIndex += 1
                default: break
                }
            case .endElement:
                if r.localName == "cellXfs" { inCellXfs = false }
            default: break
            }
        }
    }

    /// True when a format code shows a date or time (has y, m, d, h or s outside quotes and brackets, other than [h]).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            case "y", "d", "h", "s", "m": if !inQuote && !inBracket { return true }
            case ";": return false
            default: break
            }
        }
        return code.lowercased().contains("[h]") || code.lowercased().contains("[mm]")
    }

    /// The text Excel shows for `value` in style `style`, when that style is a date or time; nil otherwise.
    func format(_ value: Double, style: Int) -> String? {
        guard let code = dateFormats[style] else { return nil }
        return ExcelDate.render(serial: value, code: code, date1904: date1904)
    }
}

/// Excel serial dates and a subset of its date format language.
enum ExcelDate {
    struct Parts { var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, totalHours = 0 }

    static func parts(serial: Double, date1904: Bool) -> Parts {
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        var p = Parts()
        p.totalHours = days * 24 + seconds / 3600
        // 1900 system: serial 1 = 1900-01-01, 60 = Excel's fictitious 1900-02-29, 61 = 1900-03-01.
        if date1904 {
            (p.year, p.month, p.day) = civilFromDays(days - 24_107)
        } else if days == 60 {
            (p.year, p.month, p.day) = (1900, 2, 29)
        } else {
            (p.year, p.month, p.day) = civilFromDays(days + (days > 60 ? -25_569 : -25_568))
        }
        p.hour = seconds / 3600
        p.minute = (seconds % 3600) / 60
        p.second = seconds % 60
        return p
    }

    /// Howard Hinnant's days-from-civil inverse; `days` counts from 1970-01-01.
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Renders `serial` with format `code` (first section only; quoted literals, \ escapes, locale tags skipped).
    static func render(serial: Double, code: String, date1904: Bool) -> String {
        let p = parts(serial: serial, date1904: date1904)
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        let chars = Array(section)
        let twelveHour = section.uppercased().contains("AM/PM") || section.contains("午前/午後")
        var out = ""
        var i = 0
        var lastWasHour = false
        func run(_ c: Character) -> Int {
            var k = i
            while k < chars.count && chars[k].lowercased() == String(c) { k += 1 }
            return k - i
        }
        while i < chars.count {
            let c = chars[i]
            let lower = Character(c.lowercased())
            if literal(chars, at: &i, into: &out, parts: p) { continue }
            switch lower {
            case "y":
                let n = run("y")
                out += n <= 2 ? String(format: "%02d", p.year % 100) : String(p.year)
                i += n
                lastWasHour = false
            case "m":
                let n = run("m")
                out += minuteOrMonth(chars, at: i, count: n, afterHour: lastWasHour, parts: p)
                i += n
                lastWasHour = false
                continue
            case "d":
                let n = run("d")
                out += n >= 2 ? String(format: "%02d", p.day) : String(p.day)
                i += n
                lastWasHour = false
            case "h":
                let n = run("h")
                var h = p.hour
                if twelveHour { h = h % 12 == 0 ? 12 : h % 12 }
                out += n >= 2 ? String(format: "%02d", h) : String(h)
                i += n
                lastWasHour = true
                continue
            case "s":
                let n = run("s")
                out += n >= 2 ? String(format: "%02d", p.second) : String(p.second)
                i += n
                lastWasHour = false
            case "a" where section[section.index(section.startIndex, offsetBy: i)...].uppercased().hasPrefix("AM/PM"):
                out += p.hour < 12 ? "AM" : "PM"
                i += 5
            case "午" where String(chars[i...]).hasPrefix("午前/午後"):
                out += p.hour < 12 ? "午前" : "午後"
                i += 5
            default:
                out.append(c)  // literals such as : / 年 keep an hour→minute context
                i += 1
            }
        }
        return out
    }

    /// Quoted text, `\` escapes, `[…]` tags (elapsed hours written) and `_`/`*` padding at `i`: consumed, true.
    private static func literal(_ chars: [Character], at i: inout Int, into out: inout String, parts p: Parts) -> Bool {
        switch chars[i] {
        case "\"":
            if let end = chars[(i + 1)...].firstIndex(of: "\"") {
                out += String(chars[(i + 1)..<end]); i = end + 1
            } else {
                i = chars.count
            }
        case "\\":
            if i + 1 < chars.count { out.append(chars[i + 1]) }
            i += 2
        case "[":
            let end = chars[i...].firstIndex(of: "]") ?? chars.count - 1
            let tag = String(chars[(i + 1)..<end]).lowercased()
            if tag == "h" || tag == "hh" { out += String(p.totalHours) }
            i = end + 1
        case "_", "*":
            i += 2
        default: return false
        }
        return true
    }

    /// A run of `count` m's at `i`: minutes after an hour (or before seconds), otherwise the month.
    private static func minuteOrMonth(_ chars: [Character], at i: Int, count n: Int, afterHour: Bool, parts p: Parts) -> String {
        var rest = i + n
        while rest < chars.count && !"dhys".contains(chars[rest].lowercased()) { rest += 1 }
        let beforeSeconds = rest < chars.count && chars[rest].lowercased() == "s"
        if afterHour || beforeSeconds {
            return n >= 2 ? String(format: "%02d", p.minute) : String(p.minute)
        } else if n >= 4 {
            return [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                "December",
            ][p.month - 1]
        } else if n == 3 {
            return monthNames[p.month - 1]
        }
        return n == 2 ? String(format: "%02d", p.month) : String(p.month)
    }
}

/// Excel's General display of a number: integers without a decimal point, others with up to 10 decimals.
enum ExcelNumber {
    static func general(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
