// ParallelJob — one batch of opinions analysed by all workers into uninitialized slots, then moved out in input
// order (the unsafe memory of BatchProcessor, behind one small type).
import Foundation
import KoeCore
import KoeText

/// One batch shared by the workers: each worker takes the next chunk of items not yet taken, analyzes them with
/// its own tokenizer and initializes only those slots, moving each opinion out of the batch; results are moved out (no copies) after every worker has finished (the semaphore that
/// signals the end orders the writes before the reads).
final class ParallelJob: @unchecked Sendable {
    /// The batch's opinions, each moved out by the worker that analyses it.
    private let batch: UnsafeMutablePointer<Opinion>
    private let count: Int
    private let analyzer: OpinionAnalyzing
    private let workerStep: WorkerStep?
    private let tokenizers: [Tokenizer]
    private let tagged: UnsafeMutablePointer<TaggedOpinion>
    private let extras: UnsafeMutablePointer<AnalysisExtra>
    private var initialized = 0
    /// The first slot no worker has taken yet (guarded by `lock`).
    private var next = 0
    private let lock = NSLock()
    private var moved = false

    /// `batch` is taken over: when the caller holds no other reference to it, its opinions are moved (not copied)
    /// into the job.
    init(batch: consuming [Opinion], analyzer: OpinionAnalyzing, step: WorkerStep? = nil, tokenizers: [Tokenizer]) {
        count = batch.count
        self.batch = .allocate(capacity: max(1, count))
        // popLast moves each opinion out of a uniquely held array.
        var i = count
        while let opinion = batch.popLast() {
            i -= 1
            (self.batch + i).initialize(to: opinion)
        }
        self.analyzer = analyzer
        self.workerStep = step
        self.tokenizers = tokenizers
        tagged = .allocate(capacity: max(1, count))
        extras = .allocate(capacity: max(1, count))
    }

    deinit {
        if initialized == count {
            // Every opinion was moved out by its worker; the results were made.
            if !moved {
                tagged.deinitialize(count: count)
                extras.deinitialize(count: count)
            }
        } else {
            // Never run: the opinions are still here.
            batch.deinitialize(count: count)
        }
        batch.deallocate()
        tagged.deallocate()
        extras.deallocate()
    }

    func run(worker: Int) {
        let tokenizer = tokenizers[worker]
        var done = 0
        // Workers take the next chunk of the batch as they go (not a fixed share): a worker the OS preempts for the
        // writer threads leaves its share to the other, instead of the batch waiting for the slowest half.
        while let range = nextChunk() {
            for i in range {
                let (analyzed, extra) = analyzer.analyze((batch + i).move(), tokenizer: tokenizer)
                var opinion = consume analyzed  // moved: the step below changes the box in place
                // The run's per-opinion output work (the jsonl line) is done here, on all cores.
                workerStep?(&opinion)
                (tagged + i).initialize(to: opinion)
                (extras + i).initialize(to: consume extra)
                done += 1
            }
        }
        lock.lock()
        initialized += done
        lock.unlock()
    }

    /// Opinions a worker takes at a time: small enough that the batch's last chunk is short, large enough that
    /// the lock is rare (a chunk is ≈ 1 ms of analysis).
    static let chunk = 16

    /// The next chunk of slots no worker has taken, or nil when the batch is all taken.
    private func nextChunk() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let start = next
        next = min(count, start + Self.chunk)
        return start..<next
    }

    /// The analysed batch in input order, moved out of the slots (call once, after every worker finished).
    func results() -> ([TaggedOpinion], [AnalysisExtra]) {
        let n = count
        let outTagged = [TaggedOpinion](unsafeUninitializedCapacity: n) { buffer, count in
            if let base = buffer.baseAddress, n > 0 { base.moveInitialize(from: tagged, count: n) }
            count = n
        }
        let outExtras = [AnalysisExtra](unsafeUninitializedCapacity: n) { buffer, count in
            if let base = buffer.baseAddress, n > 0 { base.moveInitialize(from: extras, count: n) }
            count = n
        }
        moved = true
        return (outTagged, outExtras)
    }
}
