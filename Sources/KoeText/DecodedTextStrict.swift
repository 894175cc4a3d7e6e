// DecodedTextStrict — a small file's text, or the one `invalid-bytes` error naming its first undecodable line.
import Foundation
import KoeCore

extension DecodedText {
    /// Decodes `data` (`encoding`, or nil to detect) and returns its text; throws `invalid-bytes` naming the first
    /// undecodable line: 「`what`に文字コード X として読めないバイトがあります（…）」 with `hint`.
    public static func strictText(
        _ data: Data, encoding: TextEncoding?, what: String, hint: String, displayPath: String
    ) throws -> String {
        let decoded = DecodedText(bytes: [UInt8](data), encoding: encoding)
        if let bad = decoded.badLines.first {
            throw KoeError(
                code: TextEncoding.invalidBytesCode,
                message: "\(what)に文字コード \(decoded.encoding.displayName) として読めないバイトがあります（\(bad.visible.prefix(40))）",
                hint: hint, location: SourceLocation(file: displayPath, row: bad.line))
        }
        return decoded.text
    }
}
