// Issue 21, defects 8 to 10: every field of the spreadsheets and quotes.md is inert — a formula behind a NUL is
// neutralised, codebook codes and names and ids cannot inject Markdown, attributions carry no bidi override.
import Foundation
import KoeCore
import KoeQuotes
import XCTest

@testable import KoeFormats
@testable import KoeRender

final class HostileFieldTests: XCTestCase {
    /// Defect 8: U+0000 then `=HYPERLINK(…)` passed (the guard looked at the first byte only) and LibreOffice
    /// stored a live formula.
    func testFormulaBehindControlCharactersIsNeutralised() {
        XCTAssertEqual(SpreadsheetSafety.neutralise("\u{0}=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")")
        XCTAssertEqual(SpreadsheetSafety.neutralise("\u{1B}\u{202E}+1"), "'+1")
        XCTAssertEqual(SpreadsheetSafety.neutralise("\u{200B}@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(SpreadsheetSafety.neutralise("\t=1"), "'\t=1")
        XCTAssertEqual(SpreadsheetSafety.neutralise("\u{0}普通の意見"), "普通の意見")
        XCTAssertEqual(SpreadsheetSafety.neutralise("普通の意見"), "普通の意見")
        XCTAssertEqual(CSVWriter.render(.text("\u{0}-2+3")), "'-2+3")
    }

    /// Minor: a full disk gave an English NSError text inside the Japanese message.
    func testFullDiskMessageIsJapanese() throws {
        guard let handle = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let file = OutputFile(handle: handle, name: "summary.csv")
        XCTAssertThrowsError(
            try {
                try file.write(String(repeating: "あ", count: 100_000))
                try file.close()
            }()
        ) { error in
            let message = (error as? KoeError)?.diagnostic.message ?? ""
            XCTAssertTrue(message.hasSuffix("（ディスクの空き容量が足りません）"), message)
            XCTAssertFalse(message.contains("Error Domain") || message.contains("NSCocoaErrorDomain"), message)
        }
    }

    /// Minor: the xlsx print header held the whole title; Excel allows 255 characters.
    func testPrintHeaderFitsExcelsLimit() {
        let header = XLSXWorkbook.oddHeader(String(repeating: "長&", count: 300))
        XCTAssertLessThanOrEqual(header.utf16.count, 255)
        XCTAssertTrue(header.hasPrefix("&L長&&長&&") && header.hasSuffix("…"), header)
        XCTAssertEqual(XLSXWorkbook.oddHeader("市民アンケート"), "&L市民アンケート")
    }

    /// Defect 9: codebook codes and names went raw into quotes.md headings.
    func testHeadingPartsAreInert() {
        XCTAssertEqual(QuotesMarkdownWriter.inline("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;")
        XCTAssertEqual(QuotesMarkdownWriter.inline("**強調** [x](javascript:y)"), "\\*\\*強調\\*\\* \\[x\\](javascript:y)")
        XCTAssertEqual(QuotesMarkdownWriter.inline("名前\n# 見出し"), "名前 \\# 見出し")
        XCTAssertEqual(QuotesMarkdownWriter.inline("1-1"), "1-1")
    }

    /// Defect 9: a file name with a backtick and line breaks broke out of the id's code span; defect 10: a bidi
    /// override in a district answer survived into the attribution.
    func testQuoteLineIdAndAttributionAreInert() {
        var guardian = AttributionGuard(minCell: 1)
        let segments = Segments(age: "30代", gender: "女性", district: "広丘\u{202E}")
        guardian.count(segments)
        let candidate = QuoteCandidate(
            id: "a`\n\n# 乗っ取り\n`b-L3", text: "バスを増やしてほしい", segments: segments, type: "要望", respondent: "r1")
        let printed = PrintedQuote(candidate, masker: Masker(), attribution: guardian)
        XCTAssertFalse(printed.attribution.unicodeScalars.contains("\u{202E}"), printed.attribution)
        let line = QuotesMarkdownWriter.line(printed)
        XCTAssertFalse(line.contains("\n"), line)
        XCTAssertEqual(line.filter { $0 == "`" }.count, 2, line)
        XCTAssertTrue(line.hasSuffix("`a' # 乗っ取り 'b-L3`"), line)
    }
}
