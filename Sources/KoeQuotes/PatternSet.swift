// PatternSet — the masker's regular expressions compiled once by the system ICU (CKoeICU's uregex) and run
// over one UTF-16 buffer: no String → NSString bridge and no NSTextCheckingResult per pattern and text. Each
// thread borrows a set of matchers of its own from a small pool (a uregex matcher is not thread-safe).
import CKoeICU
import Foundation

/// Compiled patterns, each with the capture groups a caller reads; matched over UTF-16 text.
final class PatternSet: @unchecked Sendable {
    /// The source of each pattern (for messages and tests).
    let sources: [String]
    /// Groups recorded per match: 0 ... `groups - 1`.
    let groups: Int
    /// What a match of each pattern needs in the text (a text without it skips the pattern).
    let required: [RequiredText]
    /// Where each pattern's matches can start (nil: anywhere).
    let hints: [MatchHint?]
    private let prototypes: [OpaquePointer]
    private var pool: [Matchers] = []
    private let lock = NSLock()

    /// Compiles every source; a source the system ICU cannot compile stops the program (the patterns are
    /// koe's own constants: a silently dropped pattern would leave personal data unmasked). `hints`: by source,
    /// where that pattern's matches can start (`MatchHint`; only without `multiline`).
    init(_ sources: [String], groups: Int, multiline: Bool = false, hints: [String: MatchHint] = [:]) {
        precondition(hints.isEmpty || !multiline, "match hints assume $ is the end of the text")
        precondition(hints.keys.allSatisfy(sources.contains), "a match hint names a pattern that is not in the set")
        self.sources = sources
        self.groups = groups
        required = sources.map(RequiredText.init(pattern:))
        self.hints = sources.map { hints[$0] }
        prototypes = sources.map { source in
            let units = Array(source.utf16)
            var error: Int32 = 0
            var offset: Int32 = 0
            guard let regex = koe_regex_open(units, Int32(units.count), multiline ? 1 : 0, &error, &offset) else {
                preconditionFailure(
                    "masking pattern does not compile (\(String(cString: koe_icu_error_name(error))) at \(offset)): \(source)")
            }
            return regex
        }
    }

    deinit {
        for matchers in pool { matchers.regexes.forEach(koe_regex_close) }
        prototypes.forEach(koe_regex_close)
    }

    /// Calls `body` with matchers of this thread's own; they go back to the pool afterwards.
    func withMatchers<R>(_ body: (Matchers) -> R) -> R {
        lock.lock()
        var borrowed = pool.popLast()
        if borrowed == nil {
            borrowed = Matchers(
                regexes: prototypes.map { prototype in
                    var error: Int32 = 0
                    guard let clone = koe_regex_clone(prototype, &error) else {
                        preconditionFailure("cannot clone a masking pattern: \(String(cString: koe_icu_error_name(error)))")
                    }
                    return clone
                }, groups: groups, required: required, hints: hints)
        }
        lock.unlock()
        let matchers = borrowed!
        defer {
            lock.lock()
            pool.append(matchers)
            lock.unlock()
        }
        return body(matchers)
    }

    /// Every match of pattern `index` in `text`, each as the UTF-16 ranges of groups 0 ... `groups - 1`
    /// (nil for a group that took no part). Borrows matchers for the call.
    func matches(_ index: Int, in text: [UInt16]) -> [[Range<Int>?]] {
        withMatchers { matchers in matchers.withPresence(of: text) { matchers.matches(index, in: text, present: $0) } }
    }

    /// Matchers borrowed by one thread, with a scratch buffer for the match offsets.
    final class Matchers {
        let regexes: [OpaquePointer]
        let groups: Int
        let required: [RequiredText]
        let hints: [MatchHint?]
        private var ranges: [Int32]
        /// Reused by `withPresence` from text to text (all zero between calls).
        let presenceBits = PresenceBits()

        init(regexes: [OpaquePointer], groups: Int, required: [RequiredText], hints: [MatchHint?]) {
            self.regexes = regexes
            self.groups = groups
            self.required = required
            self.hints = hints
            ranges = [Int32](repeating: -1, count: 16 * groups * 2)
        }

        /// Calls `body` with the units present in `text`, made in this set's reused bits (cleared afterwards).
        func withPresence<R>(of text: [UInt16], _ body: (UnitPresence) -> R) -> R {
            let present = UnitPresence(text, bits: presenceBits)
            defer { present.clear() }
            return body(present)
        }

        /// Every match of pattern `index` in `text` (see `PatternSet.matches`); none without looking when
        /// `present` (the units of `text`) lacks what the pattern requires. The scan skips where the pattern's
        /// hint says no match starts (`hinted`: false scans every offset, for tests).
        func matches(_ index: Int, in text: [UInt16], present: UnitPresence?, hinted: Bool = true) -> [[Range<Int>?]] {
            guard !text.isEmpty else { return [] }
            if let present, !required[index].allows(present) { return [] }
            let hint = hinted ? hints[index] : nil
            var first = 0
            var anchors: [Int32]?
            if let hint {
                text.withUnsafeBufferPointer { buffer in
                    first = hint.first(in: buffer)
                    anchors = hint.anchorOffsets(in: buffer)
                }
                if anchors?.isEmpty == true { return [] }
            }
            while true {
                let capacity = ranges.count / (groups * 2)
                var error: Int32 = 0
                let count = text.withUnsafeBufferPointer { buffer in
                    guard let anchors else {
                        return koe_regex_find_all_from(
                            regexes[index], buffer.baseAddress!, Int32(buffer.count), Int32(groups), &ranges,
                            Int32(capacity), Int32(first), nil, 0, 0, &error)
                    }
                    return anchors.withUnsafeBufferPointer { a in
                        koe_regex_find_all_from(
                            regexes[index], buffer.baseAddress!, Int32(buffer.count), Int32(groups), &ranges,
                            Int32(capacity), Int32(first), a.baseAddress, Int32(a.count), Int32(hint?.lead ?? 0), &error)
                    }
                }
                precondition(count >= 0, "masking pattern failed: \(String(cString: koe_icu_error_name(error)))")
                if Int(count) > capacity {
                    ranges = [Int32](repeating: -1, count: Int(count) * groups * 2)
                    continue
                }
                return (0..<Int(count)).map { match in
                    (0..<groups).map { group in
                        let start = Int(ranges[(match * groups + group) * 2])
                        let end = Int(ranges[(match * groups + group) * 2 + 1])
                        return start >= 0 && end >= start ? start..<end : nil
                    }
                }
            }
        }
    }
}
