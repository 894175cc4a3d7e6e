// BackgroundWriterTests — a writer run on its own thread sees the same calls in the same order, and an error
// thrown there reaches the caller.
import Foundation
import KoeAnalysis
import KoeCore
import KoeQuotes
import KoeRun
import XCTest

@testable import KoeRender

final class BackgroundWriterTests: XCTestCase {
    private final class Recorder: OutputWriter, @unchecked Sendable {
        var calls: [String] = []
        var failOnBatch: Int?
        private var batches = 0
        var takes = true
        var takesRespondents: Bool { takes }

        func respondent(_ respondent: Respondent, segments: Segments) throws { calls.append("r:\(respondent.id)") }
        func reject(_ record: RejectedRecord) throws { calls.append("x:\(record.code)") }
        func write(_ batch: [TaggedOpinion]) throws {
            batches += 1
            if batches == failOnBatch { throw KoeError(code: "disk-full", message: "full") }
            calls.append("b:" + batch.map(\.opinion.id).joined(separator: ","))
        }
        func finish(_ results: RunResults) throws { calls.append("finish") }
    }

    private func opinion(_ id: String) -> TaggedOpinion {
        TaggedOpinion(
            opinion: Opinion(
                id: id, kind: .survey, location: SourceLocation(file: "f"), respondent: nil, text: id, segments: RawSegments()),
            segments: Segments(), normalized: id, areas: [], evidence: [], excluded: [], type: .unknown, typeCue: nil,
            horizon: .unknown, horizonCue: nil, words: [])
    }

    private var results: RunResults {
        RunResults(
            summary: [], crossTabs: [], quotes: [:], attribution: AttributionGuard(minCell: 5),
            manifest: RunManifest(
                version: "t", pipeline: "p", name: nil, codebook: HashedFile(path: "c", sha256: nil), codebookAreas: 0, gazetteer: nil),
            timer: RunTimer())
    }

    func testSameCallsInTheSameOrder() throws {
        let recorder = Recorder()
        let writer = BackgroundWriter(recorder, label: "test")
        var expected: [String] = []
        for n in 0..<50 {
            try writer.respondent(
                Respondent(id: "\(n)", location: SourceLocation(file: "f"), segments: RawSegments()), segments: Segments())
            expected.append("r:\(n)")
            if n % 7 == 0 {
                try writer.reject(RejectedRecord(location: SourceLocation(file: "f"), code: "c\(n)", reason: ""))
                expected.append("x:c\(n)")
            }
            try writer.write([opinion("a\(n)"), opinion("b\(n)")])
            expected.append("b:a\(n),b\(n)")
        }
        try writer.finish(results)
        expected.append("finish")
        XCTAssertEqual(recorder.calls, expected)
    }

    func testAnErrorOnTheQueueReachesTheCaller() throws {
        let recorder = Recorder()
        recorder.failOnBatch = 2
        let writer = BackgroundWriter(recorder, label: "test")
        try writer.write([opinion("1")])
        XCTAssertThrowsError(
            try {
                for n in 2..<10 { try writer.write([opinion("\(n)")]) }
                try writer.finish(results)
            }()
        ) { error in XCTAssertEqual((error as? KoeError)?.diagnostic.code, "disk-full") }
        XCTAssertFalse(recorder.calls.contains("finish"))
    }

    /// A writer that takes no respondents is not called with them through either wrapper (the run makes a
    /// hundred thousand such calls); one that takes them gets every one, timed or not.
    func testWrappersSkipRespondentsForWritersThatTakeNone() throws {
        let respondent = Respondent(id: "1", location: SourceLocation(file: "f"), segments: RawSegments())
        for takes in [false, true] {
            let plain = Recorder()
            plain.takes = takes
            let timed = TimedWriter(BackgroundWriter(plain, label: "test"), name: "t", timer: RunTimer())
            XCTAssertEqual(timed.takesRespondents, takes)
            try timed.respondent(respondent, segments: Segments())
            try timed.write([opinion("a")])
            try timed.finish(results)
            XCTAssertEqual(plain.calls, takes ? ["r:1", "b:a", "finish"] : ["b:a", "finish"])
        }
    }
}
