// Terminal — status and progress lines on stderr, and the mapping of KoeError to exit status 1.
import ArgumentParser
import Foundation
import KoeCore

enum Terminal {
    /// Whether stderr is a terminal (progress is shown only then).
    static let isInteractive = isatty(2) == 1

    /// A line on stderr; control characters from inputs (file names, labels) are shown escaped.
    static func status(_ text: String) {
        FileHandle.standardError.write(Data((InertText.terminal(text) + "\n").utf8))
    }

    /// A line on stdout, with control characters from inputs shown escaped (an ESC sequence in a column label
    /// or file name must not drive the terminal).
    static func line(_ text: String) {
        print(InertText.terminal(text))
    }

    /// A progress display for long work on stderr, or nil when stderr is not a terminal (or `quiet`).
    static func progress(quiet: Bool) -> ((RunProgress) -> Void)? {
        guard isInteractive, !quiet else { return nil }
        return { p in FileHandle.standardError.write(Data(("\r\u{1B}[K" + progressLine(p, width: 20)).utf8)) }
    }

    /// Clears the progress line (before the closing status lines).
    static func clearProgress(quiet: Bool) {
        if isInteractive && !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `[1/5] survey.csv ████████░░░░ 67%  12,345 件  41,200 件/秒  残り 0:02` (one line, no newline).
    static func progressLine(_ p: RunProgress, width: Int) -> String {
        let rate = p.elapsed > 0.05 ? Double(p.opinions) / p.elapsed : 0
        let counts = "\(grouped(p.opinions)) 件  \(grouped(Int(rate.rounded()))) 件/秒"
        switch p.stage {
        case .writing:
            return "書き出し中（集計・ワークスペース・文書）…  \(counts)  経過 \(clock(p.elapsed))"
        case .reading(let file, let index, let count):
            var line = "[\(index)/\(count)] \(file)"
            if let fraction = p.fraction {
                let filled = Int((fraction * Double(width)).rounded(.down))
                line += " " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                line += " \(Int((fraction * 100).rounded(.down)))%"
                if fraction > 0.01 && fraction < 1 {
                    line += "  \(counts)  残り \(clock(p.fileElapsed * (1 - fraction) / fraction))"
                    return line
                }
            }
            return line + "  " + counts
        }
    }

    /// 12345 → "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Seconds as m:ss.
    static func clock(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + String(s % 60)
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
