import Foundation
import TestSupport

/// Runs the built `socialrec` binary as a user would, capturing what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("socialrec")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Datasets.projectRoot.appendingPathComponent(".build/debug/socialrec")
    }()

    /// Runs `socialrec arguments…` (or another `program`) in `directory` with standard input closed.
    /// `as user` runs it through `runuser` (the suite must then run as root).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, as user: String? = nil, program: URL = binary) throws -> Result {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", user, "--", program.path] + arguments
        } else {
            process.executableURL = program
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        // Never the standard library's fixed hash seed: with it, an order that leaks from a Set or
        // Dictionary into results would look reproducible here and differ for every user.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        process.environment = environment
        // Files rather than pipes: nothing can block on a full pipe, and no reader thread is needed.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).out")
        let errURL = outURL.deletingPathExtension().appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdoutData = try Data(contentsOf: outURL), stderrData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
