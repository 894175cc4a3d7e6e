// TimedWriter — wraps a writer and adds the wall time of each of its calls to the run's timer, so run.json
// shows what every output costs (`seconds.writers`).
import Foundation
import KoeCore
import KoeRun

/// A writer that measures another.
public final class TimedWriter: OutputWriter {
    private let inner: OutputWriter
    private let name: String
    private let timer: RunTimer

    public init(_ inner: OutputWriter, name: String, timer: RunTimer) {
        self.inner = inner
        self.name = name
        self.timer = timer
        takes = inner.takesRespondents
    }

    /// `inner.takesRespondents`, read once.
    private let takes: Bool

    private func timed(_ body: () throws -> Void) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timer.add(writer: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        try body()
    }

    /// Nanoseconds of `respondent` calls not yet added to the timer: one call per respondent is too short to
    /// pay for the timer's lock and name lookup each time.
    private var respondentNanoseconds: UInt64 = 0
    private var untimedRespondents = 0

    private func addRespondentTime() {
        guard untimedRespondents > 0 else { return }
        timer.add(writer: name, seconds: Double(respondentNanoseconds) / 1e9)
        respondentNanoseconds = 0
        untimedRespondents = 0
    }

    public func begin(_ run: RunContext) throws { try timed { try inner.begin(run) } }
    public var takesRespondents: Bool { takes }

    public func respondent(_ respondent: Respondent, segments: Segments) throws {
        guard takes else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            respondentNanoseconds += DispatchTime.now().uptimeNanoseconds - start
            untimedRespondents += 1
            if untimedRespondents >= 4096 { addRespondentTime() }
        }
        try inner.respondent(respondent, segments: segments)
    }
    public func write(_ batch: [TaggedOpinion]) throws {
        addRespondentTime()
        try timed { try inner.write(batch) }
    }
    public func reject(_ record: RejectedRecord) throws { try timed { try inner.reject(record) } }
    public func inputEnded() throws {
        addRespondentTime()
        try timed { try inner.inputEnded() }
    }
    public func finish(_ results: RunResults) throws {
        addRespondentTime()
        try timed { try inner.finish(results) }
    }
}
