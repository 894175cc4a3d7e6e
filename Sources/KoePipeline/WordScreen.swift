// WordScreen — finds the words that come from masked spans (a name, an e-mail address…) while a run streams:
// each word's 2nd to 4th opinions are masked and the words found inside masked spans are withheld from every
// word list shown outside the workspace (the same rule as report.html's co-occurrence network). Which opinions
// are screened is decided in input order on the caller's thread; the masking runs on a queue of its own.
import Dispatch
import Foundation
import KoeQuotes

/// Screens opinions for words inside masked spans. Call `add` from one thread; `withheld` waits for the queue.
final class WordScreen: @unchecked Sendable {
    /// A word's 2nd to (1 + `screenings`)th opinions are screened (a word seen once is never listed).
    static let screenings: UInt8 = 3
    /// Opinions masked per queued task.
    static let batchSize = 64
    private var seen: [UInt8] = []
    private var pending: [(keys: [String], text: String)] = []
    private let queue = DispatchQueue(label: "koe.word-screen")
    /// At most two batches queued ahead of the masking: memory stays bounded when masking is the slower side.
    private let room = DispatchSemaphore(value: 2)
    /// Touched only on `queue`.
    private lazy var masker = Masker()
    private var found: Set<String> = []

    /// One opinion: its distinct word ids (`WordCounter.lastWords`), its word keys and its (normalized) text.
    func add(ids: [Int32], keys: [String], text: String) {
        var needed = false
        for id in ids {
            let i = Int(id)
            if i >= seen.count { seen += repeatElement(0, count: i + 1 - seen.count) }
            let n = seen[i]
            if n < UInt8.max { seen[i] = n + 1 }
            if n >= 1 && n <= Self.screenings { needed = true }
        }
        guard needed else { return }
        pending.append((keys, text))
        if pending.count >= Self.batchSize { submit() }
    }

    private func submit() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            for (keys, text) in batch { found.formUnion(MaskedWords.inMaskedSpans(keys, text: text, masker: masker)) }
        }
    }

    /// Word keys found inside masked spans (a set: the same whatever the order the batches were masked in).
    var withheld: Set<String> {
        submit()
        return queue.sync { found }
    }
}
