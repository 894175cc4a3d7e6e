// Cleanup — paths to remove if the process is stopped by a signal (Ctrl-C, TERM, HUP): a run's hidden work
// folder holds raw text and must not be left behind. The executable installs the signal handling; libraries
// only register and unregister what they create.
import Foundation

/// The work paths of this process that a signal must remove (thread-safe).
public final class Cleanup: @unchecked Sendable {
    /// The registry of this process.
    public static let shared = Cleanup()
    private let lock = NSLock()
    private var paths: [Int: String] = [:]
    private var next = 0

    public init() {}

    /// Registers `path` (a file or folder); returns the token that unregisters it.
    public func add(_ path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        paths[next] = path
        return next
    }

    /// Forgets the path registered under `token` (it was removed, or must survive).
    public func remove(_ token: Int) {
        lock.lock()
        paths[token] = nil
        lock.unlock()
    }

    /// The registered paths, in registration order.
    public var registered: [String] {
        lock.lock()
        defer { lock.unlock() }
        return paths.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Removes every registered path now (a signal arrived). Writers may still be adding files, so a folder
    /// is removed a few times until it is gone.
    public func removeAll() {
        for path in registered {
            for _ in 0..<5 {
                try? FileManager.default.removeItem(atPath: path)
                if !FileManager.default.fileExists(atPath: path) { break }
            }
        }
    }
}
