// VarintSpill — records of unsigned LEB128 varints appended in memory up to one chunk, then moved to a temporary
// file that is unlinked as soon as it is open (a killed run leaves nothing), and read back in order a block of
// whole records at a time: what a streaming run keeps of every opinion for a second pass at the end.
import Foundation

/// Appends varint records and reads them back in order. Use from one thread at a time.
public final class VarintSpill: @unchecked Sendable {
    /// Bytes kept in memory before they go to the temporary file (also the read-back block size).
    public let chunk: Int
    private let directory: URL
    private let prefix: String
    private var buffer: [UInt8] = []
    private var fd: Int32 = -1
    /// Bytes in the temporary file, and the size of each block of whole records written to it.
    private var fileBytes = 0
    private var blocks: [Int] = []
    /// Records ended.
    public private(set) var count = 0
    /// The folder of the temporary file when it could not be created or written (the records are then
    /// incomplete and the caller must say so), else nil.
    public private(set) var unwritableFolder: String?

    /// `prefix`: the temporary file's name prefix (e.g. `koe-themes`).
    public init(directory: URL = FileManager.default.temporaryDirectory, chunk: Int = 1 << 20, prefix: String) {
        self.directory = directory
        self.chunk = max(chunk, 16)
        self.prefix = prefix
        buffer.reserveCapacity(4096)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends one value to the record being written.
    @inline(__always)
    public func put(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    /// Writes one whole record: `body` appends its values with `Record.put` straight into the buffer (one access
    /// to this object for the record, where a `put` a value paid a call and an exclusivity check each).
    public func record(_ body: (inout Record) -> Void) {
        var record = Record(bytes: buffer)
        buffer = []
        body(&record)
        buffer = record.bytes
        endRecord()
    }

    /// The bytes of the record being written (see `record(_:)`).
    public struct Record {
        @usableFromInline var bytes: [UInt8]

        /// Appends one value.
        @inlinable public mutating func put(_ value: UInt32) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }
    }

    /// Ends the record being written (blocks only ever hold whole records).
    public func endRecord() {
        count += 1
        if buffer.count >= chunk { spill() }
    }

    /// Moves the buffered bytes (whole records) to the temporary file (created on first use).
    private func spill() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard unwritableFolder == nil else { return }
        if fd < 0 {
            let url = directory.appendingPathComponent("\(prefix)-\(UUID().uuidString).tmp")
            fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                unwritableFolder = directory.path
                return
            }
            unlink(url.path)
        }
        if buffer.withUnsafeBytes({ PositionedIO.write(fd, $0, at: fileBytes) }) {
            fileBytes += buffer.count
            blocks.append(buffer.count)
        } else {
            unwritableFolder = directory.path
        }
    }

    /// Calls `body` with every block of whole records, in order (the file's blocks, then what is in memory). A
    /// block that cannot be read back marks the spill unwritable and ends the pass.
    public func forEachBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var offset = 0
        var block: [UInt8] = []
        for size in blocks {
            block = [UInt8](repeating: 0, count: size)
            guard block.withUnsafeMutableBytes({ PositionedIO.read(fd, into: $0.baseAddress!, count: size, at: offset) }) else {
                unwritableFolder = directory.path
                return
            }
            offset += size
            block.withUnsafeBufferPointer(body)
        }
        buffer.withUnsafeBufferPointer(body)
    }

    /// The varint at `p` in `bytes` (advancing `p`); stops at the end of the block.
    @inline(__always)
    public static func varint(_ bytes: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while p < bytes.count {
            let b = bytes[p]
            p += 1
            value |= UInt32(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return value
    }
}
