// swift-tools-version: 6.0
// koe — turns citizens' survey answers and workshop notes into what a comprehensive-plan team needs.
import PackageDescription

let package = Package(
    name: "koe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "koe", targets: ["koe"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C shim over system ICU (word break, NFKC, converters). Its public header includes no ICU
        // header, so it coexists with Foundation's private ICU (see docs/development.md). It also holds the
        // near-duplicate MinHash kernel (koe_minhash.c: AVX-512/AVX2, chosen at run time; no ICU).
        .target(
            name: "CKoeICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        // System libxml2; the module map's header undefines LIBXML_ICU_ENABLED.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // System zlib for koe's own bounded inflate of zip entries.
        .systemLibrary(name: "CKoeZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // System SQLite (with FTS5) for the workspace, koe.sqlite.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "KoeCore"),
        .target(
            name: "KoeText",
            dependencies: ["KoeCore", "CKoeICU"],
            resources: [.copy("Resources/variants.tsv")]
        ),
        .target(
            name: "KoeXML",
            dependencies: ["KoeCore", "CLibXML2", "CKoeZlib", "ZIPFoundation"]
        ),
        .target(name: "KoeSurvey", dependencies: ["KoeCore", "KoeText", "KoeXML"]),
        .target(name: "KoeWorkshop", dependencies: ["KoeCore", "KoeText", "KoeXML", "KoeSurvey", "Yams"]),
        .target(name: "KoeSegments", dependencies: ["KoeCore", "KoeText"]),
        .target(
            name: "KoeTagging",
            dependencies: ["KoeCore", "KoeText", "Yams"],
            resources: [
                .copy("Resources/type-cues.tsv"), .copy("Resources/horizon-cues.tsv"), .copy("Resources/question-types.tsv"),
            ]
        ),
        .target(name: "KoeAnalysis", dependencies: ["KoeCore"]),
        .target(
            name: "KoeWorkspace",
            dependencies: ["KoeCore", "KoeAnalysis", "KoeQuotes", "CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
        // Format primitives every writer uses: CSV for Excel, JSON text, buffered files, OOXML (xlsx/docx) packages.
        .target(name: "KoeFormats", dependencies: ["KoeCore", "ZIPFoundation"]),
        // The run's values shared by the pipeline and the writers: RunContext, RunResults, RunTimer, the manifest,
        // and the OutputWriter protocol (no writer's dependencies: no SQLite, Mustache or zip).
        .target(name: "KoeRun", dependencies: ["KoeCore", "KoeAnalysis", "KoeQuotes", "KoeSegments"]),
        // One OutputWriter per output file of `koe run` (and `koe quotes`' list formats).
        .target(
            name: "KoeRender",
            dependencies: [
                "KoeCore", "KoeAnalysis", "KoeQuotes", "KoeWorkspace", "KoeReport", "KoeFormats", "KoeRun", "KoeSegments",
            ]),
        .target(
            name: "KoeQuotes", dependencies: ["KoeCore", "CKoeICU"],
            resources: [
                .copy("Resources/person-names.txt"), .copy("Resources/kept-words.txt"), .copy("Resources/katakana-names.txt"),
            ]),
        // report.html: the page markup is a Mustache template (escaping on by default); charts are SVG drawn here.
        .target(
            name: "KoeReport",
            dependencies: ["KoeCore", "KoeSegments", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources/report.mustache")]
        ),
        .target(
            name: "KoePipeline",
            dependencies: [
                "KoeCore", "KoeText", "KoeSurvey", "KoeWorkshop", "KoeSegments", "KoeTagging",
                "KoeAnalysis", "KoeFormats", "KoeRender", "KoeRun", "KoeQuotes", "KoeWorkspace", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // koe serve: the workbench's request handling (pure, testable) over the workspace, and its HTTP transport.
        .target(
            name: "KoeServe",
            dependencies: [
                "KoeCore", "KoeText", "KoeTagging", "KoeQuotes", "KoeWorkspace", "KoeRender", "KoeReport", "KoePipeline", "Yams",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/web")]
        ),
        .executableTarget(
            name: "koe",
            dependencies: [
                "KoePipeline", "KoeCore", "KoeText", "KoeSurvey", "KoeWorkshop", "KoeTagging",
                "KoeSegments", "KoeFormats", "KoeRender", "KoeRun", "KoeQuotes", "KoeWorkspace", "KoeServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KoeCoreTests", dependencies: ["KoeCore"]),
        .testTarget(name: "KoeTextTests", dependencies: ["KoeText"]),
        .testTarget(name: "KoeXMLTests", dependencies: ["KoeXML", "KoeCore", "ZIPFoundation"]),
        .testTarget(name: "KoeSurveyTests", dependencies: ["KoeSurvey", "KoeText", "KoeXML", "KoeCore", "ZIPFoundation"]),
        .testTarget(name: "KoeWorkshopTests", dependencies: ["KoeWorkshop", "KoeXML", "KoeCore", "ZIPFoundation"]),
        .testTarget(name: "KoeSegmentsTests", dependencies: ["KoeSegments", "KoeCore"]),
        .testTarget(name: "KoeTaggingTests", dependencies: ["KoeTagging", "KoeText", "KoeCore"]),
        .testTarget(name: "KoeAnalysisTests", dependencies: ["KoeAnalysis"]),
        .testTarget(
            name: "KoeRenderTests",
            dependencies: ["KoeRender", "KoeFormats", "KoeRun", "KoeXML", "KoeCore", "KoeAnalysis", "KoeQuotes", "ZIPFoundation"]),
        .testTarget(
            name: "KoeQuotesTests", dependencies: ["KoeQuotes", "KoeCore", "KoeRender", "KoeRun", "KoeWorkspace", "KoePipeline", "KoeXML"]),
        .testTarget(name: "KoeReportTests", dependencies: ["KoeReport", "KoeXML", "KoeCore", "KoeSegments"]),
        .testTarget(name: "KoeWorkspaceTests", dependencies: ["KoeWorkspace", "KoeCore", "KoeAnalysis"]),
        .testTarget(
            name: "KoePipelineTests",
            dependencies: [
                "KoePipeline", "KoeRender", "KoeRun", "KoeFormats", "KoeAnalysis", "KoeSegments", "KoeSurvey", "KoeTagging", "KoeText",
            ]
        ),
        .testTarget(name: "KoeServeTests", dependencies: ["KoeServe", "KoeWorkspace", "KoePipeline", "KoeCore"]),
        .testTarget(name: "KoeEndToEndTests", dependencies: ["KoePipeline", "KoeWorkspace", "KoeQuotes"]),
    ],
    swiftLanguageModes: [.v6]
)
