// KeptWords — words the name detectors keep although they look like names: historical and fictional figures,
// businesses and organisations addressed with さん, role words in kana (Resources/kept-words.txt, source in its
// header). A missing or empty bundled list is an error, never an empty list.
import Foundation

/// Words never masked as personal names.
public struct KeptWords: Sendable {
    /// The words, whatever their category.
    public let words: Set<String>

    /// `list`: lines `分類<TAB>word`; `#` starts a comment.
    public init(list: String) {
        var words: Set<String> = []
        for line in list.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { words.insert(String(fields[1])) }
        }
        self.words = words
        longest = words.map(\.utf16.count).max() ?? 0
    }

    /// The length of the longest word in UTF-16 units.
    public let longest: Int

    public func contains(_ word: String) -> Bool { words.contains(word) }

    /// The bundled list; a missing or empty resource throws.
    public static func bundled() throws -> KeptWords {
        let list = KeptWords(list: try MaskingResource.text("kept-words"))
        guard !list.words.isEmpty else { throw MaskingResource.Missing(name: "kept-words.txt") }
        return list
    }

    /// The bundled list, loaded once; a build without it stops with the resource's name (never masks less).
    public static let standard: KeptWords = {
        do { return try bundled() } catch { fatalError("\(error)") }
    }()
}

/// The masking word lists shipped in Resources/.
public enum MaskingResource {
    /// A bundled list that is absent or unreadable (a broken build or install).
    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var description: String {
            "koe の同梱ファイル \(name) が見つからないか読めません（インストールが壊れています）。koe を入れ直してください。"
        }
    }

    /// The UTF-8 text of `Resources/NAME.txt` in koe's bundle, or `Missing`.
    public static func text(_ name: String) throws -> String { try text(name, in: .module) }

    /// The UTF-8 text of `NAME.txt` in `bundle`, or `Missing`.
    public static func text(_ name: String, in bundle: Bundle) throws -> String {
        guard let url = bundle.url(forResource: name, withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw Missing(name: "\(name).txt") }
        return text
    }
}
