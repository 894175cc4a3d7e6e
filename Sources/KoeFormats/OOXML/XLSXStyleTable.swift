// XLSXStyleTable — collects the distinct cell styles of a workbook and renders xl/styles.xml.

/// Assigns each distinct `XLSXStyle` an `xf` index in first-use order (index 0 is the plain style) and
/// renders the fonts, fills, number formats and cell formats they need.
struct XLSXStyleTable {
    private(set) var styles: [XLSXStyle] = [.plain]
    private var index: [XLSXStyle: Int] = [.plain: 0]

    /// The `s` attribute for `style`.
    mutating func id(of style: XLSXStyle) -> Int {
        if let id = index[style] { return id }
        styles.append(style)
        index[style] = styles.count - 1
        return styles.count - 1
    }

    private struct Font: Hashable {
        var bold: Bool
        var italic: Bool
        var muted: Bool
    }

    /// The Japanese default font (as Excel's Japanese template uses).
    static let fontName = "游ゴシック"

    var xml: [UInt8] {
        var formats: [String] = []
        var fonts: [Font] = [Font(bold: false, italic: false, muted: false)]
        var fills: [XLSXStyle.Fill] = [.none]
        for style in styles {
            if let code = style.numberFormat.code, !formats.contains(code) { formats.append(code) }
            let font = Font(bold: style.bold, italic: style.italic, muted: style.muted)
            if !fonts.contains(font) { fonts.append(font) }
            if !fills.contains(style.fill) { fills.append(style.fill) }
        }
        var xml = XMLBuilder()
        xml.open("styleSheet", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"])
        if !formats.isEmpty {
            xml.open("numFmts", attributes: [("count", String(formats.count))])
            for (i, code) in formats.enumerated() {
                xml.empty("numFmt", attributes: [("numFmtId", String(164 + i)), ("formatCode", code)])
            }
            xml.close()
        }
        xml.open("fonts", attributes: [("count", String(fonts.count))])
        for font in fonts {
            xml.open("font")
            if font.bold { xml.empty("b") }
            if font.italic { xml.empty("i") }
            xml.empty("sz", ["val": "11"])
            xml.empty("color", font.muted ? ["rgb": "FF595959"] : ["theme": "1"])
            xml.empty("name", ["val": Self.fontName])
            xml.empty("family", ["val": "3"])
            xml.empty("charset", ["val": "128"])
            xml.close()
        }
        xml.close()
        // Fill 1 must be gray125 (Excel reserves 0 and 1).
        xml.open("fills", attributes: [("count", String(fills.count + 1))])
        xml.raw("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for fill in fills.dropFirst() {
            xml.open("fill")
            xml.open("patternFill", ["patternType": "solid"])
            xml.empty("fgColor", attributes: [("rgb", fill.rgb ?? "FFFFFFFF")])
            xml.empty("bgColor", ["indexed": "64"])
            xml.close()
            xml.close()
        }
        xml.close()
        xml.raw("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
        xml.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        xml.open("cellXfs", attributes: [("count", String(styles.count))])
        for style in styles {
            let formatID = style.numberFormat.builtinID ?? (164 + (formats.firstIndex(of: style.numberFormat.code ?? "") ?? 0))
            let fontID = fonts.firstIndex(of: Font(bold: style.bold, italic: style.italic, muted: style.muted)) ?? 0
            let fillID = style.fill == .none ? 0 : (fills.firstIndex(of: style.fill) ?? 0) + 1
            var attributes = [
                ("numFmtId", String(formatID)), ("fontId", String(fontID)), ("fillId", String(fillID)),
                ("borderId", "0"), ("xfId", "0"),
            ]
            if formatID != 0 { attributes.append(("applyNumberFormat", "1")) }
            if fontID != 0 { attributes.append(("applyFont", "1")) }
            if fillID != 0 { attributes.append(("applyFill", "1")) }
            if style.wrap || style.indent > 0 {
                attributes.append(("applyAlignment", "1"))
                xml.open("xf", attributes: attributes)
                var alignment = [("vertical", "top")]
                if style.indent > 0 { alignment += [("horizontal", "left"), ("indent", String(style.indent))] }
                if style.wrap { alignment.append(("wrapText", "1")) }
                xml.empty("alignment", attributes: alignment)
                xml.close()
            } else {
                xml.empty("xf", attributes: attributes)
            }
        }
        xml.close()
        xml.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        xml.closeAll()
        return xml.bytes
    }
}

/// The shared-string table: each distinct text once, in first-use order.
struct XLSXSharedStrings {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    private(set) var references = 0

    mutating func id(of text: String) -> Int {
        references += 1
        if let id = index[text] { return id }
        strings.append(text)
        index[text] = strings.count - 1
        return strings.count - 1
    }

    var xml: [UInt8] {
        var xml = XMLBuilder()
        xml.open(
            "sst",
            attributes: [
                ("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"), ("count", String(references)),
                ("uniqueCount", String(strings.count)),
            ])
        for text in strings {
            xml.open("si")
            let preserve = text.first.map { $0.isWhitespace } == true || text.last.map { $0.isWhitespace } == true
            if preserve { xml.open("t", ["xml:space": "preserve"]) } else { xml.open("t") }
            xml.text(text)
            xml.close()
            xml.close()
        }
        xml.closeAll()
        return xml.bytes
    }
}
