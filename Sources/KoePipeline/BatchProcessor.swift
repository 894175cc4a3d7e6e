// BatchProcessor — gathers opinions into batches and runs the per-opinion stages (segments, tokenize, tag,
// classify) on all cores, handing results back in input order.
import Dispatch
import Foundation
import KoeCore
import KoeQuotes
import KoeText

/// The per-opinion work of a run. Implementations are immutable and shared by all workers.
protocol OpinionAnalyzing: Sendable {
    /// Analyzes one opinion with the worker's own tokenizer. The opinion is handed over (moved out of its batch),
    /// so the analysed opinion can keep it without a copy (an opinion is a dozen Strings: a copy retains each).
    func analyze(_ opinion: consuming Opinion, tokenizer: Tokenizer) -> AnalyzedOpinion
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
    /// MinHash band keys of the normalized text (nil when no requested output prints quotes).
    var signature: NearDuplicateSignature?
    /// The shingle hashes behind the signature, for the exact check of candidate pairs at the end.
    var shingles: ShingleSet?
    /// The opinion as a quote candidate with its score parts (nil when no area matched: no pool takes it; or when
    /// no requested output prints quotes).
    var candidate: QuoteCandidate?
    /// The content words as shown (katakana kept), parallel to the opinion's `words` keys.
    var displayWords: [String] = []
}

/// Work a run adds to every analysed opinion on the worker that analysed it (opinions.jsonl renders its line there,
/// on all cores). The analysis loop itself knows no output format: the caller hands this in.
typealias WorkerStep = @Sendable (inout TaggedOpinion) -> Void

/// Runs `OpinionAnalyzing` over batches with one tokenizer per worker. Analysis of a batch runs in the
/// background while the caller reads the next one (at most two batches in flight, analysed one after
/// another so each tokenizer serves one job at a time); results are delivered on the caller's thread, in
/// input order.
final class BatchProcessor {
    let batchSize: Int
    private let analyzer: OpinionAnalyzing
    private let step: WorkerStep?
    private let tokenizers: [Tokenizer]
    private var pending: [Opinion] = []
    private var inFlight: [(done: DispatchSemaphore, job: ParallelJob)] = []
    private let analysis = DispatchQueue(label: "koe.analysis")
    private let deliver: ([TaggedOpinion], [AnalysisExtra]) throws -> Void

    init(
        analyzer: OpinionAnalyzing, workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 2048,
        step: WorkerStep? = nil, deliver: @escaping ([TaggedOpinion], [AnalysisExtra]) throws -> Void
    ) throws {
        self.analyzer = analyzer
        self.step = step
        self.batchSize = batchSize
        self.tokenizers = try (0..<max(1, workers)).map { _ in try Tokenizer() }
        self.deliver = deliver
        pending.reserveCapacity(batchSize)
    }

    deinit {
        // Never leave a job running on tokenizers that are about to be freed.
        for item in inFlight { item.done.wait() }
    }

    func add(_ opinion: consuming Opinion) throws {
        pending.append(opinion)
        if pending.count >= batchSize { try submit() }
    }

    /// Processes everything pending and delivers it in input order.
    func flush() throws {
        if !pending.isEmpty { try submit() }
        while !inFlight.isEmpty { try deliverOldest() }
    }

    private func submit() throws {
        // Swapped out, not copied: the job then holds the only reference and moves the opinions out.
        var batch: [Opinion] = []
        batch.reserveCapacity(batchSize)
        swap(&batch, &pending)
        let job = ParallelJob(batch: consume batch, analyzer: analyzer, step: step, tokenizers: tokenizers)
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
