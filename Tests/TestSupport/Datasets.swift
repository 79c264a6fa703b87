import Foundation

/// Where the shared real datasets live: `../shared/datasets` beside the project's root.
///
/// Tests that read them are enabled only where the folder exists (a user's own clone may not have
/// it); under `CI=true` its absence is a failure of its own (`Datasets.requiredOnCI`), so CI can
/// never pass by skipping them.
public enum Datasets {
    public static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/Datasets.swift
        return url
    }()

    public static let root = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets")

    public static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Why dataset tests are skipped, or nil when they run.
    public static var skipReason: String? {
        available ? nil : "\(root.path) is absent: tests on real datasets are skipped"
    }

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A fresh temporary directory per call, removed by the caller with `cleanUp()` (or left for a look).
public struct TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("socialrec-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    public func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// gzip-compresses bytes with the system's gzip, for reader tests.
public func gzipped(_ text: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -c"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}
