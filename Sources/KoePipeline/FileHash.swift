// FileHash — SHA-256 of input files for run.json, read in chunks (never the whole file at once).
import Crypto
import Dispatch
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

    /// A hash computed on another thread while the caller goes on; `result()` waits for it.
    final class Background: @unchecked Sendable {
        private var value: (hex: String, bytes: Int)?
        private let done = DispatchSemaphore(value: 0)

        init(_ url: URL) {
            DispatchQueue.global().async {
                self.value = FileHash.sha256(url)
                self.done.signal()
            }
        }

        /// The hash (waits until it is computed; call once).
        func result() -> (hex: String, bytes: Int)? {
            done.wait()
            return value
        }
    }
}
