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
                throw KoeError(
                    code: "invalid-bytes", message: "UTF-16 として読めないバイトがあります",
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
            throw KoeError(
                code: "invalid-bytes",
                message: "文字コードを判別できません（UTF-8 でも \(fallback) でもないバイトがあります）",
                hint: "メモ帳などで開き、UTF-8 で保存し直してください",
                location: SourceLocation(file: displayPath, row: line))
        }
    }

    /// Reports each line left out because it held undecodable bytes (the line goes to rejected.csv too).
    static func warn(_ decoded: DecodedText, displayPath: String, diagnostics: DiagnosticSink) {
        for bad in decoded.badLines {
            diagnostics.report(
                Diagnostic(
                    .error, code: TextEncoding.invalidBytesCode,
                    message: "文字コード \(decoded.encoding.displayName) として読めないバイトがあるため、この行を読み飛ばしました（\(bad.visible.prefix(40))）",
                    hint: "ほかの行は取り込みました。文字コードが違うなら --encoding（パイプラインでは encoding:）で指定してください",
                    location: SourceLocation(file: displayPath, row: bad.line)))
        }
    }

    private static func utf8(_ bytes: [UInt8], displayPath: String) throws -> (text: String, encoding: String) {
        guard let text = String(validatingUTF8Bytes: bytes) else {
            throw KoeError(
                code: "invalid-bytes", message: "UTF-8 の BOM がありますが、UTF-8 として読めないバイトがあります",
                hint: "ファイルを UTF-8 で保存し直してください", location: SourceLocation(file: displayPath))
        }
        return (text, "utf-8")
    }

    /// Lines without their terminators (LF, CRLF or CR), split on UTF-8 bytes (no grapheme walking).
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                result.append(Substring(utf8[start..<index]))
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                index = next
                start = next
            } else {
                index = utf8.index(after: index)
            }
        }
        if start < utf8.endIndex { result.append(Substring(utf8[start...])) }
        return result
    }
}

extension StringProtocol {
    /// Trims Unicode white space (including U+3000) at both ends, without going through NSString.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(String.UnicodeScalarView(scalars[first...last]))
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
