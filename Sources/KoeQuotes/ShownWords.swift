// ShownWords — the quoting rule for words shown outside the workspace (workbook, report, terminal): a word the
// masker would mask on its own (a name, a number, an address) is not shown, nor one found inside a masked span
// of its opinions (`MaskedWords`), so no word list leaks what a quote would hide.
import Foundation

/// Whether a word may be shown outside the workspace.
public struct ShownWords: Sendable {
    private let masker = Masker()
    /// Folded keys (`MaskedWords.fold`) of words found inside masked spans.
    private let withheld: Set<[UInt16]>

    /// `withheld`: words (keys or display forms) found inside masked spans of their opinions.
    public init(withheld: some Sequence<String> = [String]()) {
        self.withheld = Set(withheld.map(MaskedWords.fold))
    }

    /// Answers already worked out: word lists repeat a word in every cell it is counted in.
    private let known = Known()

    public func canShow(_ word: String) -> Bool {
        if let answer = known.answer(word) { return answer }
        let answer = !withheld.contains(MaskedWords.fold(word)) && masker.mask(word) == word
        known.record(word, answer)
        return answer
    }

    /// A word → answer memo shared by copies of one `ShownWords` (writers may ask from their own threads).
    private final class Known: @unchecked Sendable {
        private var answers: [String: Bool] = [:]
        private let lock = NSLock()

        func answer(_ word: String) -> Bool? {
            lock.lock()
            defer { lock.unlock() }
            return answers[word]
        }

        func record(_ word: String, _ answer: Bool) {
            lock.lock()
            answers[word] = answer
            lock.unlock()
        }
    }

    /// The Japanese label of a segment key (age → 年代).
    public static func segmentLabel(_ segment: String) -> String {
        switch segment {
        case "age": return "年代"
        case "gender": return "性別"
        case "district": return "地区"
        default: return segment
        }
    }
}
