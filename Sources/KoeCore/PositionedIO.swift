// PositionedIO — whole reads and writes at a file offset (pread/pwrite until done), for the run's temporary
// files: near-duplicate band keys and shingles, the themes' and the co-occurrence's word lists.
import Foundation

/// `pwrite`/`pread` loops that finish a short transfer or report failure.
public enum PositionedIO {
    /// Writes all of `bytes` at `offset`; false when the file cannot take them (disk full, closed).
    public static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Reads `count` bytes at `offset` into `target`; false when the file holds fewer.
    public static func read(_ fd: Int32, into target: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, target + done, count - done, off_t(offset + done))
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
