// Opt-in tokenizer throughput (KOE_BENCH=1, release build): MB/s of UTF-8 input on one core over the corpora's
// free text. Prints the number; asserts only that words came out (speed depends on the machine's load).
import Foundation
import XCTest

@testable import KoeText

final class TokenizerSpeedTests: XCTestCase {
    /// ../shared/corpora relative to the package root, or KOE_CORPORA (for a worktree elsewhere).
    static let corpora =
        ProcessInfo.processInfo.environment["KOE_CORPORA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")

    /// The free-text cells of the two public-comment corpora, one answer per element.
    static func answers() throws -> [String] {
        var out: [String] = []
        for (file, column) in [
            ("yamaguchi-koukou-pubcom/opinions_flat.csv", 7), ("aipubcom-bunkacho-2024/combined_list.csv", 1),
        ] {
            let url = corpora.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw XCTSkip("corpus absent: \(url.path) (../shared/corpora)")
            }
            out += CSVCells.column(column, of: text)
        }
        return out.filter { !$0.isEmpty }
    }

    func testTokenizerThroughput() throws {
        guard ProcessInfo.processInfo.environment["KOE_BENCH"] == "1" else {
            throw XCTSkip("set KOE_BENCH=1 (and build with -c release) to measure tokenizer speed")
        }
        let answers = try Self.answers()
        let bytes = answers.reduce(0) { $0 + $1.utf8.count }
        let tokenizer = try Tokenizer()
        var words = 0
        for answer in answers { words += tokenizer.tokenize(answer).tokens.count }  // warm-up
        let rounds = max(1, 10_000_000 / bytes)
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUSeconds()
        for _ in 0..<rounds {
            for answer in answers { words += tokenizer.tokenize(answer).tokens.count }
        }
        // CPU time of this thread: the machine is shared, so wall time says more about the neighbours.
        let cpu = Self.threadCPUSeconds() - cpuStart
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let megabytes = Double(bytes * rounds) / 1e6
        print(
            String(
                format: "tokenizer: %.1f MB, %.2f s CPU (%.2f s wall) = %.1f MB/s per core (%d answers, %d rounds)",
                megabytes, cpu, seconds, megabytes / cpu, answers.count, rounds))
        XCTAssertGreaterThan(words, 0)
    }
}

extension TokenizerSpeedTests {
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// Just enough RFC 4180 to pull one column out of the corpus files (quoted cells, doubled quotes, newlines).
enum CSVCells {
    static func column(_ index: Int, of text: String) -> [String] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(cell)
                cell = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" { if let next = iterator.next(), next != "\n" { pending = next } }
                row.append(cell)
                cell = ""
                rows.append(row)
                row = []
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows.dropFirst().compactMap { $0.count > index ? $0[index] : nil }
    }
}
