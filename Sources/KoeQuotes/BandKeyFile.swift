// BandKeyFile — a streaming run's near-duplicate band keys in a temporary file instead of memory (64 bytes an
// opinion: 107 MB at a million respondents); read back one band at a time and row by row with `pread`.
import Foundation
import KoeCore

/// Fixed-size rows of band keys appended to an unlinked temporary file. Use from one thread.
final class BandKeyFile: @unchecked Sendable {
    let bands: Int
    private let fd: Int32
    private var buffer: [UInt32] = []
    private(set) var rows = 0
    private var written = 0
    /// Set when the file could not be written or read back: no groups are formed then.
    private(set) var failed = false
    /// Reads made (`read(rows:count:into:)` calls), for tests of how often grouping reads rows back.
    private(set) var reads = 0

    /// Rows read at a time when a band is read for every opinion (1 MB with 16 bands).
    static let chunkRows = 1 << 14

    /// `directory`: where the file lives; it is unlinked as soon as it is open, so a killed run leaves nothing.
    init(directory: URL, bands: Int) throws {
        self.bands = bands
        let url = directory.appendingPathComponent("koe-band-keys-\(UUID().uuidString).tmp")
        fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        unlink(url.path)
    }

    deinit { close(fd) }

    /// Appends one opinion's `bands` keys.
    func append(_ keys: [UInt32]) {
        buffer.append(contentsOf: keys)
        rows += 1
        if buffer.count >= Self.chunkRows * bands { flush() }
    }

    /// Writes what is buffered (call before reading back).
    func flush() {
        guard !buffer.isEmpty, !failed else { return }
        if !buffer.withUnsafeBytes({ PositionedIO.write(fd, $0, at: written) }) { failed = true }
        written += buffer.count * MemoryLayout<UInt32>.size
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads `count` rows from row `first` into `into` (room for `count × bands` keys); false when it cannot.
    @discardableResult
    func read(rows first: Int, count: Int, into target: UnsafeMutablePointer<UInt32>) -> Bool {
        reads += 1
        let bytes = count * bands * MemoryLayout<UInt32>.size
        let start = first * bands * MemoryLayout<UInt32>.size
        guard PositionedIO.read(fd, into: target, count: bytes, at: start) else {
            failed = true
            target.update(repeating: 0, count: count * bands)
            return false
        }
        return true
    }

    /// Every row's keys in one array (one read), or nil when they cannot be read back (then `failed` is set).
    func readAll() -> [UInt32]? {
        var all = [UInt32](repeating: 0, count: rows * bands)
        guard !all.isEmpty else { return all }
        let ok = all.withUnsafeMutableBufferPointer { read(rows: 0, count: rows, into: $0.baseAddress!) }
        return ok ? all : nil
    }

    /// Bytes of keys held (written or buffered).
    var byteCount: Int { rows * bands * MemoryLayout<UInt32>.size }

    /// `body(i, key)` for every row's key of `band`, in row order.
    func forEachKey(band: Int, _ body: (Int, UInt32) -> Void) {
        forEachRow { i, keys in body(i, keys[band]) }
    }

    /// `body(i, keys)` for every row (its `bands` keys), in row order: the file is read a chunk at a time.
    func forEachRow(_ body: (Int, UnsafePointer<UInt32>) -> Void) {
        let chunk = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.chunkRows * bands)
        defer { chunk.deallocate() }
        var first = 0
        while first < rows {
            let count = min(Self.chunkRows, rows - first)
            read(rows: first, count: count, into: chunk)
            for r in 0..<count { body(first + r, chunk + r &* bands) }
            first += count
        }
    }
}
