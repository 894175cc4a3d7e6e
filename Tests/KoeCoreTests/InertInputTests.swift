// The shared guards of issue 21: inert text for terminals and one-line fields, bounded user numbers, only
// regular files read, a file changed while read, and the cleanup registry that signals empty.
import Foundation
import XCTest

@testable import KoeCore

final class InertInputTests: XCTestCase {
    /// Defect 11: an ESC sequence from a column label or file name is shown escaped, never sent raw.
    func testTerminalTextEscapesControlCharacters() {
        XCTAssertEqual(InertText.terminal("列\u{1B}[2J\u{1B}]0;x\u{07}名"), "列\\x1B[2J\\x1B]0;x\\x07名")
        XCTAssertEqual(InertText.terminal("a\u{202E}b\u{9B}c"), "a\\u{202E}b\\x9Bc")
        XCTAssertEqual(InertText.terminal("二行\n\tそのまま"), "二行\n\tそのまま")
    }

    /// Defect 10: bidi overrides, zero-width and control characters leave one-line fields.
    func testSingleLineRemovesBidiAndControls() {
        XCTAssertEqual(InertText.singleLine("広丘\u{202E}性女・代03"), "広丘性女・代03")
        XCTAssertEqual(InertText.singleLine(" a\u{0}b\n\nc\u{200B} "), "ab c")
        XCTAssertEqual(InertText.singleLine("plain-ascii"), "plain-ascii")
        XCTAssertEqual(InertText.codeSpan("x`y\n`z"), "x'y 'z")
    }

    /// Defect 2: every user number has a range; 2305843009213693951 is refused, not allocated.
    func testUserNumbersAreBounded() {
        XCTAssertNil(UserNumber.problem(20, UserNumber.quoteLimit, name: "--limit"))
        let message = UserNumber.problem(2_305_843_009_213_693_951, UserNumber.quoteLimit, name: "--limit")
        XCTAssertEqual(message, "「--limit」には 1〜100000 の整数を指定してください（指定値: 2305843009213693951）")
        XCTAssertNil(UserNumber.parse("2305843009213693951", UserNumber.quotesPerArea))
        XCTAssertNil(UserNumber.parse("0", UserNumber.minCell))
        XCTAssertNil(UserNumber.parse("-5", UserNumber.minCell))
        XCTAssertEqual(UserNumber.parse("5", UserNumber.minCell), 5)
        XCTAssertNil(UserNumber.parse("nan", UserNumber.scaleValue))
        XCTAssertNil(UserNumber.parse("inf", UserNumber.scaleValue))
        XCTAssertEqual(UserNumber.parse("4", UserNumber.scaleValue), 4)
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-inert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Defect 12: a FIFO (or a folder) is refused without opening it, so nothing blocks.
    func testOnlyRegularFilesAreRead() throws {
        let dir = try folder()
        let fifo = dir.appendingPathComponent("koe.sqlite")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let started = Date()
        XCTAssertThrowsError(try InputFile.requireRegular(fifo, display: "koe.sqlite")) { error in
            let d = (error as? KoeError)?.diagnostic
            XCTAssertEqual(d?.code, "not-a-regular-file")
            XCTAssertTrue(d?.message.contains("FIFO") ?? false, d?.message ?? "")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertThrowsError(try InputFile.requireRegular(dir, display: "dir"))
        let file = dir.appendingPathComponent("a.csv")
        try Data("x\n".utf8).write(to: file)
        XCTAssertNoThrow(try InputFile.requireRegular(file, display: "a.csv"))
    }

    /// Defect 15: a link in a source folder that points outside it is recognised.
    func testLinksLeavingAFolder() throws {
        let dir = try folder()
        let inside = dir.appendingPathComponent("notes.md")
        try Data("- メモ\n".utf8).write(to: inside)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("passwd.md").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("alias.md").path, withDestinationPath: inside.path)
        XCTAssertTrue(InputFile.linkLeaves(dir.appendingPathComponent("passwd.md").path, folder: dir.path))
        XCTAssertFalse(InputFile.linkLeaves(dir.appendingPathComponent("alias.md").path, folder: dir.path))
        XCTAssertFalse(InputFile.linkLeaves(inside.path, folder: dir.path))
    }

    /// Defect 13: a file truncated between the start and the end of its reading is detected.
    func testChangedFileIsDetected() throws {
        let file = try folder().appendingPathComponent("s.csv")
        try Data(String(repeating: "1,意見\n", count: 1000).utf8).write(to: file)
        let before = InputFile.snapshot(file)
        XCTAssertNoThrow(try InputFile.requireUnchanged(file, display: "s.csv", before: before))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 100)
        try handle.close()
        XCTAssertThrowsError(try InputFile.requireUnchanged(file, display: "s.csv", before: before)) { error in
            XCTAssertEqual((error as? KoeError)?.diagnostic.code, "input-changed")
        }
    }

    /// Defect 14: what a signal must remove is registered and removed, folders with their files.
    func testCleanupRemovesRegisteredPaths() throws {
        let dir = try folder()
        let work = dir.appendingPathComponent(".koe-work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data("raw".utf8).write(to: work.appendingPathComponent("opinions.jsonl"))
        let kept = dir.appendingPathComponent("kept")
        try Data("x".utf8).write(to: kept)
        let cleanup = Cleanup()
        _ = cleanup.add(work.path)
        let token = cleanup.add(kept.path)
        cleanup.remove(token)
        cleanup.removeAll()
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept.path))
    }

    /// Minor: the disk-full error is Japanese, not the system's English text.
    func testFileErrorsAreJapanese() {
        XCTAssertEqual(FileErrorReason.japanese(errno: ENOSPC), "ディスクの空き容量が足りません")
        XCTAssertEqual(FileErrorReason.japanese(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))), "ディスクの空き容量が足りません")
        XCTAssertEqual(FileErrorReason.japanese(CocoaError(.fileWriteOutOfSpace)), "ディスクの空き容量が足りません")
    }
}
