// ParallelJobTests — the unsafe slots of BatchProcessor's ParallelJob: every worker fills only its own slots,
// results come out in input order with the worker step applied, and a job dropped before its results (or with
// an empty batch) frees its slots.
import Foundation
import KoeCore
import KoeText
import XCTest

@testable import KoePipeline

final class ParallelJobTests: XCTestCase {
    /// Tags each opinion with the worker's tokenizer count of its text, so results show who analysed what.
    private struct EchoAnalyzer: OpinionAnalyzing {
        func analyze(_ opinion: consuming Opinion, tokenizer: Tokenizer) -> AnalyzedOpinion {
            let (id, text) = (opinion.id, opinion.text)
            let tagged = TaggedOpinion(
                opinion: opinion, segments: Segments(), normalized: text, areas: [id], evidence: [], excluded: [],
                type: .unknown, typeCue: nil, horizon: .unknown, horizonCue: nil, words: [text])
            return (tagged, AnalysisExtra(unmapped: [("age", id)], tokens: nil, run: nil))
        }
    }

    private func batch(_ n: Int) -> [Opinion] {
        (0..<n).map { i in
            Opinion(
                id: "o\(i)", kind: .survey, location: SourceLocation(file: "f.csv", row: i + 2), respondent: nil, text: "意見\(i)",
                segments: RawSegments())
        }
    }

    func testResultsComeOutInInputOrderFromEveryWorker() throws {
        let tokenizers = try (0..<3).map { _ in try Tokenizer() }
        let opinions = batch(10)
        let job = ParallelJob(
            batch: opinions, analyzer: EchoAnalyzer(), step: { $0.renderedLine = Array($0.opinion.id.utf8) }, tokenizers: tokenizers)
        DispatchQueue.concurrentPerform(iterations: tokenizers.count) { job.run(worker: $0) }
        let (tagged, extras) = job.results()
        XCTAssertEqual(tagged.map(\.opinion.id), opinions.map(\.id))
        XCTAssertEqual(tagged.map(\.areas), opinions.map { [$0.id] })
        XCTAssertEqual(tagged.map { $0.renderedLine.map { String(decoding: $0, as: UTF8.self) } }, opinions.map(\.id))
        XCTAssertEqual(extras.map { $0.unmapped.first?.value }, opinions.map(\.id))
    }

    func testOneWorkerAndNoStep() throws {
        let job = ParallelJob(batch: batch(4), analyzer: EchoAnalyzer(), tokenizers: [try Tokenizer()])
        job.run(worker: 0)
        let (tagged, _) = job.results()
        XCTAssertEqual(tagged.map(\.opinion.id), ["o0", "o1", "o2", "o3"])
        XCTAssertTrue(tagged.allSatisfy { $0.renderedLine == nil })
    }

    func testEmptyBatchAndDroppedJobs() throws {
        let tokenizers = [try Tokenizer(), try Tokenizer()]
        let empty = ParallelJob(batch: [], analyzer: EchoAnalyzer(), tokenizers: tokenizers)
        DispatchQueue.concurrentPerform(iterations: 2) { empty.run(worker: $0) }
        XCTAssertEqual(empty.results().0.count, 0)
        // Run but never collected: deinit deinitializes every slot (no crash, no double free).
        for _ in 0..<50 {
            let job = ParallelJob(batch: batch(7), analyzer: EchoAnalyzer(), tokenizers: tokenizers)
            DispatchQueue.concurrentPerform(iterations: 2) { job.run(worker: $0) }
        }
        // Never run: nothing to deinitialize.
        _ = ParallelJob(batch: batch(3), analyzer: EchoAnalyzer(), tokenizers: tokenizers)
    }

    /// BatchProcessor over ParallelJob delivers every opinion once, in order, across several batches.
    func testBatchProcessorDeliversInOrderAcrossBatches() throws {
        var seen: [String] = []
        let processor = try BatchProcessor(analyzer: EchoAnalyzer(), workers: 2, batchSize: 3) { tagged, _ in
            seen += tagged.map(\.opinion.id)
        }
        for opinion in batch(11) { try processor.add(opinion) }
        try processor.flush()
        XCTAssertEqual(seen, batch(11).map(\.id))
    }
}
