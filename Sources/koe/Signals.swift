// Signals — Ctrl-C, TERM and HUP stop koe after removing the work paths it registered (Cleanup), so an
// interrupted run leaves no hidden folder of raw text behind; the exit status is the usual 128 + signal.
import Dispatch
import Foundation
import KoeCore

enum Signals {
    /// Kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once, before any work). A signal the parent told koe to ignore (`nohup`, a
    /// background job's Ctrl-C) stays ignored.
    static func install() {
        let queue = DispatchQueue(label: "koe.signals")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(number, SIG_IGN)
            if previous.map({ unsafeBitCast($0, to: Int.self) }) == 1 { continue }  // SIG_IGN
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                Cleanup.shared.removeAll()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
