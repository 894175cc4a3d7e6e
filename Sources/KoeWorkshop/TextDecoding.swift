// TextDecoding — bytes of a Markdown / text / HTML file to a String: UTF-8 (BOM optional), UTF-16 with BOM, or CP932.
import Foundation
import KoeCore
import KoeText

/// Decodes workshop files. Windows tools in Japan still save CP932, so bytes that are not UTF-8 are tried as
/// CP932 (exactly as Windows decodes them); an invalid byte is an error naming the file and the line.
enum TextDecoding {
    /// The text and the encoding it was read as (`utf-8`, `utf-16`, `cp932`, or an HTML page's declared charset).
    static func decode(_ data: Data, displayPath: String, fallback: String = "cp932") throws -> (text: String, encoding: String) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(Array(bytes.dropFirst(3)), displayPath: displayPath)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw KoeError(code: "invalid-bytes", message: "UTF-16 として読めないバイトがあります",
                               hint: "ファイルを UTF-8 で保存し直してください", location: SourceLocation(file: displayPath))
            }
            return (text, "utf-16")
        }
        if let text = String(validatingUTF8Bytes: bytes) { return (text, "utf-8") }
        let converter = try ByteConverter(encoding: fallback)
        var output: [UInt8] = []
        let outcome = bytes.withUnsafeBytes { converter.convert($0, flush: true, into: &output) }
        switch outcome {
        case .complete:
            return (String(decoding: output, as: UTF8.self), fallback)
        case .invalid(let offset, _), .truncated(let offset):
            let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw KoeError(code: "invalid-bytes",
                           message: "文字コードを判別できません（UTF-8 でも \(fallback) でもないバイトがあります）",
                           hint: "メモ帳などで開き、UTF-8 で保存し直してください",
                           location: SourceLocation(file: displayPath, row: line))
        }
    }

    private static func utf8(_ bytes: [UInt8], displayPath: String) throws -> (text: String, encoding: String) {
        guard let text = String(validatingUTF8Bytes: bytes) else {
            throw KoeError(code: "invalid-bytes", message: "UTF-8 の BOM がありますが、UTF-8 として読めないバイトがあります",
                           hint: "ファイルを UTF-8 で保存し直してください", location: SourceLocation(file: displayPath))
        }
        return (text, "utf-8")
    }

    /// Lines without their terminators (LF, CRLF or CR).
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "\n" || c == "\r\n" || c == "\r" {
                result.append(text[start..<index])
                index = text.index(after: index)
                start = index
            } else {
                index = text.index(after: index)
            }
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }
}

extension String {
    /// The string when `bytes` are valid UTF-8, else nil (no replacement characters).
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
