// ThemeCollector — untagged opinions kept for the themes while a run streams: every one's word ids as LEB128
// varints (about 1.5 bytes a word, in a temporary file beyond 1 MB), and a deterministic sample (the opinions
// with the smallest hashes of their ids, independent of input order and thread count) with its texts.
import Foundation
import KoeCore

/// An untagged opinion of the sample: what a representative quote and the label's screening need.
public struct ThemeOpinion: Sendable, Equatable {
    public var id: String
    /// Verbatim text (masked when printed).
    public var text: String
    /// Normalized text (the words' masked spans are looked up in it).
    public var normalized: String
    public var segments: Segments
    /// The respondent key (attribution counts), as `QuoteCandidate.respondent`.
    public var respondent: String?
    /// The workshop file for a workshop note (its session label is printed), else nil.
    public var session: String?
    /// Its place in input order (1-based, the workspace's `opinion_rowid`), set by the collector.
    public var ordinal: Int32 = 0

    public init(id: String, text: String, normalized: String, segments: Segments, respondent: String?, session: String?) {
        self.id = id
        self.text = text
        self.normalized = normalized
        self.segments = segments
        self.respondent = respondent
        self.session = session
    }
}

/// Collects untagged opinions in input order. Use from one thread.
public final class ThemeCollector {
    /// Opinions clustered (the rest are assigned to the nearest theme).
    public static let standardSampleSize = 4_000

    let sampleSize: Int
    /// Records: ordinal delta, word count, then per word its id delta (ascending ids) and its occurrences, as
    /// varints — in a temporary file beyond 1 MB (a million untagged opinions would hold ~100 MB).
    private let records: VarintSpill
    /// The folder of the temporary file when it could not be written (the themes would miss opinions: the caller
    /// must say so), else nil.
    public var unwritableFolder: String? { records.unwritableFolder }
    private var lastOrdinal: Int32 = 0
    /// Opinions recorded.
    public private(set) var count = 0
    /// The sample as a max-heap on hash: the root is the first to leave.
    private var heap: [SampleEntry] = []

    struct SampleEntry {
        var hash: UInt64
        var ordinal: Int32
        var words: [Int32]
        var counts: [Int32]
        var opinion: ThemeOpinion
    }

    public init(sampleSize: Int = standardSampleSize, directory: URL = FileManager.default.temporaryDirectory, chunk: Int = 1 << 20) {
        self.sampleSize = max(sampleSize, 1)
        records = VarintSpill(directory: directory, chunk: chunk, prefix: "koe-themes")
    }

    /// One untagged opinion: its place in input order (1-based, as the workspace's `opinion_rowid`), its id, its
    /// distinct word ids (ascending) with their occurrences in it and, made only when it enters the sample, its texts.
    public func add(ordinal: Int32, id: String, words: [Int32], counts: [Int32], opinion: () -> ThemeOpinion) {
        guard !words.isEmpty else { return }
        count += 1
        let delta = UInt32(ordinal - lastOrdinal)
        lastOrdinal = ordinal
        records.record { record in
            record.put(delta)
            record.put(UInt32(words.count))
            var last: Int32 = 0
            for (i, w) in words.enumerated() {
                record.put(UInt32(w - last))
                record.put(UInt32(i < counts.count ? max(counts[i], 1) : 1))
                last = w
            }
        }
        let hash = Self.hash(id)
        func entry() -> SampleEntry {
            var o = opinion()
            o.ordinal = ordinal
            return SampleEntry(hash: hash, ordinal: ordinal, words: words, counts: counts, opinion: o)
        }
        if heap.count < sampleSize {
            heap.append(entry())
            siftUp(heap.count - 1)
        } else if !heap.isEmpty, Self.precedes(hash, ordinal, heap[0].hash, heap[0].ordinal) {
            heap[0] = entry()
            siftDown(0)
        }
    }

    /// The sample in input order.
    var sample: [SampleEntry] { heap.sorted { $0.ordinal < $1.ordinal } }

    /// Every recorded opinion in input order: its ordinal, word ids and their occurrences.
    func forEach(_ body: (Int32, [Int32], [Int32]) -> Void) {
        var ordinal: Int32 = 0
        var words: [Int32] = []
        var counts: [Int32] = []
        records.forEachBlock { bytes in
            var i = 0
            while i < bytes.count {
                ordinal += Int32(bitPattern: VarintSpill.varint(bytes, &i))
                let n = Int(VarintSpill.varint(bytes, &i))
                words.removeAll(keepingCapacity: true)
                counts.removeAll(keepingCapacity: true)
                var w: Int32 = 0
                for _ in 0..<n {
                    w += Int32(bitPattern: VarintSpill.varint(bytes, &i))
                    words.append(w)
                    counts.append(Int32(bitPattern: VarintSpill.varint(bytes, &i)))
                }
                body(ordinal, words, counts)
            }
        }
    }

    /// FNV-1a over the id's UTF-8, then SplitMix64's finalizer (the same on every machine and run).
    static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    private static func precedes(_ h1: UInt64, _ o1: Int32, _ h2: UInt64, _ o2: Int32) -> Bool {
        h1 != h2 ? h1 < h2 : o1 < o2
    }

    private func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var c = start
            while c > 0 {
                let p = (c - 1) / 2
                guard Self.precedes(heap[p].hash, heap[p].ordinal, heap[c].hash, heap[c].ordinal) else { return }
                heap.swapAt(p, c)
                c = p
            }
        }
    }

    /// Moves the root down to its place. In place: an entry holds arrays and texts, and a copy of one would retain
    /// each of them.
    private func siftDown(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var p = start
            while true {
                var largest = p
                for c in (2 * p + 1)...(2 * p + 2) where c < heap.count {
                    if Self.precedes(heap[largest].hash, heap[largest].ordinal, heap[c].hash, heap[c].ordinal) { largest = c }
                }
                guard largest != p else { return }
                heap.swapAt(p, largest)
                p = largest
            }
        }
    }
}
