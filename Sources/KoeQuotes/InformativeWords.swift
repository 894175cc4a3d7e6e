// InformativeWords — the informative words of an opinion's content words, each once, in UTF-8 byte order, with
// their keys: what quote specificity and an area's common words count. Runs for every opinion on the analysis
// workers: the kept words are noted in a temporary buffer and the results filled once, at their exact size.
import KoeCore

extension QuoteWords {
    /// The informative words of `words`, each once (the first of canonically equal ones), in UTF-8 byte order,
    /// with their keys: what specificity and an area's common words count. The kept words are noted in a
    /// temporary buffer (hash, byte prefix, place) and the two results are filled once, at their exact size.
    static func informative(_ words: [String]) -> (words: [String], keys: [WordKey]) {
        // The scan's tables, read once here rather than through a lazy global's check for every word.
        let tables = ScanTables.shared
        // Keys of the kept words that are not their own NFC form (rare: their canonical form differs).
        var unusual: [WordKey] = []
        return words.withUnsafeBufferPointer { words in
            withUnsafeTemporaryAllocation(of: Entry.self, capacity: words.count) { e in
                var n = 0
                for index in words.indices {
                    let word = words[index]
                    let scanned = scanBytes(word, tables) ?? slowScan(word)
                    guard scanned.informative else { continue }
                    var entry = Entry(prefix: scanned.prefix, hash: scanned.hash, word: Int32(truncatingIfNeeded: index), key: -1)
                    if !scanned.plain {
                        let key = WordKey(word, plain: false, hash: scanned.hash)
                        entry.hash = key.hash
                        entry.key = Int32(truncatingIfNeeded: unusual.count)
                        unusual.append(key)
                    }
                    // Distinct by key (hash, then the canonical form's bytes), the first kept.
                    var seen = false
                    for k in 0..<n where e[k].hash == entry.hash {
                        if WordKey.sameBytes(canonical(e[k], words, unusual), canonical(entry, words, unusual)) {
                            seen = true
                            break
                        }
                    }
                    if seen {
                        if entry.key >= 0 { unusual.removeLast() }
                        continue
                    }
                    e[n] = entry
                    n += 1
                }
                sortByBytes(UnsafeMutableBufferPointer(rebasing: e[0..<n]), words)
                let kept = [String](unsafeUninitializedCapacity: n) { out, count in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: words[Int(e[i].word)]) }
                    count = n
                }
                let keys = [WordKey](unsafeUninitializedCapacity: n) { out, count in
                    for i in 0..<n {
                        let x = e[i]
                        let key = x.key >= 0 ? unusual[Int(x.key)] : WordKey(words[Int(x.word)], plain: true, hash: x.hash)
                        (out.baseAddress! + i).initialize(to: key)
                    }
                    count = n
                }
                return (kept, keys)
            }
        }
    }

    /// The NFC form of a kept word: the word itself when plain.
    @inline(__always)
    private static func canonical(_ x: Entry, _ words: UnsafeBufferPointer<String>, _ unusual: [WordKey]) -> String {
        x.key >= 0 ? unusual[Int(x.key)].canonical : words[Int(x.word)]
    }

    /// Byte order, not String order (which compares canonical equivalence and is slow), so the counters see the
    /// same sequence whatever the hashing seed. Few words: an insertion sort of small entries; the first 8 UTF-8
    /// bytes decide most comparisons.
    private static func sortByBytes(_ e: UnsafeMutableBufferPointer<Entry>, _ words: UnsafeBufferPointer<String>) {
        for i in e.indices.dropFirst() {
            let x = e[i]
            var j = i
            while j > 0,
                x.prefix < e[j - 1].prefix
                    || (x.prefix == e[j - 1].prefix && WordKey.bytesPrecede(words[Int(x.word)], words[Int(e[j - 1].word)]))
            {
                e[j] = e[j - 1]
                j -= 1
            }
            e[j] = x
        }
    }

    /// A kept word while `informative` sorts: its byte prefix, its key's hash, its place in the input and the
    /// place of its key among the unusual ones (-1 for a plain word, whose key is the word and `hash`).
    private struct Entry {
        var prefix: UInt64
        var hash: UInt64
        var word: Int32
        var key: Int32
    }

    /// The tables `scan` reads (bitmaps of the CJK properties, the generic words' hashes), in one value.
    struct ScanTables: Sendable {
        let numeric: CJK.Bitmap
        let ideographic: CJK.Bitmap
        let genericKeys: KeyTable

        static let shared = ScanTables(
            numeric: CJK.numeric, ideographic: CJK.ideographic, genericKeys: QuoteWords.genericKeys)
    }

    /// `scanBytes` for a word whose UTF-8 is not contiguous.
    static func slowScan(_ word: String) -> (informative: Bool, plain: Bool, hash: UInt64, prefix: UInt64) {
        let s = scan(word)
        return (s.informative, s.plain, s.hash, bytePrefix(word))
    }
}
