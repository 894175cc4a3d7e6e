// OutputFile — a buffered, append-only UTF-8 file writer used by every output format.
import Foundation
import KoeCore

/// Writes text to a file through a buffer. Call `close()` to flush; errors name the file.
public final class OutputFile {
    public let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 16
    private var ownsHandle = true

    /// Writes to an open handle (standard output); `close()` flushes without closing it.
    public init(handle: FileHandle, name: String = "<stdout>") {
        self.url = URL(fileURLWithPath: name)
        self.handle = handle
        self.ownsHandle = false
        buffer.reserveCapacity(flushSize * 2)
    }

    public init(url: URL) throws {
        self.url = url
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw KoeError(
                code: "output-unwritable", message: "出力フォルダを作れません: \(url.deletingLastPathComponent().path)",
                hint: "フォルダの場所と書き込み権限を確認してください")
        }
        guard manager.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw KoeError(
                code: "output-unwritable", message: "出力ファイルを書き込めません: \(url.path)",
                hint: "Excel などで開いたままになっていないか、書き込み権限があるか確認してください")
        }
        self.handle = handle
        buffer.reserveCapacity(flushSize * 2)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushSize { try flush() }
    }

    /// Lets `body` append bytes to the write buffer in place (no intermediate String or array per call).
    public func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= flushSize { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushSize { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            let reason = FileErrorReason.japanese(error) ?? "書き込みに失敗しました"
            throw KoeError(
                code: "output-unwritable", message: "出力ファイルに書き込めません: \(url.path)（\(reason)）",
                hint: "ディスクの空き容量と書き込み権限を確認してください")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        if ownsHandle { try? handle.close() }
    }
}
