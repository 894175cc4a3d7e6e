// BackgroundWriter — runs a costly writer (the workspace, the report's counting) on its own thread while the
// run streams: calls are queued in order, at most two batches ahead, and `finish` waits for the queue.
import Dispatch
import Foundation
import KoeCore
import KoeRun

/// A writer whose streaming calls run on a serial background queue, in the order they were made.
///
/// The inner writer sees exactly the same calls in the same order as without it, so its output is the same
/// bytes. Memory stays bounded: the caller waits when two batches are already queued. An error thrown on the
/// queue is rethrown by the next call (or by `finish`).
public final class BackgroundWriter: OutputWriter, @unchecked Sendable {
    private enum Call {
        case respondent(Respondent, Segments)
        case reject(RejectedRecord)
        case batch([TaggedOpinion])
        case inputEnded
    }

    private let inner: OutputWriter
    private let queue: DispatchQueue
    private let room = DispatchSemaphore(value: 2)
    private var pending: [Call] = []
    private let lock = NSLock()
    private var failure: Error?

    public init(_ inner: OutputWriter, label: String) {
        self.inner = inner
        queue = DispatchQueue(label: "koe.writer.\(label)")
    }

    public func begin(_ run: RunContext) throws { try inner.begin(run) }

    public var takesRespondents: Bool { inner.takesRespondents }

    public func respondent(_ respondent: Respondent, segments: Segments) throws {
        guard inner.takesRespondents else { return }
        pending.append(.respondent(respondent, segments))
    }

    public func reject(_ record: RejectedRecord) throws { pending.append(.reject(record)) }

    public func write(_ batch: [TaggedOpinion]) throws {
        pending.append(.batch(batch))
        try submit()
    }

    /// Queued like the other calls: the inner writer's end-of-input work runs on its queue while the caller
    /// goes on.
    public func inputEnded() throws {
        pending.append(.inputEnded)
        try submit()
    }

    public func finish(_ results: RunResults) throws {
        try submit()
        queue.sync {}
        try rethrow()
        try inner.finish(results)
    }

    private func submit() throws {
        try rethrow()
        guard !pending.isEmpty else { return }
        let calls = pending
        pending = []
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            lock.lock()
            let failed = failure != nil
            lock.unlock()
            if failed { return }
            do {
                for call in calls {
                    switch call {
                    case .respondent(let r, let s): try inner.respondent(r, segments: s)
                    case .reject(let record): try inner.reject(record)
                    case .batch(let batch): try inner.write(batch)
                    case .inputEnded: try inner.inputEnded()
                    }
                }
            } catch {
                lock.lock()
                failure = error
                lock.unlock()
            }
        }
    }

    private func rethrow() throws {
        lock.lock()
        let error = failure
        lock.unlock()
        if let error { throw error }
    }
}
