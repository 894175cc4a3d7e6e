// FileHash — SHA-256 of input files for run.json, read in chunks (never the whole file at once).
import Crypto
import Foundation

enum FileHash {
    /// Hex SHA-256 of the file at `url` and its size in bytes; nil when it cannot be read.
    static func sha256(_ url: URL) -> (hex: String, bytes: Int)? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += chunk.count
        }
        let digest = hasher.finalize()
        return (digest.map { String(format: "%02x", $0) }.joined(), total)
    }
}
