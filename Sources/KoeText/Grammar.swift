// Grammar — the inflection chains that may follow a conjugation base (ない, ます, た, れる, させる, たい …), as a
// small automaton over kana: a tail is accepted when some path consumes it exactly.

enum Grammar {
    /// A state of the automaton: what may follow at this point.
    enum Chain: Int, CaseIterable {
        /// Nothing more: the tail must be used up.
        case end
        /// After a godan a-column kana (書か): ない, れる, せる, ず.
        case godanMizen
        /// After a godan i-column kana or an ichidan stem used as 連用形 (書き, 変え): ます, たい, ながら, やすい …
        case renyou
        /// After a godan e-column kana (書け): ば, or a potential verb's ichidan endings.
        case godanE
        /// After an ichidan stem, and after れ/られ/せ/させ (passive, causative, potential).
        case ichidan
        /// After an i-adjective stem (高, 少な) and after たい/ない/やすい stems.
        case adjective
        /// After な of ない.
        case nai
        /// After ま of ます.
        case masu
        /// て/た after an unvoiced euphonic kana (書い, 待っ, 話し).
        case teUnvoiced
        /// で/だ after a voiced one (泳い, 読ん).
        case teVoiced
        /// The forms of する (し, さ, す, せ …), with the stem before them.
        case suru
        /// After し of する.
        case suruShi
    }

    /// Transitions: (literal kana, next state). An empty literal is a move that consumes nothing.
    static let table: [[(literal: [UInt16], next: Chain)]] = {
        func t(_ pairs: [(String, Chain)]) -> [(literal: [UInt16], next: Chain)] {
            pairs.map { (Array($0.0.utf16), $0.1) }
        }
        var table = [[(literal: [UInt16], next: Chain)]](repeating: [], count: Chain.allCases.count)
        let teForms: [(String, Chain)] = [("て", .end), ("た", .end), ("たら", .end), ("たり", .end)]
        let renyouTail: [(String, Chain)] = [
            ("", .end), ("ま", .masu), ("た", .adjective), ("ながら", .end), ("つつ", .end), ("そう", .end),
            ("やす", .adjective), ("にく", .adjective), ("づら", .adjective), ("すぎ", .ichidan),
        ]
        table[Chain.godanMizen.rawValue] = t([
            ("な", .nai), ("ず", .end), ("ずに", .end), ("れ", .ichidan), ("せ", .ichidan), ("され", .ichidan),
        ])
        table[Chain.renyou.rawValue] = t(renyouTail)
        table[Chain.godanE.rawValue] = t([("ば", .end), ("", .ichidan)])
        table[Chain.ichidan.rawValue] = t(
            renyouTail + teForms + [
                ("る", .end), ("れば", .end), ("ろ", .end), ("よう", .end), ("な", .nai), ("ず", .end), ("ずに", .end),
                ("られ", .ichidan), ("させ", .ichidan), ("れ", .ichidan),
            ])
        table[Chain.adjective.rawValue] = t([
            ("い", .end), ("く", .end), ("くて", .end), ("くな", .nai), ("かった", .end), ("かったら", .end),
            ("かったり", .end), ("ければ", .end), ("そう", .end), ("すぎ", .ichidan),
        ])
        table[Chain.nai.rawValue] = t([
            ("い", .end), ("かった", .end), ("かったら", .end), ("く", .end), ("くて", .end), ("ければ", .end),
            ("きゃ", .end), ("いで", .end), ("さそう", .end),
        ])
        table[Chain.masu.rawValue] = t([
            ("す", .end), ("した", .end), ("せん", .end), ("せんでした", .end), ("しょう", .end), ("して", .end),
            ("したら", .end),
        ])
        table[Chain.teUnvoiced.rawValue] = t(teForms)
        table[Chain.teVoiced.rawValue] = t([("で", .end), ("だ", .end), ("だら", .end), ("だり", .end)])
        table[Chain.suru.rawValue] = t([
            ("する", .end), ("すれば", .end), ("しろ", .end), ("せよ", .end), ("しよう", .end), ("せず", .end),
            ("し", .suruShi), ("され", .ichidan), ("させ", .ichidan),
        ])
        table[Chain.suruShi.rawValue] = t(renyouTail + teForms + [("な", .nai)])
        return table
    }()

    /// One transition in flat form: its literal is `literals[start..<start + count]`.
    struct Edge {
        var start: Int32
        var count: Int32
        var next: Chain
    }

    /// The table flattened into immortal storage (built once, never freed): the parser walks plain pointers,
    /// with no global access or reference counting per step. A state's edges are grouped by the first kana of
    /// their literal, so a step looks only at the edges that can match: those of state k starting with kana u
    /// (U+3040…U+309F) are `edges[group[k * 97 + u - 0x3040] ..< group[k * 97 + u - 0x3040 + 1]]`, and its
    /// empty (consume-nothing) edges are `edges[epsilon[k] ..< group[k * 97]]`. The order edges are tried in
    /// does not change whether a tail is accepted.
    struct Flat: @unchecked Sendable {
        let literals: UnsafePointer<UInt16>
        let edges: UnsafePointer<Edge>
        let group: UnsafePointer<Int32>
        let epsilon: UnsafePointer<Int32>

        static let kanaCount = 96

        init(_ table: [[(literal: [UInt16], next: Chain)]]) {
            var literals: [UInt16] = []
            var edges: [Edge] = []
            var group: [Int32] = []
            var epsilon: [Int32] = []
            for transitions in table {
                epsilon.append(Int32(edges.count))
                for (literal, next) in transitions where literal.isEmpty {
                    edges.append(Edge(start: Int32(literals.count), count: 0, next: next))
                }
                for k in 0..<Flat.kanaCount {
                    group.append(Int32(edges.count))
                    for (literal, next) in transitions where literal.first == UInt16(0x3040 + k) {
                        edges.append(Edge(start: Int32(literals.count), count: Int32(literal.count), next: next))
                        literals += literal
                    }
                }
                group.append(Int32(edges.count))
            }
            self.literals = Flat.immortal(literals)
            self.edges = Flat.immortal(edges)
            self.group = Flat.immortal(group)
            self.epsilon = Flat.immortal(epsilon)
        }

        static func immortal<T>(_ values: [T]) -> UnsafePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            p.initialize(from: values, count: values.count)
            return UnsafePointer(p)
        }

        /// Whether `tail` is consumed exactly by some path from `state`.
        func accepts(_ state: Chain, _ tail: UnsafeBufferPointer<UInt16>) -> Bool {
            if state == .end { return tail.isEmpty }
            let row = state.rawValue * (Flat.kanaCount + 1)
            for e in Int(epsilon[state.rawValue])..<Int(group[row]) where accepts(edges[e].next, tail) { return true }
            guard let u = tail.first, u >= 0x3040, u < 0x3040 + UInt16(Flat.kanaCount) else { return false }
            let slot = row + Int(u) - 0x3040
            var e = Int(group[slot])
            let last = Int(group[slot + 1])
            while e < last {
                let edge = edges[e]
                e += 1
                let count = Int(edge.count)
                guard tail.count >= count else { continue }
                let literal = literals + Int(edge.start)
                var k = 1
                while k < count && tail[k] == literal[k] { k += 1 }
                if k == count, accepts(edge.next, UnsafeBufferPointer(rebasing: tail[count...])) { return true }
            }
            return false
        }
    }

    static let flat = Flat(table)

    /// Whether `tail` is consumed exactly by some path from `state`.
    static func accepts(_ state: Chain, _ tail: ArraySlice<UInt16>) -> Bool {
        tail.withUnsafeBufferPointer { flat.accepts(state, $0) }
    }
}

/// FNV-1a (64-bit) over UTF-16 units: the identity of a matching key or dictionary form, built without a String.
public struct WordHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ unit: UInt16) {
        value = (value ^ UInt64(unit & 0xFF)) &* 0x100_0000_01b3
        value = (value ^ UInt64(unit >> 8)) &* 0x100_0000_01b3
    }

    /// The hash of a key string (its UTF-16 units, already folded).
    public static func of(_ key: String) -> UInt64 {
        var h = WordHash()
        for u in key.utf16 { h.add(u) }
        return h.value
    }

    /// The matching fold of one unit: katakana → hiragana, ASCII upper → lower case.
    @inline(__always) public static func fold(_ u: UInt16) -> UInt16 {
        switch u {
        case 0x30A1...0x30F6: u - 0x60
        case 65...90: u + 32
        default: u
        }
    }
}
