// MatchHint — where a masking pattern's matches can start, so the scan skips the rest of a text: a name before an
// honorific starts at most a name's length before the honorific, a signature lies at the end of the text. ICU tries
// every start position of a pattern that begins with a lookbehind or a broad class (\p{Han}), which was most of the
// masker's time; a hinted scan finds exactly the matches of a scan from the start (MatchHintTests holds every hint
// to that on real answers and edge cases).

/// What every match of one pattern (compiled without multiline: `$` is the end of the text) is known to satisfy.
enum MatchHint: Sendable {
    /// Every match starting at UTF-16 offset s holds one of `anchors` starting at an offset in s ... s + `within`,
    /// and no match is empty.
    case anchored(AnchorSet, within: Int)
    /// Every match ends at the end of the text (or before a final line terminator) after at most `core` units
    /// that follow a run of `padding` units (possibly none) at the match's start, and the units between the core
    /// and the end are `padding`.
    case tail(core: Int, padding: Set<UInt16>)

    /// Anchors spelled as strings.
    static func anchored(_ anchors: [String], within: Int) -> MatchHint {
        .anchored(AnchorSet(anchors.map { Array($0.utf16) }), within: within)
    }

    /// Every ASCII digit (and, with `letters`, every ASCII letter) as a one-unit anchor.
    static func asciiAnchors(letters: Bool) -> [String] {
        let digits = (0x30...0x39).map { String(UnicodeScalar(UInt8($0))) }
        guard letters else { return digits }
        return digits + (0x41...0x5A).map { String(UnicodeScalar(UInt8($0))) } + (0x61...0x7A).map { String(UnicodeScalar(UInt8($0))) }
    }

    /// The units `$` may stand before at the end of a text (ICU's line terminators).
    static let lineTerminators: Set<UInt16> = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029]

    /// The first offset a match can start at in `text`.
    func first(in text: UnsafeBufferPointer<UInt16>) -> Int {
        guard case .tail(let core, let padding) = self else { return 0 }
        var i = text.count
        // The units after the core: padding, and a final line terminator.
        while i > 0, padding.contains(text[i - 1]) || Self.lineTerminators.contains(text[i - 1]) { i -= 1 }
        i = max(0, i - core)
        // The padding a match may start with.
        while i > 0, padding.contains(text[i - 1]) { i -= 1 }
        return i
    }

    /// The offsets where an anchor starts in `text`, ascending; nil for a hint without anchors.
    func anchorOffsets(in text: UnsafeBufferPointer<UInt16>) -> [Int32]? {
        guard case .anchored(let anchors, _) = self else { return nil }
        var out: [Int32] = []
        for i in 0..<text.count where anchors.mayStart(text[i]) {
            for anchor in anchors.strings where anchor.count <= text.count - i && text[i] == anchor[0] {
                var k = 1
                while k < anchor.count && text[i + k] == anchor[k] { k += 1 }
                if k == anchor.count {
                    out.append(Int32(i))
                    break
                }
            }
        }
        return out
    }

    /// How far before an anchor a match may start (0 for a tail hint).
    var lead: Int {
        if case .anchored(_, let within) = self { return within }
        return 0
    }
}

/// Anchor strings with a bit per unit that starts one (most units of a text start none).
struct AnchorSet: Sendable {
    let strings: [[UInt16]]
    private let starts: [UInt64]

    init(_ strings: [[UInt16]]) {
        precondition(!strings.isEmpty && strings.allSatisfy { !$0.isEmpty }, "anchors must be non-empty strings")
        self.strings = strings
        var starts = [UInt64](repeating: 0, count: 1024)
        for s in strings { starts[Int(s[0] >> 6)] |= 1 << UInt64(s[0] & 63) }
        self.starts = starts
    }

    @inline(__always)
    func mayStart(_ u: UInt16) -> Bool { starts[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }
}
