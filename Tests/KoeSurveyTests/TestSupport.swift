// Test helpers: locating ../shared/corpora, temp directories, and reading a file into events.
import Foundation
import KoeCore
import XCTest

@testable import KoeSurvey

enum Corpus {
    /// ../shared/corpora relative to the package root, found from this file's path.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    static func file(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus file missing: \(url.path)") }
        return url
    }
}

enum Fixtures {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/survey")
    }
}

final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("koe-survey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    func write(_ name: String, _ text: String) throws -> URL { try write(name, Array(text.utf8)) }
}

struct ReadResult {
    var sink: CollectingSink
    var counts: SurveyReadCounts
    var diagnostics: [Diagnostic]
}

func readSurvey(_ url: URL, name: String? = nil, options: SurveyOptions = SurveyOptions()) throws -> ReadResult {
    let sink = CollectingSink()
    let collector = DiagnosticCollector()
    let counts = try SurveyReader(options: options).read(
        url: url, displayPath: name ?? url.lastPathComponent, into: sink, diagnostics: collector)
    return ReadResult(sink: sink, counts: counts, diagnostics: collector.diagnostics)
}

func roles(_ inspection: SurveyInspection) -> [ColumnRole] { inspection.columns.map(\.role) }
