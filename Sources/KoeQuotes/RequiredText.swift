// RequiredText — what any match of a regular expression must contain, read from the pattern's source: the
// masker skips a pattern when a text holds none of it (most answers have no digit, no @, no honorific), which
// is where its time went. Sound by construction: only parts every match must cross count, and what a positive
// lookaround must see (it is in the text too); negative lookarounds, optional parts and anything the reader
// does not know count for nothing; an unknown construct gives up.

/// The 65,536 bits of a `UnitPresence`, all zero between texts. A set of matchers keeps one and reuses it from
/// text to text (a presence clears the few words its text set), so no 8 KB is zeroed per text.
final class PresenceBits: @unchecked Sendable {
    let words: UnsafeMutablePointer<UInt64>

    init() {
        words = .allocate(capacity: 1024)
        words.initialize(repeating: 0, count: 1024)
    }

    deinit { words.deallocate() }

    /// Whether every bit is zero (tests).
    var isClear: Bool { (0..<1024).allSatisfy { words[$0] == 0 } }
}

/// The code units present in a text (a 65,536-bit set), and the text, to look for longer strings.
struct UnitPresence {
    private let bits: PresenceBits
    private let words: UnsafeMutablePointer<UInt64>
    private let units: [UInt16]

    /// The presence of `units` in bits of its own.
    init(_ units: [UInt16]) { self.init(units, bits: PresenceBits()) }

    /// The presence of `units` in `bits`, which must be all zero; `clear()` makes them so again.
    init(_ units: [UInt16], bits: PresenceBits) {
        self.bits = bits
        words = bits.words
        self.units = units
        let words = self.words
        units.withUnsafeBufferPointer { units in
            for u in units { words[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        }
    }

    /// Zeroes the words this text's units set: the bits are all zero again, for the next text.
    func clear() {
        let words = self.words
        units.withUnsafeBufferPointer { units in
            for u in units { words[Int(u >> 6)] = 0 }
        }
    }

    func contains(_ u: UInt16) -> Bool { words[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// Whether any unit of `mask`'s bits in 64-unit block `block` is present.
    @inline(__always)
    func containsAny(block: Int, mask: UInt64) -> Bool { words[block] & mask != 0 }

    /// True when `string` occurs in the text (every unit present first, then a search).
    func mayContain(_ string: [UInt16]) -> Bool {
        string.withUnsafeBufferPointer { mayContain($0) }
    }

    /// `mayContain` over a buffer: most strings have a unit the text lacks, which the bit test settles.
    @inline(__always)
    func mayContain(_ string: UnsafeBufferPointer<UInt16>) -> Bool {
        for u in string where words[Int(u >> 6)] & (1 << UInt64(u & 63)) == 0 { return false }
        guard string.count > 1, string.count <= units.count else { return string.count == 1 }
        return units.withUnsafeBufferPointer { units in
            let first = string[0]
            for start in 0...(units.count - string.count) where units[start] == first {
                var k = 1
                while k < string.count && units[start + k] == string[k] { k += 1 }
                if k == string.count { return true }
            }
            return false
        }
    }
}

/// A requirement of a pattern: every set in `all` must have one of its strings in the text (AND of ORs).
struct RequiredText: Sendable {
    /// Alternatives per requirement (UTF-16 strings); empty when nothing is known to be required.
    let all: [[[UInt16]]]
    /// `all` as checked: per requirement, its one-unit alternatives as bits per 64-unit block, and its longer ones.
    private let checks: [Check]

    private struct Check: Sendable {
        var blocks: [(block: Int, mask: UInt64)] = []
        var strings: [[UInt16]] = []
    }

    /// The requirement of `pattern` (ICU syntax as the masker writes it); none when a construct is not known.
    init(pattern: String) {
        var reader = Reader(units: Array(pattern.utf16))
        if let node = try? reader.alternation(), reader.atEnd {
            all = Self.needs(node).map { Array($0).sorted { $0.lexicographicallyPrecedes($1) } }
        } else {
            all = []
        }
        checks = all.map { alternatives in
            var check = Check()
            var masks: [Int: UInt64] = [:]
            for a in alternatives {
                if a.count == 1 { masks[Int(a[0] >> 6), default: 0] |= 1 << UInt64(a[0] & 63) } else { check.strings.append(a) }
            }
            check.blocks = masks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return check
        }
    }

    /// True unless the text certainly holds no match: every requirement has an alternative in the text (a one-unit
    /// alternative by its bit, a longer one by `mayContain`).
    func allows(_ present: UnitPresence) -> Bool {
        checks.withUnsafeBufferPointer { checks in
            for check in checks {
                var met = false
                for (block, mask) in check.blocks where present.containsAny(block: block, mask: mask) {
                    met = true
                    break
                }
                if !met {
                    for string in check.strings where string.withUnsafeBufferPointer({ present.mayContain($0) }) {
                        met = true
                        break
                    }
                }
                if !met { return false }
            }
            return true
        }
    }

    /// Largest set of alternatives kept (a bigger set says little and costs time).
    static let maxAlternatives = 128

    indirect enum Node {
        case literal([UInt16])
        case set([[UInt16]])
        /// Consumes text but requires nothing known (., \p{…}, a negated class).
        case opaque
        /// Matches no text of its own (^, $, lookarounds, \b).
        case empty
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int)
        /// A group whose letters match without regard to case (?i:…): its strings are not literal.
        case caseless(Node)
        /// A positive lookahead or lookbehind: zero-width, but the text around the match must hold it.
        case lookaround(Node)
    }

    /// AND of ORs that every match of `node` contains.
    static func needs(_ node: Node) -> [Set<[UInt16]>] {
        switch node {
        case .literal(let s): return s.isEmpty ? [] : [[s]]
        case .set(let strings): return strings.isEmpty || strings.count > maxAlternatives ? [] : [Set(strings)]
        case .opaque, .empty, .caseless: return []
        case .repeated(let inner, let min): return min >= 1 ? needs(inner) : []
        case .lookaround(let inner): return needs(inner)
        case .sequence(let parts): return parts.flatMap(needs)
        case .alternation(let branches):
            var union: Set<[UInt16]> = []
            for branch in branches {
                guard let best = needs(branch).max(by: { score($0) < score($1) }) else { return [] }
                union.formUnion(best)
            }
            return union.isEmpty || union.count > maxAlternatives ? [] : [union]
        }
    }

    /// How much a set narrows: longer shortest string first, then fewer strings.
    static func score(_ set: Set<[UInt16]>) -> Int { (set.map(\.count).min() ?? 0) * 1000 - set.count }

    struct Unknown: Error {}

    /// A recursive-descent reader of the subset of ICU syntax the masker uses.
    struct Reader {
        let units: [UInt16]
        var i = 0

        var atEnd: Bool { i == units.count }
        func peek(_ offset: Int = 0) -> UInt16? { i + offset < units.count ? units[i + offset] : nil }
        func at(_ text: String) -> Bool {
            var k = i
            for t in text.utf16 {
                guard k < units.count, units[k] == t else { return false }
                k += 1
            }
            return true
        }

        mutating func alternation() throws -> Node {
            var branches = [try sequence()]
            while peek() == u("|") {
                i += 1
                branches.append(try sequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() throws -> Node {
            var parts: [Node] = []
            var run: [UInt16] = []
            func flush() {
                if !run.isEmpty { parts.append(.literal(run)) }
                run = []
            }
            while let c = peek(), c != u("|"), c != u(")") {
                let atom = try self.atom()
                if let quantified = try quantifier(atom) {
                    flush()
                    parts.append(quantified)
                } else if case .literal(let s) = atom {
                    run += s
                } else {
                    flush()
                    parts.append(atom)
                }
            }
            flush()
            return .sequence(parts)
        }

        /// A quantifier after `atom`, if any (then the atom stands alone, not in a literal run).
        mutating func quantifier(_ atom: Node) throws -> Node? {
            guard let c = peek() else { return nil }
            var min: Int
            switch c {
            case u("?"), u("*"):
                min = 0
                i += 1
            case u("+"):
                min = 1
                i += 1
            case u("{"):
                i += 1
                min = 0
                var digits = 0
                while let d = peek(), d >= u("0"), d <= u("9") {
                    min = min * 10 + Int(d - u("0"))
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { throw Unknown() }
                if peek() == u(",") {
                    i += 1
                    while let d = peek(), d >= u("0"), d <= u("9") { i += 1 }
                }
                guard peek() == u("}") else { throw Unknown() }
                i += 1
            default: return nil
            }
            if peek() == u("?") || peek() == u("+") { i += 1 }  // lazy or possessive: the same text is required
            switch atom {
            case .empty, .lookaround: return .empty  // a repeated zero-width part: nothing is sure
            default: return .repeated(atom, min: min)
            }
        }

        mutating func atom() throws -> Node {
            guard let c = peek() else { throw Unknown() }
            switch c {
            case u("("): return try group()
            case u("["): return try classSet()
            case u("."):
                i += 1
                return .opaque
            case u("^"), u("$"):
                i += 1
                return .empty
            case u("\\"): return try escape()
            case u("*"), u("+"), u("?"), u("{"), u("}"), u("]"): throw Unknown()
            default:
                i += 1
                if (0xD800...0xDBFF).contains(c), let low = peek(), (0xDC00...0xDFFF).contains(low) {
                    i += 1
                    return .literal([c, low])
                }
                return .literal([c])
            }
        }

        mutating func group() throws -> Node {
            i += 1  // (
            var kind = 0  // 0 capture or (?:, 1 negative lookaround, 2 caseless, 3 positive lookaround
            if peek() == u("?") {
                if at("?:") {
                    i += 2
                } else if at("?=") {
                    i += 2; kind = 3
                } else if at("?!") {
                    i += 2; kind = 1
                } else if at("?<=") {
                    i += 3; kind = 3
                } else if at("?<!") {
                    i += 3; kind = 1
                } else if at("?i:") {
                    i += 3; kind = 2
                } else {
                    throw Unknown()
                }
            }
            let inner = try alternation()
            guard peek() == u(")") else { throw Unknown() }
            i += 1
            switch kind {
            case 1: return .empty
            case 2: return .caseless(inner)
            // What a positive lookaround sees is in the text, though not in the match: the text needs it.
            case 3: return .lookaround(inner)
            default: return inner
            }
        }

        static let literalEscapes = Array(".-/\\()[]{}?*+|^$@#&~=:!,'\"<> 　".utf16)

        mutating func escape() throws -> Node {
            i += 1
            guard let c = peek() else { throw Unknown() }
            i += 1
            if Self.literalEscapes.contains(c) { return .literal([c]) }
            switch c {
            case u("n"): return .literal([0x0A])
            case u("t"): return .literal([0x09])
            case u("s"), u("S"), u("d"), u("D"), u("w"), u("W"): return .opaque
            case u("b"), u("B"): return .empty
            case u("p"), u("P"):
                guard peek() == u("{") else { throw Unknown() }
                while let d = peek(), d != u("}") { i += 1 }
                guard peek() == u("}") else { throw Unknown() }
                i += 1
                return .opaque
            default: throw Unknown()
            }
        }

        /// A bracketed set: its characters when it is a plain list of characters and ranges, else opaque.
        mutating func classSet() throws -> Node {
            i += 1  // [
            var plain = true
            var members: [[UInt16]] = []
            if peek() == u("^") {
                plain = false
                i += 1
            }
            if peek() == u("]") { throw Unknown() }
            var previous: UInt16?
            while let c = peek(), c != u("]") {
                if c == u("[") {
                    _ = try classSet()
                    plain = false
                    previous = nil
                    continue
                }
                if at("&&") || at("--") {
                    plain = false
                    i += 2
                    previous = nil
                    continue
                }
                var unit: UInt16
                if c == u("\\") {
                    i += 1
                    guard let e = peek() else { throw Unknown() }
                    i += 1
                    if e == u("p") || e == u("P") {
                        guard peek() == u("{") else { throw Unknown() }
                        while let d = peek(), d != u("}") { i += 1 }
                        guard peek() == u("}") else { throw Unknown() }
                        i += 1
                        plain = false
                        previous = nil
                        continue
                    }
                    if e == u("n") {
                        unit = 0x0A
                    } else if e == u("t") {
                        unit = 0x09
                    } else if e == u("s") || e == u("d") || e == u("w") || e == u("S") || e == u("D") || e == u("W") {
                        plain = false
                        previous = nil
                        continue
                    } else if Self.literalEscapes.contains(e) {
                        unit = e
                    } else {
                        throw Unknown()
                    }
                } else if c == u("-"), let low = previous, let next = peek(1), next != u("]") {
                    // a range low-high
                    i += 1
                    var high = next
                    i += 1
                    if high == u("\\") {
                        guard let e = peek(), Self.literalEscapes.contains(e) else { throw Unknown() }
                        high = e
                        i += 1
                    }
                    if (0xD800...0xDFFF).contains(high) || high < low { throw Unknown() }
                    if Int(high) - Int(low) > RequiredText.maxAlternatives {
                        plain = false
                    } else {
                        for v in (low + 1)...high { members.append([v]) }
                    }
                    previous = nil
                    continue
                } else {
                    i += 1
                    unit = c
                    if (0xD800...0xDFFF).contains(c) { throw Unknown() }
                }
                members.append([unit])
                previous = unit
            }
            guard peek() == u("]") else { throw Unknown() }
            i += 1
            return plain ? .set(members) : .opaque
        }

        func u(_ s: Unicode.Scalar) -> UInt16 { UInt16(s.value) }
    }
}
