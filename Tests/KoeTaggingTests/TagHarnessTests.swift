// An opt-in harness: tags a jsonl of {id,row,text} with a codebook and writes `koe tag`-shaped jsonl, so the
// evaluation scripts can run before the CLI is wired. Runs only when KOE_TAG_IN, KOE_TAG_OUT and
// KOE_TAG_CODEBOOK are set; prints opinions per second on stderr; KOE_TAG_SUGGEST=FILE writes keyness suggestions.
import Foundation
import KoeText
import XCTest

@testable import KoeTagging

final class TagHarnessTests: XCTestCase {
    func testTagJSONLWhenRequested() throws {
        let env = ProcessInfo.processInfo.environment
        guard let input = env["KOE_TAG_IN"], let output = env["KOE_TAG_OUT"], let codebookPath = env["KOE_TAG_CODEBOOK"] else {
            throw XCTSkip("set KOE_TAG_IN, KOE_TAG_OUT and KOE_TAG_CODEBOOK to run the tagging harness")
        }
        let tokenizer = try Tokenizer()
        let codebook = try Codebook.load(url: URL(fileURLWithPath: codebookPath), displayPath: codebookPath, tokenizer: tokenizer)
        let tagger = try Tagger(codebook: codebook)
        let classifier = OpinionClassifier.standard
        let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
        var records: [(id: String, row: Int, text: String)] = []
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let text = object["text"] as? String
            else { continue }
            records.append((id, object["row"] as? Int ?? 0, text))
        }
        var out = ""
        var suggester = KeynessSuggester()
        let start = Date()
        var clock: (tokenize: UInt64, tag: UInt64, classify: UInt64) = (0, 0, 0)
        for record in records {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let tokens = tokenizer.tokenize(record.text)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let tags = tagger.tag(tokens)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let kind = classifier.classify(tokens)
            let t3 = DispatchTime.now().uptimeNanoseconds
            clock.tokenize += t1 - t0
            clock.tag += t2 - t1
            clock.classify += t3 - t2
            suggester.add(id: record.id, text: tokens, tagged: !tags.areas.isEmpty)
            let evidence = tags.evidence.mapValues {
                $0.map { ["keyword": $0.keyword, "surface": $0.surface, "start": $0.start, "end": $0.end] }
            }
            let object: [String: Any] = [
                "id": record.id, "row": record.row, "text": record.text, "areas": tags.areas,
                "evidence": evidence, "type": kind.type.rawValue, "horizon": kind.horizon.rawValue,
            ]
            out += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        let seconds = Date().timeIntervalSince(start)
        FileHandle.standardError.write(
            Data(
                ("tagged \(records.count) opinions in \(String(format: "%.3f", seconds)) s = \(String(format: "%.0f", Double(records.count) / seconds)) opinions/s (tokenize + tag + classify, one thread, JSON output included); tokenize \(clock.tokenize / 1_000_000) ms, tag \(clock.tag / 1_000_000) ms, classify \(clock.classify / 1_000_000) ms\n")
                    .utf8))
        try out.write(toFile: output, atomically: true, encoding: .utf8)
        if let path = env["KOE_TAG_SUGGEST"] { try suggester.rendered(limit: 20).write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
