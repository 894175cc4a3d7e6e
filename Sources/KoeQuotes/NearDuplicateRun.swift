// NearDuplicateRun — near-duplicate grouping inside a streaming run: signatures and ids are kept in memory
// (64 bytes of band keys per opinion); each opinion's shingle hashes (computed on a worker) go to a temporary
// file and only those of candidate pairs are read back for the exact Jaccard check.
import Foundation

/// Collects opinions as a run streams and groups near-duplicates at the end. Use from one thread.
public final class NearDuplicateRun {
    public let settings: NearDuplicateSettings
    private var grouper: NearDuplicateGrouper
    private let spill: ShingleSpill?

    /// `directory`: where the temporary file lives (removed by `groups()` or on deinit).
    public init(settings: NearDuplicateSettings = .standard, directory: URL = FileManager.default.temporaryDirectory) {
        self.settings = settings
        grouper = NearDuplicateGrouper(settings: settings)
        spill = try? ShingleSpill(directory: directory)
    }

    /// One opinion: its id, its signature and its shingles (both computed on a worker).
    public func add(id: String, signature: NearDuplicateSignature, shingles: ShingleSet) {
        grouper.add(id: id, signature: signature)
        spill?.append(shingles.hashes)
    }

    /// Jaccard(A, B) ≤ min(|A|, |B|) / max(|A|, |B|): a pair whose set sizes differ that much cannot reach the
    /// threshold, and its shingles need not be read back (the sizes are the spill's offsets).
    private func sizesAllow(_ a: Int, _ b: Int) -> Bool {
        let small = Double(min(a, b))
        let large = Double(max(a, b))
        return !(small < settings.threshold * large)
    }

    /// The groups of two or more, sorted by id; candidate pairs are checked by exact Jaccard ≥ threshold.
    /// Without the temporary file (unwritable folder) no group is formed.
    public func groups() -> [NearDuplicateGroup] {
        guard let spill else { return [] }
        defer { spill.remove() }
        spill.finishWriting()
        guard !spill.failed else { return [] }
        var cache: [Int: ShingleSet] = [:]
        func shingles(_ i: Int) -> ShingleSet? {
            if let s = cache[i] { return s }
            guard let hashes = spill.hashes(at: i) else { return nil }
            let s = ShingleSet(sortedHashes: hashes)
            if cache.count > 16384 { cache.removeAll(keepingCapacity: true) }
            cache[i] = s
            return s
        }
        return grouper.groups { i, j in
            guard sizesAllow(spill.count(at: i), spill.count(at: j)) else { return false }
            guard let a = shingles(i), let b = shingles(j) else { return false }
            return a.jaccard(b) >= settings.threshold
        }
    }
}

/// Shingle hash lists appended to a temporary file and read back by position with `pread` (8 bytes of offset
/// each in memory; the file is not mapped, so a million opinions do not add to the resident memory).
final class ShingleSpill {
    private let url: URL
    private let fd: Int32
    private var offsets: [Int] = [0]
    private var buffer: [UInt64] = []
    private var written = 0
    /// Set when the file could not be written: no groups are formed then.
    private(set) var failed = false

    init(directory: URL) throws {
        url = directory.appendingPathComponent("koe-near-duplicates-\(UUID().uuidString).tmp")
        fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    deinit { remove() }

    func append(_ hashes: [UInt64]) {
        buffer.append(contentsOf: hashes)
        offsets.append((offsets.last ?? 0) + hashes.count)
        if buffer.count >= 1 << 17 { flush() }
    }

    /// Writes what is buffered (call before reading back).
    func finishWriting() { flush() }

    private func flush() {
        guard !buffer.isEmpty, !failed else { return }
        let ok = buffer.withUnsafeBytes { bytes -> Bool in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = pwrite(fd, base + done, bytes.count - done, off_t(written + done))
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        if !ok { failed = true }
        written += buffer.count * MemoryLayout<UInt64>.size
        buffer.removeAll(keepingCapacity: true)
    }

    /// How many hashes were appended at `index`.
    func count(at index: Int) -> Int { index + 1 < offsets.count ? offsets[index + 1] - offsets[index] : 0 }

    /// The hashes appended at `index` (nil when they cannot be read back).
    func hashes(at index: Int) -> [UInt64]? {
        guard !failed, index + 1 < offsets.count else { return nil }
        let count = offsets[index + 1] - offsets[index]
        let start = off_t(offsets[index] * MemoryLayout<UInt64>.size)
        var complete = true
        let hashes = [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
            let bytes = UnsafeMutableRawBufferPointer(out)
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = pread(fd, base + done, bytes.count - done, start + off_t(done))
                if n <= 0 { break }
                done += n
            }
            complete = done == bytes.count
            initialized = complete ? count : 0
        }
        return complete ? hashes : nil
    }

    private var removed = false

    func remove() {
        guard !removed else { return }
        removed = true
        close(fd)
        unlink(url.path)
    }
}
