// CSVProblemText — the one mapping from a CSV record problem to its diagnostic code, message and hint (survey
// exports and sticky-note exports both report through it; see docs/errors.md).

extension CSVProblem {
    /// The stable diagnostic code: `unclosed-quote`, `invalid-bytes` or `record-too-long`.
    public var code: String {
        switch self {
        case .unclosedQuote: "unclosed-quote"
        case .invalidBytes: "invalid-bytes"
        case .tooLong: "record-too-long"
        }
    }

    /// What is wrong, in Japanese (rejected.csv's reason).
    public var text: String {
        switch self {
        case .unclosedQuote(_): "引用符（\"）が閉じていません"
        case .invalidBytes: "文字コードとして読めないバイトがあります"
        case .tooLong(let limit): "1 件の記録が長すぎます（\(limit >> 20) MB 超）"
        }
    }

    /// What to do, in Japanese.
    public var hint: String {
        switch self {
        case .unclosedQuote(_): "セルの中の \" は \"\" と二重にします。Excel で開いて CSV に保存し直すと直ります"
        case .invalidBytes: "文字コードが違う可能性があります: --encoding cp932（または utf-8 / utf-16）を指定してください"
        case .tooLong:
            "この記録は読み飛ばし、次の記録から読み続けました。セルがこの大きさを超えるか、引用符（\"）が閉じていない可能性があります。Excel で開いて確認してください"
        }
    }

    /// The zero-based field the problem is in (nil for a record that is too long).
    public var column: Int? {
        switch self {
        case .unclosedQuote(let c), .invalidBytes(let c): c
        case .tooLong: nil
        }
    }
}
