// CSVRowReader — the public decoded record stream: reads a delimited text file in chunks, detects its encoding
// and delimiter, and yields `CSVRecord`s one at a time (the workshop module reads Miro CSVs with it too).
import Foundation
import KoeCore
import KoeText

/// Reads a CSV / TSV file record by record without holding the whole file.
public final class CSVRowReader {
    /// The encoding used (detected or given) and how sure the detection is.
    public let detection: EncodingDetection
    /// The field delimiter (`,` tab or `;`).
    public let delimiter: UInt8
    /// Why this delimiter (Japanese).
    public let delimiterReason: String
    public let displayPath: String

    private let handle: FileHandle
    private let decoder: ChunkDecoder
    private let parser: CSVParser
    private let chunkSize: Int
    private var queue: [CSVRecord] = []
    private var queueHead = 0
    private var pendingDecoded: [UInt8]
    private var atEnd = false
    private var finished = false

    /// Opens `url`. `encoding` nil detects it; `delimiter` nil sniffs it.
    public init(
        url: URL, displayPath: String, encoding: TextEncoding? = nil, delimiter: Character? = nil,
        chunkSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20
    ) throws {
        self.displayPath = displayPath
        self.chunkSize = max(chunkSize, 16)
        let location = SourceLocation(file: displayPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw KoeError(code: "file-not-found", message: "ファイルが見つかりません", hint: "パスと綴りを確認してください", location: location)
        }
        guard !isDirectory.boolValue, let handle = try? FileHandle(forReadingFrom: url) else {
            throw KoeError(
                code: "file-unreadable", message: "ファイルを読めません（フォルダであるか、読み取り権限がありません）",
                hint: "ファイルのパスと権限を確認してください", location: location)
        }
        self.handle = handle
        let first: [UInt8]
        do { first = [UInt8](try handle.read(upToCount: self.chunkSize) ?? Data()) } catch {
            throw KoeError(
                code: "file-unreadable", message: "ファイルを読めません（\(error.localizedDescription)）",
                hint: "ファイルのパスと権限を確認してください", location: location)
        }
        ReadMeter.shared.add(first.count)
        let sampleAtEnd = first.count < self.chunkSize
        if let forced = encoding {
            let bom: Bool
            switch forced {
            case .utf8: bom = first.starts(with: [0xEF, 0xBB, 0xBF])
            case .utf16LE, .utf16BE: bom = first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF])
            case .cp932, .windows1252, .macRoman, .latin1: bom = false
            }
            var chosen = forced
            if forced == .utf16LE, first.starts(with: [0xFE, 0xFF]) { chosen = .utf16BE }
            detection = EncodingDetection(encoding: chosen, hasBOM: bom, confidence: 1, reason: "指定された文字コード")
        } else {
            detection = EncodingDetector.detect(first, atEnd: sampleAtEnd)
        }
        decoder = try ChunkDecoder(encoding: detection.encoding)
        var decoded: [UInt8] = []
        decoder.decode(first, flush: sampleAtEnd, into: &decoded)
        atEnd = sampleAtEnd
        if let delimiter, let ascii = delimiter.asciiValue {
            self.delimiter = ascii
            delimiterReason = "指定された区切り文字"
        } else {
            (self.delimiter, delimiterReason) = DelimiterSniffer.sniff(
                decoded, utf16: !detection.encoding.isASCIICompatible)
        }
        parser = CSVParser(delimiter: self.delimiter, maxRecordBytes: maxRecordBytes)
        pendingDecoded = decoded
    }

    deinit { try? handle.close() }

    /// See `CSVParser.expectedFieldCount`.
    public var expectedFieldCount: Int? {
        get { parser.expectedFieldCount }
        set { parser.expectedFieldCount = newValue }
    }

    /// The next record, or nil at the end of the file.
    public func next() throws -> CSVRecord? {
        while queueHead >= queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if finished { return nil }
            if !pendingDecoded.isEmpty {
                let chunk = pendingDecoded
                pendingDecoded = []
                try chunk.withUnsafeBufferPointer { try parser.feed($0) { queue.append($0) } }
                continue
            }
            if atEnd {
                try parser.finish { queue.append($0) }
                finished = true
                continue
            }
            let bytes: [UInt8]
            do { bytes = [UInt8](try handle.read(upToCount: chunkSize) ?? Data()) } catch {
                throw KoeError(
                    code: "file-unreadable", message: "ファイルを読み込み中にエラーが起きました（\(error.localizedDescription)）",
                    location: SourceLocation(file: displayPath, row: parser.nextRow))
            }
            atEnd = bytes.count < chunkSize
            ReadMeter.shared.add(bytes.count)
            var decoded: [UInt8] = []
            decoded.reserveCapacity(bytes.count + bytes.count / 2)
            decoder.decode(bytes, flush: atEnd, into: &decoded)
            pendingDecoded = decoded
            if pendingDecoded.isEmpty && !atEnd { continue }
        }
        let record = queue[queueHead]
        queueHead += 1
        return record
    }
}

/// Picks the delimiter that gives the most consistent number of fields (more than one) over the first records.
enum DelimiterSniffer {
    static let candidates: [(UInt8, String)] = [(0x2C, "カンマ"), (0x09, "タブ"), (0x3B, "セミコロン")]

    static func name(_ delimiter: UInt8) -> String {
        candidates.first { $0.0 == delimiter }?.1 ?? "「\(Character(Unicode.Scalar(delimiter)))」"
    }

    static func sniff(_ sample: [UInt8], utf16: Bool) -> (UInt8, String) {
        let prefix = Array(sample.prefix(256 * 1024))
        var best: (delimiter: UInt8, score: Double, width: Int)?
        for (delimiter, _) in candidates {
            let parser = CSVParser(delimiter: delimiter)
            var widths: [Int] = []
            try? prefix.withUnsafeBufferPointer { buf in
                try parser.feed(buf) { record in
                    if widths.count < 30, !record.isBlank { widths.append(record.fields.count) }
                }
            }
            guard let first = widths.first, first > 1 else { continue }
            let consistent = Double(widths.filter { $0 == first }.count) / Double(widths.count)
            let score = consistent * 100 + Double(min(first, 50)) / 100
            if best == nil || score > best!.score + 0.0001 { best = (delimiter, score, first) }
        }
        guard let best else {
            return (utf16 ? 0x09 : 0x2C, utf16 ? "区切り文字が見つからず 1 列（UTF-16 の既定のタブとする）" : "区切り文字が見つからず 1 列（カンマとする）")
        }
        return (best.delimiter, "\(name(best.delimiter))で区切ると先頭の行がそろって \(best.width) 列になる")
    }
}
