// ServeServer — koe serve's HTTP transport on Hummingbird 2: every request, whatever its path, goes to the
// Workbench (which checks host, password, token and CSRF first); the server binds loopback unless told.
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Adapts Hummingbird requests to the Workbench.
struct WorkbenchResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let workbench: Workbench

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // HTTP/1's Host header arrives as the request's authority.
        if let authority = request.head.authority { headers["host"] = authority }
        let buffer = try await request.body.collect(upTo: 256 * 1024)
        let body = Data(buffer.readableBytesView)
        let query = request.uri.query.map(WorkbenchRequest.parseQuery) ?? [:]
        let handled = workbench.handle(
            WorkbenchRequest(method: request.method.rawValue, path: request.uri.path, query: query, headers: headers, body: body))
        var fields = HTTPFields()
        for (name, value) in handled.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: handled.status)
        let bytes = request.method == .head ? ByteBuffer() : ByteBuffer(bytes: handled.body)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: bytes))
    }
}

/// Runs the workbench's server until interrupted.
public enum ServeServer {
    /// Serves `workbench` on `host:port` (port 0: any free port); `started` gets the bound port once listening.
    public static func run(
        _ workbench: Workbench, host: String, port: Int, started: @escaping @Sendable (Int) -> Void
    ) async throws {
        var logger = Logger(label: "koe-serve")
        logger.logLevel = .critical
        let app = Application(
            responder: WorkbenchResponder(workbench: workbench),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in started(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }
}
