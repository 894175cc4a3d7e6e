// CSVParser — a fast hand-written RFC 4180 push parser over UTF-8 bytes: quoting, CRLF / LF / CR, newlines
// inside quotes, per-field UTF-8 validation, and bounded recovery from an unclosed quote.

import KoeText

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

/// What is wrong with a record the parser could not read cleanly.
public enum CSVProblem: Sendable, Hashable {
    /// A quoted cell (field `column`, zero-based) never closed, or swallowed the following lines into a
    /// record of the wrong width.
    case unclosedQuote(column: Int)
    /// Field `column` (zero-based) holds bytes that are not valid in the file's encoding.
    case invalidBytes(column: Int)
    /// The record is longer than the parser's bound.
    case tooLong(limit: Int)
}

/// One record: its row as Excel shows it (the first record is row 1; a newline inside quotes does not start a
/// new row; a blank line is a row with one empty field), its fields, and any problem.
public struct CSVRecord: Sendable, Hashable {
    public var excelRow: Int
    public var fields: [String]
    public var problem: CSVProblem?
    /// The raw text of a problem record (lossy, at most 500 characters); empty otherwise.
    public var raw: String

    public init(excelRow: Int, fields: [String], problem: CSVProblem? = nil, raw: String = "") {
        self.excelRow = excelRow
        self.fields = fields
        self.problem = problem
        self.raw = raw
    }

    /// True for a blank line.
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) && problem == nil }
}

/// The RFC 4180 state machine. Feed UTF-8 chunks with `feed`, then call `finish`; records come out through
/// the closure in order. Not thread-safe; one per file.
public final class CSVParser {
    public let delimiter: UInt8
    /// Most bytes one record may span before it is rejected (bounds memory on an unclosed quote).
    public let maxRecordBytes: Int
    /// When set, a record that spans several lines but has a different number of fields is treated as an
    /// unclosed quote: its first line is rejected and the following lines are read again.
    public var expectedFieldCount: Int?

    /// `discarding`: the rest of an over-long unquoted line; `skipQuoted` / `skipUnquoted`: the rest of an
    /// over-long record with quotes followed (inside / outside a quoted cell) until the record really ends.
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, discarding, skipQuoted, skipUnquoted }
    // The parser's state is touched per field and per state change; one parser serves one thread and no access
    // outlives a statement (the buffer's closure only reads), so no run-time exclusivity check is paid for it.
    @exclusivity(unchecked) private var state = State.fieldStart
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var raw: [UInt8] = []
    @exclusivity(unchecked) private var skipLF = false
    /// A closing quote was followed by something other than a delimiter or newline (`"ab"c`).
    @exclusivity(unchecked) private var strayQuote = false
    @exclusivity(unchecked) private var row = 1

    private static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    public init(delimiter: UInt8 = 0x2C, maxRecordBytes: Int = 16 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        buffer.reserveCapacity(4096)
        raw.reserveCapacity(4096)
    }

    /// The Excel row the next record will get.
    public var nextRow: Int { row }

    /// Parses a chunk (any split point, even inside a UTF-8 sequence).
    public func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecord) throws -> Void) throws {
        let n = bytes.count
        var i = 0
        var rawStart = 0
        while i < n {
            switch state {
            case .fieldStart:
                let b = bytes[i]
                if skipLF {
                    skipLF = false
                    if b == Self.lf { i += 1; rawStart = i; continue }
                }
                if b == Self.quote { state = .quoted; i += 1 } else { state = .unquoted }
            case .unquoted: try readUnquoted(bytes, &i, &rawStart, emit)
            case .quoted:
                let start = i
                while i < n && bytes[i] != Self.quote { i += 1 }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                if i == n { break }
                i += 1
                state = .quoteInQuoted
            case .quoteInQuoted: try readAfterQuote(bytes, &i, &rawStart, emit)
            case .skipQuoted, .skipUnquoted, .discarding: skip(bytes, &i, &rawStart)
            }
            if raw.count + (i - rawStart) > maxRecordBytes, !isSkipping {
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rawStart..<i]))
                rawStart = i
                try recoverTooLong(emit)
            }
        }
        if !isSkipping && rawStart < n {
            raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rawStart..<n]))
        }
    }

    /// `.unquoted`: a field's bytes up to a delimiter or a line end (which ends the record).
    @inline(__always)
    private func readUnquoted(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ rawStart: inout Int, _ emit: (CSVRecord) throws -> Void
    ) throws {
        let n = bytes.count
        let delim = delimiter
        let start = i
        while i < n {
            let b = bytes[i]
            if b == delim || b == Self.lf || b == Self.cr { break }
            i += 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        if i == n { return }
        let b = bytes[i]
        i += 1
        ends.append(buffer.count)
        state = .fieldStart
        if b != delim {
            raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rawStart..<(i - 1)]))
            rawStart = i
            skipLF = b == Self.cr
            try endRecord(emit)
        }
    }

    /// `.quoteInQuoted`: a doubled quote, the end of a quoted field, or a stray quote (`"ab"c` reads as abc).
    @inline(__always)
    private func readAfterQuote(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ rawStart: inout Int, _ emit: (CSVRecord) throws -> Void
    ) throws {
        let b = bytes[i]
        if b == Self.quote {
            buffer.append(Self.quote)
            i += 1
            state = .quoted
        } else if b == delimiter {
            i += 1
            ends.append(buffer.count)
            state = .fieldStart
        } else if b == Self.lf || b == Self.cr {
            i += 1
            ends.append(buffer.count)
            state = .fieldStart
            raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rawStart..<(i - 1)]))
            rawStart = i
            skipLF = b == Self.cr
            try endRecord(emit)
        } else {
            strayQuote = true
            state = .unquoted  // lenient: "ab"c reads as abc
        }
    }

    /// The skipping states: the rest of an over-long record (quotes followed) or of an over-long line.
    @inline(__always)
    private func skip(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ rawStart: inout Int) {
        let n = bytes.count
        switch state {
        case .skipQuoted:
            while i < n && bytes[i] != Self.quote { i += 1 }
            if i < n { i += 1; state = .skipUnquoted }
            rawStart = i
        case .skipUnquoted:
            while i < n && bytes[i] != Self.quote && bytes[i] != Self.lf && bytes[i] != Self.cr { i += 1 }
            if i < n {
                let b = bytes[i]
                i += 1
                if b == Self.quote {
                    state = .skipQuoted
                } else {
                    skipLF = b == Self.cr
                    state = .fieldStart
                }
            }
            rawStart = i
        case .discarding:
            while i < n && bytes[i] != Self.lf && bytes[i] != Self.cr { i += 1 }
            if i < n {
                skipLF = bytes[i] == Self.cr
                i += 1
                rawStart = i
                state = .fieldStart
            } else {
                rawStart = n
            }
        default: break
        }
    }

    /// Ends the input: a final record without a newline is emitted; an open quote is recovered.
    public func finish(_ emit: (CSVRecord) throws -> Void) throws {
        while true {
            switch state {
            case .discarding, .skipQuoted, .skipUnquoted:
                state = .fieldStart
                return
            case .quoted:
                // Unclosed quote at the end of the input: reject the first line and read the rest again.
                try recoverUnclosed(emit)
                continue
            case .quoteInQuoted, .unquoted:
                ends.append(buffer.count)
                state = .fieldStart
                try endRecord(emit)
                return
            case .fieldStart:
                if !ends.isEmpty {
                    // A trailing delimiter: the record ends with an empty field.
                    ends.append(buffer.count)
                    try endRecord(emit)
                }
                return
            }
        }
    }

    private func endRecord(_ emit: (CSVRecord) throws -> Void) throws {
        let wrongWidth = expectedFieldCount.map { ends.count != $0 && !(ends.count > $0 && trailingFieldsEmpty(from: $0)) } ?? false
        if wrongWidth || strayQuote, raw.contains(where: { $0 == Self.lf || $0 == Self.cr }) {
            try recoverUnclosed(emit)
            return
        }
        var fields: [String] = []
        fields.reserveCapacity(ends.count)
        var problem: CSVProblem?
        buffer.withUnsafeBufferPointer { buf in
            // One scan of the record instead of a generic validating initializer per field (most of whose time
            // went to type metadata). The buffer holds the fields without their delimiters, so a valid record
            // only has valid fields when no field starts with a continuation byte (`E4 BB , A3` would otherwise
            // join into 代 and split into two broken fields).
            if UTF8Scan.isValid(buf), Self.fieldsStartOnCharacters(buf, ends) {
                var start = 0
                for end in ends {
                    let slice = UnsafeBufferPointer(rebasing: buf[start..<end])
                    fields.append(
                        String(unsafeUninitializedCapacity: slice.count) { target in
                            _ = target.initialize(from: slice)
                            return slice.count
                        })
                    start = end
                }
                return
            }
            var start = 0
            for (index, end) in ends.enumerated() {
                let slice = UnsafeBufferPointer(rebasing: buf[start..<end])
                if let text = String(validating: slice, as: UTF8.self) {
                    fields.append(text)
                } else {
                    if problem == nil { problem = .invalidBytes(column: index) }
                    fields.append(String(decoding: slice.filter { $0 != ChunkDecoder.invalidMarker }, as: UTF8.self))
                }
                start = end
            }
        }
        let record = CSVRecord(excelRow: row, fields: fields, problem: problem, raw: problem == nil ? "" : rawText(raw))
        resetRecord()
        row += 1
        try emit(record)
    }

    /// True when no field (after the first) starts inside a UTF-8 sequence of the joined, valid buffer.
    private static func fieldsStartOnCharacters(_ buf: UnsafeBufferPointer<UInt8>, _ ends: [Int]) -> Bool {
        for end in ends where end < buf.count && buf[end] & 0xC0 == 0x80 { return false }
        return true
    }

    private func trailingFieldsEmpty(from index: Int) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        return ends[ends.count - 1] == start
    }

    /// Rejects the first physical line of the pending record and feeds the lines after it again.
    private func recoverUnclosed(_ emit: (CSVRecord) throws -> Void) throws {
        let pending = raw
        let savedSkipLF = skipLF
        let firstBreak = pending.firstIndex { $0 == Self.lf || $0 == Self.cr }
        var tail: [UInt8] = []
        var head = pending
        if let firstBreak {
            head = Array(pending[..<firstBreak])
            var next = firstBreak + 1
            if pending[firstBreak] == Self.cr, next < pending.count, pending[next] == Self.lf { next += 1 }
            tail = Array(pending[next...])
        }
        // The tail was a full line (the record ended with a newline): keep that newline for re-parsing.
        let wasAtLineEnd = state == .fieldStart
        let record = CSVRecord(excelRow: row, fields: [], problem: .unclosedQuote(column: openQuoteField(head)), raw: rawText(head))
        resetRecord()
        state = .fieldStart
        skipLF = false
        row += 1
        try emit(record)
        if wasAtLineEnd && firstBreak != nil { tail.append(Self.lf) }
        if !tail.isEmpty {
            try tail.withUnsafeBufferPointer { try feed($0, emit) }
        }
        if state == .fieldStart && ends.isEmpty && buffer.isEmpty { skipLF = savedSkipLF }
    }

    /// The field in which a quote opens and is not closed on `line`.
    private func openQuoteField(_ line: [UInt8]) -> Int {
        var field = 0, inQuote = false, openedAt = 0
        for b in line {
            if inQuote {
                if b == Self.quote { inQuote = false }
            } else if b == delimiter {
                field += 1
            } else if b == Self.quote {
                inQuote = true
                openedAt = field
            }
        }
        return inQuote ? openedAt : field
    }

    private var isSkipping: Bool { state == .discarding || state == .skipQuoted || state == .skipUnquoted }

    /// One rejection for the whole over-long record; reading resumes where that record ends — after its quoted
    /// cells close and a line ends — so that the next record keeps its Excel row (a 50 MB quoted cell is one
    /// record, not a million broken lines).
    private func recoverTooLong(_ emit: (CSVRecord) throws -> Void) throws {
        let record = CSVRecord(excelRow: row, fields: [], problem: .tooLong(limit: maxRecordBytes), raw: rawText(raw))
        switch state {
        case .quoted: state = .skipQuoted
        case .quoteInQuoted: state = .skipUnquoted
        default: state = .discarding
        }
        resetRecord()
        row += 1
        try emit(record)
    }

    private func resetRecord() {
        strayQuote = false
        buffer.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if raw.count > 1 << 20 { raw = [] } else { raw.removeAll(keepingCapacity: true) }
    }

    /// The raw text of a record for rejected.csv: the decoder's marker dropped (its `\xNN` text follows it),
    /// any other byte that is not UTF-8 written as `\xNN`.
    private func rawText(_ bytes: [UInt8]) -> String {
        var rest = bytes.prefix(2000).filter { $0 != ChunkDecoder.invalidMarker }[...]
        var text = ""
        while let bad = UTF8Scan.firstInvalid(rest) {
            text += String(decoding: rest[..<bad], as: UTF8.self)
            text += "\\x" + String(rest[bad], radix: 16, uppercase: true).leftPadded(2)
            rest = rest[(bad + 1)...]
        }
        text += String(decoding: rest, as: UTF8.self)
        return String(text.prefix(500))
    }
}
