import Foundation
import Testing
import TestSupport

/// `socialrec serve` started from the test on a free loopback port and called with curl, as a
/// product engineer would: every endpoint, every error path, a checkpoint that `train` writes while
/// requests arrive, and SIGTERM.
@Suite(.serialized) struct ServeTests {
    /// A running server: its process, port and output file.
    final class Server {
        let process = Process()
        let output: URL
        var port = 0

        init(in dir: TemporaryDirectory) throws {
            output = dir.url.appendingPathComponent("serve-\(UUID().uuidString).out")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--port", "0", "--threads", "2"]
            process.currentDirectoryURL = dir.url
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while port == 0 && Date() < deadline && process.isRunning {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on http://127.0.0.1:") }) {
                    port = Int(line.split(separator: ":").last!) ?? 0
                } else {
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }

        var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// `curl` the path: (status, body).
        func call(_ path: String, method: String = "GET", body: String? = nil, bodyFile: URL? = nil) throws -> (status: Int, body: String) {
            var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, "http://127.0.0.1:\(port)\(path)"]
            if let body { arguments += ["--data-binary", body] }
            if let bodyFile { arguments += ["--data-binary", "@\(bodyFile.path)"] }
            let result = try CLI.run(arguments, in: output.deletingLastPathComponent(), program: URL(fileURLWithPath: "/usr/bin/curl"))
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    static func items(_ person: Any) -> [String] {
        ((person as? [String: Any])?["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["item"] as? String }
    }

    static func sample(_ dir: TemporaryDirectory) throws {
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        let imported = try CLI.run(["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv",
                                    "--items", "\(data)/items.tsv"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// Runs `body` against a server on the imported sample, trained first or not.
    static func withServer(trained: Bool, _ body: (TemporaryDirectory, Server) throws -> Void) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try sample(dir)
        if trained { #expect(try CLI.run(["train"], in: dir.url).status == 0) }
        let server = try Server(in: dir)
        defer { server.stop() }
        try #require(server.port > 0, "the server did not start: \(server.log)")
        try body(dir, server)
    }

    @Test func everyEndpointAnswersAsTheCommandLineDoes() throws {
        try Self.withServer(trained: true) { dir, server in

            for user in ["u001", "u002", "u150"] {
                let answer = try server.call("/v1/users/\(user)/recommendations?k=5&explain=true")
                #expect(answer.status == 200)
                let cli = try CLI.run(["recommend", user, "-k", "5", "--explain", "--format", "json"], in: dir.url)
                let expected = (try Self.json(cli.stdout) as! [Any])[0]
                #expect(Self.items(try Self.json(answer.body)) == Self.items(expected), "\(user)")
                #expect(NSDictionary(dictionary: try Self.json(answer.body) as! [String: Any]).isEqual(to: expected as! [String: Any]), "\(user): the whole body")
                #expect(try server.call("/v1/users/\(user)/recommendations?k=5&explain=true").body == answer.body, "\(user): the kept answer")
                let shorter = try server.call("/v1/users/\(user)/recommendations?k=3")
                #expect(Self.items(try Self.json(shorter.body)) == Array(Self.items(expected).prefix(3)), "\(user): k is part of the key")
            }
            // A newcomer, adapted per request and stored nowhere.
            try dir.write("new.tsv", "newbie\ta001\nnewbie\ta002\nnewbie\ta003\n")
            try dir.write("new-friends.tsv", "newbie\tu001\nnewbie\tu002\n")
            let cli = try CLI.run(["recommend", "--support", "new.tsv", "--friends", "new-friends.tsv", "-k", "4", "--format", "json"], in: dir.url)
            let posted = try server.call("/v1/recommendations", method: "POST", body: #"{"items": ["a001", "a002", "a003"], "friends": ["u001", "u002"], "k": 4}"#)
            #expect(posted.status == 200, "\(posted.body)")
            #expect(Self.items(try Self.json(posted.body)) == Self.items((try Self.json(cli.stdout) as! [Any])[0]))

            let svg = try server.call("/v1/users/u001/ego.svg?recommendations=3")
            #expect(svg.status == 200 && svg.body.contains("<svg") && svg.body.contains("person:u001"))
            let health = try Self.json(try server.call("/v1/health").body) as! [String: Any]
            #expect(health["status"] as? String == "ok" && health["checkpoint"] as? Int == 1 && health["method"] as? String == "social-maml")
            #expect((health["datasetFingerprint"] as? String)?.isEmpty == false)

            // Every bad request gets its 4xx and a sentence, and the server keeps serving.
            let errors: [(String, String, String?, Int, String)] = [
                ("GET", "/v1/users/nobody/recommendations", nil, 404, "no user 'nobody'"),
                ("GET", "/v1/users/u001/recommendations?k=0", nil, 400, "k must be a whole number in 1…1000"),
                ("GET", "/v1/users/u001/recommendations?k=100000", nil, 400, "k must be a whole number in 1…1000"),
                ("GET", "/v1/users/u001/recommendations?explain=maybe", nil, 400, "explain must be true or false"),
                ("GET", "/v1/users/u001/ego.svg?hops=3", nil, 400, "hops must be a whole number in 1…2"),
                ("GET", "/v1/users/nobody/ego.svg", nil, 404, "no user 'nobody'"),
                ("POST", "/v1/recommendations", "{not json", 400, "not JSON"),
                ("POST", "/v1/recommendations", #"{"friends": ["u001"]}"#, 400, "no \\\"items\\\""),
                ("POST", "/v1/recommendations", #"{"items": ["zzz"]}"#, 400, "unknown item 'zzz'"),
                ("POST", "/v1/recommendations", #"{"items": [], "friends": ["ghost"]}"#, 400, "unknown friend 'ghost'"),
                ("POST", "/v1/recommendations", #"{"items": [], "k": -3}"#, 400, "k must be in 1…1000"),
                ("POST", "/v1/recommendations", #"{"items": [], "explain": null}"#, 400, "\\\"explain\\\" has the wrong type"),
                ("DELETE", "/v1/users/u001/recommendations", nil, 405, "DELETE is not allowed here; use GET"),
            ]
            for (method, path, body, status, message) in errors {
                let answer = try server.call(path, method: method, body: body)
                #expect(answer.status == status, "\(method) \(path): \(answer.status) \(answer.body)")
                #expect(answer.body.contains(message), "\(method) \(path): \(answer.body)")
            }
            let big = dir.url.appendingPathComponent("big.json")
            try Data(repeating: UInt8(ascii: " "), count: 70_000).write(to: big)
            #expect(try server.call("/v1/recommendations", method: "POST", bodyFile: big).status == 413)
            let metrics = try server.call("/metrics").body
            #expect(metrics.contains(#"socialrec_requests_total{endpoint="recommendations",status="200"} 9"#), "\(metrics)")
            #expect(metrics.contains(#"socialrec_requests_total{endpoint="newcomer",status="400"} 6"#))
            #expect(metrics.contains(#"socialrec_request_duration_seconds_count{endpoint="ego"}"#))
            #expect(try server.call("/v1/health").status == 200, "still serving")
        }
    }

    @Test func aNewCheckpointIsPickedUpUnderLoadAndSIGTERMEndsCleanly() throws {
        try Self.withServer(trained: false) { dir, server in
            let before = try Self.json(try server.call("/v1/health").body) as! [String: Any]
            #expect(before["checkpoint"] == nil, "no model yet: social popularity")

            // 200 requests, 20 at a time, while `train` writes its checkpoint.
            let training = Process()
            training.executableURL = CLI.binary
            training.arguments = ["train"]
            training.currentDirectoryURL = dir.url
            training.standardOutput = FileHandle.nullDevice
            training.standardError = FileHandle.nullDevice
            try training.run()
            let urls = (0..<200).map { "http://127.0.0.1:\(server.port)/v1/users/u\(String(format: "%03d", 1 + $0 % 150))/recommendations?k=5" }
            let load = try CLI.run(["-s", "-w", "%{http_code}\n", "--parallel", "--parallel-max", "20"] + urls.flatMap { ["-o", "/dev/null", $0] }, in: dir.url,
                                   program: URL(fileURLWithPath: "/usr/bin/curl"))
            training.waitUntilExit()
            #expect(training.terminationStatus == 0)
            let codes = load.stdout.split(separator: "\n")
            #expect(codes.count == 200 && codes.allSatisfy { $0 == "200" }, "\(Set(codes))")

            Thread.sleep(forTimeInterval: 1)  // past the poll interval
            let after = try Self.json(try server.call("/v1/health").body) as! [String: Any]
            #expect(after["checkpoint"] as? Int == 1, "the model switched: \(after)")
            let answer = try server.call("/v1/users/u001/recommendations?k=5")
            let cli = try CLI.run(["recommend", "u001", "-k", "5", "--format", "json"], in: dir.url)
            #expect(Self.items(try Self.json(answer.body)) == Self.items((try Self.json(cli.stdout) as! [Any])[0]), "served by the new model")

            server.process.terminate()
            server.process.waitUntilExit()
            #expect(server.process.terminationStatus == 0)
            #expect(server.log.hasSuffix("stopped\n"), "\(server.log)")
        }
    }

    @Test func theOpenAPIDocumentHoldsUnderSchemathesis() throws {
        try Self.withServer(trained: true) { dir, server in

            // Every check schemathesis has: no 5xx, every status and body as the document declares,
            // bad input refused, and 405 for a method a path does not answer. Bounded and seeded.
            let root = Datasets.projectRoot
            let fuzz = try CLI.run(["schemathesis", "--config-file", root.appendingPathComponent("Tests/Fixtures/schemathesis.toml").path,
                                    "run", root.appendingPathComponent("docs/openapi.yaml").path, "--url", "http://127.0.0.1:\(server.port)",
                                    "--checks", "all", "--max-examples", "60", "--workers", "1", "--seed", "1", "--no-color"],
                                   in: dir.url, program: URL(fileURLWithPath: "/usr/bin/env"))
            #expect(fuzz.status == 0, "schemathesis (installed by tools/setup) found a failure:\n\(fuzz.stdout.suffix(6_000))\n\(fuzz.stderr)")
            #expect(fuzz.stdout.contains("No issues found"), "\(fuzz.stdout.suffix(2_000))")
            #expect(try server.call("/v1/health").status == 200, "still serving")
        }
    }

    @Test func SIGTERMLetsTheRequestsInFlightFinish() throws {
        try Self.withServer(trained: true) { dir, server in

            // Drawings are the slowest answers (one at a time through Graphviz), so many are queued on
            // open connections when the signal arrives. Every one of them must still end as a whole 200.
            let load = Process()
            load.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            let urls = (0..<120).map { "http://127.0.0.1:\(server.port)/v1/users/u\(String(format: "%03d", 1 + $0 % 150))/ego.svg?hops=2&recommendations=10" }
            load.arguments = ["-s", "-w", "%{http_code} %{exitcode} %{size_download}\n", "--parallel", "--parallel-max", "30"] + urls.flatMap { ["-o", "/dev/null", $0] }
            let output = Pipe()
            load.standardOutput = output
            load.standardError = FileHandle.nullDevice
            try load.run()
            Thread.sleep(forTimeInterval: 0.5)
            try #require(load.isRunning, "the load ended before the signal; the test needs slower requests")
            server.process.terminate()
            let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
            load.waitUntilExit()
            server.process.waitUntilExit()

            #expect(server.process.terminationStatus == 0 && server.log.hasSuffix("stopped\n"), "\(server.log)")
            #expect(lines.count == 120 && lines.allSatisfy { $0.hasPrefix("200 0 ") && !$0.hasSuffix(" 0") },
                    "every request in flight finished: \(Set(lines.map { $0.prefix(5) }))")
        }
    }
}
