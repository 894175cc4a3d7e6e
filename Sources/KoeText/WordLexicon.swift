// WordLexicon — words kept whole by the tokenizer (KH Coder's 強制抽出する語): codebook keywords, gazetteer
// names and the pipeline's word list, found before ICU's split is taken, longest match first.
import Foundation
import KoeCore

/// A set of words the tokenizer never splits. Immutable and thread-safe; build once, share.
public struct WordLexicon: Sendable {
    /// Edge (node << 16 | folded unit) → child node; node 0 is the root.
    private var edges = KeyTable()
    private var terminal: [Bool] = [false]
    /// Bit per folded UTF-16 unit that starts some word.
    private var starts = [UInt64](repeating: 0, count: 1024)
    /// Bit per hash of the first two folded units of some word (every word has two or more): most places where a
    /// word could start are turned away without a walk.
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// Number of words.
    public private(set) var count = 0

    /// The empty lexicon: ICU's words as they are.
    public static let empty = WordLexicon()

    public init() {}

    /// `words` in the matching form of `normalizer` (NFKC, variants; kana and case folded). Blank entries and
    /// entries of a single character are ignored (they would only cut other words).
    public init<S: Sequence>(words: S, normalizer: Normalizer = .standard) where S.Element == String {
        for word in words {
            let units = normalizer.normalize(word.trimmingCharacters(in: .whitespacesAndNewlines)).units.map(WordHash.fold)
            guard units.count >= 2 else { continue }
            insert(units)
        }
    }

    /// A codebook keyword is kept whole when it is a name-like word: no hiragana (周南市, 地域振興バス, DX推進).
    /// Keywords with kana are phrases or inflecting words, matched word by word instead.
    public static func isNameLike(_ keyword: String) -> Bool {
        !keyword.unicodeScalars.contains { (0x3041...0x309F).contains($0.value) } && keyword.unicodeScalars.count >= 2
    }

    /// This lexicon plus `other`'s words.
    public func merging(_ words: [String], normalizer: Normalizer = .standard) -> WordLexicon {
        var copy = self
        for word in words {
            let units = normalizer.normalize(word.trimmingCharacters(in: .whitespacesAndNewlines)).units.map(WordHash.fold)
            if units.count >= 2 { copy.insert(units) }
        }
        return copy
    }

    private mutating func insert(_ units: [UInt16]) {
        var node: Int32 = 0
        for u in units {
            let edge = UInt64(node) << 16 | UInt64(u)
            if let child = edges[edge] {
                node = child
            } else {
                let child = Int32(terminal.count)
                terminal.append(false)
                edges.set(edge, child)
                node = child
            }
        }
        if !terminal[Int(node)] { count += 1 }
        terminal[Int(node)] = true
        starts[Int(units[0] >> 6)] |= 1 << UInt64(units[0] & 63)
        let pair = Self.pair(units[0], units[1])
        pairs[pair >> 6] |= 1 << UInt64(pair & 63)
    }

    /// The bit of two folded units in `pairs`.
    @inline(__always) private static func pair(_ a: UInt16, _ b: UInt16) -> Int {
        Int(truncatingIfNeeded: ((UInt32(a) << 16 | UInt32(b)) &* 0x9E37_79B1) >> 16)
    }

    public var isEmpty: Bool { count == 0 }

    /// End offsets (exclusive) of the lexicon words starting at `start` in `units`, longest first.
    func matches(in units: UnsafeBufferPointer<UInt16>, at start: Int) -> [Int] {
        var ends: [Int] = []
        matches(in: units, at: start, into: &ends)
        return ends
    }

    /// `matches(in:at:)` into a reused buffer (emptied first).
    func matches(in units: UnsafeBufferPointer<UInt16>, at start: Int, into ends: inout [Int]) {
        // Emptied only when it holds something: `removeAll` on an empty array still costs a call.
        if !ends.isEmpty { ends.removeAll(keepingCapacity: true) }
        guard start < units.count else { return }
        let first = WordHash.fold(units[start])
        guard starts[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0, start + 1 < units.count else { return }
        let pair = Self.pair(first, WordHash.fold(units[start + 1]))
        guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { return }
        var node: Int32 = 0
        var i = start
        while i < units.count, let child = edges[UInt64(node) << 16 | UInt64(WordHash.fold(units[i]))] {
            node = child
            i += 1
            if terminal[Int(node)] { ends.append(i) }
        }
        ends.reverse()
    }
}

/// The pipeline's `words:` file (KH Coder's 強制抽出する語): UTF-8, one word a line; blank lines and lines starting
/// with `#` are skipped; a BOM is allowed.
public enum WordList {
    /// Words longer than this are refused (a word list is short words, not sentences).
    public static let maxWordLength = 64

    public static func read(_ url: URL, displayPath: String) throws -> [String] {
        let data: Data
        try InputFile.requireRegular(url, display: displayPath)
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KoeError(
                code: "file-unreadable", message: "語のリスト（words）を読めません: \(displayPath)",
                hint: "パイプラインファイルからの相対パスで、1 行に 1 語の UTF-8 テキストを指定してください",
                location: SourceLocation(file: displayPath))
        }
        let text = try DecodedText.strictText(
            data, encoding: .utf8, what: "語のリスト（words）", hint: "UTF-8 で保存し直してください（メモ帳なら「UTF-8」を選んで保存）",
            displayPath: displayPath)
        var words: [String] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let word = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if word.isEmpty || word.hasPrefix("#") { continue }
            if word.count > maxWordLength {
                throw KoeError(
                    code: "word-too-long", message: "語のリストの \(n + 1) 行目が長すぎます（\(word.count) 文字）",
                    hint: "1 行に 1 語（\(maxWordLength) 文字まで）を書いてください",
                    location: SourceLocation(file: displayPath, row: n + 1))
            }
            words.append(word)
        }
        return words
    }
}
