// MemoryRelease — hands memory freed by a finished stage back to the system (glibc keeps freed blocks in its
// arenas otherwise, and a run's resident size would stay at the peak of every stage before it).
import Foundation

/// Returns freed heap memory to the operating system where the C library allows it.
public enum MemoryRelease {
    /// Call between stages that free large structures (a few milliseconds).
    public static func trim() {
        #if canImport(Glibc)
            // malloc_trim (malloc.h) is not in Swift's Glibc module: looked up once in the running process.
            if let trim = mallocTrim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        private static let mallocTrim: Trim? = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    #endif
}
