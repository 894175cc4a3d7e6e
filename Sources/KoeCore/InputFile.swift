// InputFile — the one check every input open goes through: only regular files are read (a FIFO, a device or
// a folder would block or mislead a reader), links may not leave the folder a glob listed, and a file that
// changes while koe reads it is detected by comparing its identity, size and modification time.
import Foundation

/// Checks on files koe reads.
public enum InputFile {
    /// What identifies a file's content cheaply: device, inode, size and modification time (ns).
    public struct Snapshot: Sendable, Hashable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        public var modified: Int64
    }

    /// The file's snapshot (links followed), or nil when it cannot be examined.
    public static func snapshot(_ url: URL) -> Snapshot? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Snapshot(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: nanos)
    }

    /// Throws `not-a-regular-file` unless `url` names a regular file (links followed). Uses `stat`, never
    /// `open`, so a FIFO is refused without blocking. A missing file passes: the reader reports it.
    public static func requireRegular(_ url: URL, display: String) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind != S_IFREG else { return }
        let what: String
        switch kind {
        case S_IFDIR: what = "フォルダ"
        case S_IFIFO: what = "名前付きパイプ（FIFO）"
        case S_IFCHR, S_IFBLK: what = "デバイス"
        case S_IFSOCK: what = "ソケット"
        default: what = "通常のファイルではないもの"
        }
        throw KoeError(
            code: "not-a-regular-file", message: "\(InertText.singleLine(display)) は\(what)です。通常のファイルだけを読み込みます",
            hint: "読み込むファイル（CSV・Excel・記録ファイルなど）を直接指定してください", location: SourceLocation(file: display))
    }

    /// True when `path` is a symbolic link whose target lies outside `folder` (both resolved).
    public static func linkLeaves(_ path: String, folder: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return false }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        return !(target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/"))
    }

    /// Throws `input-changed` when the file's snapshot after reading differs from the one before.
    public static func requireUnchanged(_ url: URL, display: String, before: Snapshot?) throws {
        guard let before else { return }
        guard let after = snapshot(url), after == before else {
            throw KoeError(
                code: "input-changed", message: "\(InertText.singleLine(display)) が読み込みの途中で変更されました（大きさ・更新日時が変わりました）",
                hint: "ファイルの保存やコピーが終わってから koe をもう一度実行してください", location: SourceLocation(file: display))
        }
    }
}
