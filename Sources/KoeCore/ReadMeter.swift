// ReadMeter and RunProgress — how far a long run has got: bytes the readers have taken from the current
// file (counted per chunk), and the progress value the pipeline reports to whoever shows it.
import Foundation

/// Bytes read from input files so far, counted by readers per chunk (thread-safe; cheap at chunk rate).
public final class ReadMeter: @unchecked Sendable {
    /// The meter every reader of this process adds to.
    public static let shared = ReadMeter()
    private let lock = NSLock()
    private var total = 0

    public init() {}

    /// Called by a reader after it took `count` bytes from a file.
    public func add(_ count: Int) {
        lock.lock()
        total += count
        lock.unlock()
    }

    /// Bytes read since the process started.
    public var bytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}

/// Where a run is, for a progress display.
public struct RunProgress: Sendable, Hashable {
    public enum Stage: Sendable, Hashable {
        /// Reading and analysing file `index` (1-based) of `count`.
        case reading(file: String, index: Int, count: Int)
        /// Writing the outputs at the end.
        case writing
    }

    public var stage: Stage
    /// Opinions read so far in the whole run.
    public var opinions: Int
    /// Bytes of the current file read so far, and its size (nil when unknown, e.g. inside a zip).
    public var fileBytesRead: Int
    public var fileBytes: Int?
    /// Seconds since the run started, and since the current file started.
    public var elapsed: Double
    public var fileElapsed: Double

    public init(stage: Stage, opinions: Int, fileBytesRead: Int, fileBytes: Int?, elapsed: Double, fileElapsed: Double) {
        self.stage = stage
        self.opinions = opinions
        self.fileBytesRead = fileBytesRead
        self.fileBytes = fileBytes
        self.elapsed = elapsed
        self.fileElapsed = fileElapsed
    }

    /// The share of the current file read (0…1), when its size is known and the reader counts bytes.
    public var fraction: Double? {
        guard let total = fileBytes, total > 0, fileBytesRead > 0 else { return nil }
        return min(1, Double(fileBytesRead) / Double(total))
    }
}
