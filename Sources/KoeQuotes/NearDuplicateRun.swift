// NearDuplicateRun — near-duplicate grouping inside a streaming run: ids are kept in memory; each opinion's
// band keys (64 bytes) and shingle hashes (both computed on a worker) go to temporary files, the keys read back a
// band at a time and only the shingles of candidate pairs for the exact Jaccard check.
import Foundation
import KoeCore

/// Collects opinions as a run streams and groups near-duplicates at the end. Use from one thread.
public final class NearDuplicateRun {
    public let settings: NearDuplicateSettings
    private var grouper: NearDuplicateGrouper
    private let spill: ShingleSpill?

    /// The folder of the temporary file when it could not be created or written (no groups are formed then;
    /// the caller must say so), else nil.
    public var unwritableFolder: String? {
        spill == nil || spill?.failed == true || grouper.keysFailed || keysFailed ? directory.path : nil
    }
    private let directory: URL
    /// Whether the band keys' file failed (kept once the grouper is released).
    private var keysFailed = false

    /// `directory`: where the temporary file lives; it is unlinked as soon as it is open, so nothing is left
    /// behind even when the process is killed.
    public init(settings: NearDuplicateSettings = .standard, directory: URL = FileManager.default.temporaryDirectory) {
        self.settings = settings
        self.directory = directory
        let spill = try? ShingleSpill(directory: directory)
        // The band keys go to a file too; if it cannot be made, nothing is grouped (as without the shingles' file).
        let grouper = try? NearDuplicateGrouper(settings: settings, keysIn: directory)
        self.spill = grouper == nil ? nil : spill
        self.grouper = grouper ?? NearDuplicateGrouper(settings: settings)
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
    /// Without the temporary file (unwritable folder) no group is formed: check `unwritableFolder`.
    public func groups() -> [NearDuplicateGroup] {
        guard let spill else { return [] }
        defer { spill.remove() }
        spill.finishWriting()
        guard !spill.failed, !grouper.keysFailed else { return [] }
        let reader = spill.reader()
        let groups = grouper.groups { i, j in
            guard sizesAllow(spill.count(at: i), spill.count(at: j)) else { return false }
            return reader.jaccard(i, j).map { $0 >= settings.threshold } ?? false
        }
        // The ids and the keys' file are not needed again: the rest of the run has their memory.
        keysFailed = grouper.keysFailed
        grouper = NearDuplicateGrouper(settings: settings)
        return keysFailed ? [] : groups
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
        // Only the descriptor is used from now on: a killed run leaves no file.
        unlink(url.path)
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
        if !buffer.withUnsafeBytes({ PositionedIO.write(fd, $0, at: written) }) { failed = true }
        written += buffer.count * MemoryLayout<UInt64>.size
        buffer.removeAll(keepingCapacity: true)
    }

    /// How many hashes were appended at `index`.
    func count(at index: Int) -> Int { index + 1 < offsets.count ? offsets[index + 1] - offsets[index] : 0 }

    /// Reads pairs back for the exact check. Call after `finishWriting`.
    func reader() -> SpillReader { SpillReader(fd: fd, offsets: offsets) }

    private var removed = false

    func remove() {
        guard !removed else { return }
        removed = true
        close(fd)
    }
}

/// Jaccard of two spilled shingle lists, read back with `pread` into a small direct-mapped cache (a bucket's
/// representatives are compared with many members in a row) instead of new arrays. Its memory is fixed
/// (`slots` × `slotCapacity` hashes), so the read-back does not grow with the run; longer lists use scratch buffers.
final class SpillReader {
    private let fd: Int32
    private let offsets: [Int]
    private let arena: UnsafeMutablePointer<UInt64>
    /// The position whose list each slot holds (-1: none).
    private var held: [Int]
    private let scratch: (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>)
    private var failed = false

    /// Cache slots (a power of two) and the longest list a slot holds.
    static let slots = 4096
    static let slotCapacity = 128

    init(fd: Int32, offsets: [Int]) {
        self.fd = fd
        self.offsets = offsets
        arena = .allocate(capacity: Self.slots * Self.slotCapacity)
        held = [Int](repeating: -1, count: Self.slots)
        var longest = 0
        for i in 1..<max(1, offsets.count) { longest = max(longest, offsets[i] - offsets[i - 1]) }
        scratch = (.allocate(capacity: max(1, longest)), .allocate(capacity: max(1, longest)))
    }

    deinit {
        arena.deallocate()
        scratch.0.deallocate()
        scratch.1.deallocate()
    }

    /// Jaccard of the shingle lists at `i` and `j` (nil when they cannot be read back).
    func jaccard(_ i: Int, _ j: Int) -> Double? {
        // Two lists that share a slot: the second is read into its scratch buffer, not over the first.
        let sameSlot = i != j && (i ^ j) & (Self.slots - 1) == 0
        guard !failed, i + 1 < offsets.count, j + 1 < offsets.count,
            let a = list(i, scratch: scratch.0), let b = list(j, scratch: scratch.1, bypass: sameSlot)
        else { return nil }
        return ShingleSet.jaccard(a, b)
    }

    private func list(
        _ index: Int, scratch: UnsafeMutablePointer<UInt64>, bypass: Bool = false
    ) -> UnsafeBufferPointer<UInt64>? {
        let start = offsets[index]
        let count = offsets[index + 1] - start
        let slot = index & (Self.slots - 1)
        let cached = count <= Self.slotCapacity && !bypass
        let target = cached ? arena + slot * Self.slotCapacity : scratch
        if !cached || held[slot] != index {
            let bytes = count * MemoryLayout<UInt64>.size
            guard PositionedIO.read(fd, into: target, count: bytes, at: start * 8) else {
                failed = true
                return nil
            }
            if cached { held[slot] = index }
        }
        return UnsafeBufferPointer(start: target, count: count)
    }
}
