// WorkbenchAssets — the workbench's pages, style sheet and scripts, read once from the module's resources
// into a fixed table: a request path is only ever a key of that table, never a file name, so no path
// (`/../../etc/passwd`, `%2e%2e%2f`, `//etc`) can open a file.
import Foundation

/// The pages and static files, in memory.
struct WorkbenchAssets {
    struct Asset {
        var contentType: String
        var body: String
        /// Pages get the token written into their script and style links.
        var isPage: Bool
    }

    /// Request path → resource file name.
    static let table: [(path: String, file: String)] = [
        ("/", "quotes.html"), ("/codebook", "codebook.html"), ("/overview", "overview.html"),
        ("/static/app.css", "app.css"), ("/static/common.js", "common.js"), ("/static/quotes.js", "quotes.js"),
        ("/static/codebook.js", "codebook.js"), ("/static/overview.js", "overview.js"),
    ]

    let assets: [String: Asset]

    static func load() throws -> WorkbenchAssets {
        guard let folder = Bundle.module.url(forResource: "web", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        var assets: [String: Asset] = [:]
        // The header (title, page links) is one piece, written into every page where it says {{header}}.
        let header = try String(contentsOf: folder.appendingPathComponent("header.html"), encoding: .utf8)
        for (path, file) in table {
            var text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if file.hasSuffix(".html") { text = text.replacingOccurrences(of: "{{header}}\n", with: header) }
            let type: String
            switch (file as NSString).pathExtension {
            case "html": type = "text/html; charset=utf-8"
            case "css": type = "text/css; charset=utf-8"
            default: type = "text/javascript; charset=utf-8"
            }
            assets[path] = Asset(contentType: type, body: text, isPage: file.hasSuffix(".html"))
        }
        return WorkbenchAssets(assets: assets)
    }

    /// The asset at exactly `path`, or nil.
    func response(for path: String, token: String) -> WorkbenchResponse? {
        guard let asset = assets[path] else { return nil }
        let body = asset.isPage ? asset.body.replacingOccurrences(of: "{{token}}", with: token) : asset.body
        return WorkbenchResponse(status: 200, contentType: asset.contentType, body: Data(body.utf8))
    }
}
