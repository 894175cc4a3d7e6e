// Swift owners of the ICU shim's C resources: a word breaker and a byte→UTF-8 converter.
import CKoeICU
import KoeCore

/// An ICU word-break iterator (UBRK_WORD). Not thread-safe: use one per thread.
public final class WordBreaker {
    private let handle: OpaquePointer
    /// Scratch the shim writes segments into: starts, ends and rule statuses, `capacity` each (grown when short).
    private var capacity = 256
    private var scratch: UnsafeMutablePointer<Int32>

    public init(locale: String = "ja") throws {
        var error: Int32 = 0
        guard let handle = koe_breaker_open(locale, &error) else {
            throw KoeError(
                code: "icu-error", message: "ICU の単語分割を開けません（\(String(cString: koe_icu_error_name(error)))）",
                hint: "libicu がインストールされているか確認してください（apt-get install libicu-dev）")
        }
        self.handle = handle
        scratch = .allocate(capacity: 3 * capacity)
    }

    deinit {
        koe_breaker_close(handle)
        scratch.deallocate()
    }

    /// A word segment: UTF-16 offsets in the text given, and ICU's rule status (100 number, 200 letter,
    /// 300 kana, 400 ideograph; 0 = spaces/punctuation, dropped when `minStatus` > 0).
    public struct Segment: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var status: Int
    }

    /// Segments of `text` (UTF-16) whose rule status is at least `minStatus`.
    public func segments(_ text: UnsafeBufferPointer<UInt16>, minStatus: Int = 100) -> [Segment] {
        var out: [WordLayer.Segment] = []
        segments(text, minStatus: minStatus, into: &out)
        return out.map { Segment(start: $0.start, end: $0.end, status: $0.status) }
    }

    /// The segments into the word layer's reused list (emptied first).
    func segments(_ text: UnsafeBufferPointer<UInt16>, minStatus: Int, into out: inout [WordLayer.Segment]) {
        out.removeAll(keepingCapacity: true)
        var error: Int32 = 0
        while true {
            let count = Int(
                koe_breaker_segments(
                    handle, text.baseAddress, Int32(text.count), Int32(minStatus), scratch, scratch + capacity,
                    scratch + 2 * capacity, Int32(capacity), &error))
            if count < 0 { return }
            if count > capacity {
                scratch.deallocate()
                capacity = count * 2
                scratch = .allocate(capacity: 3 * capacity)
                continue
            }
            out.reserveCapacity(count)
            let (starts, ends, statuses) = (scratch, scratch + capacity, scratch + 2 * capacity)
            for i in 0..<count {
                out.append(WordLayer.Segment(start: Int(starts[i]), end: Int(ends[i]), status: Int(statuses[i])))
            }
            return
        }
    }
}

/// NFKC with a map from each normalized UTF-16 unit back to its offset in the input.
enum NFKC {
    static func normalize(_ input: [UInt16]) -> (text: [UInt16], map: [Int32]) {
        var text: [UInt16] = []
        var map: [Int32] = []
        let n = input.withUnsafeBufferPointer { normalize($0, text: &text, map: &map) }
        return (Array(text[0..<n]), Array(map[0..<n]))
    }

    /// `normalize` into reused buffers: returns the length n of the result, which is `text[0..<n]` and
    /// `map[0..<n]` (the buffers only grow; what lies past n is garbage).
    static func normalize(_ input: UnsafeBufferPointer<UInt16>, text: inout [UInt16], map: inout [Int32]) -> Int {
        if input.isEmpty { return 0 }
        var capacity = input.count + input.count / 4 + 8
        while true {
            if text.count < capacity { text += repeatElement(0, count: capacity - text.count) }
            if map.count < capacity { map += repeatElement(0, count: capacity - map.count) }
            var error: Int32 = 0
            let produced = text.withUnsafeMutableBufferPointer { dst in
                map.withUnsafeMutableBufferPointer { m in
                    koe_nfkc_map(
                        input.baseAddress, Int32(input.count), dst.baseAddress, m.baseAddress, Int32(capacity), &error)
                }
            }
            if produced < 0 {
                if text.count < input.count { text += repeatElement(0, count: input.count - text.count) }
                if map.count < input.count { map += repeatElement(0, count: input.count - map.count) }
                for k in 0..<input.count {
                    text[k] = input[k]
                    map[k] = Int32(k)
                }
                return input.count
            }
            if Int(produced) > capacity {
                capacity = Int(produced)
                continue
            }
            return Int(produced)
        }
    }
}

/// Converts bytes in a legacy or UTF-16 encoding to UTF-8 through ICU, stopping at the first invalid
/// sequence (never replacing it). Not thread-safe.
public final class ByteConverter {
    private let handle: OpaquePointer
    /// ICU's canonical name of the encoding (e.g. `ibm-943_P15A-2003` for windows-31j).
    public let canonicalName: String

    /// Result of converting one chunk.
    public enum Outcome: Equatable, Sendable {
        /// Everything converted (with `flush: false`, a trailing partial sequence may be buffered).
        case complete
        /// An invalid sequence of `length` bytes starts at `offset` in the chunk given.
        case invalid(offset: Int, length: Int)
        /// The input ended inside a multi-byte sequence.
        case truncated(offset: Int)
    }

    public init(encoding: String) throws {
        var error: Int32 = 0
        guard let handle = koe_converter_open(encoding, &error) else {
            throw KoeError(
                code: "unknown-encoding", message: "文字コード「\(encoding)」は使えません",
                hint: "utf-8、cp932、utf-16 のいずれかを指定してください")
        }
        self.handle = handle
        canonicalName = String(cString: koe_converter_name(handle))
    }

    deinit { koe_converter_close(handle) }

    public func reset() { koe_converter_reset(handle) }

    /// Converts `bytes`, appending UTF-8 to `output`. With `flush`, the chunk is the end of the input.
    public func convert(_ bytes: UnsafeRawBufferPointer, flush: Bool, into output: inout [UInt8]) -> Outcome {
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: max(4096, bytes.count * 3 / 2 + 16))
        while true {
            var consumed: Int32 = 0
            var produced: Int32 = 0
            var badLength: Int32 = 0
            var error: Int32 = 0
            let remaining = bytes.count - offset
            let status = buffer.withUnsafeMutableBytes { dst in
                koe_converter_to_utf8(
                    handle, bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) },
                    Int32(remaining), dst.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(dst.count),
                    flush ? 1 : 0, &consumed, &produced, &badLength, &error)
            }
            output.append(contentsOf: buffer[0..<Int(produced)])
            offset += Int(consumed)
            switch status {
            case 0: return .complete
            case 1: continue
            case 2: return .invalid(offset: offset - Int(badLength), length: Int(badLength))
            case 3: return .truncated(offset: offset - Int(badLength))
            default: return .invalid(offset: offset, length: 0)
            }
        }
    }
}
