// WordListSpill — each opinion's word ids and tracked-area ids, kept for the co-occurrence builder's exact
// second pass: LEB128 varints of sorted ids as deltas (about 1.5 bytes a word) in a `VarintSpill` (memory up to
// one chunk, then a temporary file unlinked as soon as it is open).
import Foundation
import KoeCore

/// Appends records of two ascending id lists and reads them back in order. Use from one thread at a time.
final class WordListSpill: @unchecked Sendable {
    private let spill: VarintSpill
    /// Bytes kept in memory before they go to the temporary file (also the read-back chunk).
    var chunk: Int { spill.chunk }
    /// Records appended.
    var count: Int { spill.count }
    /// The folder of the temporary file when it could not be created or written (the records are then
    /// incomplete and the caller must say so), else nil.
    var unwritableFolder: String? { spill.unwritableFolder }

    init(directory: URL = FileManager.default.temporaryDirectory, chunk: Int = 1 << 20) {
        spill = VarintSpill(directory: directory, chunk: chunk, prefix: "koe-cooccurrence")
    }

    /// One record: `words` and `areas`, each ascending.
    func append(words: [Int32], areas: [Int32]) {
        spill.record { record in
            record.put(UInt32(words.count))
            record.put(UInt32(areas.count))
            var last: Int32 = 0
            for id in words {
                record.put(UInt32(id - last))
                last = id
            }
            last = 0
            for id in areas {
                record.put(UInt32(id - last))
                last = id
            }
        }
    }

    /// Calls `body` with every record in order (the arrays are reused between calls).
    func forEach(_ body: (_ words: [Int32], _ areas: [Int32]) -> Void) {
        var words: [Int32] = []
        var areas: [Int32] = []
        spill.forEachBlock { bytes in
            var p = 0
            while p < bytes.count {
                let n = VarintSpill.varint(bytes, &p)
                let m = VarintSpill.varint(bytes, &p)
                words.removeAll(keepingCapacity: true)
                areas.removeAll(keepingCapacity: true)
                var id: Int32 = 0
                for _ in 0..<n {
                    id &+= Int32(truncatingIfNeeded: VarintSpill.varint(bytes, &p))
                    words.append(id)
                }
                id = 0
                for _ in 0..<m {
                    id &+= Int32(truncatingIfNeeded: VarintSpill.varint(bytes, &p))
                    areas.append(id)
                }
                body(words, areas)
            }
        }
    }
}
