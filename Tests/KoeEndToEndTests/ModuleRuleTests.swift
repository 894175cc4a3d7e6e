// ModuleRuleTests — the dependency rule of README's architecture map, checked: every `import` in Sources/<Module>/
// and every dependency of a target in Package.swift must be allowed by the table below (with the reason).
import Foundation
import XCTest

final class ModuleRuleTests: XCTestCase {
    /// What each module may import (besides Foundation and Dispatch), and why. A change here is a change of
    /// the architecture: update README.md's map in the same commit.
    static let allowed: [String: [String: String]] = [
        "KoeCore": [:],
        "KoeText": ["KoeCore": "shared values", "CKoeICU": "word break, NFKC, converters"],
        "KoeXML": [
            "KoeCore": "shared values", "CLibXML2": "streaming XML, HTML", "CKoeZlib": "bounded inflate",
            "ZIPFoundation": "zip directory of xlsx/docx",
        ],
        "KoeSurvey": ["KoeCore": "shared values", "KoeText": "decoding", "KoeXML": "xlsx"],
        "KoeWorkshop": [
            "KoeCore": "shared values", "KoeText": "decoding", "KoeXML": "HTML and docx",
            "KoeSurvey": "sticky-note CSV through the one CSV record stream", "Yams": "front matter",
        ],
        "KoeSegments": ["KoeCore": "shared values", "KoeText": "gazetteer decoding and normalization"],
        "KoeTagging": ["KoeCore": "shared values", "KoeText": "tokens", "Yams": "codebook YAML"],
        "KoeAnalysis": ["KoeCore": "shared values"],
        "KoeQuotes": ["KoeCore": "shared values", "CKoeICU": "the masker's regular expressions (uregex)"],
        "KoeReport": ["KoeCore": "shared values", "KoeSegments": "小学校区 polygons drawn", "Mustache": "page template"],
        "KoeWorkspace": [
            "KoeCore": "shared values", "KoeAnalysis": "summary and cross-tab rows stored",
            "KoeQuotes": "quotes stored and queried", "CSQLite": "koe.sqlite",
            "Crypto": "text hashes that key the workbench's choices",
        ],
        "KoeFormats": ["KoeCore": "KoeError for write failures", "ZIPFoundation": "OOXML packages"],
        "KoeRun": [
            "KoeCore": "shared values", "KoeAnalysis": "results rows", "KoeQuotes": "selected and printed quotes",
            "KoeSegments": "小学校区 polygons of the plan cycle",
        ],
        "KoeRender": [
            "KoeCore": "shared values", "KoeAnalysis": "results rows", "KoeQuotes": "printed quotes",
            "KoeWorkspace": "koe.sqlite writer", "KoeReport": "report.html writer", "KoeFormats": "format primitives",
            "KoeRun": "the OutputWriter protocol and the run's values", "KoeSegments": "小学校区 polygons",
        ],
        "KoePipeline": [
            "KoeCore": "", "KoeText": "", "KoeSurvey": "", "KoeWorkshop": "", "KoeSegments": "", "KoeTagging": "",
            "KoeAnalysis": "", "KoeQuotes": "", "KoeWorkspace": "`koe quotes` query", "KoeFormats": "`koe import/tag` CSV",
            "KoeRun": "the run's values", "KoeRender": "the list of writers (OutputWriters.swift)", "Yams": "pipeline file",
            "Crypto": "SHA-256 for run.json",
        ],
        "koe": [
            "KoePipeline": "", "KoeCore": "", "KoeText": "", "KoeSurvey": "", "KoeWorkshop": "", "KoeTagging": "",
            "KoeSegments": "", "KoeFormats": "", "KoeRender": "", "KoeRun": "", "KoeQuotes": "", "KoeWorkspace": "",
            "KoeServe": "`koe serve`", "ArgumentParser": "subcommands",
        ],
        "KoeServe": [
            "KoeCore": "shared values", "KoeText": "tokens of a tried keyword", "KoeTagging": "codebook tried on the workspace",
            "KoeQuotes": "printed quotes", "KoeWorkspace": "koe.sqlite", "KoeRender": "quote list formats",
            "KoeReport": "the overview drawn as report.html draws it",
            "KoePipeline": "`koe quotes` search shared", "Yams": "codebook saved", "Hummingbird": "HTTP server",
            "Logging": "server logger", "HTTPTypes": "request and response fields", "Glibc": "rename(2) for the codebook save",
        ],
        // System-library and C targets import nothing from Swift.
        "CKoeICU": [:], "CLibXML2": [:], "CKoeZlib": [:], "CSQLite": [:],
    ]

    /// Files of a module that must stay apart from modules the module itself may use: the analysis loop knows no
    /// output format.
    static let fileRules: [(files: [String], forbidden: Set<String>, why: String)] = [
        (
            ["KoePipeline/BatchProcessor.swift", "KoePipeline/ParallelJob.swift", "KoePipeline/OpinionAnalyzer.swift"],
            ["KoeRender", "KoeFormats", "KoeWorkspace", "KoeReport", "KoeRun"],
            "the analysis loop is independent of any output format (writers hand in a WorkerStep)"
        )
    ]

    static let alwaysAllowed: Set<String> = ["Foundation", "Dispatch"]

    static let sources = SampleRunTests.root.appendingPathComponent("Sources")

    /// Every `import` of every Swift file under Sources/, by module and file.
    static func imports() throws -> [(module: String, file: String, imported: String)] {
        var found: [(String, String, String)] = []
        let fm = FileManager.default
        for module in try fm.contentsOfDirectory(atPath: sources.path).sorted() {
            let dir = sources.appendingPathComponent(module)
            guard let walker = fm.enumerator(atPath: dir.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                        words[..<i].allSatisfy({ $0.hasPrefix("@") || ["public", "package", "internal"].contains($0) })
                    else { continue }
                    let name = String(words[i + 1])
                    found.append((module, "\(module)/\(path)", name))
                }
            }
        }
        return found
    }

    func testEveryImportIsAllowed() throws {
        let imports = try Self.imports()
        XCTAssertGreaterThan(imports.count, 100, "no imports found under \(Self.sources.path)")
        var problems: [String] = []
        for (module, file, imported) in imports where !Self.alwaysAllowed.contains(imported) {
            guard let allowed = Self.allowed[module] else {
                problems.append("\(module): a module missing from ModuleRuleTests.allowed (and README's map)")
                continue
            }
            if allowed[imported] == nil && imported != module {
                problems.append("Sources/\(file) imports \(imported), which \(module) may not use")
            }
            for rule in Self.fileRules where rule.files.contains(file) && rule.forbidden.contains(imported) {
                problems.append("Sources/\(file) imports \(imported): \(rule.why)")
            }
        }
        XCTAssertEqual(Array(Set(problems)).sorted(), [])
    }

    /// Package.swift declares no dependency the table forbids.
    func testPackageDependenciesAreAllowed() throws {
        let manifest = try String(contentsOf: SampleRunTests.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = Self.targets(in: manifest)
        XCTAssertGreaterThan(targets.count, 10, "no targets parsed from Package.swift")
        var problems: [String] = []
        for (name, dependencies) in targets.sorted(by: { $0.key < $1.key }) {
            guard let allowed = Self.allowed[name] else {
                problems.append("\(name): a target missing from ModuleRuleTests.allowed (and README's map)")
                continue
            }
            for dependency in dependencies where allowed[dependency] == nil {
                problems.append("Package.swift: \(name) depends on \(dependency), which the rule forbids")
            }
        }
        XCTAssertEqual(problems, [])
    }

    /// The rule check itself catches a forbidden import (so a green run means something).
    func testRuleRejectsAWriterImportInTheAnalysisLoop() {
        XCTAssertNil(Self.allowed["KoeAnalysis"]?["KoeRender"])
        XCTAssertTrue(Self.fileRules[0].forbidden.contains("KoeRender"))
        let targets = Self.targets(in: #".target(name: "KoeQuotes", dependencies: ["KoeCore", "KoeRender"]),"#)
        XCTAssertEqual(targets["KoeQuotes"], ["KoeCore", "KoeRender"])
    }

    /// Source targets (not test targets) of a manifest with their dependencies (target and product names).
    static func targets(in manifest: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        let starts = [".target(", ".executableTarget(", ".systemLibrary("]
        var rest = Substring(manifest)
        while let range = starts.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            // The call's text: up to the matching parenthesis.
            var depth = 0
            var end = range.upperBound
            var i = rest.index(before: range.upperBound)
            while i < rest.endIndex {
                if rest[i] == "(" { depth += 1 }
                if rest[i] == ")" {
                    depth -= 1
                    if depth == 0 {
                        end = rest.index(after: i)
                        break
                    }
                }
                i = rest.index(after: i)
            }
            let call = rest[range.lowerBound..<end]
            rest = rest[end...]
            guard let name = Self.quoted(after: "name: ", in: call).first else { continue }
            var dependencies: [String] = []
            if let deps = call.range(of: "dependencies: [") {
                let list = call[deps.upperBound...].prefix { $0 != "]" }
                // A product is named by its `name:`; plain strings are targets.
                let products = Self.quoted(after: ".product(name: ", in: list)
                let plain = list.replacingOccurrences(
                    of: #"\.product\(name: "[^"]*", package: "[^"]*"\)"#, with: "", options: .regularExpression)
                dependencies = Self.quoted(after: "", in: Substring(plain)) + products
            }
            result[name] = dependencies
        }
        return result
    }

    /// Quoted strings that follow `prefix` in `text`.
    static func quoted(after prefix: String, in text: Substring) -> [String] {
        let pattern = NSRegularExpression.escapedPattern(for: prefix) + #""([^"]+)""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let s = String(text)
        return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { match in
            Range(match.range(at: 1), in: s).map { String(s[$0]) }
        }
    }
}
