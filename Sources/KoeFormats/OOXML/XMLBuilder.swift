// XMLBuilder — appends well-formed XML 1.0 to a byte buffer: escaped text, no illegal characters.

/// Builds one XML part as UTF-8 bytes. Element and attribute names are trusted (written by koe);
/// text and attribute values are escaped, and characters XML 1.0 forbids are replaced by U+FFFD.
public struct XMLBuilder {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var stack: [String] = []

    /// Starts a part with the standalone XML declaration every OOXML part carries.
    public init(declaration: Bool = true) {
        bytes.reserveCapacity(4096)
        if declaration { raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") }
    }

    /// Appends markup as it is (for fixed, koe-written fragments only).
    public mutating func raw(_ markup: String) {
        var markup = markup
        markup.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Opens `<name a="v" …>`; attributes keep the order given.
    public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        bytes.append(0x3E)  // >
        stack.append(name)
    }

    /// Opens `<name …>` with attributes built at run time.
    public mutating func open(_ name: String, attributes: [(String, String)]) {
        start(name, attributes)
        bytes.append(0x3E)
        stack.append(name)
    }

    /// Writes `<name a="v" …/>`.
    public mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        raw("/>")
    }

    /// Writes `<name …/>` with attributes built at run time.
    public mutating func empty(_ name: String, attributes: [(String, String)]) {
        start(name, attributes)
        raw("/>")
    }

    /// Writes `<name …>text</name>`.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        open(name, attributes)
        self.text(text)
        close()
    }

    /// Closes the innermost open element.
    public mutating func close() {
        guard let name = stack.popLast() else { return }
        raw("</")
        raw(name)
        bytes.append(0x3E)
    }

    /// Closes every open element (the end of a part).
    public mutating func closeAll() {
        while !stack.isEmpty { close() }
    }

    /// Appends escaped character data.
    public mutating func text(_ value: String) { XMLText.append(value, attribute: false, to: &bytes) }

    private mutating func start<S: Sequence>(_ name: String, _ attributes: S) where S.Element == (String, String) {
        bytes.append(0x3C)  // <
        raw(name)
        for (key, value) in attributes {
            bytes.append(0x20)
            raw(key)
            raw("=\"")
            XMLText.append(value, attribute: true, to: &bytes)
            bytes.append(0x22)
        }
    }

    private mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name, attributes.lazy.map { ($0.key, $0.value) })
    }
}

/// XML 1.0 escaping shared by every OOXML part.
public enum XMLText {
    /// The character used in place of one XML 1.0 cannot carry (C0 controls other than TAB, LF, CR;
    /// U+FFFE, U+FFFF).
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether XML 1.0 allows `scalar` in a document (Char production).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// `text` with every character XML 1.0 forbids replaced by U+FFFD.
    public static func legal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isAllowed(scalar) ? scalar : replacement) }
        return String(scalars)
    }

    /// Appends `text` escaped for character data (or, with `attribute`, for a double-quoted attribute:
    /// TAB, LF and CR become character references so attribute normalisation keeps them).
    public static func append(_ text: String, attribute: Bool, to bytes: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: bytes.append(contentsOf: Array("&amp;".utf8))
            case 0x3C: bytes.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: bytes.append(contentsOf: Array("&gt;".utf8))
            case 0x22 where attribute: bytes.append(contentsOf: Array("&quot;".utf8))
            case 0x0D: bytes.append(contentsOf: Array("&#13;".utf8))
            case 0x09 where attribute: bytes.append(contentsOf: Array("&#9;".utf8))
            case 0x0A where attribute: bytes.append(contentsOf: Array("&#10;".utf8))
            default:
                let legal = isAllowed(scalar) ? scalar : replacement
                UTF8.encode(legal) { bytes.append($0) }
            }
        }
    }

    /// `text` escaped for character data, as a String (for tests and small parts).
    public static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, attribute: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
