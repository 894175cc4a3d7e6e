// Terminal — status and progress lines on stderr, and the mapping of KoeError to exit status 1.
import ArgumentParser
import Foundation
import KoeCore

enum Terminal {
    /// Whether stderr is a terminal (progress is shown only then).
    static let isInteractive = isatty(2) == 1

    static func status(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A progress callback for long work, or nil when stderr is not a terminal.
    static var progress: ((String) -> Void)? {
        guard isInteractive else { return nil }
        return { message in FileHandle.standardError.write(Data(("\r\u{1B}[K" + message + "\n").utf8)) }
    }
}

enum CommandErrors {
    /// Runs `body`; a KoeError is printed as `file:row:col: error[code]: message` and exits 1 (no stack trace).
    static func guarding(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as KoeError {
            Terminal.status(error.description)
            throw ExitCode(1)
        }
    }
}
