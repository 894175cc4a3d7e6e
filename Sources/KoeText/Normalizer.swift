// Normalizer — the matching form shared by texts and codebook keywords: NFKC (width folding),
// orthographic variants (子供/こども → 子ども) from a data file, then per token katakana → hiragana and
// Latin lower case.
import Foundation
import KoeCore

/// Text in matching form, with a map back to the verbatim text.
public struct NormalizedText: Sendable {
    /// The verbatim input.
    public let original: String
    /// The text after NFKC and variant folding (UTF-16). Katakana and case are kept: ICU segments
    /// katakana and hiragana differently, so kana and case folding happen per token (see `Token.key`).
    public let units: [UInt16]
    /// For each unit of `units`, the UTF-16 offset in `original` it came from; one extra entry at the end
    /// holds `original.utf16.count`.
    public let map: [Int32]
    /// The units are the verbatim text's own (NFKC and the variants changed nothing): its normalized String is
    /// `original` itself.
    var isVerbatim = false

    /// The verbatim slice of `original` behind normalized units `range`.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        map.withUnsafeBufferPointer { Self.originalRange(range, map: $0) }
    }

    /// `originalRange(_:)` over the map's buffer.
    @inline(__always) static func originalRange(_ range: Range<Int>, map: UnsafeBufferPointer<Int32>) -> Range<Int> {
        let start = Int(map[range.lowerBound])
        // Units produced by one normalization segment share a start (⑴ → "(1)"): a range ending inside a
        // segment extends to the start of the next segment. The map never decreases and ends with the
        // verbatim length, so the scan stops.
        var i = range.upperBound
        while i < map.count - 1 && Int(map[i]) <= start { i += 1 }
        let end = max(Int(map[i]), start)
        return start..<end
    }

    /// The normalized text of `range` as a String.
    public func string(_ range: Range<Int>) -> String {
        Normalizer.transcode(units[range], fold: false)
    }

    public var normalizedString: String { isVerbatim ? original : Normalizer.transcode(units[...], fold: false) }
}

/// Scratch buffers of `Normalizer.normalize(_:buffers:)`: the input's UTF-16 and its NFKC form with the map, and
/// the arrays of the result before (`units`, `map`): once that text is gone their storage is referenced only here
/// and is reused for the next result (copy-on-write keeps a text still alive untouched).
struct NormalizeBuffers {
    var input: [UInt16] = []
    var text: [UInt16] = []
    var map: [Int32] = []
    var resultUnits: [UInt16] = []
    var resultMap: [Int32] = []

    /// Results of more units than this are not kept for reuse (the scratch stays small).
    static let reuseLimit = 1 << 14

    /// The result arrays to fill, emptied: the last result's storage when nothing else holds it any more.
    mutating func takeResult() -> (units: [UInt16], map: [Int32]) {
        var units = resultUnits
        var map = resultMap
        resultUnits = []
        resultMap = []
        units.removeAll(keepingCapacity: true)
        map.removeAll(keepingCapacity: true)
        return (units, map)
    }

    /// Keeps the result's arrays (shared with it) for `takeResult`.
    mutating func keepResult(units: [UInt16], map: [Int32]) {
        guard units.capacity <= Self.reuseLimit else { return }
        resultUnits = units
        resultMap = map
    }
}

/// Builds the matching form. Thread-safe and cheap to share.
public struct Normalizer: Sendable {
    /// Variant → canonical pairs, longest variant first per leading unit.
    private let variants: [UInt16: [(from: [UInt16], to: [UInt16])]]
    /// Bit per UTF-16 unit that starts some variant (spares most units the dictionary lookup).
    private let variantStarts: [UInt64]

    /// The normalizer with koe's built-in variant lexicon (Resources/variants.tsv).
    public static let standard = Normalizer(variantLexicon: BundledResource.required(resources[0].url, name: resources[0].name))

    /// The bundled data files this module reads (checked by the command line at start).
    public static let resources: [(name: String, url: URL?)] = [
        ("variants.tsv", Bundle.module.url(forResource: "variants", withExtension: "tsv"))
    ]

    /// `variantLexicon`: lines `canonical<TAB>variant<TAB>variant…`; `#` starts a comment.
    public init(variantLexicon: String) {
        var table: [UInt16: [(from: [UInt16], to: [UInt16])]] = [:]
        for line in variantLexicon.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[0].isEmpty else { continue }
            let canonical = NFKC.normalize(Array(fields[0].utf16)).text
            for variant in fields.dropFirst() where !variant.isEmpty {
                let from = NFKC.normalize(Array(variant.utf16)).text
                if from == canonical || from.isEmpty { continue }
                table[from[0], default: []].append((from, canonical))
            }
        }
        var starts = [UInt64](repeating: 0, count: 1024)
        for key in table.keys {
            table[key]?.sort { $0.from.count > $1.from.count }
            starts[Int(key >> 6)] |= 1 << UInt64(key & 63)
        }
        variants = table
        variantStarts = starts
    }

    /// NFKC and variants folded; with the offset map.
    public func normalize(_ text: String) -> NormalizedText {
        var buffers = NormalizeBuffers()
        return normalize(text, buffers: &buffers)
    }

    /// `normalize` with reused scratch buffers (one set per tokenizer): only the result's two arrays are
    /// allocated.
    func normalize(_ text: String, buffers: inout NormalizeBuffers) -> NormalizedText {
        let (inputCount, inert) = Normalizer.utf16(text, into: &buffers.input)
        let n: Int
        if inert {
            // Already NFKC (every character is one NFKC leaves alone and that nothing composes with): the
            // input itself, each unit mapping to its own offset.
            n = inputCount
            if buffers.map.count < n { buffers.map += repeatElement(0, count: n - buffers.map.count) }
            buffers.map.withUnsafeMutableBufferPointer { m in
                for k in 0..<n { m[k] = Int32(k) }
            }
        } else {
            n = buffers.input.withUnsafeBufferPointer { input in
                NFKC.normalize(UnsafeBufferPointer(rebasing: input[0..<inputCount]), text: &buffers.text, map: &buffers.map)
            }
        }
        var (units, map) = buffers.takeResult()
        units.reserveCapacity(n)
        map.reserveCapacity(n + 1)
        var replaced = false
        (inert ? buffers.input : buffers.text).withUnsafeBufferPointer { nfkc in
            buffers.map.withUnsafeBufferPointer { nfkcMap in
                // Runs without a variant are copied whole; a variant's replacement maps to the variant's start.
                var run = 0
                var i = 0
                outer: while i < n {
                    let unit = nfkc[i]
                    if variantStarts[Int(unit >> 6)] & (1 << UInt64(unit & 63)) != 0, let candidates = variants[unit] {
                        for (from, to) in candidates where i + from.count <= n {
                            var same = true
                            for k in 0..<from.count where nfkc[i + k] != from[k] {
                                same = false
                                break
                            }
                            guard same else { continue }
                            units.append(contentsOf: UnsafeBufferPointer(rebasing: nfkc[run..<i]))
                            map.append(contentsOf: UnsafeBufferPointer(rebasing: nfkcMap[run..<i]))
                            units.append(contentsOf: to)
                            map.append(contentsOf: repeatElement(nfkcMap[i], count: to.count))
                            i += from.count
                            run = i
                            replaced = true
                            continue outer
                        }
                    }
                    i += 1
                }
                units.append(contentsOf: UnsafeBufferPointer(rebasing: nfkc[run..<n]))
                map.append(contentsOf: UnsafeBufferPointer(rebasing: nfkcMap[run..<n]))
            }
        }
        map.append(Int32(inputCount))
        buffers.keepResult(units: units, map: map)
        // Inert input and no variant replaced: the units are the input's UTF-16.
        return NormalizedText(original: text, units: units, map: map, isVerbatim: inert && !replaced)
    }

    /// Katakana → hiragana (U+30A1…U+30F6 → U+3041…U+3096) and ASCII upper → lower case on a token's
    /// units: the last folding step of the matching key.
    public static func foldKey(_ units: ArraySlice<UInt16>) -> String { transcode(units, fold: true) }

    /// The UTF-16 units of `text`, decoded straight from its UTF-8 (`Array(text.utf16)` goes through the
    /// generic, much slower path).
    static func utf16(_ text: String) -> [UInt16] {
        var out: [UInt16] = []
        let n = utf16(text, into: &out).count
        return Array(out[0..<n])
    }

    /// Whether NFKC leaves `u` alone whatever stands around it: printable ASCII, hiragana, katakana, the
    /// prolonged sound mark, CJK unified ideographs, 、。々 and the CJK brackets (each has NFKC quick check Yes
    /// and combining class 0, so a text of them only is already in NFKC). Not in the set: full-width and
    /// half-width forms, the ideographic space, ゛゜, combining marks, surrogates.
    @inline(__always) static func isInert(_ u: UInt16) -> Bool {
        switch u {
        case 0x20...0x7E, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF, 0x3001, 0x3002, 0x3005,
            0x3008...0x3011:
            true
        default: false
        }
    }

    /// `utf16(_:)` into a reused buffer: returns the count n, the units are `out[0..<n]` (the buffer only grows),
    /// and whether every unit `isInert`.
    static func utf16(_ text: String, into out: inout [UInt16]) -> (count: Int, inert: Bool) {
        var text = text
        return text.withUTF8 { bytes in
            if out.count < bytes.count { out += repeatElement(0, count: bytes.count - out.count) }
            return out.withUnsafeMutableBufferPointer { out in
                // A String's UTF-8 is valid, so each lead byte tells its length.
                var i = 0
                var n = 0
                var inert = true
                while i < bytes.count {
                    let b = UInt32(bytes[i])
                    if b < 0x80 {
                        out[n] = UInt16(b)
                        inert = inert && b >= 0x20 && b < 0x7F
                        n += 1
                        i += 1
                    } else if b < 0xE0 {
                        out[n] = UInt16(((b & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F))
                        inert = false
                        n += 1
                        i += 2
                    } else if b < 0xF0 {
                        let u = UInt16(((b & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F))
                        out[n] = u
                        inert = inert && isInert(u)
                        n += 1
                        i += 3
                    } else {
                        inert = false
                        let u =
                            ((b & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6)
                            | (UInt32(bytes[i + 3]) & 0x3F)
                        out[n] = UInt16(0xD800 + ((u - 0x10000) >> 10))
                        out[n + 1] = UInt16(0xDC00 + ((u - 0x10000) & 0x3FF))
                        n += 2
                        i += 4
                    }
                }
                return (n, inert)
            }
        }
    }

    /// UTF-16 units → String, optionally with the key fold (katakana → hiragana, ASCII lower case).
    static func transcode(_ units: ArraySlice<UInt16>, fold: Bool) -> String {
        units.withUnsafeBufferPointer { transcode($0, fold: fold) }
    }

    /// `transcode` over a buffer: the one implementation.
    static func transcode(_ units: UnsafeBufferPointer<UInt16>, fold: Bool) -> String {
        // Transcoded straight to UTF-8 (String(decoding:as: UTF16.self) is several times slower); a lone
        // surrogate becomes U+FFFD as it would there.
        String(unsafeUninitializedCapacity: units.count * 3) { buffer in
            var n = 0
            var i = 0
            while i < units.count {
                var u = UInt32(units[i])
                i += 1
                switch u {
                case 0x30A1...0x30F6: if fold { u -= 0x60 }
                case 65...90: if fold { u += 32 }
                case 0xD800...0xDBFF:
                    if i < units.count, (0xDC00...0xDFFF).contains(units[i]) {
                        u = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                        i += 1
                    } else {
                        u = 0xFFFD
                    }
                case 0xDC00...0xDFFF: u = 0xFFFD
                default: break
                }
                if u < 0x80 {
                    buffer[n] = UInt8(u)
                    n += 1
                } else if u < 0x800 {
                    buffer[n] = UInt8(0xC0 | (u >> 6))
                    buffer[n + 1] = UInt8(0x80 | (u & 0x3F))
                    n += 2
                } else if u < 0x10000 {
                    buffer[n] = UInt8(0xE0 | (u >> 12))
                    buffer[n + 1] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (u & 0x3F))
                    n += 3
                } else {
                    buffer[n] = UInt8(0xF0 | (u >> 18))
                    buffer[n + 1] = UInt8(0x80 | ((u >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    buffer[n + 3] = UInt8(0x80 | (u & 0x3F))
                    n += 4
                }
            }
            return n
        }
    }
}
