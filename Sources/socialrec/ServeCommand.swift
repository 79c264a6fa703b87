import ArgumentParser
import Foundation
import GraphvizExport
import Hummingbird
import NIOPosix
import RecData
import Recommenders
import SocialGraphModule
import Store
import Synchronization

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recommendations over HTTP: known users, newcomers adapted per request, ego drawings.",
        discussion: """
            The database is opened read-only and the dataset and newest checkpoint are kept in memory; a \
            checkpoint that `train` saves later is picked up between requests (a request finishes on the \
            model it started with). SIGINT or SIGTERM stops the server once requests in flight are done. \
            The API is described in docs/openapi.yaml.

              socialrec serve --port 8080
              curl 'http://127.0.0.1:8080/v1/users/2/recommendations?k=5&explain=true'
              curl -X POST http://127.0.0.1:8080/v1/recommendations -d '{"items": ["51", "89"], "friends": ["2"], "k": 5}'
            """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed when listening).")
    var port = 8080

    @Option(help: "Event-loop threads (default: one per core).")
    var threads: Int?

    @Option(help: ArgumentHelp("Known users' answers each model keeps in memory (0: compute every answer).",
                               discussion: "A known user's list changes only with a new checkpoint, which starts an empty cache."))
    var cache = 100_000

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0…65535") }
        if let threads { guard (1...256).contains(threads) else { throw ValidationError("--threads must be in 1…256") } }
        guard cache >= 0 else { throw ValidationError("--cache must be 0 or more") }
    }

    func run() async throws {
        let state: ServingState
        do {
            state = try ServingState(path: database.db, cacheLimit: cache)
        } catch {
            Terminal.error(String(describing: error))
            throw ExitCode.failure
        }
        let api = ServingAPI(state: state)
        let group = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
        let app = Application(
            router: api.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "socialrec"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(bound)\n".utf8))
            },
            eventLoopGroupProvider: group.map { .shared($0) } ?? .singleton)
        try await app.runService()
        FileHandle.standardOutput.write(Data("stopped\n".utf8))
    }
}

/// The endpoints, answering from `ServingState`: JSON in and out with original IDs, errors as
/// `{"error": "…"}` with a 4xx status.
final class ServingAPI: Sendable {
    let state: ServingState
    let metrics = ServingMetrics()
    /// Graphviz is not thread-safe: one drawing at a time.
    private let drawing = Mutex(())
    static let maxBody = 64 * 1024
    static let maxK = 1_000

    init(state: ServingState) { self.state = state }

    struct Failure: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/v1/users/:id/recommendations") { [self] request, context in
            try await measured("recommendations") { try recommendations(request, context) }
        }
        router.post("/v1/recommendations") { [self] request, context in
            let body = try? await request.body.collect(upTo: Self.maxBody)
            return try await measured("newcomer") {
                guard let body else { throw Failure(status: .contentTooLarge, message: "the body is over \(Self.maxBody) bytes") }
                return try newcomer(Data(buffer: body))
            }
        }
        router.get("/v1/users/:id/ego.svg") { [self] request, context in
            try await measured("ego") { try ego(request, context) }
        }
        router.get("/v1/health") { [self] _, _ in
            try await measured("health") { try health() }
        }
        router.get("/metrics") { [self] _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
        router.add(middleware: RefuseOtherMethods())
        return router
    }

    private func measured(_ endpoint: String, _ answer: () throws -> Response) async throws -> Response {
        let started = Date()
        let response: Response
        do {
            response = try answer()
        } catch let failure as Failure {
            response = Self.json(["error": failure.message], status: failure.status)
        }
        metrics.record(endpoint: endpoint, status: Int(response.status.code), seconds: Date().timeIntervalSince(started))
        return response
    }

    private func recommendations(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let snapshot = state.snapshot()
        let user = try knownUser(context, snapshot)
        let k = try Self.integer(request, "k", default: 10, in: 1...Self.maxK)
        let explain = try Self.flag(request, "explain")
        let body = snapshot.answers.answer(.init(user: user, k: k, explain: explain)) {
            let index = snapshot.visible.interactions
            let person = Person(id: snapshot.dataset.users.externalID(user),
                                request: RecommendationRequest(user: user, supportItems: Array(index.items(of: user)),
                                                               supportValues: Array(index.values(of: user))))
            return Self.encoded(Self.answer(person, snapshot: snapshot, k: k, explain: explain))
        }
        return Self.response(body)
    }

    /// The optional fields may be left out but not sent as `null`: the OpenAPI document does not
    /// declare them nullable, and a client that sends `null` has a bug worth hearing about.
    struct NewcomerBody: Decodable {
        var items: [String]
        var friends: [String]?
        var k: Int?
        var explain: Bool?

        enum CodingKeys: String, CodingKey { case items, friends, k, explain }

        init(from decoder: Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            func optional<T: Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T? {
                guard fields.contains(key) else { return nil }
                return try fields.decode(type, forKey: key)
            }
            items = try fields.decode([String].self, forKey: .items)
            friends = try optional([String].self, .friends)
            k = try optional(Int.self, .k)
            explain = try optional(Bool.self, .explain)
        }
    }

    private func newcomer(_ body: Data) throws -> Response {
        let snapshot = state.snapshot()
        let parsed: NewcomerBody
        do { parsed = try JSONDecoder().decode(NewcomerBody.self, from: body) } catch {
            throw Failure(status: .badRequest, message: "the body is not {\"items\": [...], \"friends\": [...], \"k\": n}: \(Self.reason(error))")
        }
        let k = parsed.k ?? 10
        guard (1...Self.maxK).contains(k) else { throw Failure(status: .badRequest, message: "k must be in 1…\(Self.maxK), not \(k)") }
        let dataset = snapshot.dataset
        let items = try parsed.items.map { id in
            try dataset.items.index(of: id).orFail(Failure(status: .badRequest, message: "unknown item '\(id)'"))
        }
        let friends = try (parsed.friends ?? []).map { id in
            try dataset.users.index(of: id).orFail(Failure(status: .badRequest, message: "unknown friend '\(id)' (not a user in the database)"))
        }
        let person = Person(id: "newcomer", request: RecommendationRequest(user: nil, supportItems: items, friends: friends))
        return Self.encode(Self.answer(person, snapshot: snapshot, k: k, explain: parsed.explain ?? false))
    }

    private func ego(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let snapshot = state.snapshot()
        let user = try knownUser(context, snapshot)
        let hops = try Self.integer(request, "hops", default: 1, in: 1...2)
        let count = try Self.integer(request, "recommendations", default: 0, in: 0...50)
        let (picture, _) = EgoCommand.drawing(of: user, in: snapshot.dataset, visible: snapshot.visible, model: snapshot.model,
                                              hops: hops, maxNodes: 200, recommendations: count)
        let svg: Data
        do { svg = try drawing.withLock { _ in try GraphvizRenderer().render(picture, layout: .sfdp, format: .svg) } } catch {
            throw Failure(status: .unprocessableContent, message: "could not draw: \(error)")
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(bytes: svg)))
    }

    private func health() throws -> Response {
        let snapshot = state.snapshot()
        struct Health: Encodable {
            var status = "ok"
            var checkpoint: Int64?
            var method: String?
            var datasetFingerprint: String
            var uptimeSeconds: Double
        }
        return Self.encode(Health(checkpoint: snapshot.model?.checkpoint, method: snapshot.model?.model.configuration.method.rawValue,
                                  datasetFingerprint: snapshot.dataset.fingerprint,
                                  uptimeSeconds: (Date().timeIntervalSince(state.started) * 1000).rounded() / 1000))
    }

    /// The list `recommend --format json` gives for the same person.
    static func answer(_ person: Person, snapshot: ServingState.Snapshot, k: Int, explain: Bool) -> RecommendationOutput.JSONPerson {
        let result = RecommendationOutput.result(for: person, by: snapshot.recommender, count: k, explain: explain)
        return RecommendationOutput(dataset: snapshot.dataset, graph: snapshot.dataset.graph, explain: explain).people([result])[0]
    }

    private func knownUser(_ context: BasicRequestContext, _ snapshot: ServingState.Snapshot) throws -> Int32 {
        let id = context.parameters.get("id") ?? ""
        guard let user = snapshot.dataset.users.index(of: id) else { throw Failure(status: .notFound, message: "no user '\(id)'") }
        return user
    }

    private static func integer(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw Failure(status: .badRequest, message: "\(name) must be a whole number in \(range.lowerBound)…\(range.upperBound), not '\(text)'")
        }
        return n
    }

    private static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let text = request.uri.queryParameters.get(name) else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Failure(status: .badRequest, message: "\(name) must be true or false, not '\(text)'")
        }
    }

    private static func reason(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "no \"\(key.stringValue)\""
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            "\"\(c.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case .dataCorrupted?: "not JSON"
        default: "unreadable"
        }
    }

    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        response(encoded(value), status: status)
    }

    static func encoded(_ value: some Encodable) -> Data {
        (try? JSONEncoder.reproducible(prettyPrinted: true).encode(value)) ?? Data("{}".utf8)
    }

    static func response(_ json: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    static func json(_ value: [String: String], status: HTTPResponse.Status) -> Response { encode(value, status: status) }
}

extension Optional {
    fileprivate func orFail(_ error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}

/// A known path asked with another method gets 405 and the `Allow` header (RFC 9110 §15.5.6), not
/// the 404 of a path that does not exist.
struct RefuseOtherMethods: RouterMiddleware {
    /// Each path and the one method it answers; the router and the OpenAPI document list the same.
    static let routes: [(path: [Substring], method: HTTPRequest.Method)] = ([
        ("/v1/users/:id/recommendations", .get), ("/v1/recommendations", .post), ("/v1/users/:id/ego.svg", .get),
        ("/v1/health", .get), ("/metrics", .get),
    ] as [(String, HTTPRequest.Method)]).map { ($0.0.split(separator: "/"), $0.1) }

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let asked = request.uri.path.split(separator: "/")
            guard let route = Self.routes.first(where: { route in
                route.path.count == asked.count && zip(route.path, asked).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
            }), route.method != request.method else { throw error }
            var response = ServingAPI.json(["error": "\(request.method.rawValue) is not allowed here; use \(route.method.rawValue)"],
                                           status: .methodNotAllowed)
            response.headers[.allow] = route.method.rawValue
            return response
        }
    }
}
