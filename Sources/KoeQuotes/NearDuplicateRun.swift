// NearDuplicateRun — near-duplicate grouping inside a streaming run: signatures and ids are kept in memory
// (64 bytes of band keys per opinion), the normalized texts go to a temporary file and only the texts of
// candidate pairs are read back for the exact Jaccard check.
import Foundation

/// Collects opinions as a run streams and groups near-duplicates at the end. Use from one thread.
public final class NearDuplicateRun {
    public let settings: NearDuplicateSettings
    private var grouper: NearDuplicateGrouper
    private let spill: TextSpill?

    /// `directory`: where the temporary text file lives (removed by `groups()` or on deinit).
    public init(settings: NearDuplicateSettings = .standard, directory: URL = FileManager.default.temporaryDirectory) {
        self.settings = settings
        grouper = NearDuplicateGrouper(settings: settings)
        spill = try? TextSpill(directory: directory)
    }

    /// One opinion: its id, its signature (computed on a worker) and its normalized text.
    public func add(id: String, signature: NearDuplicateSignature, normalized: String) {
        grouper.add(id: id, signature: signature)
        spill?.append(normalized)
    }

    /// The groups of two or more, sorted by id; candidate pairs are checked by exact Jaccard ≥ threshold.
    /// Without the temporary file (unwritable folder) no group is formed.
    public func groups() -> [NearDuplicateGroup] {
        guard let spill else { return [] }
        defer { spill.remove() }
        var cache: [Int: ShingleSet] = [:]
        func shingles(_ i: Int) -> ShingleSet {
            if let s = cache[i] { return s }
            let s = ShingleSet(spill.text(at: i), shingle: settings.shingle, normalized: true)
            if cache.count > 16384 { cache.removeAll(keepingCapacity: true) }
            cache[i] = s
            return s
        }
        return grouper.groups { i, j in shingles(i).jaccard(shingles(j)) >= settings.threshold }
    }
}

/// Texts appended to a temporary file and read back by position (8 bytes of offset each in memory).
final class TextSpill {
    private let url: URL
    private let handle: FileHandle
    private var offsets: [UInt64] = [0]
    private var buffer = Data()

    init(directory: URL) throws {
        url = directory.appendingPathComponent("koe-near-duplicates-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        handle = try FileHandle(forUpdating: url)
    }

    deinit { remove() }

    func append(_ text: String) {
        let bytes = Data(text.utf8)
        buffer.append(bytes)
        offsets.append((offsets.last ?? 0) + UInt64(bytes.count))
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func text(at index: Int) -> String {
        flush()
        guard index + 1 < offsets.count else { return "" }
        let start = offsets[index]
        let count = Int(offsets[index + 1] - start)
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.read(upToCount: count) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    private var removed = false

    func remove() {
        guard !removed else { return }
        removed = true
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
