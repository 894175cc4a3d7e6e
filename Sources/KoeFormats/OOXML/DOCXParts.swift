// DOCXParts — the fixed parts of koe's Word documents: styles, settings, font table and page-number footer.

/// Fixed WordprocessingML parts shared by every document koe writes.
enum DOCXParts {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Body text font (明朝) and heading font (ゴシック), with the fonts Word falls back to.
    static let serif = "游明朝"
    static let serifFallback = "ＭＳ 明朝"
    static let sans = "游ゴシック"
    static let sansFallback = "ＭＳ ゴシック"

    private static func fonts(_ name: String) -> String {
        "<w:rFonts w:ascii=\"\(name)\" w:eastAsia=\"\(name)\" w:hAnsi=\"\(name)\" w:cs=\"\(name)\"/>"
    }

    /// One paragraph style: id, Word's (built-in) name, paragraph and run properties.
    private static func style(
        _ id: String, name: String, basedOn: String? = "Normal", next: String? = "Normal", paragraph: String = "",
        run: String = "", ui: Int? = nil
    ) -> String {
        var s = "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(XMLText.escaped(name))\"/>"
        if let basedOn { s += "<w:basedOn w:val=\"\(basedOn)\"/>" }
        if let next { s += "<w:next w:val=\"\(next)\"/>" }
        if let ui { s += "<w:uiPriority w:val=\"\(ui)\"/>" }
        s += "<w:qFormat/>"
        if !paragraph.isEmpty { s += "<w:pPr>\(paragraph)</w:pPr>" }
        if !run.isEmpty { s += "<w:rPr>\(run)</w:rPr>" }
        return s + "</w:style>"
    }

    static let styles: [UInt8] = {
        var xml = XMLBuilder()
        xml.open("w:styles", ["xmlns:w": wordNamespace])
        xml.raw(
            "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts(serif))<w:kern w:val=\"2\"/><w:sz w:val=\"21\"/>"
                + "<w:szCs w:val=\"21\"/><w:lang w:val=\"ja-JP\" w:eastAsia=\"ja-JP\" w:bidi=\"ar-SA\"/></w:rPr>"
                + "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"300\" w:lineRule=\"auto\"/>"
                + "</w:pPr></w:pPrDefault></w:docDefaults>")
        xml.raw(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
                + "<w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:style>")
        xml.raw(
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
                + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
                + "<w:unhideWhenUsed/></w:style>")
        xml.raw(
            style(
                "Title", name: "Title", paragraph: "<w:spacing w:before=\"240\" w:after=\"480\"/><w:jc w:val=\"center\"/>",
                run: fonts(sans) + "<w:b/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>", ui: 10))
        let headingSizes = [32, 28, 24, 22]
        for level in 1...4 {
            let size = headingSizes[level - 1]
            let before = [480, 360, 240, 180][level - 1]
            let border =
                level == 1 ? "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"1F4E79\"/></w:pBdr>" : ""
            xml.raw(
                style(
                    "Heading\(level)", name: "heading \(level)",
                    paragraph: "<w:keepNext/><w:keepLines/>\(border)<w:spacing w:before=\"\(before)\" w:after=\"120\"/>"
                        + "<w:outlineLvl w:val=\"\(level - 1)\"/>",
                    run: fonts(sans) + (level <= 2 ? "<w:b/>" : "") + "<w:color w:val=\"1F4E79\"/>"
                        + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>", ui: 9))
        }
        xml.raw(
            style(
                "Quote", name: "Quote", next: "QuoteSource",
                paragraph: "<w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"A6A6A6\"/></w:pBdr>"
                    + "<w:spacing w:before=\"180\" w:after=\"0\"/><w:ind w:left=\"567\" w:right=\"567\"/>"
                    + "<w:jc w:val=\"left\"/>",
                ui: 29))
        xml.raw(
            style(
                "QuoteSource", name: "引用元", basedOn: "Normal", next: "Normal",
                paragraph: "<w:spacing w:before=\"0\" w:after=\"120\"/><w:ind w:left=\"567\" w:right=\"567\"/>"
                    + "<w:jc w:val=\"right\"/>",
                run: "<w:color w:val=\"595959\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"))
        xml.raw(
            style(
                "Caption", name: "caption", paragraph: "<w:spacing w:before=\"60\" w:after=\"120\"/><w:jc w:val=\"left\"/>",
                run: "<w:color w:val=\"595959\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", ui: 35))
        xml.raw(
            style(
                "TOCHeading", name: "TOC Heading", next: "Normal",
                paragraph: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>",
                run: fonts(sans) + "<w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", ui: 39))
        for level in 1...4 {
            xml.raw(
                style(
                    "TOC\(level)", name: "toc \(level)",
                    paragraph: "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9060\"/></w:tabs>"
                        + "<w:spacing w:after=\"40\"/><w:ind w:left=\"\((level - 1) * 210)\"/>", ui: 39))
        }
        xml.raw(
            style(
                "Footer", name: "footer", paragraph: "<w:jc w:val=\"center\"/>",
                run: "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", ui: 99))
        xml.closeAll()
        return xml.bytes
    }()

    static let settings: [UInt8] = {
        var xml = XMLBuilder()
        xml.open("w:settings", ["xmlns:w": wordNamespace])
        xml.raw(
            "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"840\"/>"
                + "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:updateFields w:val=\"true\"/>"
                + "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\""
                + " w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"ja-JP\"/>")
        xml.closeAll()
        return xml.bytes
    }()

    static let fontTable: [UInt8] = {
        var xml = XMLBuilder()
        xml.open("w:fonts", ["xmlns:w": wordNamespace])
        let entries = [
            (serif, serifFallback, "roman"), (sans, sansFallback, "modern"),
            (serifFallback, serif, "roman"), (sansFallback, sans, "modern"),
        ]
        for (name, alternative, family) in entries {
            xml.open("w:font", attributes: [("w:name", name)])
            xml.empty("w:altName", attributes: [("w:val", alternative)])
            xml.raw("<w:charset w:val=\"80\"/><w:family w:val=\"\(family)\"/><w:pitch w:val=\"variable\"/>")
            xml.close()
        }
        xml.closeAll()
        return xml.bytes
    }()

    /// A centred footer: 「– PAGE –」.
    static let footer: [UInt8] = {
        var xml = XMLBuilder()
        xml.open("w:ftr", ["xmlns:w": wordNamespace, "xmlns:r": relationshipNamespace])
        xml.raw(
            "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">– </w:t></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                + "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                + "<w:r><w:t xml:space=\"preserve\"> –</w:t></w:r></w:p>")
        xml.closeAll()
        return xml.bytes
    }()
}
