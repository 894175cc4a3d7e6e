// PhoneNumbers — finds Japanese phone numbers however they are written: 0263-52-1234, 0263(52)1234,
// ０９０（１１１１）２２２２, (0263)52-1234, 090 1234 5678, +81-90-1234-5678, ＋８１（０）２６３…, and short
// local numbers right after 電話/TEL/携帯/FAX.

/// A scanner over UTF-16 units (every character it cares about is in the BMP).
enum PhoneNumbers {
    /// The digit value of an ASCII or full-width digit.
    static func digit(_ u: UInt16) -> Int? {
        switch u {
        case 0x30...0x39: return Int(u - 0x30)
        case 0xFF10...0xFF19: return Int(u - 0xFF10)
        default: return nil
        }
    }

    static func isDash(_ u: UInt16) -> Bool {
        switch u {
        // - ‐ ‑ – — ― − ー ｰ － 〜 ~ ～
        case 0x2D, 0x2010, 0x2011, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFF70, 0xFF0D, 0x301C, 0x7E, 0xFF5E: return true
        default: return false
        }
    }

    static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x3000 }
    static func isOpen(_ u: UInt16) -> Bool { u == 0x28 || u == 0xFF08 }
    static func isClose(_ u: UInt16) -> Bool { u == 0x29 || u == 0xFF09 }
    static func isPlus(_ u: UInt16) -> Bool { u == 0x2B || u == 0xFF0B }
    static func isDot(_ u: UInt16) -> Bool { u == 0x2E || u == 0xFF0E }
    static func isLetter(_ u: UInt16) -> Bool { (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) }
    /// A slash or a vertical bar between digit groups (0268/22/4719, 070｜5513｜2289): a whole number only.
    static func isBar(_ u: UInt16) -> Bool { u == 0x2F || u == 0x7C || u == 0xFF5C || u == 0xFF0F }

    /// Words whose presence just before a number makes it a phone number even when it is short (52-1234).
    static let cues: [[UInt16]] = [
        "電話", "TEL", "Tel", "tel", "ＴＥＬ", "℡", "携帯", "FAX", "Fax", "ＦＡＸ", "ファックス", "自宅", "実家", "連絡先", "ケータイ",
        "けいたい", "でんわ", "番号", "Phone", "PHONE", "phone", "スマホ", "固定",
    ]
    .map { Array($0.utf16) }

    /// Spans of phone numbers in `units`.
    static func spans(in units: [UInt16]) -> [MaskedSpan] {
        var result: [MaskedSpan] = []
        var i = 0
        while i < units.count {
            let u = units[i]
            let starts = digit(u) != nil || isPlus(u) || (isOpen(u) && i + 1 < units.count && digit(units[i + 1]) != nil)
            let previous = i > 0 ? units[i - 1] : 0
            if !starts || digit(previous) != nil || isPlus(previous) {
                i += 1
                continue
            }
            let end = runEnd(units, from: i)
            // Glued to letters (TEL0120…, No.090…) only a whole number from 0 counts, not a short local one.
            if let span = longestPhone(units, start: i, end: end), !isLetter(previous) || isWholeNumber(units[span]) {
                result.append(MaskedSpan(kind: .phone, range: span))
                i = span.upperBound
            } else {
                // Skip the digits of this run: a number inside it never starts a phone number.
                var j = i + 1
                while j < units.count, digit(units[j]) != nil { j += 1 }
                i = j
            }
        }
        return result
    }

    /// The end of a run of digits joined by single separators (dash, space, dot, parentheses).
    static func runEnd(_ units: [UInt16], from start: Int) -> Int {
        var i = start
        if isPlus(units[i]) { i += 1 }
        var lastDigit = i
        var separators = 0
        while i < units.count {
            let u = units[i]
            if digit(u) != nil {
                separators = 0
                i += 1
                lastDigit = i
            } else if isDash(u) || isSpace(u) || isDot(u) || isOpen(u) || isClose(u) || isBar(u) || u == 0x3001 || u == 0x30FB
                || u == 0xFF65
            {
                separators += 1
                if separators > 3 { break }  // 090 - 1234 - 5678
                i += 1
            } else {
                break
            }
        }
        return lastDigit
    }

    /// The longest phone number that starts the run `start..<end` and ends at one of its first six digit groups
    /// (090-1111-2222 (0263)52-1234 is two numbers, not one too long to be any).
    static func longestPhone(_ units: [UInt16], start: Int, end: Int) -> Range<Int>? {
        var ends: [Int] = []
        var i = start
        while i < end, ends.count < 6 {
            if digit(units[i]) != nil, i + 1 == end || digit(units[i + 1]) == nil { ends.append(i + 1) }
            i += 1
        }
        if !ends.contains(end) { ends.append(end) }
        for candidate in ends.reversed() {
            if let span = phone(units, start: start, end: candidate) { return span }
        }
        return nil
    }

    /// Characters after a number that make it an amount or a count, not a local phone number (123-4567円).
    static let units: Set<UInt16> = Set("円人件個回歳年月日時分秒万億%台本枚名戸".utf16)

    /// The range of a phone number in `start..<end` (which ends at a digit), or nil. A leading parenthesis
    /// belongs to the number only when it closes inside it ((0263)52-1234, not （090-1234-5678）).
    static func phone(_ units: [UInt16], start: Int, end: Int) -> Range<Int>? {
        var start = start
        if isOpen(units[start]), !units[start..<end].contains(where: isClose) { start += 1 }
        guard start < end else { return nil }
        let digits = units[start..<end].compactMap(digit)
        let groups = units[start..<end].split { digit($0) == nil }.count
        // Digits spaced one by one (0 9 0 1 2 3 4 5 6 7 8) are one number, not eleven groups.
        guard groups <= 5 || groups == digits.count, let first = digits.first else { return nil }
        // Slashes and bars also write dates and lists: only a whole number from 0 is read through them.
        if units[start..<end].contains(where: isBar) { return isWholeNumber(units[start..<end]) ? start..<end : nil }
        if isPlus(units[start]) {
            // +81: the national number without (or with) its leading 0 follows.
            guard digits.count >= 11, digits.count <= 13, digits[0] == 8, digits[1] == 1 else { return nil }
            let national = digits.count - 2 - (digits[2] == 0 ? 1 : 0)
            return (9...10).contains(national) ? start..<end : nil
        }
        if first == 0 && (10...11).contains(digits.count) && digits.count > 1 && digits[1] != 0 { return start..<end }
        if first == 0, digits.count == 12, digits[1] == 0 { return start..<end }  // 0081… dialled from abroad
        // A local number (52-1234) or a bare number right after a phone word.
        if (6...11).contains(digits.count), groups >= 1, hasCue(units, before: start),
            end == units.count || !Self.units.contains(units[end])
        {
            return start..<end
        }
        return nil
    }

    /// Ten or eleven digits from 0 (a number that needs no phone word before it).
    static func isWholeNumber(_ units: ArraySlice<UInt16>) -> Bool {
        let digits = units.compactMap(digit)
        return digits.first == 0 && (10...11).contains(digits.count)
    }

    /// True when a phone word ends at most 4 units before `index` (電話: 52-1234, TEL 52-1234, 携帯は090…).
    static func hasCue(_ units: [UInt16], before index: Int) -> Bool {
        for cue in cues {
            for gap in 0...4 {
                let end = index - gap
                let begin = end - cue.count
                guard begin >= 0 else { break }
                if units[begin..<end].elementsEqual(cue) { return true }
            }
        }
        return false
    }

    // MARK: A mobile number said in parts

    /// Mobile numbers said in parts with words between (080の…7124の…3390, 080で始まって3319-0457, 080-2291…続きは
    /// 6645, 090-1234。5678です): a group 0X0 (X from 5 to 9, alone or with four more digits), then groups of four or
    /// eight digits, each at most 16 units after the last with no digit and no line break between, until eleven
    /// digits. The whole stretch, the words between included, is one span.
    static func splitMobiles(in units: [UInt16]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i < units.count {
            guard digit(units[i]) != nil, i == 0 || digit(units[i - 1]) == nil, let first = group(units, at: i) else {
                i += 1
                continue
            }
            defer { i = max(i + 1, first.end) }
            guard [3, 7].contains(first.digits.count), first.digits[0] == 0, (5...9).contains(first.digits[1]), first.digits[2] == 0
            else { continue }
            var total = first.digits.count
            var end = first.end
            while total < 11, let next = nextGroup(units, after: end), [4, 8].contains(next.digits.count) {
                total += next.digits.count
                end = next.end
            }
            if total == 11 {
                result.append(i..<end)
                i = end
            }
        }
        return result
    }

    /// The digits of the group at `i` (digits joined by single dashes) and where it ends.
    static func group(_ units: [UInt16], at i: Int) -> (digits: [Int], end: Int)? {
        var digits: [Int] = []
        var j = i
        while j < units.count {
            if let d = digit(units[j]) {
                digits.append(d)
                j += 1
            } else if isDash(units[j]), j + 1 < units.count, digit(units[j + 1]) != nil, !digits.isEmpty {
                j += 1
            } else {
                break
            }
        }
        return digits.isEmpty ? nil : (digits, j)
    }

    /// The next digit group at most 16 units after `end`, with no digit or line break before it, and
    /// no unit after it.
    static func nextGroup(_ units: [UInt16], after end: Int) -> (digits: [Int], end: Int)? {
        var k = end
        while k < units.count, k - end <= 16, digit(units[k]) == nil {
            if units[k] == 0x0A || units[k] == 0x0D { return nil }
            k += 1
        }
        guard k > end, k < units.count, digit(units[k]) != nil, let next = group(units, at: k) else { return nil }
        // A count or an amount (1234人, 5678円) is no part of a number.
        return next.end < units.count && Self.units.contains(units[next.end]) ? nil : next
    }
}
