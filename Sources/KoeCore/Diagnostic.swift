// Diagnostic — what went wrong (or was noticed), where, and what to do; plus the sinks that collect them.
import Foundation

/// A finding about the input: a stable kebab-case `code`, a message and a hint for city staff (Japanese),
/// and the location it concerns.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    /// Stable identifier, e.g. `unknown-key`, `invalid-bytes`, `unclosed-quote`.
    public var code: String
    /// What happened (Japanese, for city staff).
    public var message: String
    /// What to do about it.
    public var hint: String?
    public var location: SourceLocation?

    public init(_ severity: Severity, code: String, message: String, hint: String? = nil, location: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// `path:row:COL: error[code]: message` and, on a second line, `  ヒント: hint`.
    public var description: String {
        var text = ""
        if let location { text += location.rendered + ": " }
        text += "\(severity.rawValue)[\(code)]: \(message)"
        if let column = location?.column, location?.columnLetter != nil || location?.row != nil {
            // A label with line breaks (a wrapped Excel header) stays on the message's line.
            text += "（列: \(column.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎"))）"
        }
        if let hint { text += "\n  ヒント: \(hint)" }
        return text
    }
}

/// A fatal problem: the diagnostic that explains it. Recoverable problems go to a `DiagnosticSink` instead.
public struct KoeError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    public init(code: String, message: String, hint: String? = nil, location: SourceLocation? = nil) {
        diagnostic = Diagnostic(.error, code: code, message: message, hint: hint, location: location)
    }

    public var description: String { diagnostic.description }
}

/// Receives recoverable diagnostics as stages find them.
public protocol DiagnosticSink: AnyObject, Sendable {
    func report(_ diagnostic: Diagnostic)
}

/// Keeps every diagnostic in order (thread-safe); used by tests and by `koe run` for run.json.
public final class DiagnosticCollector: DiagnosticSink, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// Writes each diagnostic to standard error as it arrives (and forwards every one to `next`, if any). A problem
/// that repeats (same code, same file) is printed once; `finish()` then prints how many more there were and
/// where, so a broken file gives a screenful, not a million lines.
public final class StandardErrorSink: DiagnosticSink, @unchecked Sendable {
    private let lock = NSLock()
    private var repeats: [String: (first: Diagnostic, count: Int, rows: [Int])] = [:]
    private var repeatOrder: [String] = []
    private let next: DiagnosticSink?
    private let minimum: Diagnostic.Severity
    private let prefix: String

    private let write: @Sendable (String) -> Void

    /// `clearsLine`: erase a progress line on the terminal before each diagnostic. `write` replaces standard
    /// error (tests).
    public init(
        forwardingTo next: DiagnosticSink? = nil, showNotes: Bool = false, clearsLine: Bool = false,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.write = write
        self.next = next
        self.minimum = showNotes ? .note : .warning
        self.prefix = clearsLine ? "\r\u{1B}[K" : ""
    }

    public func report(_ diagnostic: Diagnostic) {
        next?.report(diagnostic)
        if diagnostic.severity == .note && minimum != .note { return }
        lock.lock()
        defer { lock.unlock() }
        let key = diagnostic.code + "\u{1}" + (diagnostic.location?.file ?? "")
        if var seen = repeats[key] {
            seen.count += 1
            if seen.rows.count < 10, let row = diagnostic.location?.row { seen.rows.append(row) }
            repeats[key] = seen
            return
        }
        repeats[key] = (diagnostic, 0, [])
        repeatOrder.append(key)
        write(prefix + InertText.terminal(diagnostic.description) + "\n")
    }

    /// Prints, for each problem that repeated, one line with the number of further occurrences and their first rows.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        for key in repeatOrder {
            guard let seen = repeats[key], seen.count > 0 else { continue }
            let rows = seen.rows.map(String.init).joined(separator: ", ") + (seen.count > seen.rows.count ? " …" : "")
            var summary = Diagnostic(
                seen.first.severity, code: seen.first.code,
                message: "同じ問題がほかに \(seen.count) 件あります（\(rows.isEmpty ? "" : "行 " + rows)）",
                location: seen.first.location.map { SourceLocation(file: $0.file) })
            summary.location?.sheet = seen.first.location?.sheet
            write(prefix + InertText.terminal(summary.description) + "\n")
            repeats[key]?.count = 0
        }
    }
}
