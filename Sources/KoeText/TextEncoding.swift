// TextEncoding — the one encoding type every reader shares (survey, workshop, gazetteer, codebook): the names
// users may write, and line-precise decoding of small text files that keeps the good lines of a damaged file.
import Foundation
import KoeCore

/// A text encoding koe reads. `nil` where an encoding is optional means "detect it".
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case cp932 = "cp932"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Windows' Western 8-bit code page (Excel on a Western Windows).
    case windows1252 = "windows-1252"
    /// Mac OS Roman (old Mac Excel exports).
    case macRoman = "macintosh"
    /// ISO-8859-1 (Latin-1).
    case latin1 = "iso-8859-1"

    /// Single-byte encodings tried when a file is neither UTF-8 nor plausible CP932.
    public static let eightBit: [TextEncoding] = [.windows1252, .macRoman, .latin1]

    /// The stable diagnostic code for bytes that are not valid in the file's encoding.
    public static let invalidBytesCode = "invalid-bytes"

    /// The names users write, as listed in messages.
    public static let shownNames = "auto、utf-8、cp932（shift_jis）、utf-16、windows-1252、macintosh、iso-8859-1"

    /// The Japanese description shown by `koe inspect`.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .cp932: "CP932（Shift_JIS / Windows-31J）"
        case .utf16LE: "UTF-16 LE"
        case .utf16BE: "UTF-16 BE"
        case .windows1252: "Windows-1252（西欧）"
        case .macRoman: "MacRoman（西欧、旧 Mac）"
        case .latin1: "ISO-8859-1（Latin-1）"
        }
    }

    /// True for the encodings whose text is one byte per ASCII character (UTF-8, CP932 and the 8-bit ones).
    public var isASCIICompatible: Bool { self != .utf16LE && self != .utf16BE }

    /// The ICU converter name (nil for UTF-8, which is validated, not converted).
    public var icuName: String? {
        switch self {
        case .utf8: nil
        case .cp932: "windows-31j"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1252: "windows-1252"
        case .macRoman: "macintosh"
        case .latin1: "ISO-8859-1"
        }
    }

    /// Parses a user-given name (`auto`, `utf-8`, `utf8`, `cp932`, `shift_jis`, `sjis`, `windows-31j`, `ms932`,
    /// `utf-16`, `utf-16le`, `utf-16be`, any case); nil for `auto` or empty; throws `unknown-encoding` naming
    /// `location` (the pipeline file and line, or the command-line flag) for anything else.
    public static func named(_ name: String?, location: SourceLocation? = nil) throws -> TextEncoding? {
        guard let name else { return nil }
        switch name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-") {
        case "", "auto": return nil
        case "utf-8", "utf8", "utf-8-bom", "utf-8-sig": return .utf8
        case "cp932", "shift-jis", "sjis", "shiftjis", "windows-31j", "ms932": return .cp932
        case "utf-16", "utf16", "utf-16le", "unicode": return .utf16LE
        case "utf-16be": return .utf16BE
        case "windows-1252", "cp1252", "win-1252", "ansi": return .windows1252
        case "macintosh", "macroman", "mac-roman", "mac": return .macRoman
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1": return .latin1
        default:
            throw KoeError(
                code: "unknown-encoding", message: "文字コード「\(name)」は使えません",
                hint: "\(shownNames) のいずれかを指定してください", location: location)
        }
    }
}

/// A line that could not be decoded: its 1-based number and its bytes shown visibly (`\x82`).
public struct UndecodableLine: Sendable, Hashable {
    public var line: Int
    /// The line's text with each undecodable byte written as `\xNN`.
    public var visible: String
}

/// The text of a small file decoded as a whole, with the lines that could not be decoded left blank.
public struct DecodedText: Sendable {
    public var text: String
    public var encoding: TextEncoding
    public var hasBOM: Bool
    /// Lines blanked in `text` because they held undecodable bytes.
    public var badLines: [UndecodableLine]

    /// Decodes `bytes` in `encoding` (nil: BOM, then UTF-8 when most non-ASCII lines are valid UTF-8, else the most
    /// plausible of CP932 and the 8-bit Western encodings, `EightBitGuess`).
    /// A line holding an undecodable byte is left blank (so line numbers stay right) and listed in `badLines`.
    public init(bytes: [UInt8], encoding: TextEncoding?) {
        var body = bytes[...]
        var chosen = encoding
        hasBOM = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), encoding == nil || encoding == .utf8 {
            body = bytes.dropFirst(3)
            chosen = .utf8
            hasBOM = true
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
            encoding == nil || encoding == .utf16LE || encoding == .utf16BE
        {
            chosen = bytes[0] == 0xFF ? .utf16LE : .utf16BE
            body = bytes.dropFirst(2)
            hasBOM = true
        }
        let resolved = chosen ?? Self.guess(body)
        self.encoding = resolved
        switch resolved {
        case .utf16LE, .utf16BE:
            (text, badLines) = Self.utf16(body, bigEndian: resolved == .utf16BE)
        default:
            (text, badLines) = Self.byLine(body, encoding: resolved)
        }
    }

    /// UTF-8 when at least half of the lines with non-ASCII bytes are valid UTF-8 (CP932 text almost never is).
    static func guess(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        var valid = 0, invalid = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) where line.contains(where: { $0 >= 0x80 }) {
            if String(validating: line, as: UTF8.self) != nil { valid += 1 } else { invalid += 1 }
            if valid + invalid >= 2000 { break }
        }
        return valid >= invalid ? .utf8 : EightBitGuess.best(Array(bytes.prefix(1 << 20))).encoding
    }

    private static func byLine(_ bytes: ArraySlice<UInt8>, encoding: TextEncoding) -> (String, [UndecodableLine]) {
        if encoding == .utf8, let whole = String(validating: bytes, as: UTF8.self) { return (whole, []) }
        let converter = encoding.icuName.flatMap { try? ByteConverter(encoding: $0) }
        if let converter, let whole = decodeLine(bytes, converter: converter) { return (String(decoding: whole, as: UTF8.self), []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var bad: [UndecodableLine] = []
        var number = 0
        var start = bytes.startIndex
        while start < bytes.endIndex {
            number += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let line = bytes[start..<end]
            if let decoded = decodeLine(line, converter: converter) {
                out.append(contentsOf: decoded)
            } else {
                bad.append(UndecodableLine(line: number, visible: visible(line, encoding: encoding)))
                if line.last == 0x0D { out.append(0x0D) }
            }
            if end < bytes.endIndex { out.append(0x0A) }
            start = end < bytes.endIndex ? end + 1 : end
        }
        return (String(decoding: out, as: UTF8.self), bad)
    }

    private static func decodeLine(_ line: ArraySlice<UInt8>, converter: ByteConverter?) -> [UInt8]? {
        guard let converter else { return String(validating: line, as: UTF8.self) == nil ? nil : Array(line) }
        var out: [UInt8] = []
        converter.reset()
        let outcome = line.withUnsafeBytes { converter.convert($0, flush: true, into: &out) }
        return outcome == .complete ? out : nil
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (String, [UndecodableLine]) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var bad: [UndecodableLine] = []
        var scalars = String.UnicodeScalarView()
        var line = 1
        var lineHasError = false
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" {
                    if lineHasError { bad.append(UndecodableLine(line: line, visible: "（UTF-16 として読めない文字）")) }
                    line += 1
                    lineHasError = false
                }
                scalars.append(s)
            case .error: lineHasError = true
            case .emptyInput: break loop
            }
        }
        if lineHasError || bytes.count % 2 == 1 { bad.append(UndecodableLine(line: line, visible: "（UTF-16 として読めない文字）")) }
        return (String(scalars), bad)
    }

    /// `bytes` with each byte that does not decode in `encoding` written as `\xNN`.
    public static func visible(_ bytes: ArraySlice<UInt8>, encoding: TextEncoding) -> String {
        var out = ""
        var rest = bytes
        let converter = encoding.icuName.flatMap { try? ByteConverter(encoding: $0) }
        while !rest.isEmpty {
            var decoded: [UInt8] = []
            var badAt = rest.endIndex, badLength = 0
            if let converter {
                converter.reset()
                switch rest.withUnsafeBytes({ converter.convert($0, flush: true, into: &decoded) }) {
                case .complete: break
                case .invalid(let offset, let length): (badAt, badLength) = (rest.startIndex + offset, max(length, 1))
                case .truncated(let offset): (badAt, badLength) = (rest.startIndex + offset, rest.count - offset)
                }
                if badAt < rest.endIndex {
                    decoded = []
                    converter.reset()
                    _ = rest[..<badAt].withUnsafeBytes { converter.convert($0, flush: true, into: &decoded) }
                }
            } else {
                badAt = UTF8Scan.firstInvalid(rest) ?? rest.endIndex
                badLength = 1
                decoded = Array(rest[..<badAt])
            }
            out += String(decoding: decoded, as: UTF8.self)
            guard badAt < rest.endIndex else { break }
            let end = min(rest.endIndex, badAt + badLength)
            for b in rest[badAt..<end] { out += String(format: "\\x%02X", b) }
            rest = rest[end...]
        }
        return out.replacingOccurrences(of: "\r", with: "")
    }
}

/// Finds the first byte that is not part of a valid UTF-8 sequence.
public enum UTF8Scan {
    /// The continuation bytes a lead byte needs and the range its first continuation byte must fall in (the rest
    /// are 80–BF); nil for a byte that cannot start a sequence (no overlong forms, surrogates or code points past
    /// U+10FFFF).
    @usableFromInline @inline(__always) static func lead(_ b: UInt8) -> (need: Int, lowest: UInt8, highest: UInt8)? {
        switch b {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// Offset (index into `bytes`) of the first invalid byte, or nil when all is valid. With `atEnd` false, a
    /// sequence cut by the end of `bytes` is fine (the next chunk completes it).
    public static func firstInvalid(_ bytes: ArraySlice<UInt8>, atEnd: Bool = true) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard let (need, lowest, highest) = lead(b) else { return i }
            for k in 1...need {
                guard i + k < bytes.endIndex else { return atEnd ? i : nil }
                let c = bytes[i + k]
                if c < (k == 1 ? lowest : 0x80) || c > (k == 1 ? highest : 0xBF) { return i }
            }
            i += need + 1
        }
        return nil
    }

    /// True when all of `bytes` is well-formed UTF-8 (the rules of `firstInvalid`; one pass, for a whole record).
    @inlinable public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            // Kana and kanji: a three-byte lead (not E0, whose second byte is bounded, nor ED, which would start a
            // surrogate) and two continuation bytes.
            if b >= 0xE1 && b != 0xED && b <= 0xEF {
                guard i + 2 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return false }
                i += 3
                continue
            }
            guard let (need, lowest, highest) = lead(b), i + need < n else { return false }
            let c = bytes[i + 1]
            if c < lowest || c > highest { return false }
            if need >= 2 && bytes[i + 2] & 0xC0 != 0x80 { return false }
            if need == 3 && bytes[i + 3] & 0xC0 != 0x80 { return false }
            i += need + 1
        }
        return true
    }
}
