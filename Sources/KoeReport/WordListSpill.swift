// WordListSpill — each opinion's word ids and tracked-area ids, kept for the co-occurrence builder's exact
// second pass: LEB128 varints of sorted ids as deltas (about 1.5 bytes a word), in memory up to one chunk and
// then appended to a temporary file that is unlinked as soon as it is open (a killed run leaves nothing).
import Foundation

/// Appends records of two ascending id lists and reads them back in order. Use from one thread at a time.
final class WordListSpill: @unchecked Sendable {
    /// Bytes kept in memory before they go to the temporary file (also the read-back chunk).
    let chunk: Int
    private let directory: URL
    private var buffer: [UInt8] = []
    private var fd: Int32 = -1
    /// Bytes in the temporary file, and the size of each block of whole records written to it.
    private var fileBytes = 0
    private var blocks: [Int] = []
    /// Records appended.
    private(set) var count = 0
    /// The folder of the temporary file when it could not be created or written (the records are then
    /// incomplete and the caller must say so), else nil.
    private(set) var unwritableFolder: String?

    init(directory: URL = FileManager.default.temporaryDirectory, chunk: Int = 1 << 20) {
        self.directory = directory
        self.chunk = max(chunk, 16)
        buffer.reserveCapacity(4096)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// One record: `words` and `areas`, each ascending.
    func append(words: [Int32], areas: [Int32]) {
        count += 1
        put(UInt32(words.count))
        put(UInt32(areas.count))
        var last: Int32 = 0
        for id in words {
            put(UInt32(id - last))
            last = id
        }
        last = 0
        for id in areas {
            put(UInt32(id - last))
            last = id
        }
        if buffer.count >= chunk { spill() }
    }

    @inline(__always)
    private func put(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    /// Moves the buffered bytes (whole records) to the temporary file (created on first use).
    private func spill() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard unwritableFolder == nil else { return }
        if fd < 0 {
            let url = directory.appendingPathComponent("koe-cooccurrence-\(UUID().uuidString).tmp")
            fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                unwritableFolder = directory.path
                return
            }
            unlink(url.path)
        }
        let ok = buffer.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(fileBytes + done))
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        if ok {
            fileBytes += buffer.count
            blocks.append(buffer.count)
        } else {
            unwritableFolder = directory.path
        }
    }

    /// Calls `body` with every record in order (the arrays are reused between calls).
    func forEach(_ body: (_ words: [Int32], _ areas: [Int32]) -> Void) {
        var words: [Int32] = []
        var areas: [Int32] = []
        var offset = 0
        var block: [UInt8] = []
        for size in blocks {
            block = [UInt8](repeating: 0, count: size)
            let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, size, off_t(offset)) }
            guard n == size else { return }
            offset += size
            block.withUnsafeBufferPointer { Self.decode($0, &words, &areas, body) }
        }
        buffer.withUnsafeBufferPointer { Self.decode($0, &words, &areas, body) }
    }

    /// The records of one block of whole records.
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ words: inout [Int32], _ areas: inout [Int32],
        _ body: (_ words: [Int32], _ areas: [Int32]) -> Void
    ) {
        var p = 0
        let end = bytes.count
        @inline(__always) func varint() -> UInt32 {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while p < end {
                let b = bytes[p]
                p += 1
                value |= UInt32(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return value
        }
        while p < end {
            let n = varint()
            let m = varint()
            words.removeAll(keepingCapacity: true)
            areas.removeAll(keepingCapacity: true)
            var id: Int32 = 0
            for _ in 0..<n {
                id &+= Int32(truncatingIfNeeded: varint())
                words.append(id)
            }
            id = 0
            for _ in 0..<m {
                id &+= Int32(truncatingIfNeeded: varint())
                areas.append(id)
            }
            body(words, areas)
        }
    }
}
