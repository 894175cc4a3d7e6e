// ZipPackage — reads entries of an .xlsx/.docx (zip) with bounded entry count and decompressed size.
import Foundation
import KoeCore
import ZIPFoundation

/// Limits that make a zip bomb fail fast.
public struct ZipLimits: Sendable {
    /// Most entries a package may list.
    public var maxEntries: Int
    /// Most bytes one entry may inflate to (checked while inflating, not trusted from the header).
    public var maxEntryBytes: Int
    /// Most bytes all entries read from one package may inflate to.
    public var maxTotalBytes: Int
    /// Most times an entry may grow when inflated (above 8 MB): office XML compresses 5–15× (a 20,000-row sheet of zeros: 14.5×), a zip bomb 1000×,
    /// so a bomb is refused after a fraction of its size. nil: no ratio bound.
    public var maxRatio: Int?

    public init(maxEntries: Int = 10_000, maxEntryBytes: Int = 512 << 20, maxTotalBytes: Int = 1 << 30, maxRatio: Int? = nil) {
        self.maxRatio = maxRatio
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }
}

/// A zip package opened for reading. Entry data is inflated on demand and never beyond the limits.
public final class ZipPackage {
    public let displayPath: String
    public let limits: ZipLimits
    private let archive: Archive
    private let entries: [String: Entry]
    /// Entry paths in archive order.
    public let entryPaths: [String]
    private var inflatedTotal = 0
    private let handle: FileHandle
    private let fileSize: Int
    private let directory: ZipDirectory

    public init(url: URL, displayPath: String, limits: ZipLimits = ZipLimits()) throws {
        self.displayPath = displayPath
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw KoeError(
                code: "not-a-zip", message: "ZIP 形式（.xlsx / .docx）として開けません",
                hint: "ファイルが壊れていないか、拡張子が正しいか確認してください（Excel や Word で開き直して保存し直すと直ることがあります）",
                location: SourceLocation(file: displayPath))
        }
        var map: [String: Entry] = [:]
        var paths: [String] = []
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw KoeError(
                    code: "zip-too-many-entries",
                    message: "ZIP の中のファイルが多すぎます（\(limits.maxEntries) 個を超えています）",
                    hint: "通常の Excel / Word ファイルではありません。作成元に確認してください",
                    location: SourceLocation(file: displayPath))
            }
            map[entry.path] = entry
            paths.append(entry.path)
        }
        entries = map
        entryPaths = paths
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size, let handle = try? FileHandle(forReadingFrom: url),
            let directory = ZipDirectory(handle: handle, fileSize: size)
        else {
            throw KoeError(
                code: "zip-corrupt", message: "ZIP の目次（セントラルディレクトリ）を読めません",
                hint: "ファイルが壊れている可能性があります。Excel / Word で開き直して保存し直してください",
                location: SourceLocation(file: displayPath))
        }
        self.handle = handle
        self.fileSize = size
        self.directory = directory
    }

    deinit { try? handle.close() }

    public func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The inflated bytes of entry `path`, or nil when there is no such entry.
    /// Throws `zip-too-large` as soon as the entry or the package exceeds its limit.
    public func data(_ path: String) throws -> Data? {
        guard let entry = entries[path] else { return nil }
        var data = Data()
        let compressed = Int(clamping: entry.compressedSize)
        let ratioLimit = limits.maxRatio.map { max(8 << 20, compressed > Int.max / max($0, 1) ? Int.max : compressed * $0) }
        let entryLimit = min(limits.maxEntryBytes, ratioLimit ?? Int.max)
        let totalLimit = limits.maxTotalBytes
        let already = inflatedTotal
        let location = SourceLocation(file: displayPath, column: path)
        guard let item = directory.items[path] else {
            throw KoeError(
                code: "zip-corrupt", message: "ZIP の中の \(path) を読めません（目次にありません）",
                hint: "ファイルが壊れている可能性があります。Excel / Word で開き直して保存し直してください",
                location: location)
        }
        do {
            // koe's own bounded inflate: never past the entry's compressed bytes, never past the limits.
            data = try ZipInflate.read(item, handle: handle, fileSize: fileSize, limit: min(entryLimit, totalLimit - already))
        } catch ZipReadFailure.tooLarge {
            throw KoeError(
                code: "zip-too-large",
                message: "展開後のサイズが上限（\(min(entryLimit, totalLimit) >> 20) MB）を超えました（\(path)）",
                hint: "ZIP 爆弾など、通常の Excel / Word ファイルではない可能性があります。作成元に確認してください",
                location: location)
        } catch {
            let detail: String
            if case ZipReadFailure.corrupt(let why) = error { detail = why } else { detail = "\(error)" }
            throw KoeError(
                code: "zip-corrupt", message: "ZIP の中の \(path) を読めません（\(detail)）",
                hint: "ファイルが壊れている可能性があります。Excel / Word で開き直して保存し直してください",
                location: location)
        }
        inflatedTotal += data.count
        return data
    }
}
