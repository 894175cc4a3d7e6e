// TextEncoding (survey) — detects a survey file's encoding (BOM, UTF-8 validity, CP932, UTF-16) with a confidence
// figure, and decodes it chunk by chunk to UTF-8, marking undecodable bytes instead of replacing them.
import Foundation
import KoeCore
import KoeText

/// The result of encoding detection.
public struct EncodingDetection: Sendable, Hashable {
    public var encoding: TextEncoding
    /// Whether the file starts with a byte-order mark.
    public var hasBOM: Bool
    /// 0…1: how sure the detection is, as measured on the sample (1 with a BOM or when the caller named the
    /// encoding; otherwise the share of non-ASCII characters that decode plausibly, see `EightBitGuess`).
    public var confidence: Double
    /// Why (Japanese), e.g. `BOM あり`, `UTF-8 として正しい`.
    public var reason: String

    /// `UTF-8（BOM あり）確信度 1.00 — BOM あり`.
    public var rendered: String {
        "\(encoding.displayName)（BOM \(hasBOM ? "あり" : "なし")）確信度 \(String(format: "%.2f", confidence)) — \(reason)"
    }
}

enum EncodingDetector {
    /// Detects the encoding of a file from its first bytes.
    static func detect(_ sample: [UInt8], atEnd: Bool) -> EncodingDetection {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) {
            return EncodingDetection(encoding: .utf8, hasBOM: true, confidence: 1, reason: "先頭に UTF-8 の BOM")
        }
        if sample.starts(with: [0xFF, 0xFE]) {
            return EncodingDetection(encoding: .utf16LE, hasBOM: true, confidence: 1, reason: "先頭に UTF-16 LE の BOM")
        }
        if sample.starts(with: [0xFE, 0xFF]) {
            return EncodingDetection(encoding: .utf16BE, hasBOM: true, confidence: 1, reason: "先頭に UTF-16 BE の BOM")
        }
        // UTF-16 without BOM: many zero bytes on one side.
        if sample.count >= 8 {
            var evenZeros = 0, oddZeros = 0
            for (i, b) in sample.prefix(4096).enumerated() where b == 0 {
                if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
            }
            let half = min(sample.count, 4096) / 2
            // Confidence: the share of the zero bytes that sit on the UTF-16 side.
            if oddZeros * 10 > half * 3 && evenZeros * 10 < half {
                return EncodingDetection(
                    encoding: .utf16LE, hasBOM: false, confidence: Double(oddZeros) / Double(oddZeros + evenZeros),
                    reason: "BOM はないが UTF-16 LE のバイト並び（0 のバイト \(oddZeros + evenZeros) 個のうち \(oddZeros) 個が奇数番目）")
            }
            if evenZeros * 10 > half * 3 && oddZeros * 10 < half {
                return EncodingDetection(
                    encoding: .utf16BE, hasBOM: false, confidence: Double(evenZeros) / Double(oddZeros + evenZeros),
                    reason: "BOM はないが UTF-16 BE のバイト並び（0 のバイト \(oddZeros + evenZeros) 個のうち \(evenZeros) 個が偶数番目）")
            }
        }
        let utf8Error = UTF8Scan.firstInvalid(sample[...], atEnd: atEnd)
        let nonASCII = sample.filter { $0 >= 0x80 }.count
        if utf8Error == nil {
            if nonASCII == 0 {
                return EncodingDetection(
                    encoding: .utf8, hasBOM: false, confidence: 1, reason: "先頭 \(sample.count) バイトは ASCII 文字だけ（UTF-8 として読む）")
            }
            let score = EightBitGuess.utf8Score(sample, atEnd: atEnd)
            return EncodingDetection(
                encoding: .utf8, hasBOM: false, confidence: score.share,
                reason: "UTF-8 として正しい（ASCII 以外の \(score.characters) 字すべて）")
        }
        // Not UTF-8: CP932 and the 8-bit Western encodings are each decoded and scored by the share of their
        // non-ASCII characters that are plausible in context; the best wins and its share is the confidence.
        let (encoding, scores) = EightBitGuess.best(sample, atEnd: atEnd)
        guard let chosen = scores.first(where: { $0.encoding == encoding }) else {
            return EncodingDetection(encoding: .cp932, hasBOM: false, confidence: 0, reason: "判定できません")
        }
        let others = scores.filter { $0.encoding != encoding }.map { "\(shortName($0.encoding)) \(percent($0.share))" }
        var reason =
            "UTF-8 としては不正（\((utf8Error ?? 0) + 1) バイト目）。\(shortName(encoding)) で読むと ASCII 以外の \(chosen.characters) 字のうち "
            + "\(chosen.plausible) 字が自然（ほかの候補: \(others.joined(separator: "、"))）"
        if let bad = chosen.invalidAt { reason += "。\(bad + 1) バイト目などは読めません" }
        return EncodingDetection(encoding: encoding, hasBOM: false, confidence: chosen.share, reason: reason)
    }

    static func shortName(_ encoding: TextEncoding) -> String {
        switch encoding {
        case .cp932: "CP932"
        case .windows1252: "Windows-1252"
        case .macRoman: "MacRoman"
        case .latin1: "ISO-8859-1"
        case .utf8: "UTF-8"
        case .utf16LE, .utf16BE: "UTF-16"
        }
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }
}

/// Decodes a byte stream chunk by chunk to UTF-8. An undecodable byte sequence becomes the byte 0xFF, which
/// never occurs in valid UTF-8, so the record and field that contain it can be rejected precisely; the bytes
/// follow the marker as ASCII `\xNN` so that the rejected record's raw text shows them.
final class ChunkDecoder {
    /// The marker written in place of an undecodable sequence.
    static let invalidMarker: UInt8 = 0xFF
    private let converter: ByteConverter?
    private var first = true
    private let skipBOM: Bool

    init(encoding: TextEncoding) throws {
        converter = try encoding.icuName.map { try ByteConverter(encoding: $0) }
        skipBOM = true
    }

    /// Decodes `bytes` (with `flush` for the last chunk), appending UTF-8 to `output`.
    func decode(_ bytes: [UInt8], flush: Bool, into output: inout [UInt8]) {
        var start = 0
        if first {
            first = false
            if converter == nil, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            if converter != nil, bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
                start = 2
            }
        }
        guard let converter else {
            // UTF-8 passes through; the parser validates each field.
            output.append(contentsOf: bytes[start...])
            return
        }
        bytes.withUnsafeBytes { raw in
            var offset = start
            while offset <= raw.count {
                let slice = UnsafeRawBufferPointer(rebasing: raw[offset...])
                switch converter.convert(slice, flush: flush, into: &output) {
                case .complete:
                    offset = raw.count + 1
                case .invalid(let at, let length):
                    drain(converter, into: &output)
                    output.append(Self.invalidMarker)
                    Self.appendVisible(raw[min(raw.count, offset + at)..<min(raw.count, offset + at + max(length, 1))], to: &output)
                    offset += at + max(length, 1)
                    if offset >= raw.count { offset = raw.count + 1 }
                case .truncated(let at):
                    drain(converter, into: &output)
                    output.append(Self.invalidMarker)
                    Self.appendVisible(raw[min(raw.count, offset + at)...], to: &output)
                    converter.reset()
                    offset = raw.count + 1
                }
            }
        }
    }

    /// Writes undecodable bytes after the marker as ASCII `\xNN`, so rejected.csv shows what was there.
    static func appendVisible(_ bytes: Slice<UnsafeRawBufferPointer>, to output: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for b in bytes { output.append(contentsOf: [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 0xF)]]) }
    }

    /// ICU stops at an invalid byte with the text before it still in its pivot buffer: write that out first,
    /// so the marker lands exactly where the bad bytes were.
    private func drain(_ converter: ByteConverter, into output: inout [UInt8]) {
        let empty: [UInt8] = [0]
        _ = empty.withUnsafeBytes { converter.convert(UnsafeRawBufferPointer(rebasing: $0[0..<0]), flush: false, into: &output) }
    }
}
