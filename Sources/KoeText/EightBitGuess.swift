// EightBitGuess — which 8-bit encoding a non-UTF-8 file is in: CP932 or a Western one (Windows-1252, MacRoman,
// ISO-8859-1). Each candidate's decoding is scored by the share of its non-ASCII characters that are plausible in
// context (Japanese characters among Japanese; accented letters inside words, typographic quotes and dashes), so
// `donﾕt` (MacRoman read as CP932) scores low and the confidence is a measured share, never a constant.
import Foundation

/// One candidate encoding's measured plausibility on a sample.
public struct EncodingScore: Sendable, Hashable {
    public var encoding: TextEncoding
    /// Non-ASCII characters in the decoded sample.
    public var characters: Int
    /// Of those, how many are plausible in their context.
    public var plausible: Int
    /// Byte offset of the first undecodable byte (counted among the implausible characters), nil when none.
    public var invalidAt: Int?

    /// plausible / characters (1 when the sample has no non-ASCII character).
    public var share: Double { characters == 0 ? 1 : Double(plausible) / Double(characters) }
}

public enum EightBitGuess {
    /// A Western encoding is chosen over CP932 (koe's default for 8-bit text) only when at least this share of its
    /// non-ASCII characters is plausible.
    public static let westernThreshold = 0.8

    /// Scores UTF-8, CP932 and the 8-bit Western encodings on `sample` and returns the chosen one, with every
    /// candidate's score for the reason shown: UTF-8 when at least half of its non-ASCII sequences are well-formed
    /// (a UTF-8 file with a few bad bytes, which are then rejected row by row); else the most plausible of CP932,
    /// Windows-1252, MacRoman and ISO-8859-1 (on a tie the earlier), a Western one only above `westernThreshold`.
    public static func best(_ sample: [UInt8], atEnd: Bool = true) -> (encoding: TextEncoding, scores: [EncodingScore]) {
        let candidates: [TextEncoding] = [.utf8, .cp932] + TextEncoding.eightBit
        let scores = candidates.map { score(sample, as: $0, atEnd: atEnd) }
        if scores[0].plausible > 0, scores[0].share >= 0.5 { return (.utf8, scores) }
        var best = scores[1]
        for s in scores.dropFirst(2) where s.share > best.share + 1e-9 { best = s }
        if best.encoding != .cp932, best.share < westernThreshold { return (.cp932, scores) }
        return (best.encoding, scores)
    }

    /// The plausibility of `sample` decoded as `encoding`. Every undecodable byte sequence counts as one
    /// implausible character (so a CP932 file with one broken byte still scores high, a Western file read as
    /// CP932 does not); `invalidAt` is the first one.
    public static func score(_ sample: [UInt8], as encoding: TextEncoding, atEnd: Bool = true) -> EncodingScore {
        var result = EncodingScore(encoding: encoding, characters: 0, plausible: 0, invalidAt: nil)
        if encoding == .utf8 { return utf8Score(sample, atEnd: atEnd) }
        guard let name = encoding.icuName, let converter = try? ByteConverter(encoding: name) else { return result }
        var out: [UInt8] = []
        var position = 0
        sample.withUnsafeBytes { raw in
            while position < raw.count {
                let rest = UnsafeRawBufferPointer(rebasing: raw[position...])
                var piece: [UInt8] = []
                converter.reset()
                switch converter.convert(rest, flush: atEnd, into: &piece) {
                case .complete:
                    out += piece
                    position = raw.count
                case .invalid(let offset, let length):
                    piece = []
                    converter.reset()
                    _ = converter.convert(UnsafeRawBufferPointer(rebasing: rest[0..<offset]), flush: true, into: &piece)
                    out += piece + [0xEF, 0xBF, 0xBD]
                    if result.invalidAt == nil { result.invalidAt = position + offset }
                    position += offset + max(length, 1)
                case .truncated(let offset):
                    piece = []
                    converter.reset()
                    _ = converter.convert(UnsafeRawBufferPointer(rebasing: rest[0..<offset]), flush: true, into: &piece)
                    out += piece
                    if atEnd {
                        if result.invalidAt == nil { result.invalidAt = position + offset }
                    }
                    position = raw.count
                }
            }
        }
        let scalars = Array(String(decoding: out, as: UTF8.self).unicodeScalars)
        for (i, s) in scalars.enumerated() where s.value >= 0x80 {
            result.characters += 1
            if s.value == 0xFFFD { continue }
            let before = i > 0 ? scalars[i - 1] : " "
            let after = i + 1 < scalars.count ? scalars[i + 1] : " "
            let ok = encoding == .cp932 ? japanesePlausible(s, before, after) : westernPlausible(s, before, after)
            if ok { result.plausible += 1 }
        }
        return result
    }

    /// UTF-8: the share of non-ASCII sequences that are well-formed (an invalid byte counts as one character).
    public static func utf8Score(_ sample: [UInt8], atEnd: Bool) -> EncodingScore {
        var result = EncodingScore(encoding: .utf8, characters: 0, plausible: 0, invalidAt: nil)
        var i = 0
        while i < sample.count {
            let b = sample[i]
            if b < 0x80 { i += 1; continue }
            let length = UTF8Scan.lead(b).map { $0.need + 1 } ?? 1
            if !atEnd && i + length > sample.count { break }
            result.characters += 1
            if UTF8Scan.firstInvalid(sample[i..<min(sample.count, i + length)]) == nil, length > 1 {
                result.plausible += 1
                i += length
            } else {
                if result.invalidAt == nil { result.invalidAt = i }
                i += 1
            }
        }
        return result
    }

    private static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value)
    }

    private static func isHalfWidthKana(_ s: Unicode.Scalar) -> Bool { (0xFF61...0xFF9F).contains(s.value) }

    /// A character of CP932 text is plausible unless it is a lone half-width katakana (`donﾕt`) or a kanji/kana
    /// glued between Latin letters.
    static func japanesePlausible(_ s: Unicode.Scalar, _ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        if isHalfWidthKana(s) {
            // Half-width katakana words (ｱﾝｹｰﾄ) come in runs; one alone (donﾕt) is a Western byte.
            return isHalfWidthKana(before) || isHalfWidthKana(after)
        }
        if isLatinLetter(before) && isLatinLetter(after) { return false }
        // Box drawing and rare symbols of CP932's lead bytes do not occur in survey answers.
        if (0x2500...0x257F).contains(s.value) { return false }
        return true
    }

    /// Letters with diacritics inside words, typographic punctuation beside letters or spaces.
    static func westernPlausible(_ s: Unicode.Scalar, _ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        let v = s.value
        if (0x80...0x9F).contains(v) { return false }  // C1 controls: never in text
        // Western text has its few non-ASCII characters among ASCII ones (café, don’t); a run of them (UTF-8 or
        // CP932 bytes read one by one: å…¬åœ’) is a wrong guess.
        if before.value >= 0x80 && after.value >= 0x80 { return false }
        let props = s.properties
        if props.isAlphabetic, v < 0x0250 {
            // Accented letter: lower case inside or at the end of a word; upper case at a word's start or among
            // upper case. An upper-case letter between lower-case ones (donÕt) is a wrong guess.
            if props.isUppercase {
                let lowerBefore = before.properties.isLowercase
                let lowerAfter = after.properties.isLowercase
                return !(lowerBefore && lowerAfter) && !(lowerBefore && !after.properties.isAlphabetic)
            }
            return isLatinLetter(before) || isLatinLetter(after)
        }
        switch v {
        case 0x2019, 0x2018:  // ’ ‘ apostrophes and quotes: beside a letter
            return isLatinLetter(before) || isLatinLetter(after) || before == " " || after == " "
        case 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x2022, 0x00A0, 0x20AC, 0x00A3, 0x00A9, 0x00AE, 0x2122, 0x00B0,
            0x00AB, 0x00BB, 0x00BF, 0x00A1, 0x00A7:
            // “ ” – — … • nbsp € £ © ® ™ ° « » ¿ ¡ §: not inside a word.
            return !(isLatinLetter(before) && isLatinLetter(after))
        default:
            return false
        }
    }
}
