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
    /// Bytes in the temporary file.
    private var fileBytes = 0
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

    /// Moves the buffered bytes to the temporary file (created on first use).
    private func spill() {
        guard unwritableFolder == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        if fd < 0 {
            let url = directory.appendingPathComponent("koe-cooccurrence-\(UUID().uuidString).tmp")
            fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                unwritableFolder = directory.path
                buffer.removeAll(keepingCapacity: true)
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
        if ok { fileBytes += buffer.count } else { unwritableFolder = directory.path }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every record in order (the arrays are reused between calls).
    func forEach(_ body: (_ words: [Int32], _ areas: [Int32]) -> Void) {
        var reader = Reader(fd: fd, fileBytes: fileBytes, tail: buffer, size: chunk)
        var words: [Int32] = []
        var areas: [Int32] = []
        for _ in 0..<count {
            words.removeAll(keepingCapacity: true)
            areas.removeAll(keepingCapacity: true)
            guard let n = reader.next(), let m = reader.next() else { return }
            var id: Int32 = 0
            for _ in 0..<n {
                guard let d = reader.next() else { return }
                id += Int32(d)
                words.append(id)
            }
            id = 0
            for _ in 0..<m {
                guard let d = reader.next() else { return }
                id += Int32(d)
                areas.append(id)
            }
            body(words, areas)
        }
    }

    /// Varints from the file (read in chunks), then from the in-memory tail.
    private struct Reader {
        let fd: Int32
        let fileBytes: Int
        let tail: [UInt8]
        let size: Int
        var chunk: [UInt8] = []
        var position = 0
        var fileOffset = 0
        var inTail = false

        init(fd: Int32, fileBytes: Int, tail: [UInt8], size: Int) {
            self.fd = fd
            self.fileBytes = fileBytes
            self.tail = tail
            self.size = size
        }

        /// Loads the next chunk; false at the end.
        private mutating func refill() -> Bool {
            position = 0
            if fileOffset < fileBytes && fd >= 0 {
                let want = min(size, fileBytes - fileOffset)
                chunk = [UInt8](repeating: 0, count: want)
                let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(fileOffset)) }
                guard n > 0 else { return false }
                if n < want { chunk.removeLast(want - n) }
                fileOffset += n
                return true
            }
            guard !inTail else { return false }
            inTail = true
            chunk = tail
            return !chunk.isEmpty
        }

        @inline(__always)
        mutating func byte() -> UInt8? {
            if position == chunk.count {
                guard refill() else { return nil }
            }
            defer { position += 1 }
            return chunk[position]
        }

        mutating func next() -> UInt32? {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while let b = byte() {
                value |= UInt32(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            return nil
        }
    }
}
