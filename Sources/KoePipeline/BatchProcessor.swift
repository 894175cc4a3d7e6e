// BatchProcessor — gathers opinions into batches and runs the per-opinion stages (segments, tokenize, tag,
// classify) on all cores, handing results back in input order.
import Dispatch
import Foundation
import KoeCore
import KoeQuotes
import KoeRender
import KoeText

/// The per-opinion work of a run. Implementations are immutable and shared by all workers.
protocol OpinionAnalyzing: Sendable {
    /// Analyzes one opinion with the worker's own tokenizer.
    func analyze(_ opinion: Opinion, tokenizer: Tokenizer) -> AnalyzedOpinion
}

/// An analyzed opinion plus the segment values that could not be mapped (counted into run.json). A tuple, so a
/// worker can move both parts into their slots without copying them.
typealias AnalyzedOpinion = (tagged: TaggedOpinion, extra: AnalysisExtra)

/// What analysis found besides the tagged opinion.
struct AnalysisExtra: Sendable {
    var unmapped: [(segment: String, value: String)]
    /// The tokenized text, kept only when the caller needs it (keyness suggestions).
    var tokens: TokenizedText?
    /// What only `koe run` needs (nil for `koe tag`).
    var run: RunExtra?
}

/// Per-opinion inputs of a run's near-duplicate groups and quote pools, computed on the worker.
struct RunExtra: Sendable {
    /// MinHash band keys of the normalized text.
    var signature: NearDuplicateSignature
    /// The shingle hashes behind the signature, for the exact check of candidate pairs at the end.
    var shingles: ShingleSet
    /// The opinion as a quote candidate with its score parts (nil when no area matched: no pool takes it).
    var candidate: QuoteCandidate?
}

/// Runs `OpinionAnalyzing` over batches with one tokenizer per worker. Analysis of a batch runs in the
/// background while the caller reads the next one (at most two batches in flight, analysed one after
/// another so each tokenizer serves one job at a time); results are delivered on the caller's thread, in
/// input order.
final class BatchProcessor {
    let batchSize: Int
    private let analyzer: OpinionAnalyzing
    private let tokenizers: [Tokenizer]
    private var pending: [Opinion] = []
    private var inFlight: [(done: DispatchSemaphore, job: ParallelJob)] = []
    private let analysis = DispatchQueue(label: "koe.analysis")
    private let deliver: ([TaggedOpinion], [AnalysisExtra]) throws -> Void
    /// Whether workers render each opinion's opinions.jsonl line (only when that file is written).
    private let renderLines: Bool

    init(
        analyzer: OpinionAnalyzing, workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 2048,
        renderLines: Bool = true, deliver: @escaping ([TaggedOpinion], [AnalysisExtra]) throws -> Void
    ) throws {
        self.analyzer = analyzer
        self.renderLines = renderLines
        self.batchSize = batchSize
        self.tokenizers = try (0..<max(1, workers)).map { _ in try Tokenizer() }
        self.deliver = deliver
        pending.reserveCapacity(batchSize)
    }

    deinit {
        // Never leave a job running on tokenizers that are about to be freed.
        for item in inFlight { item.done.wait() }
    }

    func add(_ opinion: Opinion) throws {
        pending.append(opinion)
        if pending.count >= batchSize { try submit() }
    }

    /// Processes everything pending and delivers it in input order.
    func flush() throws {
        if !pending.isEmpty { try submit() }
        while !inFlight.isEmpty { try deliverOldest() }
    }

    private func submit() throws {
        let job = ParallelJob(batch: pending, analyzer: analyzer, tokenizers: tokenizers, renderLines: renderLines)
        pending = []
        pending.reserveCapacity(batchSize)
        let done = DispatchSemaphore(value: 0)
        let workers = tokenizers.count
        analysis.async {
            if workers == 1 {
                job.run(worker: 0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in job.run(worker: worker) }
            }
            done.signal()
        }
        inFlight.append((done, job))
        while inFlight.count > 1 { try deliverOldest() }
    }

    private func deliverOldest() throws {
        let (done, job) = inFlight.removeFirst()
        done.wait()
        let (tagged, extras) = job.results()
        try deliver(tagged, extras)
    }
}

/// One batch shared by the workers: worker k analyzes items k, k + n, k + 2n … with tokenizer k and initializes
/// only those slots; results are moved out (no copies) after every worker has finished (the semaphore that
/// signals the end orders the writes before the reads).
private final class ParallelJob: @unchecked Sendable {
    private let batch: [Opinion]
    private let analyzer: OpinionAnalyzing
    private let tokenizers: [Tokenizer]
    private let tagged: UnsafeMutablePointer<TaggedOpinion>
    private let extras: UnsafeMutablePointer<AnalysisExtra>
    private var initialized = 0
    private let lock = NSLock()
    private var moved = false
    private let renderLines: Bool

    init(batch: [Opinion], analyzer: OpinionAnalyzing, tokenizers: [Tokenizer], renderLines: Bool) {
        self.renderLines = renderLines
        self.batch = batch
        self.analyzer = analyzer
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
            var opinion = consume analyzed  // moved: the renderedLine below changes the box in place
            // The jsonl line is built here, on all cores, rather than on the thread that writes the files.
            if renderLines { opinion.renderedLine = OpinionJSON.lineBytes(opinion) }
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
