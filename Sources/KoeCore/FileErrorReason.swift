// FileErrorReason — why a file operation failed, in Japanese for city staff, from its POSIX error number
// (the system's own text is English and names internals such as NSCocoaErrorDomain).
import Foundation

/// The Japanese reason for a failed file operation, from its POSIX error (never the system's English text).
public enum FileErrorReason {
    /// `ディスクの空き容量が足りません` for ENOSPC, and so on; nil when the error carries no POSIX code.
    public static func japanese(_ error: Error) -> String? {
        let ns = error as NSError
        var code: Int32?
        if ns.domain == NSPOSIXErrorDomain { code = Int32(ns.code) }
        if code == nil, let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        }
        if code == nil, ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case CocoaError.fileWriteOutOfSpace.rawValue: code = ENOSPC
            case CocoaError.fileWriteNoPermission.rawValue: code = EACCES
            case CocoaError.fileWriteVolumeReadOnly.rawValue: code = EROFS
            default: break
            }
        }
        return code.map(japanese(errno:))
    }

    /// The Japanese reason for a POSIX error number.
    public static func japanese(errno code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "ディスクの空き容量が足りません"
        case EACCES, EPERM: return "書き込みの権限がありません"
        case EROFS: return "読み取り専用の場所です"
        case EIO: return "ディスクの読み書きに失敗しました"
        case ENOENT: return "フォルダが見つかりません"
        default: return "システムエラー（番号 \(code)）"
        }
    }
}
