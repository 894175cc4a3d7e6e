// ParallelJob — one batch of opinions analysed by all workers into uninitialized slots, then moved out in input
// order (the unsafe memory of BatchProcessor, behind one small type).
import Foundation
import KoeCore
import KoeText

/// One batch shared by the workers: worker k analyzes items k, k + n, k + 2n … with tokenizer k and initializes
/// only those slots; results are moved out (no copies) after every worker has finished (the semaphore that
/// signals the end orders the writes before the reads).
final class ParallelJob: @unchecked Sendable {
    private let batch: [Opinion]
    private let analyzer: OpinionAnalyzing
    private let workerStep: WorkerStep?
    private let tokenizers: [Tokenizer]
    private let tagged: UnsafeMutablePointer<TaggedOpinion>
    private let extras: UnsafeMutablePointer<AnalysisExtra>
    private var initialized = 0
    private let lock = NSLock()
    private var moved = false

    init(batch: [Opinion], analyzer: OpinionAnalyzing, step: WorkerStep? = nil, tokenizers: [Tokenizer]) {
        self.batch = batch
        self.analyzer = analyzer
        self.workerStep = step
        self.tokenizers = tokenizers
        tagged = .allocate(capacity: max(1, batch.count))
        extras = .allocate(capacity: max(1, batch.count))
    }

    deinit {
        if !moved && initialized == batch.count {
            tagged.deinitialize(count: batch.count)
            extras.deinitialize(count: batch.count)
        }
        tagged.deallocate()
        extras.deallocate()
    }

    func run(worker: Int) {
        let step = tokenizers.count
        var i = worker
        var done = 0
        while i < batch.count {
            let (analyzed, extra) = analyzer.analyze(batch[i], tokenizer: tokenizers[worker])
            var opinion = consume analyzed  // moved: the step below changes the box in place
            // The run's per-opinion output work (the jsonl line) is done here, on all cores.
            workerStep?(&opinion)
            (tagged + i).initialize(to: opinion)
            (extras + i).initialize(to: consume extra)
            done += 1
            i += step
        }
        lock.lock()
        initialized += done
        lock.unlock()
    }

    /// The analysed batch in input order, moved out of the slots (call once, after every worker finished).
    func results() -> ([TaggedOpinion], [AnalysisExtra]) {
        let n = batch.count
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
